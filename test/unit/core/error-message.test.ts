import { runInNewContext } from 'node:vm';
import { describeThrown, errorMessage } from '../../../src/core/error-message';

describe('errorMessage and describeThrown', () => {
  it('read an Error', () => {
    expect(errorMessage(new TypeError('x is not a function'))).toBe('x is not a function');
    expect(describeThrown(new TypeError('x is not a function'))).toBe('TypeError: x is not a function');
  });

  it('read an Error made in another realm, which fails instanceof Error', () => {
    const foreign: unknown = runInNewContext('new RangeError("Jira did not answer")');
    expect(foreign instanceof Error).toBe(false);
    expect(errorMessage(foreign)).toBe('Jira did not answer');
    expect(describeThrown(foreign)).toBe('RangeError: Jira did not answer');
  });

  it('read thrown strings and message-bearing objects, and fall back for anything else', () => {
    expect(errorMessage('socket hang up')).toBe('socket hang up');
    expect(errorMessage({ message: 'rate limited', status: 429 })).toBe('rate limited');
    expect(errorMessage(undefined)).toBe('unknown error');
    expect(errorMessage({ message: '' }, 'Unknown error')).toBe('Unknown error');
    expect(errorMessage(42)).toBe('unknown error');
    expect(describeThrown(null)).toBe('unknown error');
  });
});
