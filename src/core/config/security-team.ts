import { z } from 'zod';
import { keyString } from '../object-keys';

/**
 * The "security team" setting: who, in this Jira site, speaks for security. It decides who may
 * link any unlinked finding from an issue panel and who may mark a finding false positive or accept
 * its risk from the panel (default: the team), and whether Critical and High findings need a second
 * team member to confirm those two decisions. Issue 18 reuses it for the findings page.
 *
 * Membership is Jira group membership or a project role in a named project, both asked of Jira as
 * the calling user (`app/access`; roles through a Jira expression, docs/admin-guide.md "Security
 * team"). With neither configured, the team is the site's Jira administrators: a default that is
 * never empty and never wider than the people who installed the app.
 */
export const PANEL_TRIAGE_ROLES = ['security_team', 'issue_editors'] as const;
export type PanelTriageRole = (typeof PANEL_TRIAGE_ROLES)[number];
export const SECOND_APPROVAL_SEVERITIES = ['Critical', 'High'] as const;

export const securitySectionSchema = z.object({
  /** Jira groups whose members are the security team, by group id or by name. */
  teamGroups: z
    .array(keyString(255).pipe(z.string().trim().min(1, 'Enter a group name or id')))
    .max(20, 'At most 20 groups')
    .default([]),
  /**
   * Project roles whose members are the security team: a role is per project in Jira, so each entry
   * names the project too ("Security reviewers" in SEC). Matched by role name, as Jira shows it.
   */
  teamProjectRoles: z
    .array(
      z.object({
        projectKey: z.string().trim().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'Pick a project'),
        roleName: keyString(255).pipe(z.string().trim().min(1, 'Enter the role name')),
      }),
    )
    .max(20, 'At most 20 project roles')
    .default([]),
  /** Who may mark false positive or accept risk from the issue panel. */
  panelTriage: z.enum(PANEL_TRIAGE_ROLES).default('security_team'),
  /** A second security-team member must confirm false positive / accepted risk on Critical and High. */
  secondApprover: z.boolean().default(false),
});
export type SecuritySection = z.infer<typeof securitySectionSchema>;

export const DEFAULT_SECURITY_SECTION: SecuritySection = {
  teamGroups: [],
  teamProjectRoles: [],
  panelTriage: 'security_team',
  secondApprover: false,
};
