import {
  type JiraTransition,
  chooseTransition,
  jiraTransitionSchema,
  statusCategoryChange,
} from '../../../../src/core/transitions/transition-choice';

type Category = 'new' | 'indeterminate' | 'done';
const resolutionField = (names: string[], required = true) => ({
  required,
  name: 'Resolution',
  key: 'resolution',
  operations: ['set'],
  schema: { type: 'resolution', system: 'resolution' },
  allowedValues: names.map((name, i) => ({ id: String(10000 + i), name })),
});
const aTransition = (
  id: string,
  name: string,
  to: string,
  category: Category,
  extra: Partial<JiraTransition> = {},
): JiraTransition =>
  jiraTransitionSchema.parse({
    id,
    name,
    to: { id: `s${id}`, name: to, statusCategory: { id: 3, key: category, colorName: 'green', name: to } },
    hasScreen: false,
    isAvailable: true,
    isGlobal: true,
    ...extra,
  });

const RESOLUTIONS = ['Done', "Won't Do", 'Duplicate', 'Cannot Reproduce'];
/** A typical company-managed workflow with a resolution screen on both done transitions. */
const standard = [
  aTransition('11', 'To Do', 'To Do', 'new'),
  aTransition('21', 'In Progress', 'In Progress', 'indeterminate'),
  aTransition('41', "Won't Do", "Won't Do", 'done', {
    hasScreen: true,
    fields: { resolution: resolutionField(RESOLUTIONS) },
  }),
  aTransition('31', 'Done', 'Done', 'done', {
    hasScreen: true,
    fields: { resolution: resolutionField(RESOLUTIONS) },
  }),
];

describe('chooseTransition: resolved', () => {
  it('picks the completion transition, never the cancellation one listed before it, with a fitting resolution', () => {
    expect(chooseTransition(standard, 'resolved')).toEqual({
      transitionId: '31',
      transitionName: 'Done',
      toStatusName: 'Done',
      resolution: { id: '10000' },
      explanation: 'Closed through "Done" (to Done), the workflow\'s step for finished work, with resolution "Done".',
    });
  });

  it('prefers "Fixed" over "Done" when the screen offers both', () => {
    const t = [
      aTransition('5', 'Resolve', 'Resolved', 'done', {
        fields: { resolution: resolutionField(['Done', 'Fixed']) },
      }),
    ];
    expect(chooseTransition(t, 'resolved')).toMatchObject({ transitionId: '5', resolution: { id: '10001' } });
  });

  it('omits the resolution when the transition has no screen', () => {
    const choice = chooseTransition([aTransition('31', 'Close', 'Closed', 'done')], 'resolved');
    expect(choice).toEqual({
      transitionId: '31',
      transitionName: 'Close',
      toStatusName: 'Closed',
      explanation:
        'Closed through "Close" (to Closed), the workflow\'s step for finished work; the workflow sets the resolution itself.',
    });
  });

  it('falls back to a neutral done-category transition when no completion-like one exists', () => {
    const t = [aTransition('9', 'Cancel', 'Cancelled', 'done'), aTransition('8', 'Ship', 'Released', 'done')];
    expect(chooseTransition(t, 'resolved')).toMatchObject({
      transitionId: '8',
      explanation: expect.stringContaining('The workflow has no step for finished work'),
    });
  });

  it('answers none when only cancellation-like transitions lead to done', () => {
    const t = [
      aTransition('41', "Won't Do", 'Done', 'done'),
      aTransition('42', 'Reject', 'Rejected', 'done'),
      standard[1]!,
    ];
    expect(chooseTransition(t, 'resolved')).toEqual({
      none: true,
      explanation:
        'No workflow step can close it: steps for work that will not be done are never used for fixed findings ("Won\'t Do", "Reject").',
    });
  });

  it('answers none when nothing leads to done, or the issue is already done', () => {
    expect(chooseTransition(standard.slice(0, 2), 'resolved')).toEqual({
      none: true,
      explanation: 'The workflow offers no transition into a done-category status from here.',
    });
    expect(chooseTransition([], 'resolved')).toMatchObject({ none: true });
    expect(chooseTransition(standard, 'resolved', { statusCategoryKey: 'done' })).toMatchObject({
      none: true,
      explanation: expect.stringContaining('already in a done-category'),
    });
  });

  it('ignores unavailable transitions', () => {
    const t = [aTransition('31', 'Done', 'Done', 'done', { isAvailable: false })];
    expect(chooseTransition(t, 'resolved')).toMatchObject({ none: true });
  });

  it('skips a transition whose screen requires a field we cannot fill', () => {
    const needsComment = aTransition('31', 'Done', 'Done', 'done', {
      fields: { customfield_10090: { required: true }, resolution: resolutionField(['Done']) },
    });
    const plain = aTransition('32', 'Complete', 'Complete', 'done');
    expect(chooseTransition([needsComment, plain], 'resolved')).toMatchObject({ transitionId: '32' });
    expect(chooseTransition([needsComment], 'resolved')).toEqual({
      none: true,
      explanation: 'No workflow step can close it: "Done" requires the field "customfield_10090".',
    });
    const defaulted = aTransition('33', 'Done', 'Done', 'done', {
      fields: { priority: { required: true, hasDefaultValue: true } },
    });
    expect(chooseTransition([defaulted], 'resolved')).toMatchObject({ transitionId: '33' });
  });

  it('with a required resolution and no fitting name, uses the first non-cancellation value, or refuses', () => {
    const odd = aTransition('31', 'Done', 'Done', 'done', {
      fields: { resolution: resolutionField(["Won't Do", 'Shipped']) },
    });
    expect(chooseTransition([odd], 'resolved')).toMatchObject({
      transitionId: '31',
      resolution: { id: '10001' },
      explanation: expect.stringContaining('with resolution "Shipped", the closest of those offered'),
    });
    const onlyCancel = aTransition('31', 'Done', 'Done', 'done', {
      fields: { resolution: resolutionField(["Won't Do", 'Duplicate']) },
    });
    expect(chooseTransition([onlyCancel], 'resolved')).toEqual({
      none: true,
      explanation:
        'No workflow step can close it: "Done" needs a resolution and none of those offered matches.',
    });
  });

  it('sets no resolution when an optional one does not fit', () => {
    const t = aTransition('31', 'Done', 'Done', 'done', {
      fields: { resolution: resolutionField(['Shipped'], false) },
    });
    expect(chooseTransition([t], 'resolved')).toEqual(
      expect.not.objectContaining({ resolution: expect.anything() }),
    );
    expect(chooseTransition([t], 'resolved')).toMatchObject({
      explanation: expect.stringContaining('it is optional'),
    });
  });

  it('uses the resolution name when Jira sends no id', () => {
    const t = aTransition('31', 'Done', 'Done', 'done', {
      fields: { resolution: { required: true, allowedValues: [{ name: 'Done' }] } },
    });
    expect(chooseTransition([t], 'resolved')).toMatchObject({ resolution: { name: 'Done' } });
  });
});

describe('chooseTransition: false positive, not exploitable, accepted risk', () => {
  it('prefers the cancellation-like transition and a fitting resolution', () => {
    expect(chooseTransition(standard, 'false_positive')).toMatchObject({
      transitionId: '41',
      resolution: { id: '10003' },
      explanation:
        'Closed through "Won\'t Do" (to Won\'t Do), the workflow\'s step for work that will not be done, with resolution "Cannot Reproduce".',
    });
    expect(chooseTransition(standard, 'accepted_risk')).toMatchObject({
      transitionId: '41',
      resolution: { id: '10001' },
    });
    expect(chooseTransition(standard, 'non_exploitable')).toMatchObject({
      transitionId: '41',
      resolution: { id: '10001' },
    });
  });

  it('matches resolution names case-insensitively, best preference first', () => {
    const t = aTransition('41', 'Decline', 'Declined', 'done', {
      fields: { resolution: resolutionField(["won't fix", 'NOT A BUG', 'False Positive']) },
    });
    expect(chooseTransition([t], 'false_positive')).toMatchObject({ resolution: { id: '10002' } });
    expect(chooseTransition([t], 'accepted_risk')).toMatchObject({ resolution: { id: '10000' } });
  });

  it('falls back to a completion transition when the workflow has no cancellation', () => {
    const t = [
      standard[0]!,
      aTransition('31', 'Done', 'Done', 'done', {
        fields: { resolution: resolutionField(['Done', 'Risk Accepted']) },
      }),
    ];
    expect(chooseTransition(t, 'accepted_risk')).toMatchObject({
      transitionId: '31',
      resolution: { id: '10001' },
      explanation: expect.stringContaining('no step for work that will not be done, so it was closed through "Done"'),
    });
  });

  it('uses any required resolution rather than fail for non-resolved targets', () => {
    const t = aTransition('31', 'Done', 'Done', 'done', {
      fields: { resolution: resolutionField(['Done']) },
    });
    expect(chooseTransition([t], 'false_positive')).toMatchObject({ resolution: { id: '10000' } });
  });
});

describe('chooseTransition: reopened', () => {
  it('prefers a reopen-like transition into the to-do category', () => {
    const t = [
      aTransition('21', 'Start', 'In Progress', 'indeterminate'),
      aTransition('51', 'Triage', 'Needs triage', 'new'),
      aTransition('61', 'Reopen', 'Reopened', 'new'),
    ];
    expect(chooseTransition(t, 'reopened')).toEqual({
      transitionId: '61',
      transitionName: 'Reopen',
      toStatusName: 'Reopened',
      explanation: 'Reopened through "Reopen" (to Reopened).',
    });
  });

  it('takes any to-do-category transition when none is named like a reopen', () => {
    const t = [aTransition('51', 'Triage', 'Needs triage', 'new')];
    expect(chooseTransition(t, 'reopened')).toMatchObject({ transitionId: '51' });
  });

  it('answers none when there is no way back to to-do, or the issue is already there', () => {
    expect(
      chooseTransition([aTransition('21', 'Start', 'In Progress', 'indeterminate')], 'reopened'),
    ).toEqual({
      none: true,
      explanation: 'The workflow offers no usable transition back to a to-do-category status.',
    });
    expect(chooseTransition(standard, 'reopened', { statusCategoryKey: 'new' })).toMatchObject({
      none: true,
    });
    const blocked = aTransition('61', 'Reopen', 'Reopened', 'new', {
      fields: { customfield_1: { required: true } },
    });
    expect(chooseTransition([blocked], 'reopened')).toMatchObject({ none: true });
  });
});

describe('jiraTransitionSchema', () => {
  it('refuses a transition without a status category', () => {
    expect(
      jiraTransitionSchema.safeParse({ id: '1', name: 'Done', to: { id: '2', name: 'Done' } }).success,
    ).toBe(false);
  });
});

describe('statusCategoryChange', () => {
  const categories: Record<string, string> = {
    '1': 'new',
    '3': 'indeterminate',
    '10002': 'done',
    '10003': 'done',
  };
  const lookup = (id: string) => categories[id];

  it.each([
    [{ field: 'status', from: '3', to: '10002' }, 'entered_done'],
    [{ field: 'status', from: '10002', to: '1' }, 'left_done'],
    [{ field: 'status', from: '10002', to: '10003' }, 'within_done'],
    [{ field: 'status', from: '1', to: '3' }, 'outside_done'],
    [{ field: 'assignee', from: 'a', to: 'b' }, 'not_a_status_change'],
    [{ field: 'status', from: '1', to: '999' }, 'unknown'],
    [{ field: 'status', from: null, to: '10002' }, 'unknown'],
  ])('%j → %s', (item, expected) => {
    expect(statusCategoryChange(item, lookup)).toBe(expected);
  });
});
