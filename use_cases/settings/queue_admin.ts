// Who may change a queue: its owner, admins and superusers, and Helpdesk's
// admins. Only Helpdesk's admins make new queues. Asked before a settings
// form opens (to offer only what the person may change, or refuse at once)
// and again when it is saved.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { mayDo } from "../../helpdesk/queues/queue_permissions.ts";
import {
  helpdeskAdmins,
  isHelpdeskAdmin,
} from "../../helpdesk/helpdesk_admins.ts";
import {
  onlyHelpdeskAdmins,
  onlyQueueEditors,
  people,
} from "../../slack/blocks/refusals.ts";
import {
  type MemberCache,
  newMemberCache,
  QueueRoles,
} from "../../slack/workspace/queue_directory.ts";

export type EditorCheck = { ok: true } | { ok: false; reason: string };

/** May this person change the queue's settings and request types? */
export async function checkQueueEditor(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  queue: Queue,
  userId: string,
  cache?: MemberCache,
): Promise<EditorCheck> {
  if (isHelpdeskAdmin(settings, userId)) return { ok: true };
  const roles = await new QueueRoles(
    client,
    queue,
    undefined,
    undefined,
    cache,
  ).rolesOf(userId);
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

/** The queues this person may change, asked of every queue at once. */
export async function editableQueues(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  queues: readonly Queue[],
  userId: string,
): Promise<Queue[]> {
  if (isHelpdeskAdmin(settings, userId)) return [...queues];
  // Each user group and channel named in any queue is read once.
  const cache = newMemberCache();
  const checks = await Promise.all(
    queues.map((q) => checkQueueEditor(client, settings, q, userId, cache)),
  );
  return queues.filter((_, i) => checks[i].ok);
}

/** Said to someone who may change no queue at all. */
export function noQueueToChange(settings: HelpdeskSettings, what: string) {
  return `Only a queue's owner, admins and superusers can ${what}, and Helpdesk's admins (${
    people(helpdeskAdmins(settings))
  }), who also make new queues. You hold none of those roles in any queue: ask a Helpdesk admin or the queue's owner.`;
}
