import { Box } from '@atlaskit/primitives';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { Page } from '../../ui-kit/layout';
import { AutoTicketingSection } from './auto-ticketing/auto-ticketing-section';
import { ConfluenceSection } from './confluence-section';
import { ConnectionSection } from './connection-section';
import { FieldMappingsSection } from './auto-ticketing/field-mappings-section';
import { DefaultsSection } from './defaults-section';
import { HealthSection } from './health-section';
import { SecuritySection } from './security-section';
import { SlaSection } from './sla/sla-section';
import { SyncSection } from './sync-section';
import { TemplatesSection } from './templates/templates-section';

/**
 * Ten sections are too many to stack: each gets a tab, Connection first because nothing else
 * works before it. Atlaskit keeps a visited tab mounted, so unsaved edits survive switching tabs;
 * a section loads when its tab is first opened.
 */
const SECTIONS = [
  ['Connection', ConnectionSection],
  ['Defaults', DefaultsSection],
  ['Auto-ticketing', AutoTicketingSection],
  ['Templates', TemplatesSection],
  ['Custom fields', FieldMappingsSection],
  ['SLA', SlaSection],
  ['Sync', SyncSection],
  ['Security team', SecuritySection],
  ['Confluence', ConfluenceSection],
  ['Health', HealthSection],
] as const;

/** The app's admin page (jira:adminPage `zp-admin`). Later features add their own sections here. */
export function AdminPage() {
  return (
    <Page
      title="ZeroPath for Jira"
      description="Connect ZeroPath, decide how findings become Jira work items, and keep both sides in sync."
    >
      <Tabs id="zp-admin-tabs">
        <TabList>
          {SECTIONS.map(([label]) => (
            <Tab key={label}>{label}</Tab>
          ))}
        </TabList>
        {SECTIONS.map(([label, Section]) => (
          <TabPanel key={label}>
            <Box paddingBlockStart="space.300" style={{ width: '100%' }}>
              <Section />
            </Box>
          </TabPanel>
        ))}
      </Tabs>
    </Page>
  );
}
