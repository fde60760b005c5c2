import api from '@forge/api';
import { type JiraRequester } from './jira-http';

/**
 * The production requester: `asApp()` for triggers, consumers and scheduled work (the app's own
 * permissions and budget), `asUser()` for resolvers acting for the person at the screen (their
 * permissions, so Jira itself enforces what they may see and do).
 */
export function forgeJiraRequester(actor: 'app' | 'user'): JiraRequester {
  return {
    requestJira: (path, init) => (actor === 'app' ? api.asApp() : api.asUser()).requestJira(path, init),
  };
}
