// Saved replies: one item per queue in the settings datastore, under the id
// "saved_replies/<queue id>" (an app has at most 10 datastores, and
// Helpdesk's ten are taken). Reply to requester reads one item by its id.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { SettingsDatastore } from "./datastore_refs.ts";
import type { SavedReply } from "../../helpdesk/queues/saved_replies.ts";
import { allItems, getItem, putItem, type StoredItem } from "./datastore.ts";

type SettingsItem = StoredItem<typeof SettingsDatastore>;

const PREFIX = "saved_replies/";
const itemId = (queueId: string) => `${PREFIX}${queueId}`;

function decodeReply(text: unknown): SavedReply | undefined {
  if (typeof text !== "string") return undefined;
  try {
    const { id, title, text: body } = JSON.parse(text);
    return typeof id === "string" && typeof title === "string" &&
        typeof body === "string"
      ? { id, title, text: body }
      : undefined;
  } catch {
    return undefined;
  }
}

function decodeItem(item: SettingsItem | undefined): SavedReply[] {
  return (item?.saved_replies ?? []).flatMap((r) => decodeReply(r) ?? []);
}

/** The queue's saved replies, in the order they were added. */
export async function savedRepliesOf(
  client: SlackAPIClient,
  queueId: string,
): Promise<SavedReply[]> {
  return decodeItem(
    await getItem(client, SettingsDatastore, itemId(queueId)),
  );
}

export async function putSavedReplies(
  client: SlackAPIClient,
  queueId: string,
  replies: readonly SavedReply[],
  by: string,
  at: number,
) {
  await putItem(client, SettingsDatastore, {
    id: itemId(queueId),
    saved_replies: replies.map((r) =>
      JSON.stringify({ id: r.id, title: r.title, text: r.text })
    ),
    updated_by: by,
    updated_at: at,
  });
}

/**
 * Every queue's saved replies, by reply id, for the report's titles: the
 * settings datastore holds one item per queue besides the settings, so a
 * few dozen items at most.
 */
export async function allSavedReplies(
  client: SlackAPIClient,
): Promise<Map<string, { queueId: string; reply: SavedReply }>> {
  const byId = new Map<string, { queueId: string; reply: SavedReply }>();
  for (const item of await allItems(client, SettingsDatastore)) {
    if (!item.id.startsWith(PREFIX)) continue;
    for (const reply of decodeItem(item)) {
      byId.set(reply.id, { queueId: item.id.slice(PREFIX.length), reply });
    }
  }
  return byId;
}
