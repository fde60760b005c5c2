import Button from '@atlaskit/button/new';
import { ErrorMessage } from '@atlaskit/form';
import { useState } from 'react';
import { autoTicketEndpoints, type AutoTicketRuleWire } from '../../../../../../src/contract/auto-ticket';
import { callEndpoint } from '../../../bridge/call-endpoint';
import { type RuleFieldProps } from './rule-target-fields';
import { useLookup, withCurrent } from './use-lookup';

type Assignee = AutoTicketRuleWire['assignee'];
type Mapping = Extract<Assignee, { type: 'mapping' }>;

/**
 * Who gets a rule's tickets: nobody, one user (searched among the users assignable in the rule's
 * project), or a mapping from repository or ZeroPath tag to a user, with an optional fallback.
 */
export function AssigneePicker({
  rule,
  onChange,
  errors,
}: Pick<RuleFieldProps, 'rule' | 'onChange'> & {
  /** The server's messages for anything under this rule's `assignee` (entries included). */
  errors: readonly string[];
}) {
  const assignee = rule.assignee;
  const set = (next: Assignee) => onChange({ ...rule, assignee: next });
  const id = (suffix: string) => `${rule.id}-assignee-${suffix}`;
  const projectId = rule.jiraProjectId;

  return (
    <div role="group" aria-label="Who gets the tickets">
      <label htmlFor={id('mode')}>Assignee</label>
      <select
        id={id('mode')}
        value={assignee.type}
        onChange={(e) => {
          const type = e.currentTarget.value;
          set(
            type === 'fixed'
              ? { type: 'fixed', accountId: '' }
              : type === 'mapping'
                ? { type: 'mapping', byRepository: [], byTag: [] }
                : { type: 'none' },
          );
        }}
      >
        <option value="none">Unassigned</option>
        <option value="fixed">One user</option>
        <option value="mapping">By repository or tag</option>
      </select>
      {assignee.type !== 'none' && projectId === '' && (
        <p>Choose a Jira project first: users are searched there.</p>
      )}
      {assignee.type === 'fixed' && projectId !== '' && (
        <UserPicker
          id={id('fixed')}
          label="User"
          projectId={projectId}
          value={assignee.accountId}
          onChange={(accountId) => set({ type: 'fixed', accountId })}
        />
      )}
      {assignee.type === 'mapping' && projectId !== '' && (
        <MappingEditor mapping={assignee} projectId={projectId} idPrefix={id('map')} onChange={set} />
      )}
      {[...new Set(errors)].map((message) => (
        <ErrorMessage key={message}>{message}</ErrorMessage>
      ))}
    </div>
  );
}

function MappingEditor({
  mapping,
  projectId,
  idPrefix,
  onChange,
}: {
  mapping: Mapping;
  projectId: string;
  idPrefix: string;
  onChange: (next: Mapping) => void;
}) {
  const repositories = useLookup(
    () => callEndpoint(autoTicketEndpoints.lookupRepositories, {}),
    (v) => v.repositories.map((r) => ({ value: r.id, label: r.name, tags: r.tags })),
    [],
  );
  const repoOptions = repositories.options;
  // Tags are offered as ZeroPath has them on repositories now; a saved tag stays selectable.
  const tagOptions = [...new Set(repoOptions.flatMap((o) => o.tags))]
    .sort()
    .map((tag) => ({ value: tag, label: tag }));

  const without = (next: Partial<Mapping>, dropFallback = false): Mapping => {
    const merged: Mapping = { ...mapping, ...next };
    if (!dropFallback) return merged;
    const { fallbackAccountId: _dropped, ...rest } = merged;
    return rest;
  };

  return (
    <div>
      {repositories.error !== undefined && <ErrorMessage>{repositories.error}</ErrorMessage>}
      <fieldset aria-label="By repository">
        <legend>By repository (checked first)</legend>
        {mapping.byRepository.map((entry, index) => (
          <div key={`repo-${index}`}>
            <label htmlFor={`${idPrefix}-repo-${index}`}>Repository {index + 1}</label>
            <select
              id={`${idPrefix}-repo-${index}`}
              value={entry.repositoryId}
              onChange={(e) =>
                onChange(
                  without({
                    byRepository: mapping.byRepository.map((r, i) =>
                      i === index ? { ...r, repositoryId: e.currentTarget.value } : r,
                    ),
                  }),
                )
              }
            >
              <option value="">Choose a repository</option>
              {withCurrent(repoOptions, entry.repositoryId, `${entry.repositoryId} (saved)`).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <UserPicker
              id={`${idPrefix}-repo-${index}-user`}
              label={`User for repository ${index + 1}`}
              projectId={projectId}
              value={entry.accountId}
              onChange={(accountId) =>
                onChange(
                  without({
                    byRepository: mapping.byRepository.map((r, i) => (i === index ? { ...r, accountId } : r)),
                  }),
                )
              }
            />
            <Button
              appearance="subtle"
              onClick={() =>
                onChange(without({ byRepository: mapping.byRepository.filter((_, i) => i !== index) }))
              }
            >
              {`Remove repository ${index + 1}`}
            </Button>
          </div>
        ))}
        <Button
          onClick={() =>
            onChange(
              without({ byRepository: [...mapping.byRepository, { repositoryId: '', accountId: '' }] }),
            )
          }
        >
          Add repository
        </Button>
      </fieldset>
      <fieldset aria-label="By tag">
        <legend>By ZeroPath tag (when no repository entry matches)</legend>
        {mapping.byTag.map((entry, index) => (
          <div key={`tag-${index}`}>
            <label htmlFor={`${idPrefix}-tag-${index}`}>Tag {index + 1}</label>
            <select
              id={`${idPrefix}-tag-${index}`}
              value={entry.tag}
              onChange={(e) =>
                onChange(
                  without({
                    byTag: mapping.byTag.map((t, i) =>
                      i === index ? { ...t, tag: e.currentTarget.value } : t,
                    ),
                  }),
                )
              }
            >
              <option value="">Choose a tag</option>
              {withCurrent(tagOptions, entry.tag, `${entry.tag} (saved)`).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <UserPicker
              id={`${idPrefix}-tag-${index}-user`}
              label={`User for tag ${index + 1}`}
              projectId={projectId}
              value={entry.accountId}
              onChange={(accountId) =>
                onChange(
                  without({ byTag: mapping.byTag.map((t, i) => (i === index ? { ...t, accountId } : t)) }),
                )
              }
            />
            <Button
              appearance="subtle"
              onClick={() => onChange(without({ byTag: mapping.byTag.filter((_, i) => i !== index) }))}
            >
              {`Remove tag ${index + 1}`}
            </Button>
          </div>
        ))}
        <Button onClick={() => onChange(without({ byTag: [...mapping.byTag, { tag: '', accountId: '' }] }))}>
          Add tag
        </Button>
      </fieldset>
      <UserPicker
        id={`${idPrefix}-fallback`}
        label="Otherwise assign to"
        emptyLabel="Unassigned"
        projectId={projectId}
        value={mapping.fallbackAccountId ?? ''}
        onChange={(accountId) =>
          onChange(accountId === '' ? without({}, true) : without({ fallbackAccountId: accountId }))
        }
      />
    </div>
  );
}

/** A user assignable in the project, found by name; a saved account id stays selected. */
function UserPicker({
  id,
  label,
  projectId,
  value,
  onChange,
  emptyLabel = 'Choose a user',
}: {
  id: string;
  label: string;
  projectId: string;
  value: string;
  onChange: (accountId: string) => void;
  emptyLabel?: string;
}) {
  const [query, setQuery] = useState('');
  const users = useLookup(
    () => callEndpoint(autoTicketEndpoints.lookupUsers, { projectId, query }),
    (v) => v.users.map((u) => ({ value: u.accountId, label: u.displayName })),
    [projectId, query],
  );
  return (
    <span>
      <label htmlFor={`${id}-search`}>{`Search users (${label})`}</label>
      <input id={`${id}-search`} value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{emptyLabel}</option>
        {withCurrent(users.options, value, `${value} (saved)`).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {users.error !== undefined && <ErrorMessage>{users.error}</ErrorMessage>}
    </span>
  );
}
