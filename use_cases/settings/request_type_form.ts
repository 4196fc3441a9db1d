// "Configure a request type" around its save (request_type_setup.ts): the
// picker of the types of queues the person may change (refused before it
// opens, so nobody fills it in vain), the choice checked again as if
// nothing had been offered, and what the person is told once it is saved.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import {
  listRequestTypes,
  settingsAndQueues,
} from "../../slack/storage/queue_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import {
  queueOfNewType,
  requestTypeChoiceModal,
  requestTypeModal,
  TYPE_CHOICE_BLOCK,
} from "../../slack/blocks/request_type_modal.ts";
import { describeRequestType } from "../../slack/blocks/request_type_summary.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import {
  checkQueueEditor,
  editableQueues,
  noQueueToChange,
} from "./queue_admin.ts";
import type { RequestTypeSave } from "./request_type_setup.ts";
import { refused, type SaveProblems } from "./settings_forms.ts";

/**
 * Opens the picker of request types. False: the person was told why not,
 * and nothing opened.
 */
export async function openRequestTypeForm(
  client: SlackAPIClient,
  admin: string,
  pointer: string,
  choiceView: string,
): Promise<boolean> {
  const [{ settings, queues }, types] = await Promise.all([
    settingsAndQueues(client),
    listRequestTypes(client),
  ]);
  if (!settings) {
    await tellPerson(client, { user: admin }, NOT_CONFIGURED);
    return false;
  }
  const mine = await editableQueues(client, settings, queues, admin);
  if (!mine.length) {
    await tellPerson(
      client,
      { user: admin },
      noQueueToChange(settings, "change its request types"),
    );
    return false;
  }
  await slackCall(client, "views.open", {
    interactivity_pointer: pointer,
    view: requestTypeChoiceModal(mine, types, choiceView),
  });
  return true;
}

export type RequestTypeChoice =
  | { ok: true; view: ReturnType<typeof requestTypeModal> }
  | SaveProblems<typeof TYPE_CHOICE_BLOCK>;

/** The form of the type (or new type) chosen, or why it can't open. */
export async function chooseRequestType(
  client: SlackAPIClient,
  admin: string,
  choice: string | undefined,
  formView: string,
): Promise<RequestTypeChoice> {
  const problem = (text: string): RequestTypeChoice => ({
    ok: false,
    errors: { [TYPE_CHOICE_BLOCK]: text },
  });
  if (!choice) return problem("Choose one.");
  try {
    const [{ settings, queues }, types] = await Promise.all([
      settingsAndQueues(client),
      listRequestTypes(client),
    ]);
    if (!settings) return problem(escapeMrkdwn(NOT_CONFIGURED));
    // The choice comes from the person's client: checked again, as if
    // nothing had been offered.
    const newIn = queueOfNewType(choice);
    const type = newIn ? undefined : types.find((t) => t.id === choice);
    const queue = queues.find((q) => q.id === (newIn ?? type?.queue_id));
    if (!queue) return problem("That no longer exists; choose another one.");
    const allowed = await checkQueueEditor(client, settings, queue, admin);
    if (!allowed.ok) {
      return refused(
        TYPE_CHOICE_BLOCK,
        `The request type was not saved. ${allowed.reason}`,
      );
    }
    return {
      ok: true,
      view: requestTypeModal(queue, type, formView, {
        queue: queue.id,
        id: type?.id,
        at: type?.updated_at ?? 0,
        by: type?.updated_by,
      }),
    };
  } catch (failure) {
    console.error("configure_request_type: choosing failed", failure);
    return problem(`Helpdesk couldn't open it. ${explainFailure(failure)}`);
  }
}

/** Tells the person what was saved or removed. */
export async function confirmRequestTypeSaved(
  client: SlackAPIClient,
  admin: string,
  saved: Extract<RequestTypeSave, { ok: true }>,
) {
  const queueName = escapeMrkdwn(saved.queue.name);
  await tellPerson(
    client,
    { user: admin },
    saved.removed
      ? `:wastebasket: Removed the request type “${
        escapeMrkdwn(saved.type.name)
      }” from the ${queueName} queue. Its tickets stay as they are.`
      : `:white_check_mark: Saved.\n${
        describeRequestType(saved.type, saved.queue)
      }`,
  ).catch((error) =>
    console.warn("the request type's save was not confirmed", error)
  );
}
