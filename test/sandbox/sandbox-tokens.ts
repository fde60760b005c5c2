/** The ZeroPath tokens the sandbox's ZeroPath knows about, for the connect walkthroughs. */
import { DEMO_TOKEN_ID, DEMO_TOKEN_SECRET } from '../sim/zeropath/zeropath-sim';

export const GOOD_TOKEN = { tokenId: DEMO_TOKEN_ID, tokenSecret: DEMO_TOKEN_SECRET } as const;
/** A token ZeroPath does not know: what the "wrong token" walkthrough types into the admin page. */
export const WRONG_TOKEN = { tokenId: 'zp-wrong-token-id', tokenSecret: 'zp-wrong-token-secret' } as const;
/** A token ZeroPath knows but that has expired: a second way a connection fails. */
export const EXPIRED_TOKEN = {
  tokenId: 'zp-expired-token-id',
  tokenSecret: 'zp-expired-token-secret',
} as const;
