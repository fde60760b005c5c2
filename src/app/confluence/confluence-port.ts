/**
 * What the app needs from Confluence (implemented in src/infra/confluence with requestConfluence).
 * One client is bound to one principal: the app user, or the user at the screen.
 */
export interface ConfluenceSearchHit {
  readonly id: string;
  readonly title: string;
  /** Relative web UI path, e.g. `/spaces/SEC/pages/123`. */
  readonly webui: string;
  readonly excerpt: string;
  readonly spaceName?: string | undefined;
}

export interface ConfluencePage {
  readonly id: string;
  readonly title: string;
  readonly spaceId: string;
  readonly webui: string;
  readonly body: string;
}

export interface ConfluenceSpace {
  readonly id: string;
  readonly key: string;
  readonly name: string;
}

export interface ConfluenceClient {
  /** Pages matching the CQL that this principal may view (Confluence filters them). */
  search(cql: string, limit: number): Promise<ConfluenceSearchHit[]>;
  /** undefined when the page does not exist or this principal may not view it (Confluence answers the same). */
  readPage(pageId: string): Promise<ConfluencePage | undefined>;
  /** The spaces among `keys` this principal may view. */
  spaces(keys: readonly string[]): Promise<ConfluenceSpace[]>;
}

/** Confluence is not connected to the app on this site (or refused the app's call). */
export class ConfluenceNotConnectedError extends Error {
  constructor(message = 'Confluence is not connected to ZeroPath for Jira on this site.') {
    super(message);
    this.name = 'ConfluenceNotConnectedError';
  }
}

export class ConfluenceApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConfluenceApiError';
  }
}
