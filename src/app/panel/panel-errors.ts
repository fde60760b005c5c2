/** Errors of the panel's use cases; the panel resolver maps each to a Result kind. */

/** The user may not see this issue, or may not change it; nothing about the issue is returned. */
export class PanelForbiddenError extends Error {
  override readonly name = 'PanelForbiddenError';
}

/** The request cannot be applied in the finding's current state (already linked, already open…). */
export class PanelConflictError extends Error {
  override readonly name = 'PanelConflictError';
}

/** What the user typed cannot be used (not a finding reference, date in the past…). */
export class PanelInputError extends Error {
  override readonly name = 'PanelInputError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** An action needs a linked finding and this issue has none. */
export class PanelNotLinkedError extends Error {
  override readonly name = 'PanelNotLinkedError';
  constructor() {
    super('This issue is not linked to a ZeroPath finding. Link one first.');
  }
}
