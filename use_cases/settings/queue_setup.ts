// Saving "Configure a queue": the queue chosen when the form opened (by id:
// its name is just a field, so changing it renames the queue), checked for
// who may, for a save by someone else since, and field by field; then its
// channels joined, the queue saved, and the reaction triggers brought in
// step with every queue.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import {
  type QueueField,
  type QueueFormInput,
  queueFromForm,
} from "../../helpdesk/queues/queue_form.ts";
import {
  nameClash,
  newQueueId,
  normalName,
} from "../../helpdesk/queues/queue_names.ts";
import { savedByOtherSince } from "../../helpdesk/saved_version.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import {
  putQueue,
  settingsAndQueues,
} from "../../slack/storage/queue_store.ts";
import { checkQueueCreator, checkQueueEditor } from "./queue_admin.ts";
import { reactionTargets, syncReactionTriggers } from "./reaction_triggers.ts";
import { joinIfPublic } from "../../slack/workspace/join_channel.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { channelMention, escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import type { ModalSubject } from "../../slack/blocks/saved_version.ts";
import {
  type FieldErrors,
  refused,
  type SaveProblems,
} from "./settings_forms.ts";

export type QueueSave =
  | SaveProblems<QueueField>
  | {
    ok: true;
    queue: Queue;
    /** Private channels Helpdesk must be invited to. */
    uninvited: string[];
    /** Saved, but the reaction triggers could not follow: why. */
    triggersFailed?: string;
  };

export async function saveQueue(
  client: SlackAPIClient,
  admin: string,
  subject: ModalSubject,
  form: QueueFormInput,
): Promise<QueueSave> {
  const problem = (field: QueueField, text: string): QueueSave => ({
    ok: false,
    errors: { [field]: text },
  });
  const { settings, queues } = await settingsAndQueues(client);
  if (!settings) return problem("name", escapeMrkdwn(NOT_CONFIGURED));
  const existing = subject.id
    ? queues.find((q) => q.id === subject.id)
    : undefined;
  if (subject.id && !existing) {
    return problem(
      "name",
      "This queue no longer exists, so nothing was saved: close the form and run Configure a queue again.",
    );
  }
  const allowed = existing
    ? await checkQueueEditor(client, settings, existing, admin)
    : checkQueueCreator(settings, admin);
  if (!allowed.ok) {
    return refused("name", `The queue was not saved. ${allowed.reason}`);
  }
  if (
    existing && savedByOtherSince(
      subject,
      { at: existing.updated_at ?? 0, by: existing.updated_by },
      admin,
    )
  ) {
    return problem(
      "name",
      `Someone else saved the ${
        escapeMrkdwn(existing.name)
      } queue after you opened this form, so nothing was saved: close it and open the queue again to see their changes.`,
    );
  }
  const name = normalName(form.name);
  const clash = name ? nameClash(queues, name, existing?.id) : undefined;
  if (clash) {
    return problem(
      "name",
      `“${escapeMrkdwn(name)}” is too close to the name of the ${
        escapeMrkdwn(clash.name)
      } queue: queue names must differ in more than case, spaces or punctuation.`,
    );
  }
  const id = existing?.id ?? newQueueId(queues, name);
  const built = queueFromForm({ ...form, name }, id, queues);
  if (!built.ok) {
    const errors: FieldErrors<QueueField> = {};
    for (const [field, list] of Object.entries(built.problems)) {
      errors[field as QueueField] = list!.map(escapeMrkdwn).join(" ");
    }
    if (built.conflicts.length) {
      errors.intake_channels = [
        errors.intake_channels,
        ...built.conflicts.map((c) =>
          `${channelMention(c.channel)} already takes tickets for the ${
            escapeMrkdwn(c.queueName)
          } queue; a channel can feed one queue.`
        ),
      ].filter(Boolean).join(" ");
    }
    return { ok: false, errors };
  }
  const now = Math.floor(Date.now() / 1000);
  const holidaysChanged = (built.queue.holidays ?? "") !==
    (existing?.holidays ?? "");
  const queue: Queue = {
    ...built.queue,
    // Open tickets of the queue get deadlines on its new calendar.
    sla_updated_at: holidaysChanged ? now : existing?.sla_updated_at,
    updated_by: admin,
    updated_at: now,
  };
  // Public channels are joined so cards can be posted and reacted-to
  // messages read; private ones need an invitation, said afterwards.
  const channels = [queue.triage_channel, ...queue.intake_channels];
  const joined = await Promise.allSettled(
    channels.map((c) => joinIfPublic(client, c)),
  );
  const failed = joined.findIndex((r) => r.status === "rejected");
  if (failed >= 0) {
    return problem(
      failed === 0 ? "triage_channel" : "intake_channels",
      `The queue was not saved. ${
        explainFailure((joined[failed] as PromiseRejectedResult).reason)
      }`,
    );
  }
  const uninvited = channels.filter((_, i) =>
    !(joined[i] as PromiseFulfilledResult<boolean>).value
  );
  try {
    await putQueue(client, queue);
  } catch (error) {
    console.error("configure_queue: the queue was not saved", error);
    return problem("name", `The queue was not saved. ${explainFailure(error)}`);
  }
  try {
    // Read again when syncing: another queue may have been saved since.
    await syncReactionTriggers(client, async () => {
      const now = await settingsAndQueues(client);
      const current = now.settings ?? settings;
      return reactionTargets(
        now.queues,
        current.triage_channel,
        current.intake_emoji,
      );
    });
  } catch (error) {
    console.error("configure_queue: reaction triggers not synced", error);
    return {
      ok: true,
      queue,
      uninvited,
      triggersFailed: explainFailure(error),
    };
  }
  return { ok: true, queue, uninvited };
}
