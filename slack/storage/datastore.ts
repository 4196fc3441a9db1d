// The one door to Slack's datastores. Items are typed from each datastore's
// own definition (datastores/*.ts): a misspelled attribute, or a number where
// the definition says string, does not compile. Every call still goes
// through slackCall, so failures arrive as one SlackCallError.
//
// Slack's datastore query is a DynamoDB scan with a filter: `limit` caps the
// items *evaluated*, so a page can be empty and still have a cursor, and only
// an absent cursor means the end.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";

interface AttributeDefinition {
  type: unknown;
  items?: AttributeDefinition;
}

/** What DefineDatastore returns, as far as reading and writing needs. */
export interface Datastore {
  name: string;
  definition: {
    primary_key: PropertyKey;
    attributes: Record<string, AttributeDefinition>;
  };
}

/** The TypeScript value of one attribute type. */
type ValueOf<A> = A extends { type: "array"; items: infer I } ? ValueOf<I>[]
  : A extends { type: "boolean" } ? boolean
  : A extends { type: "integer" | "number" | "slack#/types/timestamp" } ? number
  : A extends { type: "object" } ? Record<string, unknown>
  : string;

type Attributes<D extends Datastore> = D["definition"]["attributes"];
type PrimaryKey<D extends Datastore> =
  & D["definition"]["primary_key"]
  & keyof Attributes<D>;

/**
 * An item as stored: its primary key, and any of its attributes. Slack keeps
 * no empty attributes, so every other one may be absent.
 */
export type StoredItem<D extends Datastore> =
  & { [K in PrimaryKey<D>]: string }
  & {
    [K in Exclude<keyof Attributes<D>, PrimaryKey<D>>]?: ValueOf<
      Attributes<D>[K]
    >;
  };

/** The item, or undefined: Slack answers a missing id with an empty item. */
export async function getItem<D extends Datastore>(
  client: SlackAPIClient,
  store: D,
  id: string,
): Promise<StoredItem<D> | undefined> {
  const { item } = await slackCall(client, "apps.datastore.get", {
    datastore: store.name,
    id,
  });
  return item?.[store.definition.primary_key] ? item : undefined;
}

/** Replaces the whole item. */
export async function putItem<D extends Datastore>(
  client: SlackAPIClient,
  store: D,
  item: StoredItem<D>,
): Promise<void> {
  await slackCall(client, "apps.datastore.put", {
    datastore: store.name,
    item,
  });
}

/**
 * Sets the given attributes (adding the item if it is missing) and returns
 * the whole item as it is now.
 */
export async function updateItem<D extends Datastore>(
  client: SlackAPIClient,
  store: D,
  change: StoredItem<D>,
): Promise<StoredItem<D>> {
  const { item } = await slackCall(client, "apps.datastore.update", {
    datastore: store.name,
    item: change,
  });
  return item;
}

/**
 * Items per bulk call: bulkPut documents "a limit of 25"; bulkGet and
 * bulkDelete document none, and Helpdesk sends them the same 25 the Slack
 * CLI does.
 */
export const BULK_PUT_LIMIT = 25;
export const BULK_LIMIT = 25;

/**
 * How often the entries a bulk call reports in `failed_items` (Slack's
 * `partial_failure`, "some items failed to be updated") are sent again.
 */
const PARTIAL_RETRIES = 2;

/**
 * One bulk call with its partial failures retried: answers the entries that
 * still failed. Any other error is thrown as usual.
 */
async function bulkWithRetries<E>(
  entries: E[],
  call: (batch: E[]) => Promise<unknown>,
): Promise<E[]> {
  let left = entries;
  for (let attempt = 0; left.length && attempt <= PARTIAL_RETRIES; attempt++) {
    try {
      await call(left);
      return [];
    } catch (error) {
      const failed = partialFailures<E>(error);
      if (!failed) throw error;
      left = failed;
    }
  }
  return left;
}

function partialFailures<E>(error: unknown): E[] | undefined {
  if (!(error instanceof SlackCallError)) return undefined;
  if (error.code !== "partial_failure") return undefined;
  return (error.details.failedItems ?? []) as E[];
}

/** Puts up to 25 items; answers the ones Slack did not save, even retried. */
export async function bulkPutItems<D extends Datastore>(
  client: SlackAPIClient,
  store: D,
  items: StoredItem<D>[],
): Promise<StoredItem<D>[]> {
  if (items.length === 0) return [];
  return await bulkWithRetries(
    items,
    (batch) =>
      slackCall(client, "apps.datastore.bulkPut", {
        datastore: store.name,
        items: batch,
      }),
  );
}

/**
 * The items with these ids, 25 ids a call; missing ids are left out. Ids a
 * call could not read after retries fail the whole read.
 */
export async function bulkGetItems<D extends Datastore>(
  client: SlackAPIClient,
  store: D,
  ids: readonly string[],
): Promise<StoredItem<D>[]> {
  const key = store.definition.primary_key;
  const chunks = chunked([...new Set(ids)], BULK_LIMIT);
  const pages = await Promise.all(chunks.map(async (chunk) => {
    const found: StoredItem<D>[] = [];
    const failed = await bulkWithRetries(chunk, async (batch) => {
      let response;
      try {
        response = await slackCall(client, "apps.datastore.bulkGet", {
          datastore: store.name,
          ids: batch,
        });
      } catch (error) {
        // Items read despite a partial failure are kept.
        if (error instanceof SlackCallError) {
          found.push(...readItems<D>(error.details.items, key));
        }
        throw error;
      }
      found.push(...readItems<D>(response.items, key));
    });
    if (failed.length) {
      throw new SlackCallError("apps.datastore.bulkGet", "partial_failure", {
        failedItems: failed,
      });
    }
    return found;
  }));
  return pages.flat();
}

function readItems<D extends Datastore>(
  items: unknown,
  key: PropertyKey,
): StoredItem<D>[] {
  if (!Array.isArray(items)) return [];
  return items.filter((item) => item && item[key]);
}

/** Deletes by id, 25 a call; answers the ids Slack did not delete. */
export async function bulkDeleteItems<D extends Datastore>(
  client: SlackAPIClient,
  store: D,
  ids: readonly string[],
): Promise<string[]> {
  const failed: string[] = [];
  for (const chunk of chunked([...new Set(ids)], BULK_LIMIT)) {
    failed.push(
      ...await bulkWithRetries(
        chunk,
        (batch) =>
          slackCall(client, "apps.datastore.bulkDelete", {
            datastore: store.name,
            ids: batch,
          }),
      ),
    );
  }
  return failed;
}

export function chunked<T>(list: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < list.length; i += size) {
    chunks.push(list.slice(i, i + size));
  }
  return chunks;
}

export async function deleteItem<D extends Datastore>(
  client: SlackAPIClient,
  store: D,
  id: string,
): Promise<void> {
  await slackCall(client, "apps.datastore.delete", {
    datastore: store.name,
    id,
  });
}

/**
 * Items evaluated per query call: Slack's documented maximum (1 to 1,000,
 * 100 by default). A page also ends at 1 MB, and the filter is applied to
 * each page, so pages may come back short or empty with a cursor.
 */
export const PAGE_SIZE = 1000;

export interface DatastoreFilter {
  expression: string;
  /** "#name" → attribute name. */
  attributes: Record<string, string>;
  /** ":value" → value. */
  values: Record<string, unknown>;
}

/** Each page of items, as Slack returns them (maybe empty); all without a filter. */
export async function* itemPages<D extends Datastore>(
  client: SlackAPIClient,
  store: D,
  filter?: DatastoreFilter,
): AsyncGenerator<StoredItem<D>[]> {
  let cursor: string | undefined;
  do {
    const page = await queryPage(client, store, { cursor, filter });
    yield page.items;
    cursor = page.cursor;
  } while (cursor);
}

/** One page from a cursor (none: the first), and the next page's cursor. */
export async function queryPage<D extends Datastore>(
  client: SlackAPIClient,
  store: D,
  request: { cursor?: string; filter?: DatastoreFilter; limit?: number },
): Promise<{ items: StoredItem<D>[]; cursor?: string }> {
  const { filter } = request;
  const page = await slackCall(client, "apps.datastore.query", {
    datastore: store.name,
    ...(filter
      ? {
        expression: filter.expression,
        expression_attributes: filter.attributes,
        expression_values: filter.values,
      }
      : {}),
    limit: request.limit ?? PAGE_SIZE,
    ...(request.cursor ? { cursor: request.cursor } : {}),
  });
  return {
    items: page.items ?? [],
    cursor: page.response_metadata?.next_cursor || undefined,
  };
}

export async function allItems<D extends Datastore>(
  client: SlackAPIClient,
  store: D,
  filter?: DatastoreFilter,
): Promise<StoredItem<D>[]> {
  const items: StoredItem<D>[] = [];
  for await (const page of itemPages(client, store, filter)) {
    items.push(...page);
  }
  return items;
}
