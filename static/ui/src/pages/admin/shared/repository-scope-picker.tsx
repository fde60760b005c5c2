import { Label } from '@atlaskit/form';
import Textfield from '@atlaskit/textfield';
import { type AutoTicketRuleWire } from '../../../../../../src/contract/auto-ticket';

/** Which repositories a rule or SLA policy covers; both wire shapes share the contract's `scope`. */
export type RepositoryScope = AutoTicketRuleWire['scope'];

const splitList = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

/**
 * The "all / chosen repositories / tagged repositories" picker shared by auto-ticketing rules and SLA
 * policies. Switching the type starts an empty list; the list is typed comma-separated.
 */
export function RepositoryScopePicker({
  id,
  label,
  listLabels,
  scope,
  onChange,
}: {
  id: string;
  label: string;
  /** Accessible names of the comma-separated list field, per scope type. */
  listLabels: { tags: string; repositories: string };
  scope: RepositoryScope;
  onChange: (scope: RepositoryScope) => void;
}) {
  return (
    <>
      <Label htmlFor={id}>{label}</Label>
      <select
        id={id}
        value={scope.type}
        onChange={(e) => {
          const type = e.currentTarget.value;
          onChange(
            type === 'repositories'
              ? { type, repositoryIds: [] }
              : type === 'tags'
                ? { type, tags: [] }
                : { type: 'all' },
          );
        }}
      >
        <option value="all">All repositories</option>
        <option value="repositories">Chosen repositories</option>
        <option value="tags">Repositories with these ZeroPath tags</option>
      </select>
      {scope.type !== 'all' && (
        <Textfield
          aria-label={scope.type === 'tags' ? listLabels.tags : listLabels.repositories}
          value={(scope.type === 'tags' ? scope.tags : scope.repositoryIds).join(', ')}
          onChange={(e) => {
            const list = splitList(e.currentTarget.value);
            onChange(
              scope.type === 'tags'
                ? { type: 'tags', tags: list }
                : { type: 'repositories', repositoryIds: list },
            );
          }}
        />
      )}
    </>
  );
}
