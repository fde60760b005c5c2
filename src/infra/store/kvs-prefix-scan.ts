import { kvs, WhereConditions } from '@forge/kvs';

/** Rows per KVS query page: Forge's query reference allows "up to a maximum of 20". */
export const KVS_QUERY_PAGE_LIMIT = 20;
const PAGE_SIZE = KVS_QUERY_PAGE_LIMIT;

/**
 * Every entry whose key starts with `prefix`, in key order. KVS answers a query a page at a time;
 * this follows the cursor to the end. Values are returned unchecked: each store parses its own.
 */
export async function readAllUnderPrefix(prefix: string): Promise<{ key: string; value: unknown }[]> {
  const rows: { key: string; value: unknown }[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(PAGE_SIZE);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany<unknown>();
    rows.push(...page.results);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return rows;
}
