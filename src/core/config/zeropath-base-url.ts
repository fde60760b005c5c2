/**
 * The ZeroPath hosts the app may call. They must equal the manifest's
 * `permissions.external.fetch.backend` list (a unit test compares them), because Forge refuses
 * any other host at run time; checking here first lets the admin page say so before any call.
 */
export const ZEROPATH_EGRESS_ADDRESSES = ['https://zeropath.com', 'https://*.zeropath.com'] as const;

export type BaseUrlCheck = { ok: true; baseUrl: string } | { ok: false; message: string };

const ZEROPATH_APEX = 'zeropath.com';

/**
 * Validates and normalises an admin-entered base URL to an origin (`https://host`): https only,
 * zeropath.com or a subdomain of it, no credentials, port, path, query or fragment (the client
 * appends `/api/...` itself, so a path would silently point at the wrong place).
 */
export function checkZeroPathBaseUrl(input: string): BaseUrlCheck {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'Enter a full URL such as https://zeropath.com.' };
  }
  if (url.protocol !== 'https:') {
    return { ok: false, message: 'The ZeroPath URL must start with https://.' };
  }
  const host = url.hostname.toLowerCase();
  if (host !== ZEROPATH_APEX && !host.endsWith(`.${ZEROPATH_APEX}`)) {
    return {
      ok: false,
      message: `The app may only call zeropath.com or a <tenant>.branch.zeropath.com host, not ${host}.`,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'Do not put a user name or password in the URL; use the token fields.' };
  }
  if (url.port !== '') return { ok: false, message: 'Leave the port out of the ZeroPath URL.' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return { ok: false, message: `Enter the address only (https://${host}), without a path.` };
  }
  return { ok: true, baseUrl: `https://${host}` };
}
