// Reading a datastore page by page. Slack's datastore query is a DynamoDB
// scan with a filter: `limit` caps the items *evaluated*, so a page can be
// empty and still have a cursor, and only an absent cursor means the end.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "../slack_api/slack_call.ts";

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
export async function* itemPages(
  client: SlackAPIClient,
  datastore: string,
  filter?: DatastoreFilter,
): AsyncGenerator<Record<string, unknown>[]> {
  let cursor: string | undefined;
  do {
    const page = await slackCall(client, "apps.datastore.query", {
      datastore,
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
