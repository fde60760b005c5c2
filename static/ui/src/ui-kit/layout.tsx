import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import { type ReactNode } from 'react';
import './app.css';

/**
 * The page frame every Custom UI page shares, so the admin page and the findings page read as one
 * Jira-native app: a title block, then content on the neutral surface with token spacing.
 */
export function Page({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <main className="zp-page">
      <Stack space="space.300">
        <Inline spread="space-between" alignBlock="start" space="space.200">
          <Stack space="space.100">
            <Heading size="large" as="h1">
              {title}
            </Heading>
            {description !== undefined && <p className="zp-muted">{description}</p>}
          </Stack>
          {actions}
        </Inline>
        {children}
      </Stack>
    </main>
  );
}

const cardStyles = xcss({
  padding: 'space.300',
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.large',
  backgroundColor: 'elevation.surface',
});

/**
 * One settings section: a titled card. `headingId` names the section for assistive technology
 * (and for the tests, which find sections by their heading).
 */
export function SectionCard({
  headingId,
  title,
  description,
  children,
}: {
  headingId: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Box as="section" aria-labelledby={headingId} xcss={cardStyles}>
      <Stack space="space.200">
        <Stack space="space.050">
          <Heading size="medium" as="h2" id={headingId}>
            {title}
          </Heading>
          {description !== undefined && <p className="zp-muted">{description}</p>}
        </Stack>
        {children}
      </Stack>
    </Box>
  );
}

/** A row of buttons with Atlaskit's button spacing, wrapping on narrow screens. */
export function Actions({ children }: { children: ReactNode }) {
  return (
    <Inline space="space.100" alignBlock="center" shouldWrap>
      {children}
    </Inline>
  );
}

const emptyStyles = xcss({
  paddingBlock: 'space.400',
  paddingInline: 'space.300',
  borderRadius: 'radius.large',
  backgroundColor: 'elevation.surface.sunken',
  textAlign: 'center',
});

/** Nothing to show yet: a short title and what to do about it, never a blank area. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Box xcss={emptyStyles}>
      <Stack space="space.100" alignInline="center">
        <Heading size="small" as="h3">
          {title}
        </Heading>
        {children !== undefined && <div className="zp-muted">{children}</div>}
      </Stack>
    </Box>
  );
}
