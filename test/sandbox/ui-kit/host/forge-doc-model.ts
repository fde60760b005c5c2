/**
 * What the sandbox's UI Kit host knows about a ForgeDoc, with no React and no DOM (unit-tested in
 * Node): the node shape @forge/react's reconciler sends through `callBridge('reconcile')`, the
 * components this host draws and the props each may carry, and the event object UI Kit hands to
 * an app's `onChange`/`onBlur`/`onFocus`.
 *
 * The prop lists are UI Kit's own: the `Pick<…>` lists of @atlaskit/forge-react-types 2.11.0
 * (`src/components/__generated__/<Name>Props.codegen.tsx`, the types @forge/react's components
 * take) and, for Link and User, @forge/react's `out/types/components.d.ts`. A prop outside its
 * list is an app bug Jira would not draw as intended, so the host refuses it visibly.
 */

export interface ForgeDocNode {
  readonly type: string;
  readonly props: Readonly<Record<string, unknown>>;
  readonly children: readonly ForgeDocNode[];
  readonly key?: string;
}

/** Props UI Kit declares for each component this host draws (children travel separately). */
export const UI_KIT_PROPS: Readonly<Record<string, readonly string[]>> = {
  Box: [
    'backgroundColor',
    'padding',
    'paddingBlock',
    'paddingBlockEnd',
    'paddingBlockStart',
    'paddingInline',
    'paddingInlineEnd',
    'paddingInlineStart',
    'role',
    'testId',
    'xcss',
  ],
  Button: [
    'autoFocus',
    'isDisabled',
    'isSelected',
    'onBlur',
    'onClick',
    'onFocus',
    'testId',
    'shouldFitContainer',
    'appearance',
    'type',
    'iconBefore',
    'iconAfter',
    'spacing',
  ],
  ButtonGroup: ['testId', 'label', 'titleId', 'appearance'],
  CodeBlock: [
    'text',
    'testId',
    'showLineNumbers',
    'language',
    'highlight',
    'highlightedStartText',
    'highlightedEndText',
    'shouldWrapLongLines',
  ],
  DatePicker: [
    'appearance',
    'autoFocus',
    'defaultIsOpen',
    'defaultValue',
    'disabled',
    'maxDate',
    'minDate',
    'isDisabled',
    'isOpen',
    'nextMonthLabel',
    'previousMonthLabel',
    'spacing',
    'value',
    'isInvalid',
    'dateFormat',
    'placeholder',
    'locale',
    'testId',
    'weekStartDay',
    'onChange',
    'selectProps',
    'shouldShowCalendarButton',
    // Partial<FieldProps> (minus onChange)
    'id',
    'name',
    'isRequired',
    'onBlur',
    'onFocus',
    'label',
  ],
  DynamicTable: [
    'defaultPage',
    'defaultSortKey',
    'defaultSortOrder',
    'emptyView',
    'head',
    'highlightedRowIndex',
    'isFixedSize',
    'isLoading',
    'isRankable',
    'label',
    'loadingSpinnerSize',
    'onRankEnd',
    'onRankStart',
    'onSetPage',
    'page',
    'paginationi18n',
    'rowsPerPage',
    'sortKey',
    'sortOrder',
    'testId',
    'caption',
  ],
  ErrorMessage: ['testId'],
  Heading: ['size', 'color', 'as', 'id', 'testId'],
  Inline: [
    'alignBlock',
    'alignInline',
    'spread',
    'grow',
    'space',
    'shouldWrap',
    'separator',
    'rowSpace',
    'testId',
  ],
  Label: ['testId', 'id', 'labelFor'],
  Link: ['href', 'openNewTab', 'appearance'],
  Lozenge: ['appearance', 'isBold', 'maxWidth', 'testId'],
  SectionMessage: ['appearance', 'title', 'actions', 'testId'],
  Select: [
    'appearance',
    'autoFocus',
    'closeMenuOnScroll',
    'closeMenuOnSelect',
    'defaultInputValue',
    'defaultMenuIsOpen',
    'defaultValue',
    'id',
    'inputId',
    'inputValue',
    'isClearable',
    'isDisabled',
    'isInvalid',
    'isLoading',
    'isMulti',
    'isSearchable',
    'menuIsOpen',
    'openMenuOnFocus',
    'name',
    'onBlur',
    'onChange',
    'onFocus',
    'onInputChange',
    'options',
    'placeholder',
    'spacing',
    'testId',
    'value',
    'isRequired',
  ],
  Spinner: ['appearance', 'delay', 'label', 'size', 'testId'],
  Stack: ['alignBlock', 'alignInline', 'grow', 'space', 'spread', 'testId'],
  Text: ['align', 'as', 'color', 'maxLines', 'size', 'weight', 'testId'],
  TextArea: [
    'appearance',
    'defaultValue',
    'isCompact',
    'isMonospaced',
    'isReadOnly',
    'maxHeight',
    'minimumRows',
    'placeholder',
    'resize',
    'spellCheck',
    'testId',
    'maxLength',
    'minLength',
    'autoFocus',
    'id',
    'isRequired',
    'isDisabled',
    'isInvalid',
    'value',
    'aria-invalid',
    'aria-labelledby',
    'name',
    'onChange',
    'onBlur',
    'onFocus',
  ],
  Textfield: [
    'appearance',
    'elemAfterInput',
    'elemBeforeInput',
    'isCompact',
    'autoFocus',
    'isReadOnly',
    'isMonospaced',
    'placeholder',
    'testId',
    'width',
    'type',
    'defaultValue',
    'min',
    'max',
    'maxLength',
    'minLength',
    'pattern',
    'id',
    'isRequired',
    'isDisabled',
    'isInvalid',
    'value',
    'aria-invalid',
    'aria-labelledby',
    'name',
    'onChange',
    'onBlur',
    'onFocus',
  ],
  User: ['accountId'],
};

/**
 * UI Kit props this host does not draw (yet): refused visibly rather than dropped, so a panel that
 * starts using one fails in the sandbox instead of looking fine here and wrong in Jira.
 */
export const NOT_DRAWN_HERE: Readonly<Record<string, readonly string[]>> = {
  Box: ['xcss'],
  Button: ['iconBefore', 'iconAfter'],
  DatePicker: ['selectProps'],
  DynamicTable: ['isRankable', 'onRankEnd', 'onRankStart', 'paginationi18n'],
  SectionMessage: ['actions'],
  Textfield: ['elemAfterInput', 'elemBeforeInput'],
};

/** ForgeDoc node types that only make sense inside a parent the host draws itself. */
export const STRUCTURAL_TYPES: Readonly<Record<string, string>> = {
  ContentWrapper: 'DynamicTable',
  Row: 'DynamicTable',
  Cell: 'DynamicTable',
};

export type HostProblem =
  | { readonly kind: 'unknown_component'; readonly type: string }
  | { readonly kind: 'unsupported_prop'; readonly type: string; readonly prop: string }
  | { readonly kind: 'not_drawn_here'; readonly type: string; readonly prop: string };

export function describeProblem(problem: HostProblem): string {
  switch (problem.kind) {
    case 'unknown_component':
      return `UI Kit host: unknown component <${problem.type}>`;
    case 'unsupported_prop':
      return `UI Kit host: <${problem.type}> has no prop "${problem.prop}" in UI Kit`;
    case 'not_drawn_here':
      return `UI Kit host: <${problem.type} ${problem.prop}> is UI Kit but this sandbox host does not draw it (docs/sandbox.md)`;
  }
}

/** Why `node` cannot be drawn, or undefined when it can. Checks the node itself, not its children. */
export function problemOf(node: ForgeDocNode): HostProblem | undefined {
  const allowed = UI_KIT_PROPS[node.type];
  if (allowed === undefined) return { kind: 'unknown_component', type: node.type };
  for (const [prop, value] of Object.entries(node.props)) {
    // React leaves undefined props in place (`isInvalid={cond ? x : undefined}`): nothing is sent.
    if (value === undefined) continue;
    if (!allowed.includes(prop)) return { kind: 'unsupported_prop', type: node.type, prop };
    if (NOT_DRAWN_HERE[node.type]?.includes(prop) === true)
      return { kind: 'not_drawn_here', type: node.type, prop };
  }
  return undefined;
}

/** Every problem in a tree (what the host will show as red boxes), depth first. */
export function problemsIn(root: ForgeDocNode): HostProblem[] {
  const found: HostProblem[] = [];
  const walk = (node: ForgeDocNode, parentType: string | undefined): void => {
    if (node.type === 'String') return;
    if (node.type === 'Root' || node.type === 'MacroConfig') {
      node.children.forEach((c) => walk(c, node.type));
      return;
    }
    const home = STRUCTURAL_TYPES[node.type];
    if (home !== undefined) {
      if (parentType === undefined || !['DynamicTable', 'ContentWrapper', 'Row'].includes(parentType))
        found.push({ kind: 'unknown_component', type: node.type });
      node.children.forEach((c) => walk(c, node.type));
      return;
    }
    const problem = problemOf(node);
    if (problem !== undefined) {
      found.push(problem);
      return;
    }
    // A React element given as a prop (emptyView) is drawn too, so it is checked too.
    const emptyView = node.type === 'DynamicTable' ? elementToNode(node.props['emptyView']) : undefined;
    if (emptyView !== undefined) walk(emptyView, node.type);
    node.children.forEach((c) => walk(c, node.type));
  };
  walk(root, undefined);
  return found;
}

/** The text of a subtree, as the String leaves carry it. */
export function textOf(node: ForgeDocNode): string {
  if (node.type === 'String') return typeof node.props['text'] === 'string' ? node.props['text'] : '';
  return node.children.map(textOf).join('');
}

/** @atlaskit/forge-react-types `SerialisableEvent`: what an app's input handlers receive. */
export interface SerialisableEvent {
  readonly bubbles: boolean;
  readonly cancelable: boolean;
  readonly defaultPrevented: boolean;
  readonly eventPhase: number;
  readonly isTrusted: boolean;
  readonly target: {
    readonly selectionStart?: number | null;
    readonly selectionEnd?: number | null;
    readonly value?: unknown;
    readonly checked?: boolean;
    readonly name?: string;
    readonly id?: string;
    readonly tagName?: string;
    readonly type?: string;
  };
  readonly timeStamp: number;
  readonly type: string;
}

interface EventLike {
  readonly bubbles?: boolean;
  readonly cancelable?: boolean;
  readonly defaultPrevented?: boolean;
  readonly eventPhase?: number;
  readonly isTrusted?: boolean;
  readonly timeStamp?: number;
  readonly type?: string;
  readonly target?: unknown;
}

/** Copies the serialisable part of a DOM/React event: no DOM node crosses into the app. */
export function serialiseEvent(event: EventLike): SerialisableEvent {
  const t = (event.target ?? {}) as Record<string, unknown>;
  const pick = <T>(key: string, guard: (v: unknown) => v is T): T | undefined =>
    guard(t[key]) ? t[key] : undefined;
  const isString = (v: unknown): v is string => typeof v === 'string';
  const isNumberOrNull = (v: unknown): v is number | null => typeof v === 'number' || v === null;
  const target: Record<string, unknown> = {};
  const fields: Array<[string, unknown]> = [
    ['value', t['value']],
    ['checked', pick('checked', (v): v is boolean => typeof v === 'boolean')],
    ['name', pick('name', isString)],
    ['id', pick('id', isString)],
    ['tagName', pick('tagName', isString)],
    ['type', pick('type', isString)],
    ['selectionStart', pick('selectionStart', isNumberOrNull)],
    ['selectionEnd', pick('selectionEnd', isNumberOrNull)],
  ];
  for (const [key, value] of fields) if (value !== undefined) target[key] = value;
  return {
    bubbles: event.bubbles ?? false,
    cancelable: event.cancelable ?? false,
    defaultPrevented: event.defaultPrevented ?? false,
    eventPhase: event.eventPhase ?? 0,
    isTrusted: event.isTrusted ?? false,
    target,
    timeStamp: event.timeStamp ?? 0,
    type: event.type ?? 'change',
  };
}

/** UI Kit's older `as`-only headings: the level picks the size, as UI Kit's Heading documents. */
export const HEADING_SIZE_FOR_LEVEL: Readonly<Record<string, string>> = {
  h1: 'xlarge',
  h2: 'large',
  h3: 'medium',
  h4: 'small',
  h5: 'xsmall',
  h6: 'xxsmall',
};

/**
 * A React element passed as a prop (DynamicTable's `emptyView`) is not reconciled by @forge/react:
 * it arrives as the element object itself. Turn it into a ForgeDoc node so it is checked and drawn
 * like any other.
 */
export function elementToNode(value: unknown): ForgeDocNode | undefined {
  if (typeof value === 'string' || typeof value === 'number')
    return { type: 'String', props: { text: String(value) }, children: [] };
  if (value === null || typeof value !== 'object') return undefined;
  const element = value as { type?: unknown; props?: Record<string, unknown> };
  if (typeof element.type !== 'string' || element.props === undefined) return undefined;
  const { children, ...props } = element.props;
  const list = Array.isArray(children) ? (children as unknown[]) : children === undefined ? [] : [children];
  return {
    type: element.type,
    props,
    children: list.map(elementToNode).filter((n): n is ForgeDocNode => n !== undefined),
  };
}
