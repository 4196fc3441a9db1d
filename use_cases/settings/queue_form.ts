// "Configure a queue" around its save (queue_setup.ts): which form opens for
// whom (refused before it opens, so nobody fills it in vain), the queue
// chosen in the picker checked again as if nothing had been offered (what
// the person is told once it is saved: queue_confirmation.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { isHelpdeskAdmin } from "../../helpdesk/helpdesk_admins.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { settingsAndQueues } from "../../slack/storage/queue_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { listUsergroups } from "../../slack/workspace/usergroups.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import {
  NEW_QUEUE,
  QUEUE_CHOICE_BLOCK,
  queueChoiceModal,
  queueModal,
} from "../../slack/blocks/queue_modal.ts";
import type { ModalSubject } from "../../slack/blocks/saved_version.ts";
import {
  checkQueueCreator,
  checkQueueEditor,
  editableQueues,
  noQueueToChange,
} from "./queue_admin.ts";
import { refused, type SaveProblems } from "./settings_forms.ts";

/** The callback ids of the function's two modals. */
export interface QueueFormViews {
  choice: string;
  form: string;
}

/** The form opens on this save of the queue (a new one: none). */
const subjectFor = (queue: Queue | undefined): ModalSubject =>
  queue
    ? { id: queue.id, at: queue.updated_at ?? 0, by: queue.updated_by }
    : { at: 0 };

/**
 * Opens the picker of the queues the person may change (or, with only one
 * and no right to create, that queue's form). False: they were told why
 * not, and nothing opened.
 */
export async function openQueueForm(
  client: SlackAPIClient,
  admin: string,
  pointer: string,
  views: QueueFormViews,
): Promise<boolean> {
  const [{ settings, queues }, groups] = await Promise.all([
    settingsAndQueues(client),
    listUsergroups(client),
  ]);
  if (!settings) {
    await tellPerson(client, { user: admin }, NOT_CONFIGURED);
    return false;
  }
  const mine = await editableQueues(client, settings, queues, admin);
  const canCreate = isHelpdeskAdmin(settings, admin);
  if (!mine.length && !canCreate) {
    await tellPerson(
      client,
      { user: admin },
      noQueueToChange(settings, "change a queue"),
    );
    return false;
  }
  // Nothing to choose between: straight to that queue's form.
  const view = !canCreate && mine.length === 1
    ? queueModal(mine[0], groups, views.form, subjectFor(mine[0]))
    : queueChoiceModal(mine, canCreate, views.choice);
  await slackCall(client, "views.open", {
    interactivity_pointer: pointer,
    view,
  });
  return true;
}

export type QueueChoice =
  | { ok: true; view: ReturnType<typeof queueModal> }
  | SaveProblems<typeof QUEUE_CHOICE_BLOCK>;

/** The form of the queue chosen in the picker, or why it can't open. */
export async function chooseQueue(
  client: SlackAPIClient,
  admin: string,
  choice: string | undefined,
  formView: string,
): Promise<QueueChoice> {
  const problem = (text: string): QueueChoice => ({
    ok: false,
    errors: { [QUEUE_CHOICE_BLOCK]: text },
  });
  if (!choice) return problem("Choose a queue.");
  try {
    const [{ settings, queues }, groups] = await Promise.all([
      settingsAndQueues(client),
      listUsergroups(client),
    ]);
    if (!settings) return problem(NOT_CONFIGURED);
    // The choice comes from the person's client: checked again, as if
    // nothing had been offered.
    const queue = choice === NEW_QUEUE
      ? undefined
      : queues.find((q) => q.id === choice);
    if (choice !== NEW_QUEUE && !queue) {
      return problem("That queue no longer exists; choose another one.");
    }
    const allowed = queue
      ? await checkQueueEditor(client, settings, queue, admin)
      : checkQueueCreator(settings, admin);
    if (!allowed.ok) {
      return refused(
        QUEUE_CHOICE_BLOCK,
        `The queue was not saved. ${allowed.reason}`,
      );
    }
    return {
      ok: true,
      view: queueModal(queue, groups, formView, subjectFor(queue)),
    };
  } catch (failure) {
    console.error("configure_queue: choosing a queue failed", failure);
    return problem(
      `Helpdesk couldn't open that queue. ${explainFailure(failure)}`,
    );
  }
}
