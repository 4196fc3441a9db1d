// Queues and request types in their datastores. Both are small (dozens of
// items), so listing reads them all; tickets point at them by id.
import { QueuesDatastore, RequestTypesDatastore } from "./datastore_refs.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  DEFAULT_QUEUE_ID,
  defaultQueueFromSettings,
  type Queue,
} from "../../helpdesk/queues/queue.ts";
import {
  isPrivateJsmMirror,
  type RequestType,
  type RequestTypeRules,
} from "../../helpdesk/request_types/request_type.ts";
import { parseFormFields } from "../../helpdesk/request_types/form_fields.ts";
import { getSettings } from "./settings_store.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  allItems,
  deleteItem,
  getItem,
  putItem,
  type StoredItem,
} from "./datastore.ts";

type QueueItem = StoredItem<typeof QueuesDatastore>;
type RequestTypeItem = StoredItem<typeof RequestTypesDatastore>;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];

/** Slack keeps no empty attributes: "" and undefined are left out. */
function withoutEmpty<T extends object>(record: T): T {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined && v !== ""),
  ) as T;
}

function toQueue(item: QueueItem): Queue {
  return {
    id: String(item.id),
    name: String(item.name ?? item.id),
    triage_channel: String(item.triage_channel),
    intake_channels: strings(item.intake_channels),
    owner: typeof item.owner === "string" && item.owner
      ? item.owner
      : undefined,
    members: strings(item.members),
    admins: strings(item.admins),
    superusers: strings(item.superusers),
    holidays: typeof item.holidays === "string" && item.holidays
      ? item.holidays
      : undefined,
    sla_updated_at: typeof item.sla_updated_at === "number"
      ? item.sla_updated_at
      : undefined,
    updated_by: item.updated_by as string | undefined,
    updated_at: item.updated_at as number | undefined,
  };
}

/** The stored queue, without the settings' stand-in for the default. */
export async function findStoredQueue(
  client: SlackAPIClient,
  id: string,
): Promise<Queue | undefined> {
  const item = await getItem(client, QueuesDatastore, id);
  return item ? toQueue(item) : undefined;
}

/** A ticket's queue: the stored one, or the default one from settings. */
export async function getQueue(
  client: SlackAPIClient,
  id: string | undefined,
  settings: HelpdeskSettings,
): Promise<Queue | undefined> {
  return orDefault(
    await findStoredQueue(client, id ?? DEFAULT_QUEUE_ID),
    id,
    settings,
  );
}

export function orDefault(
  stored: Queue | undefined,
  id: string | undefined,
  settings: HelpdeskSettings,
): Queue | undefined {
  if (stored) return stored;
  return (id ?? DEFAULT_QUEUE_ID) === DEFAULT_QUEUE_ID
    ? defaultQueueFromSettings(settings)
    : undefined;
}

/** The queues admins saved (the default one only once edited as a queue). */
export async function listStoredQueues(
  client: SlackAPIClient,
): Promise<Queue[]> {
  return (await allItems(client, QueuesDatastore)).map(toQueue);
}

/**
 * The settings and every queue, the default one included even before it was
 * ever edited, read at once. No queues until Helpdesk is configured.
 */
export async function settingsAndQueues(
  client: SlackAPIClient,
): Promise<{ settings?: HelpdeskSettings; queues: Queue[] }> {
  const [settings, queues] = await Promise.all([
    getSettings(client),
    listStoredQueues(client),
  ]);
  if (!settings) return { queues: [] };
  if (!queues.some((q) => q.id === DEFAULT_QUEUE_ID)) {
    queues.unshift(defaultQueueFromSettings(settings));
  }
  return { settings, queues };
}

export async function putQueue(client: SlackAPIClient, queue: Queue) {
  const item: QueueItem = queue;
  await putItem(client, QueuesDatastore, withoutEmpty(item));
}

/** A stored type with its questions left as the admin's text. */
function toRequestTypeRules(item: RequestTypeItem): RequestTypeRules {
  return {
    id: String(item.id),
    queue_id: String(item.queue_id),
    name: String(item.name),
    description: typeof item.description === "string" ? item.description : "",
    fields_spec: String(item.fields ?? ""),
    needs_approval: item.needs_approval === true,
    approvers: strings(item.approvers),
    private: item.private === true,
    ...(isPrivateJsmMirror(item.private_jsm)
      ? { private_jsm: item.private_jsm }
      : {}),
    updated_by: typeof item.updated_by === "string"
      ? item.updated_by
      : undefined,
    updated_at: typeof item.updated_at === "number"
      ? item.updated_at
      : undefined,
  };
}

function toRequestType(item: RequestTypeItem): RequestType {
  const parsed = parseFormFields(String(item.fields ?? ""));
  return {
    ...toRequestTypeRules(item),
    // A spec saved by an older version that no longer parses asks nothing
    // rather than failing every form of the queue.
    fields: parsed.ok ? parsed.fields : [],
  };
}

/** A type with its questions, for the request form and the settings. */
export async function getRequestType(
  client: SlackAPIClient,
  id: string,
): Promise<RequestType | undefined> {
  const item = await getItem(client, RequestTypesDatastore, id);
  return item ? toRequestType(item) : undefined;
}

/** A type as opening, approving and showing a ticket need it. */
export async function getRequestTypeRules(
  client: SlackAPIClient,
  id: string,
): Promise<RequestTypeRules | undefined> {
  const item = await getItem(client, RequestTypesDatastore, id);
  return item ? toRequestTypeRules(item) : undefined;
}

export async function listRequestTypes(
  client: SlackAPIClient,
): Promise<RequestType[]> {
  return (await allItems(client, RequestTypesDatastore)).map(
    toRequestType,
  ).sort((a, b) => a.name.localeCompare(b.name));
}

/** Every type, without parsing the questions of any. */
export async function listRequestTypeRules(
  client: SlackAPIClient,
): Promise<RequestTypeRules[]> {
  return (await allItems(client, RequestTypesDatastore)).map(
    toRequestTypeRules,
  ).sort((a, b) => a.name.localeCompare(b.name));
}

export async function putRequestType(
  client: SlackAPIClient,
  type: RequestType,
  by: string,
  at: number,
) {
  const { fields: _parsed, fields_spec, ...rest } = type;
  const item: RequestTypeItem = {
    ...rest,
    fields: fields_spec,
    updated_by: by,
    updated_at: at,
  };
  await putItem(client, RequestTypesDatastore, withoutEmpty(item));
}

export async function deleteRequestType(client: SlackAPIClient, id: string) {
  await deleteItem(client, RequestTypesDatastore, id);
}
