import { type FindingView, type PanelView } from '../../contract/panel';

type Severity = FindingView['severity'];
type Status = FindingView['status'];
export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export const SEVERITY_APPEARANCE: Readonly<Record<Severity, LozengeAppearance>> = {
  Critical: 'removed',
  High: 'removed',
  Medium: 'moved',
  Low: 'default',
  Info: 'default',
};

export const STATUS_LABEL: Readonly<Record<Status, string>> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
  false_positive: 'False positive',
  non_exploitable: 'Not exploitable',
  accepted_risk: 'Accepted risk',
};

export const STATUS_APPEARANCE: Readonly<Record<Status, LozengeAppearance>> = {
  open: 'new',
  in_progress: 'inprogress',
  resolved: 'success',
  false_positive: 'default',
  non_exploitable: 'default',
  accepted_risk: 'moved',
};

export const DECISION_LABEL: Readonly<Record<string, string>> = {
  resolved: 'Resolved',
  false_positive: 'False positive',
  accepted_risk: 'Accepted risk',
  skip: 'No decision (left for a person)',
};

const ACTION_LABEL: Readonly<Record<string, string>> = {
  false_positive: 'marked it a false positive',
  accepted_risk: 'accepted the risk',
  reopened: 'reopened it',
  linked: 'linked it to this issue',
  status_seen: 'status changed in ZeroPath',
};

export function actionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action.replace(/_/g, ' ');
}

/** "5 min ago" style, with the exact UTC time for anything older than a day. */
export function formatAge(iso: string, now: Date): string {
  const ms = now.getTime() - Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export function isLinked(view: PanelView): view is Extract<PanelView, { state: 'linked' }> {
  return view.state === 'linked';
}
