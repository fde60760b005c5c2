/**
 * The demo Confluence site beside the demo Jira site (same account ids as jira-seed-builder's
 * DEMO_USERS): a security space everyone licensed can read, an architecture space only the admin
 * and Alice can read, one page restricted to the admin, and a space the app user was removed from.
 */
import { DEMO_USERS } from '../jira/jira-seed-builder';
import { APP_ACCOUNT_ID } from '../shared/principal';
import { type ConfluenceSeed } from './confluence-sim';

export const DEMO_CONFLUENCE_PAGES = {
  sqlRunbook: '9001',
  injectionStandard: '9002',
  incidentPlaybook: '9003',
  paymentsArchitecture: '9101',
  hrNotes: '9201',
} as const;

export function demoConfluenceSeed(): ConfluenceSeed {
  return {
    users: [DEMO_USERS.admin, DEMO_USERS.dev1, DEMO_USERS.dev2],
    spaces: [
      { key: 'SECDOCS', name: 'Security documentation', viewers: 'all-licensed' },
      { key: 'ARCH', name: 'Architecture', viewers: [DEMO_USERS.admin, DEMO_USERS.dev1] },
      { key: 'HR', name: 'People team', viewers: 'all-licensed', appCanView: false },
    ],
    pages: [
      {
        id: DEMO_CONFLUENCE_PAGES.sqlRunbook,
        spaceKey: 'SECDOCS',
        title: 'Runbook: fixing SQL injection (CWE-89)',
        body: '<p>Use parameterised queries. Applies to sql injection findings in acme/payments-api and acme/web.</p>',
        labels: ['security', 'cwe-89', 'runbook'],
        lastModified: '2026-11-20T10:00:00.000Z',
      },
      {
        id: DEMO_CONFLUENCE_PAGES.injectionStandard,
        spaceKey: 'SECDOCS',
        title: 'Secure coding standard: injection',
        body: '<p>All sql injection and command injection classes (CWE-89, CWE-78) must be fixed within the SLA.</p>',
        labels: ['security', 'standard'],
        lastModified: '2026-11-18T10:00:00.000Z',
      },
      {
        id: DEMO_CONFLUENCE_PAGES.incidentPlaybook,
        spaceKey: 'SECDOCS',
        title: 'Incident playbook: exploited sql injection in payments',
        body: '<p>Confidential escalation contacts for sql injection incidents in acme/payments-api (CWE-89).</p>',
        labels: ['security', 'incident'],
        readRestrictedTo: [DEMO_USERS.admin, APP_ACCOUNT_ID],
        lastModified: '2026-11-25T10:00:00.000Z',
      },
      {
        id: DEMO_CONFLUENCE_PAGES.paymentsArchitecture,
        spaceKey: 'ARCH',
        title: 'acme/payments-api architecture',
        body: '<p>Data flow of acme/payments-api: the sql injection risk sits in the reporting service (CWE-89).</p>',
        labels: ['security', 'architecture'],
        lastModified: '2026-11-10T10:00:00.000Z',
      },
      {
        id: DEMO_CONFLUENCE_PAGES.hrNotes,
        spaceKey: 'HR',
        title: 'Salary review notes',
        body: '<p>Not security documentation. Mentions sql injection training budget (CWE-89).</p>',
        labels: ['security'],
        lastModified: '2026-11-01T10:00:00.000Z',
      },
    ],
  };
}
