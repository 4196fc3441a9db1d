// The request form ("Open a ticket"): it opens on the request types of the
// configured queues (none: straight to the details), the type chosen is
// read again as it is now, and the details submitted open the ticket. Any
// problem is shown in the form, which stays open with everything typed;
// submitting again after a failure finishes the same ticket (the view's id
// is its creation key), never a second one.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  DEFAULT_CATEGORY,
  validateNewTicket,
} from "../../helpdesk/tickets/ticket_input.ts";
import {
  type FormField,
  readAnswers,
} from "../../helpdesk/request_types/form_fields.ts";
import { creationKeys } from "../../helpdesk/tickets/ticket_ids.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import {
  getRequestType,
  listRequestTypes,
  settingsAndQueues,
} from "../../slack/storage/queue_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { onceMoreIfPassing } from "../../slack/api/passing_failures.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { formError } from "../../slack/workspace/form_errors.ts";
import {
  chooseTypeView,
  detailsView,
  GENERAL_REQUEST,
  SUMMARY_BLOCK,
  TYPE_BLOCK,
} from "../../slack/blocks/request_form.ts";
import {
  type OpenedTicket,
  openTicket,
  SettingsProblem,
} from "./open_ticket.ts";
import { openingFailure } from "./opening_failures.ts";

/** Field errors by block id, as the form shows them. */
type FormErrors = Record<string, string>;

/** Opens the form; an error when Helpdesk is not set up (they were told). */
export async function openRequestForm(
  client: SlackAPIClient,
  requester: string,
  pointer: string,
  options: { files?: boolean } = {},
): Promise<{ ok: true } | { ok: false; error: string }> {
  const [{ settings, queues }, types] = await Promise.all([
    settingsAndQueues(client),
    listRequestTypes(client),
  ]);
  if (!settings) {
    await tellPerson(client, { user: requester }, NOT_CONFIGURED);
    return { ok: false, error: NOT_CONFIGURED };
  }
  const known = types.filter((t) => queues.some((q) => q.id === t.queue_id));
  await slackCall(client, "views.open", {
    interactivity_pointer: pointer,
    // Without request types there is nothing to choose: straight to it.
    view: known.length
      ? chooseTypeView(queues, known)
      : detailsView(undefined, options),
  });
  return { ok: true };
}

/** The details form for the type chosen, or why it can't open. */
export async function chooseRequestKind(
  client: SlackAPIClient,
  choice: string | undefined,
  options: { files?: boolean } = {},
): Promise<
  { ok: true; view: ReturnType<typeof detailsView> } | {
    ok: false;
    errors: FormErrors;
  }
> {
  if (!choice) {
    return { ok: false, errors: { [TYPE_BLOCK]: "Choose what you need." } };
  }
  if (choice === GENERAL_REQUEST) {
    return { ok: true, view: detailsView(undefined, options) };
  }
  const type = await getRequestType(client, choice);
  if (!type) {
    return {
      ok: false,
      errors: {
        [TYPE_BLOCK]: "That request type was just removed; choose another one.",
      },
    };
  }
  return { ok: true, view: detailsView(type, options) };
}

export interface SubmittedRequest {
  /** Whoever submits the form, as Slack reports it. */
  requester: string;
  /** The view's id: the same when submitted again after an error. */
  viewId: string;
  channel?: string;
  typeId?: string;
  summary: string;
  description: string;
  priority?: string;
  /** What was submitted for each of the request type's own questions. */
  answerOf: (field: FormField) => unknown;
}

/**
 * Opens the ticket the form describes and ends the run with it (`finish`).
 * Problems come back by field, in plain words.
 */
export async function submitRequest(
  client: SlackAPIClient,
  submitted: SubmittedRequest,
  options: {
    syncToJsm: boolean;
    finish: (outputs: Record<string, unknown>) => Promise<void>;
  },
): Promise<{ ok: true } | { ok: false; errors: FormErrors }> {
  const problems = (errors: FormErrors) => ({ ok: false as const, errors });
  const type = submitted.typeId
    ? await getRequestType(client, submitted.typeId)
    : undefined;
  if (submitted.typeId && !type) {
    return problems({
      [SUMMARY_BLOCK]:
        "This request type was removed while you wrote; cancel and start again.",
    });
  }
  const validated = validateNewTicket({
    summary: submitted.summary,
    description: submitted.description,
    priority: submitted.priority,
    category: type?.name ?? DEFAULT_CATEGORY,
    requester: submitted.requester,
    source_channel: submitted.channel,
  });
  const answers = readAnswers(type?.fields ?? [], submitted.answerOf);
  if (!validated.ok || !answers.ok) {
    return problems({
      ...(answers.ok ? {} : answers.errors),
      ...(validated.ok
        ? {}
        : { [SUMMARY_BLOCK]: validated.problems.join(" ") }),
    });
  }
  let opened: OpenedTicket;
  try {
    opened = await openTicket(client, validated.value, "form", Date.now(), {
      creationKey: creationKeys.view(submitted.viewId),
      syncToJsm: options.syncToJsm,
      requestType: type,
      answers: answers.answers,
    });
  } catch (error) {
    return problems({
      [SUMMARY_BLOCK]: await openingProblem(client, error, submitted.requester),
    });
  }
  const { ticket, cardLink } = opened;
  try {
    // Asked again after a passing failure, so that the person is not sent
    // back to a form whose ticket is open.
    await onceMoreIfPassing(() =>
      options.finish({
        ticket_id: ticket.id,
        ticket_key: ticket.key,
        card_permalink: cardLink,
        summary: ticket.summary,
        priority: ticket.priority,
        category: ticket.request_type_name ?? ticket.category,
      })
    );
  } catch (error) {
    // The ticket is open; only this form's run did not end.
    console.error("the request form's run did not finish", error);
    return problems({
      [SUMMARY_BLOCK]:
        `${ticket.key} is open, but Slack didn't close this form. Submit again to close it: nothing is opened twice.`,
    });
  }
  return { ok: true };
}

/** Why the ticket did not open, in plain words under the summary. */
async function openingProblem(
  client: SlackAPIClient,
  error: unknown,
  requester: string,
): Promise<string> {
  // Settings problems are plain text already, and expected: not logged.
  if (error instanceof SettingsProblem) return error.message;
  console.error("opening the request failed", error);
  return await formError(
    client,
    openingFailure(error, "Submit again to finish: nothing is opened twice."),
    { people: { [requester]: "you" } },
  );
}
