import type * as ForgeApi from '@forge/api';
import { route } from '@forge/api';
import { forgeJiraRequester } from '../../../../src/infra/jira/jira-requester';

const asAppRequest = jest.fn();
const asUserRequest = jest.fn();

// The only module mock of @forge/api in the unit suite: this file is the adapter over it.
jest.mock('@forge/api', () => {
  const actual = jest.requireActual<typeof ForgeApi>('@forge/api');
  return {
    ...actual,
    __esModule: true,
    default: {
      asApp: () => ({ requestJira: asAppRequest }),
      asUser: () => ({ requestJira: asUserRequest }),
    },
  };
});

describe('forgeJiraRequester', () => {
  beforeEach(() => {
    asAppRequest.mockReset().mockResolvedValue({ status: 200 });
    asUserRequest.mockReset().mockResolvedValue({ status: 204 });
  });

  it('sends as the app through asApp().requestJira with the route untouched', async () => {
    const path = route`/rest/api/3/issue/${'SEC-1'}`;
    const init = { method: 'GET' as const, headers: { Accept: 'application/json' } };
    await expect(forgeJiraRequester('app').requestJira(path, init)).resolves.toEqual({ status: 200 });
    expect(asAppRequest).toHaveBeenCalledWith(path, init);
    expect(asUserRequest).not.toHaveBeenCalled();
  });

  it('sends as the user through asUser().requestJira', async () => {
    const path = route`/rest/api/3/myself`;
    await forgeJiraRequester('user').requestJira(path);
    expect(asUserRequest).toHaveBeenCalledWith(path, undefined);
    expect(asAppRequest).not.toHaveBeenCalled();
  });
});
