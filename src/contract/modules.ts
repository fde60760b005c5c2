/** Module keys shared by manifest.yml, the resolvers' module checks and the Custom UI router. */
export const MODULE_KEYS = {
  adminPage: 'zp-admin',
  findingsPage: 'zp-findings',
  issuePanel: 'zp-finding-panel',
  securityReport: 'zp-security-report',
} as const;
export type ModuleKey = (typeof MODULE_KEYS)[keyof typeof MODULE_KEYS];
