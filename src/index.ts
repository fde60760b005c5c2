// The barrel the manifest's `handler: index.<name>` entries point at. It exports the Forge entry
// points (resolvers, triggers, consumers, scheduled jobs) and nothing else; each is added here in
// the same change that adds its module to manifest.yml, once it really works. The offline manifest
// check (npm run lint:manifest) fails if a named handler is missing from this file.
export { adminResolver } from './entry/resolvers/admin';
export { handleIssueEvent as issueEvents } from './entry/triggers/issue-events';
export { findingsResolver } from './entry/resolvers/findings';
export { jobsConsumer } from './entry/consumers/jobs';
export { panelResolver } from './entry/resolvers/panel';
export { autoTicketScheduled } from './entry/scheduled/auto-ticket';
export { autoTicketConsumer } from './entry/consumers/auto-ticket';
export { poll } from './entry/scheduled/poll';
export { confluenceAssistant } from './entry/webtriggers/confluence-assistant';
export { reportResolver } from './entry/resolvers/report';
