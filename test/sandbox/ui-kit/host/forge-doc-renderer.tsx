/**
 * Draws a ForgeDoc with the Atlaskit components UI Kit maps each node to, as Jira's host does.
 * Event-handler props are the app frame's own functions (same origin): they are called with the
 * value UI Kit passes (a SerialisableEvent for inputs, the date string for DatePicker).
 *
 * Never kinder than Jira: a node type this host does not know, or a prop outside UI Kit's list for
 * its component, is drawn as a red box in its place and logged, never dropped silently.
 */
import React from 'react';
import Avatar from '@atlaskit/avatar';
import Button from '@atlaskit/button/new';
import ButtonGroup from '@atlaskit/button/button-group';
import { CodeBlock } from '@atlaskit/code';
import { DatePicker } from '@atlaskit/datetime-picker';
import DynamicTable from '@atlaskit/dynamic-table';
import { ErrorMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Link from '@atlaskit/link';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import {
  describeProblem,
  elementToNode,
  HEADING_SIZE_FOR_LEVEL,
  problemOf,
  serialiseEvent,
  type ForgeDocNode,
  type HostProblem,
} from './forge-doc-model';

export interface HostUser {
  readonly displayName: string;
}

export interface RenderOptions {
  /** Display names the host shows for `<User accountId>` (Jira looks them up the same way). */
  readonly users: Readonly<Record<string, HostUser>>;
  readonly onProblem: (problem: HostProblem) => void;
}

type Handler = (...args: unknown[]) => unknown;

/** Calls an app handler; a throw or a rejection is the app's bug: logged, as Jira's console would. */
function callApp(handler: unknown, ...args: unknown[]): void {
  if (typeof handler !== 'function') return;
  try {
    const result = (handler as Handler)(...args);
    if (result !== null && typeof result === 'object' && 'catch' in result)
      (result as Promise<unknown>).catch((error: unknown) =>
        console.error('UI Kit app handler failed', error),
      );
  } catch (error) {
    console.error('UI Kit app handler threw', error);
  }
}

const eventHandler =
  (handler: unknown) =>
  (event: React.SyntheticEvent): void =>
    callApp(handler, serialiseEvent(event));

export function HostError({ problem }: { problem: HostProblem }) {
  return (
    <div
      role="alert"
      data-testid="ui-kit-host-error"
      style={{
        border: '2px solid #c9372c',
        background: '#ffeceb',
        color: '#ae2e24',
        padding: '4px 8px',
        borderRadius: 3,
        fontFamily: 'monospace',
        fontSize: 12,
      }}
    >
      {describeProblem(problem)}
    </div>
  );
}

function children(node: ForgeDocNode, options: RenderOptions): React.ReactNode[] {
  return node.children.map((child, index) => renderNode(child, options, child.key ?? String(index)));
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `{ [name]: value }` when value is a string, else nothing (exactOptionalPropertyTypes). */
function optional<K extends string>(name: K, value: unknown): { [P in K]?: string } {
  return typeof value === 'string' ? ({ [name]: value } as { [P in K]?: string }) : {};
}

/** `props` with undefined values left out, so optional Atlaskit props keep their defaults. */
function defined(props: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}

export function renderNode(node: ForgeDocNode, options: RenderOptions, key: string): React.ReactNode {
  if (node.type === 'String') return str(node.props['text']) ?? '';
  if (node.type === 'Root' || node.type === 'MacroConfig')
    return <React.Fragment key={key}>{children(node, options)}</React.Fragment>;
  const problem = problemOf(node);
  if (problem !== undefined) {
    options.onProblem(problem);
    return <HostError key={key} problem={problem} />;
  }
  const p = defined(node.props);
  const kids = children(node, options);
  switch (node.type) {
    case 'Box':
      return (
        <Box key={key} {...p}>
          {kids}
        </Box>
      );
    case 'Stack':
      return (
        <Stack key={key} {...(p as React.ComponentProps<typeof Stack>)}>
          {kids}
        </Stack>
      );
    case 'Inline':
      return (
        <Inline key={key} {...(p as React.ComponentProps<typeof Inline>)}>
          {kids}
        </Inline>
      );
    case 'Text': {
      const { as, ...rest } = p;
      const text = (
        <Text {...(rest as object)} {...(as === 'strike' ? {} : { as: as as 'p' })}>
          {kids}
        </Text>
      );
      return as === 'strike' ? <s key={key}>{text}</s> : <React.Fragment key={key}>{text}</React.Fragment>;
    }
    case 'Heading': {
      const size = str(p['size']) ?? HEADING_SIZE_FOR_LEVEL[str(p['as']) ?? ''] ?? 'medium';
      return (
        <Heading key={key} {...(p as object)} size={size as React.ComponentProps<typeof Heading>['size']}>
          {kids}
        </Heading>
      );
    }
    case 'Lozenge':
      return (
        <Lozenge key={key} {...p}>
          {kids}
        </Lozenge>
      );
    case 'SectionMessage':
      return (
        <SectionMessage key={key} {...(p as object)}>
          {kids}
        </SectionMessage>
      );
    case 'Spinner':
      return <Spinner key={key} {...p} />;
    case 'Link': {
      const href = str(p['href']) ?? '';
      const newTab = p['openNewTab'] === true;
      return (
        <Link key={key} href={href} {...(newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
          {kids}
        </Link>
      );
    }
    case 'Button': {
      const { onClick, onBlur, onFocus, ...rest } = p;
      return (
        <Button
          key={key}
          {...(rest as object)}
          onClick={(event) => callApp(onClick, serialiseEvent(event))}
          {...(onBlur === undefined ? {} : { onBlur: eventHandler(onBlur) })}
          {...(onFocus === undefined ? {} : { onFocus: eventHandler(onFocus) })}
        >
          {kids}
        </Button>
      );
    }
    case 'ButtonGroup':
      return (
        <ButtonGroup key={key} {...p}>
          {kids}
        </ButtonGroup>
      );
    case 'CodeBlock':
      return <CodeBlock key={key} {...(p as object)} text={str(p['text']) ?? ''} />;
    case 'Label':
      return (
        <Label
          key={key}
          htmlFor={str(p['labelFor']) ?? ''}
          {...optional('id', p['id'])}
          {...optional('testId', p['testId'])}
        >
          {kids}
        </Label>
      );
    case 'ErrorMessage':
      return (
        <ErrorMessage key={key} {...optional('testId', p['testId'])}>
          {kids}
        </ErrorMessage>
      );
    case 'Textfield':
    case 'TextArea': {
      const { onChange, onBlur, onFocus, ...rest } = p;
      const handlers = {
        ...(onChange === undefined ? {} : { onChange: eventHandler(onChange) }),
        ...(onBlur === undefined ? {} : { onBlur: eventHandler(onBlur) }),
        ...(onFocus === undefined ? {} : { onFocus: eventHandler(onFocus) }),
      };
      return node.type === 'Textfield' ? (
        <Textfield key={key} {...rest} {...handlers} />
      ) : (
        <TextArea key={key} {...rest} {...handlers} />
      );
    }
    case 'DatePicker': {
      const { onChange, onBlur, onFocus, ...rest } = p;
      return (
        <DatePicker
          key={key}
          {...rest}
          onChange={(value: string) => callApp(onChange, value)}
          {...(onBlur === undefined ? {} : { onBlur: eventHandler(onBlur) })}
          {...(onFocus === undefined ? {} : { onFocus: eventHandler(onFocus) })}
        />
      );
    }
    case 'Select': {
      // UI Kit hands the app the chosen option(s) as react-select gives them, and the typed text.
      const { onChange, onInputChange, onBlur, onFocus, id, inputId, ...rest } = p;
      return (
        <Select
          key={key}
          {...(rest)}
          {...optional('inputId', id ?? inputId)}
          onChange={(value: unknown) => callApp(onChange, value)}
          {...(onInputChange === undefined
            ? {}
            : { onInputChange: (text: string) => callApp(onInputChange, text) })}
          {...(onBlur === undefined ? {} : { onBlur: eventHandler(onBlur) })}
          {...(onFocus === undefined ? {} : { onFocus: eventHandler(onFocus) })}
        />
      );
    }
    case 'User': {
      const accountId = str(p['accountId']) ?? '';
      // Jira shows a person it cannot resolve as "Unknown user", never the raw account id.
      const name = options.users[accountId]?.displayName ?? 'Unknown user';
      return (
        <Inline key={key} space="space.050" alignBlock="center" testId="ui-kit-user">
          <Avatar size="xsmall" name={name} />
          <Text>{name}</Text>
        </Inline>
      );
    }
    case 'DynamicTable':
      return renderDynamicTable(node, p, options, key);
    default:
      // problemOf() knows every type listed in UI_KIT_PROPS; reaching here is a host bug.
      throw new Error(`UI Kit host: no drawing for <${node.type}>`);
  }
}

function cellsOf(row: ForgeDocNode, options: RenderOptions) {
  return row.children
    .filter((c) => c.type === 'Cell')
    .map((cell, index) => {
      const { cellKey, ...rest } = cell.props;
      return {
        ...defined(rest),
        key: str(cellKey) ?? String(index),
        content: <>{children(cell, options)}</>,
      };
    });
}

/** @forge/react sends head and rows as ContentWrapper(head|rows) → Row → Cell nodes. */
function renderDynamicTable(
  node: ForgeDocNode,
  p: Record<string, unknown>,
  options: RenderOptions,
  key: string,
): React.ReactNode {
  const wrapper = (name: string) =>
    node.children.find((c) => c.type === 'ContentWrapper' && c.props['name'] === name);
  const stray = node.children.find((c) => c.type !== 'ContentWrapper');
  if (stray !== undefined) {
    const problem: HostProblem = { kind: 'unknown_component', type: stray.type };
    options.onProblem(problem);
    return <HostError key={key} problem={problem} />;
  }
  const headWrapper = wrapper('head');
  const rowsWrapper = wrapper('rows');
  const head = headWrapper === undefined ? undefined : { cells: cellsOf(headWrapper, options) };
  const rows = (rowsWrapper?.children ?? [])
    .filter((r) => r.type === 'Row')
    .map((row, index) => ({ key: str(row.props['rowKey']) ?? String(index), cells: cellsOf(row, options) }));
  const { emptyView, ...rest } = p;
  const emptyNode = elementToNode(emptyView);
  return (
    <DynamicTable
      key={key}
      {...rest}
      {...(head === undefined ? {} : { head })}
      rows={rows}
      {...(emptyNode === undefined ? {} : { emptyView: <>{renderNode(emptyNode, options, 'empty')}</> })}
    />
  );
}
