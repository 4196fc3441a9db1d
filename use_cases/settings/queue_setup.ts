// Saving "Configure a queue": the queue chosen when the form opened (by id:
// its name is just a field, so changing it renames the queue), checked for
// who may, for a save by someone else since, and field by field; then its
// channels joined and the queue saved. The reaction triggers follow in the
// workflow's next step (queue_reactions.ts), which also confirms the save.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
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
import { joinIfPublic } from "../../slack/workspace/join_channel.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  isPassing,
  onceMoreIfPassing,
} from "../../slack/api/passing_failures.ts";
import { channelMention, escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import type { ModalSubject } from "../../slack/blocks/saved_version.ts";
import {
  type FieldErrors,
  refused,
  type SaveProblems,
} from "./settings_forms.ts";

export type QueueSave =
  | SaveProblems<QueueField>
  | { ok: true; queue: Queue };

export async function saveQueue(
  client: SlackAPIClient,
  admin: string,
  subject: ModalSubject,
  form: QueueFormInput,
): Promise<QueueSave> {
  const { settings, queues } = await settingsAndQueues(client);
  if (!settings) return problem("name", escapeMrkdwn(NOT_CONFIGURED));
  const target = await queueToSave(client, settings, queues, subject, admin);
  if (!target.ok) return target;
  const built = checkQueueForm(queues, target.existing, form);
  if (!built.ok) return built;
  const queue = stamped(built.queue, target.existing, admin);
  const joined = await joinQueueChannels(client, queue);
  if (!joined.ok) return joined;
  const stored = await storeQueue(client, queue);
  if (!stored.ok) return stored;
  return { ok: true, queue };
}

const problem = (
  field: QueueField,
  text: string,
): SaveProblems<QueueField> => ({ ok: false, errors: { [field]: text } });

/**
 * The queue the form opened on (none: a new one), if it still exists, the
 * person may save it, and nobody else saved it since.
 */
async function queueToSave(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  queues: readonly Queue[],
  subject: ModalSubject,
  admin: string,
): Promise<{ ok: true; existing?: Queue } | SaveProblems<QueueField>> {
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
  return { ok: true, existing };
}

/** The queue the form describes, or each problem under its field. */
function checkQueueForm(
  queues: readonly Queue[],
  existing: Queue | undefined,
  form: QueueFormInput,
): { ok: true; queue: Queue } | SaveProblems<QueueField> {
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
  if (built.ok) return { ok: true, queue: built.queue };
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

/**
 * Who saved it and when; a new calendar redoes its tickets' deadlines (the
 * open tickets of the queue get deadlines on its new calendar).
 */
function stamped(built: Queue, existing: Queue | undefined, admin: string) {
  const now = Math.floor(Date.now() / 1000);
  const holidaysChanged = (built.holidays ?? "") !==
    (existing?.holidays ?? "");
  return {
    ...built,
    sla_updated_at: holidaysChanged ? now : existing?.sla_updated_at,
    updated_by: admin,
    updated_at: now,
  };
}

/**
 * Public channels are joined so cards can be posted and reacted-to
 * messages read; private ones need an invitation, said afterwards where
 * Slack says Helpdesk is not in them (queue_confirmation.ts).
 */
async function joinQueueChannels(
  client: SlackAPIClient,
  queue: Queue,
): Promise<{ ok: true } | SaveProblems<QueueField>> {
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
  return { ok: true };
}

async function storeQueue(
  client: SlackAPIClient,
  queue: Queue,
): Promise<{ ok: true } | SaveProblems<QueueField>> {
  try {
    // A put whose answer was lost may have landed: asked again once, as
    // the same put twice is one save, so nobody hears "not saved" of a
    // saved queue whose reactions then never follow it.
    await onceMoreIfPassing(() => putQueue(client, queue));
    return { ok: true };
  } catch (error) {
    console.error("configure_queue: the queue was not saved", error);
    return problem(
      "name",
      `${
        isPassing(error)
          ? "Slack did not say whether the queue was saved."
          : "The queue was not saved."
      } ${explainFailure(error)}`,
    );
  }
}
