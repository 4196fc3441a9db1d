// Who may change a queue: its owner, admins and superusers, and Helpdesk's
// admins. Only Helpdesk's admins make new queues.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { mayDo } from "../../helpdesk/queues/queue_permissions.ts";
import {
  helpdeskAdmins,
  isHelpdeskAdmin,
} from "../../helpdesk/helpdesk_admins.ts";
import { onlyHelpdeskAdmins, onlyQueueEditors } from "../blocks/refusals.ts";
import { QueueDirectory } from "./queue_directory.ts";
import { tellPerson } from "./tell_person.ts";

export type EditorCheck = { ok: true } | { ok: false; reason: string };

/** May this person change the queue's settings and request types? */
export async function checkQueueEditor(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  queue: Queue,
  userId: string,
): Promise<EditorCheck> {
  if (isHelpdeskAdmin(settings, userId)) return { ok: true };
  const roles = await new QueueDirectory(client, queue).rolesOf(userId);
  return mayDo(roles, "edit_settings") ? { ok: true } : {
    ok: false,
    reason: onlyQueueEditors(
      queue.name,
      "change its settings and request types",
      helpdeskAdmins(settings),
    ),
  };
}

/** May this person make a new queue? */
export function checkQueueCreator(
  settings: HelpdeskSettings,
  userId: string,
): EditorCheck {
  return isHelpdeskAdmin(settings, userId) ? { ok: true } : {
    ok: false,
    reason: onlyHelpdeskAdmins("create a queue", helpdeskAdmins(settings)),
  };
}

/**
 * How a settings function refuses: the person gets the reason by DM (the
 * form is gone by then) and the run ends with it as its error. `problem` is
 * mrkdwn: whatever a person typed in it is escaped already.
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
