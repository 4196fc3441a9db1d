// The check-up's datastore (datastores/checkups.ts): scratch items for the
// read-your-writes check, and what Helpdesk itself saw of the platform.
import { CheckupsDatastore } from "./datastore_refs.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { deleteItem, getItem, putItem } from "./datastore.ts";

export const THREAD_ORDER_ID = "thread_order";

/**
 * How a message_posted event named the timestamps of a reply Helpdesk
 * passed on: "reply_is_message_ts" as the Events API documents, or
 * "parent_is_message_ts" as the SDK's description of the event data says.
 */
export interface ThreadOrderSeen {
  channel: string;
  parent: string;
  reply: string;
  order: "reply_is_message_ts" | "parent_is_message_ts";
}

export async function recordThreadOrder(
  client: SlackAPIClient,
  seen: ThreadOrderSeen,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<void> {
  await putItem(client, CheckupsDatastore, {
    id: THREAD_ORDER_ID,
    value: JSON.stringify(seen),
    recorded_at: nowSeconds,
  });
}

export async function lastThreadOrder(
  client: SlackAPIClient,
): Promise<(ThreadOrderSeen & { recorded_at?: number }) | undefined> {
  const item = await getItem(client, CheckupsDatastore, THREAD_ORDER_ID);
  if (!item?.value) return undefined;
  try {
    const seen = JSON.parse(item.value) as ThreadOrderSeen;
    return { ...seen, recorded_at: item.recorded_at };
  } catch {
    return undefined;
  }
}

export async function putScratch(
  client: SlackAPIClient,
  id: string,
  value: string,
): Promise<void> {
  await putItem(client, CheckupsDatastore, {
    id,
    value,
    recorded_at: Math.floor(Date.now() / 1000),
  });
}

export async function getScratch(
  client: SlackAPIClient,
  id: string,
): Promise<string | undefined> {
  return (await getItem(client, CheckupsDatastore, id))?.value;
}

export async function deleteScratch(
  client: SlackAPIClient,
  id: string,
): Promise<void> {
  await deleteItem(client, CheckupsDatastore, id);
}
