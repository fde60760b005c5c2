import SectionMessage from '@atlaskit/section-message';
import { type ComponentType } from 'react';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { AdminPage } from './pages/admin/admin-page';
import { FindingsPage } from './pages/findings/findings-page';

/**
 * One Custom UI build serves every Custom UI module of the app; the module key from the platform
 * context picks the page. Pages register here as they are built.
 */
export const PAGES: Record<string, ComponentType> = {
  [MODULE_KEYS.adminPage]: AdminPage,
  [MODULE_KEYS.findingsPage]: FindingsPage,
};

export function App({ moduleKey }: { moduleKey: string | undefined }) {
  const Page = moduleKey === undefined ? undefined : PAGES[moduleKey];
  if (!Page) {
    return (
      <SectionMessage appearance="error" title="Unknown page">
        <p>
          This part of ZeroPath for Jira is not available. Reload the page; if it persists, reinstall the app.
        </p>
      </SectionMessage>
    );
  }
  return <Page />;
}
