/**
 * The message of anything thrown. `instanceof Error` is not enough: an Error made in another realm
 * (a vm context such as the local Forge runtime's sandbox, a worker) fails it although it carries a
 * message, and libraries sometimes throw strings or plain objects. Pure.
 */
export function errorMessage(thrown: unknown, fallback = 'unknown error'): string {
  if (thrown instanceof Error) return thrown.message;
  if (typeof thrown === 'string' && thrown.trim() !== '') return thrown;
  if (typeof thrown === 'object' && thrown !== null && 'message' in thrown && typeof thrown.message === 'string' && thrown.message !== '') {
    return thrown.message;
  }
  return fallback;
}

/** "TypeError: x is not a function", for logs: the name too, when the thrown value has one. */
export function describeThrown(thrown: unknown): string {
  const message = errorMessage(thrown);
  const name =
    typeof thrown === 'object' && thrown !== null && 'name' in thrown && typeof thrown.name === 'string' && thrown.name !== '' ? thrown.name : undefined;
  return name === undefined ? message : `${name}: ${message}`;
}
