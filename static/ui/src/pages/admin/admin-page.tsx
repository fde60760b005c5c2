import { AutoTicketingSection } from './auto-ticketing/auto-ticketing-section';
import { ConnectionSection } from './connection-section';
import { FieldMappingsSection } from './auto-ticketing/field-mappings-section';
import { DefaultsSection } from './defaults-section';
import { HealthSection } from './health-section';
import { SlaSection } from './sla/sla-section';
import { SyncSection } from './sync-section';
import { TemplatesSection } from './templates/templates-section';

/** The app's admin page (jira:adminPage `zp-admin`). Later features add their own sections here. */
export function AdminPage() {
  return (
    <main>
      <h1>ZeroPath for Jira</h1>
      <ConnectionSection />
      <DefaultsSection />
      <AutoTicketingSection />
      <TemplatesSection />
      <FieldMappingsSection />
      <SlaSection />
      <SyncSection />
      <HealthSection />
    </main>
  );
}
