import { type z } from 'zod';

/** An admin's auto-ticketing, template, field-mapping or SLA input was refused; nothing was saved. */
export class AutoTicketValidationError extends Error {
  override name = 'AutoTicketValidationError';
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** zod issues as the Result envelope's `fieldErrors` (path joined with '.'), under an optional prefix. */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[], prefix = ''): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
    errors[path || 'form'] ??= issue.message;
  }
  return errors;
}

export function refuse(what: string, fieldErrors: Record<string, string>): never {
  const count = Object.keys(fieldErrors).length;
  throw new AutoTicketValidationError(
    `${what} not saved: ${count === 1 ? 'one field needs' : `${count} fields need`} attention.`,
    fieldErrors,
  );
}
