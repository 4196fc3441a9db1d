// Who may change a queue: its owner, admins and superusers. A new queue is
// made by those who may change the default one, Helpdesk's own admins.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { mayDo, refusal } from "../../helpdesk/queues/queue_permissions.ts";
import { QueueDirectory } from "./queue_directory.ts";
import { tellPerson } from "./tell_person.ts";

export async function checkQueueEditor(
  client: SlackAPIClient,
  queue: Queue,
  userId: string,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const roles = await new QueueDirectory(client, queue).rolesOf(userId);
  return mayDo(roles, "edit_settings")
    ? { ok: true }
    : { ok: false, reason: refusal("edit_settings", queue.name) };
}

/** The queue named so, whatever the case and spacing. */
export function queueNamed(
  queues: readonly Queue[],
  name: string,
): Queue | undefined {
  const wanted = name.replace(/\s+/g, " ").trim().toLowerCase();
  return queues.find((q) => q.name.toLowerCase() === wanted);
}

/**
 * How a settings function refuses: the admin gets the reason by DM (the
 * form is gone by then) and the run ends with it as its error.
 */
export function refuseAdmin(
  client: SlackAPIClient,
  admin: string,
  what: string,
): (problem: string) => Promise<{ error: string }> {
  return async (problem) => {
    const message = `${what} was not saved. ${problem}`;
    await tellPerson(client, { user: admin }, message).catch(() => {});
    return { error: message };
  };
}
