// The one door to Slack's datastores. Items are typed from each datastore's
// own definition (datastores/*.ts): a misspelled attribute, or a number where
// the definition says string, does not compile. Every call still goes
// through slackCall, so failures arrive as one SlackCallError.
//
// Slack's datastore query is a DynamoDB scan with a filter: `limit` caps the
// items *evaluated*, so a page can be empty and still have a cursor, and only
// an absent cursor means the end.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "../api/slack_call.ts";

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

/** bulkPut takes at most 25 items a call. */
export const BULK_PUT_LIMIT = 25;

/** Puts up to 25 items; answers the ones Slack did not save. */
export async function bulkPutItems<D extends Datastore>(
  client: SlackAPIClient,
  store: D,
  items: StoredItem<D>[],
): Promise<StoredItem<D>[]> {
  const { failed_items } = await slackCall(client, "apps.datastore.bulkPut", {
    datastore: store.name,
    items,
  });
  return failed_items ?? [];
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
 * Items evaluated per call. Slack documents no maximum; fewer, larger pages
 * keep a sweep over thousands of tickets to a handful of calls.
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
    const page = await slackCall(client, "apps.datastore.query", {
      datastore: store.name,
      ...(filter
        ? {
          expression: filter.expression,
          expression_attributes: filter.attributes,
          expression_values: filter.values,
        }
        : {}),
      limit: PAGE_SIZE,
      cursor,
    });
    yield page.items ?? [];
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
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
