import {
  elementToNode,
  problemOf,
  problemsIn,
  serialiseEvent,
  textOf,
  type ForgeDocNode,
} from '../../sandbox/ui-kit/host/forge-doc-model';

const node = (
  type: string,
  props: Record<string, unknown> = {},
  children: ForgeDocNode[] = [],
): ForgeDocNode => ({
  type,
  props,
  children,
});
const text = (t: string) => node('String', { text: t });

describe('the sandbox UI Kit host refuses what Jira would not draw', () => {
  it('an unknown component is a problem, wherever it sits in the tree', () => {
    const root = node('Root', {}, [
      node('Stack', {}, [node('Text', {}, [text('ok')]), node('Marquee', {}, [text('x')])]),
    ]);
    expect(problemsIn(root)).toEqual([{ kind: 'unknown_component', type: 'Marquee' }]);
  });

  it('a prop outside UI Kit’s list for the component is a problem', () => {
    expect(problemOf(node('Button', { onClick: () => undefined, color: 'red' }))).toEqual({
      kind: 'unsupported_prop',
      type: 'Button',
      prop: 'color',
    });
    // `style`/`className` are plain React, not UI Kit: Jira ignores them, so the sandbox refuses them.
    expect(problemOf(node('Text', { className: 'big' }))?.kind).toBe('unsupported_prop');
  });

  it('a UI Kit prop this host does not draw is refused as such, not dropped', () => {
    expect(problemOf(node('Button', { iconBefore: 'add' }))).toEqual({
      kind: 'not_drawn_here',
      type: 'Button',
      prop: 'iconBefore',
    });
  });

  it('undefined props are what React leaves for absent ones: no problem', () => {
    expect(problemOf(node('Textfield', { isInvalid: undefined, value: 'a' }))).toBeUndefined();
  });

  it('table cells and rows are only valid inside a DynamicTable', () => {
    expect(problemsIn(node('Root', {}, [node('Cell', { cellKey: 'a' }, [text('x')])]))).toEqual([
      { kind: 'unknown_component', type: 'Cell' },
    ]);
    const table = node('DynamicTable', { caption: 'c' }, [
      node('ContentWrapper', { name: 'head' }, [node('Cell', { cellKey: 'k' }, [text('Issue')])]),
      node('ContentWrapper', { name: 'rows' }, [
        node('Row', { rowKey: 'r1' }, [node('Cell', { cellKey: 'k' }, [text('SEC-1')])]),
      ]),
    ]);
    expect(problemsIn(node('Root', {}, [table]))).toEqual([]);
    const badEmpty = node('DynamicTable', { emptyView: { type: 'Blink', props: { children: 'none' } } }, []);
    expect(problemsIn(node('Root', {}, [badEmpty]))).toEqual([{ kind: 'unknown_component', type: 'Blink' }]);
  });
});

describe('what the host hands to the app', () => {
  it('input handlers get UI Kit’s SerialisableEvent: the value and no DOM node', () => {
    const input = {
      value: 'abc',
      id: 'forge-app-1-x',
      tagName: 'INPUT',
      type: 'text',
      name: '',
      selectionStart: 3,
      ownerDocument: {},
    };
    const event = serialiseEvent({
      type: 'change',
      bubbles: true,
      target: input,
      timeStamp: 12,
      isTrusted: true,
    });
    expect(event).toEqual({
      bubbles: true,
      cancelable: false,
      defaultPrevented: false,
      eventPhase: 0,
      isTrusted: true,
      target: {
        value: 'abc',
        id: 'forge-app-1-x',
        tagName: 'INPUT',
        type: 'text',
        name: '',
        selectionStart: 3,
      },
      timeStamp: 12,
      type: 'change',
    });
  });

  it('a React element passed as a prop (DynamicTable emptyView) becomes a checked node', () => {
    const element = {
      $$typeof: Symbol.for('react.element'),
      type: 'Text',
      props: { children: 'Nothing here' },
    };
    const converted = elementToNode(element);
    expect(converted?.type).toBe('Text');
    expect(converted === undefined ? '' : textOf(converted)).toBe('Nothing here');
    expect(elementToNode({ type: (): null => null, props: {} })).toBeUndefined();
  });
});
