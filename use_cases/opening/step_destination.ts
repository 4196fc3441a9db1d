// Where a ticket from the "Create a Helpdesk ticket" Workflow Builder step
// goes: the queue and request type the builder named (by name or id), or
// the default queue. What a builder typed is only text: a name that is no
// queue or type stops the step, saying which exist.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  DEFAULT_QUEUE_ID,
  defaultQueueFromSettings,
  type Queue,
} from "../../helpdesk/queues/queue.ts";
import { queueByIdOrName } from "../../helpdesk/queues/queue_names.ts";
import {
  requestTypeByIdOrName,
  type RequestTypeRules,
} from "../../helpdesk/request_types/request_type.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  findStoredQueue,
  listRequestTypeRules,
  settingsAndQueues,
} from "../../slack/storage/queue_store.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { NotConfiguredError } from "./opening_failures.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { queueList } from "../../slack/blocks/queue_summary.ts";

export type StepDestination =
  | {
    ok: true;
    settings: HelpdeskSettings;
    /** The default queue when nothing was named. */
    queue: Queue;
    requestType?: RequestTypeRules;
  }
  | { ok: false; problem: string };

export async function stepDestination(
  client: SlackAPIClient,
  queueText: string | undefined,
  typeText: string | undefined,
): Promise<StepDestination> {
  if (!queueText?.trim() && !typeText?.trim()) {
    // Nothing named: the default queue, read with the settings it falls
    // back on, so that opening reads neither again.
    const [settings, stored] = await Promise.all([
      getSettings(client),
      findStoredQueue(client, DEFAULT_QUEUE_ID),
    ]);
    if (!settings) throw new NotConfiguredError();
    return {
      ok: true,
      settings,
      queue: stored ?? defaultQueueFromSettings(settings),
    };
  }
  const [{ settings, queues }, types] = await Promise.all([
    settingsAndQueues(client),
    listRequestTypeRules(client),
  ]);
  if (!settings) throw new NotConfiguredError();
  const queue = queueText?.trim()
    ? queueByIdOrName(queues, queueText)
    : queues.find((q) => q.id === DEFAULT_QUEUE_ID);
  if (!queue) {
    return {
      ok: false,
      problem: `This workflow asks for the queue “${
        escapeMrkdwn(queueText!.trim())
      }”, which Helpdesk doesn't have: tell whoever built it. ${
        queueList(queues)
      }`,
    };
  }
  if (!typeText?.trim()) return { ok: true, settings, queue };
  const requestType = requestTypeByIdOrName(types, queue.id, typeText);
  if (!requestType) {
    const own = types.filter((t) => t.queue_id === queue.id);
    return {
      ok: false,
      problem: `This workflow asks for the request type “${
        escapeMrkdwn(typeText.trim())
      }”, which the ${
        escapeMrkdwn(queue.name)
      } queue doesn't have: tell whoever built it. ${
        own.length
          ? `Its request types are: ${
            own.map((t) => `“${escapeMrkdwn(t.name)}”`).join(", ")
          }.`
          : "It has no request types."
      }`,
    };
  }
  return { ok: true, settings, queue, requestType };
}
