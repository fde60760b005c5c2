/**
 * Adversarial texts for the redaction detectors: each is a shape that makes a backtracking pattern
 * try many ways to match at many positions (identifier chains, long runs of one character class,
 * keyword floods, unterminated quotes and URLs, PEM armour without a body). The unit test feeds
 * them to every text path; `npm run bench` times them.
 */
export const PATHOLOGICAL_SIZE = 1_000_000;

const fill = (unit: string, size = PATHOLOGICAL_SIZE): string =>
  unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

export function pathologicalInputs(size = PATHOLOGICAL_SIZE): Record<string, string> {
  return {
    'identifier chain': fill('config.value.', size),
    'identifier chain without dots': fill('a', size),
    'keyword flood': fill('password', size),
    'keyword then separator flood': fill('password_token ', size),
    'env lines without value end': fill('DB_PASSWORD=abc ', size),
    'unterminated quotes': fill('token = "a', size),
    'quote flood': fill('"\'`', size),
    'URL schemes without a host': fill('https://', size),
    'URL userinfo flood': fill('a:b@', size),
    'query keyword flood': fill('?token&', size),
    'base64 run': fill('AbC1+/', size),
    'hex run': fill('0123456789abcdef', size),
    'PEM headers without end': fill('-----BEGIN RSA PRIVATE KEY-----\n', size),
    'spaces then a colon': fill(' ', size - 1) + ':',
    'control characters between word characters': fill('a\u0000', size),
    'zero-width flood': fill('\u200b', size),
    'unclosed tags': fill('<b ', size),
    'markdown emphasis flood': fill('**_', size),
    'bearer flood': fill('Bearer ', size),
    'many short URLs and tokens': fill('http://a/ Xk9pQ2rT7vLmN3sB8wYz1 ', size),
    'assignment with trailing spaces': `a = b${' '.repeat(size - 6)}x`,
    'eyJ flood': fill('eyJ', size),
  };
}
