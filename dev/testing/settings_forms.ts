// Helpdesk's settings modals, driven the way Slack drives them: the function
// runs from a shortcut (the person from its interactivity) and opens a view;
// the person changes some fields and submits; Slack sends the view's state
// (with everything it was opened on that they left alone) and the submitter
// to the function's view_submission handler, which answers with errors, a
// replacement view, or nothing (saved).
import configureHelpdesk from "../../functions/configure_helpdesk/handler.ts";
import {
  CONFIGURE_HELPDESK_CALLBACK_ID,
} from "../../functions/configure_helpdesk/definition.ts";
import configureQueue from "../../functions/configure_queue/handler.ts";
import {
  CONFIGURE_QUEUE_CALLBACK_ID,
  QUEUE_CHOICE_VIEW_CALLBACK_ID,
} from "../../functions/configure_queue/definition.ts";
import configureRequestType from "../../functions/configure_request_type/handler.ts";
import {
  CONFIGURE_REQUEST_TYPE_CALLBACK_ID,
  TYPE_CHOICE_VIEW_CALLBACK_ID,
} from "../../functions/configure_request_type/definition.ts";
import configureServiceLevels from "../../functions/configure_service_levels/handler.ts";
import {
  CONFIGURE_SERVICE_LEVELS_CALLBACK_ID,
} from "../../functions/configure_service_levels/definition.ts";
import savedReplies from "../../functions/saved_replies/handler.ts";
import { SAVED_REPLIES_CALLBACK_ID } from "../../functions/saved_replies/definition.ts";
import syncQueueReactions from "../../functions/sync_queue_reactions/handler.ts";
import SyncQueueReactionsFunction, {
  SYNC_QUEUE_REACTIONS_CALLBACK_ID,
} from "../../functions/sync_queue_reactions/definition.ts";
import ConfigureQueueFunction from "../../functions/configure_queue/definition.ts";
import ConfigureQueueWorkflow from "../../workflows/configure_queue.ts";
import { handOver } from "./next_step.ts";
import erasePerson from "../../functions/erase_person/handler.ts";
import { ERASE_PERSON_CALLBACK_ID } from "../../functions/erase_person/definition.ts";
import { functionContext, interactivityOf } from "./harness.ts";
import { submitView, viewSubmissionContext } from "./interactivity_payloads.ts";
import { stateFor } from "../local/runtime/open_form.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import {
  NEW_QUEUE,
  QUEUE_CHOICE_BLOCK,
} from "../../slack/blocks/queue_modal.ts";
import {
  newTypeIn,
  TYPE_CHOICE_BLOCK,
} from "../../slack/blocks/request_type_modal.ts";
import { subjectOf } from "../../slack/blocks/saved_version.ts";

export type View = Record<string, unknown> & {
  callback_id: string;
  private_metadata?: string;
  blocks: Array<Record<string, unknown>>;
};

const FORMS = {
  helpdesk: [configureHelpdesk, CONFIGURE_HELPDESK_CALLBACK_ID],
  queue: [configureQueue, CONFIGURE_QUEUE_CALLBACK_ID],
  request_type: [configureRequestType, CONFIGURE_REQUEST_TYPE_CALLBACK_ID],
  service_levels: [
    configureServiceLevels,
    CONFIGURE_SERVICE_LEVELS_CALLBACK_ID,
  ],
  saved_replies: [savedReplies, SAVED_REPLIES_CALLBACK_ID],
  erase_person: [erasePerson, ERASE_PERSON_CALLBACK_ID],
} as const;
export type SettingsForm = keyof typeof FORMS;

/**
 * The workflow step after a form's function, where there is one
 * (workflows/configure_queue.ts): Slack runs it once the form's run
 * completes, with that run's outputs, as the workflow maps them to its
 * inputs; outputs the function does not declare as they are fail, as
 * Slack refuses them (dev/testing/next_step.ts).
 */
const NEXT_STEPS: Partial<
  Record<SettingsForm, Parameters<typeof handOver>[0]>
> = { queue: ConfigureQueueWorkflow };

/** Runs the next step of `form`'s workflow on the outputs its run ended with. */
async function runNextStep(
  slack: FakeSlack,
  form: SettingsForm,
  executionId: string,
  callsBefore: number,
) {
  const workflow = NEXT_STEPS[form];
  const completed = slack.calls.slice(callsBefore).find((c) =>
    c.method === "functions.completeSuccess" &&
    c.args.function_execution_id === executionId
  );
  if (!workflow || !completed) return;
  const inputs = handOver(
    workflow,
    0,
    ConfigureQueueFunction,
    (completed.args.outputs ?? {}) as Record<string, unknown>,
    SyncQueueReactionsFunction,
  );
  await syncQueueReactions(
    functionContext(SYNC_QUEUE_REACTIONS_CALLBACK_ID, slack, inputs),
  );
}

export type Opened =
  | { opened: true; view: View }
  | { opened: false; told: string; error?: string };

/** Runs the shortcut's function as `user`: the view it opened, or what they were told. */
export async function openSettings(
  slack: FakeSlack,
  form: SettingsForm,
  user: string,
): Promise<Opened> {
  const [handler, callbackId] = FORMS[form];
  const views = slack.callsTo("views.open").length;
  const dms = slack.workspace.dmsTo(user).length;
  // deno-lint-ignore no-explicit-any
  const result: any = await (handler as any)(
    functionContext(callbackId, slack, {
      interactivity: interactivityOf(user),
    }),
  );
  const opened = slack.callsTo("views.open").slice(views);
  if (opened.length) {
    return { opened: true, view: opened.at(-1)!.args.view as View };
  }
  const told = slack.workspace.dmsTo(user).slice(dms).at(-1)?.text ?? "";
  return { opened: false, told, error: result?.error };
}

/** What a person would send leaving every field as it opened. */
export function initialAnswers(view: View): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const block of view.blocks) {
    if (block.type !== "input") continue;
    const e = block.element as Record<string, unknown>;
    const initial = e.initial_value ?? e.initial_user ??
      e.initial_conversation ?? e.initial_channel ?? e.initial_users ??
      e.initial_conversations ??
      (e.initial_option as { value?: string } | undefined)?.value ??
      (Array.isArray(e.initial_options)
        ? e.initial_options.length > 0
        : undefined);
    if (initial !== undefined) answers[block.block_id as string] = initial;
  }
  return answers;
}

export type Submitted =
  /** Saved: the run was finished (and the workflow's next step run). */
  | { kind: "done" }
  /** The next step of the modal. */
  | { kind: "update"; view: View }
  | { kind: "errors"; errors: Record<string, string> };

let executions = 0;

/**
 * Submits `view` as `user` with `answers` by block id over what it opened
 * on (or, with `{ blank: true }`, only the answers given).
 */
export async function submitSettings(
  slack: FakeSlack,
  form: SettingsForm,
  user: string,
  view: View,
  answers: Record<string, unknown>,
  options: { blank?: boolean; executionId?: string } = {},
): Promise<Submitted> {
  const [handler, functionCallbackId] = FORMS[form];
  const values = stateFor(view, {
    ...(options.blank ? {} : initialAnswers(view)),
    ...answers,
  });
  const executionId = options.executionId ?? `Fx0SET${++executions}`;
  const callsBefore = slack.calls.length;
  const answer = await submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId: view.callback_id,
      functionCallbackId,
      executionId,
      user,
      privateMetadata: view.private_metadata,
      values,
    }),
  );
  if (!answer) {
    await runNextStep(slack, form, executionId, callsBefore);
    return { kind: "done" };
  }
  if (answer.response_action === "update") {
    return { kind: "update", view: answer.view as View };
  }
  return { kind: "errors", errors: answer.errors };
}

export type Outcome =
  | { done: true; view: View }
  | {
    done: false;
    /** Where it stopped: before the modal, at the choice, at the form. */
    at: "open" | "choice" | "form";
    /** The DM a refusal sent (naming who may), or "". */
    told: string;
    errors: Record<string, string>;
  };

/** The last DM to `user` after `count` DMs. */
function dmAfter(slack: FakeSlack, user: string, count: number): string {
  return slack.workspace.dmsTo(user).slice(count).at(-1)?.text ?? "";
}

/**
 * The whole way through one settings form as `user`: open it, choose what
 * to change when it asks (a queue id or "new"; a request type id or
 * "new:<queue id>"), change `answers` and save.
 */
export async function saveSettings(
  slack: FakeSlack,
  form: SettingsForm,
  user: string,
  answers: Record<string, unknown>,
  choice?: string,
): Promise<Outcome> {
  const dms = slack.workspace.dmsTo(user).length;
  const opened = await openSettings(slack, form, user);
  if (!opened.opened) {
    return { done: false, at: "open", told: opened.told, errors: {} };
  }
  let view = opened.view;
  const choiceView = view.callback_id === QUEUE_CHOICE_VIEW_CALLBACK_ID ||
    view.callback_id === TYPE_CHOICE_VIEW_CALLBACK_ID;
  // Straight to a form for something else than asked: the choice was not
  // offered, so it is sent as a client could forge it.
  if (
    !choiceView && choice !== undefined && form === "queue" &&
    subjectOf(view.private_metadata).id !== choice
  ) {
    view = forgedChoice(form, choice);
  }
  if (
    view.callback_id === QUEUE_CHOICE_VIEW_CALLBACK_ID ||
    view.callback_id === TYPE_CHOICE_VIEW_CALLBACK_ID
  ) {
    const block = view.blocks[0].block_id as string;
    const next = await submitSettings(slack, form, user, view, {
      [block]: choice,
    });
    if (next.kind !== "update") {
      return {
        done: false,
        at: "choice",
        told: dmAfter(slack, user, dms),
        errors: next.kind === "errors" ? next.errors : {},
      };
    }
    view = next.view;
  }
  const saved = await submitSettings(slack, form, user, view, answers);
  if (saved.kind === "done") return { done: true, view };
  return {
    done: false,
    at: "form",
    told: dmAfter(slack, user, dms),
    errors: saved.kind === "errors" ? saved.errors : {},
  };
}

/** A choice view offering `choice`, as a forged submission would carry it. */
function forgedChoice(form: SettingsForm, choice: string): View {
  const block = form === "queue" ? QUEUE_CHOICE_BLOCK : TYPE_CHOICE_BLOCK;
  return {
    type: "modal",
    callback_id: form === "queue"
      ? QUEUE_CHOICE_VIEW_CALLBACK_ID
      : TYPE_CHOICE_VIEW_CALLBACK_ID,
    blocks: [{
      type: "input",
      block_id: block,
      element: {
        type: "static_select",
        action_id: block,
        options: [{
          text: { type: "plain_text", text: choice },
          value: choice,
        }],
      },
    }],
  };
}

/** Shorthands for the choices. */
export const choose = {
  newQueue: NEW_QUEUE,
  newTypeIn,
};
