// Contexts shaped like the ones Slack's Deno runtime hands to a function's
// view_submission and view_closed handlers (body, view, function_data,
// interactivity), so those handlers are tested as Slack would call them.
import type { FakeSlack } from "./fake_slack/server.ts";
import {
  finalAnswer,
  lateWorkSettled,
} from "../../slack/workspace/answer_in_time.ts";

type ViewValues = Record<string, Record<string, Record<string, unknown>>>;

export interface ViewEventOptions {
  callbackId: string;
  functionCallbackId: string;
  executionId: string;
  /** The modal's id; a run's modal keeps one id through all its steps. */
  viewId?: string;
  user: string;
  privateMetadata?: string;
  values?: ViewValues;
  inputs?: Record<string, unknown>;
  /** The run's env besides SLACK_API_URL (HELPDESK_FILES…). */
  env?: Record<string, string>;
}

export function viewSubmissionContext(slack: FakeSlack, o: ViewEventOptions) {
  return viewContext(slack, "view_submission", o);
}

export function viewClosedContext(slack: FakeSlack, o: ViewEventOptions) {
  return viewContext(slack, "view_closed", o);
}

function viewContext(
  slack: FakeSlack,
  type: "view_submission" | "view_closed",
  o: ViewEventOptions,
) {
  const view = {
    id: o.viewId ?? `V0${o.executionId}`,
    type: "modal",
    callback_id: o.callbackId,
    private_metadata: o.privateMetadata ?? "",
    state: { values: o.values ?? {} },
    hash: "1.abc",
    app_id: "A0HELPDESK",
    team_id: slack.workspace.teamId,
    blocks: [],
  };
  const body = {
    type,
    team: { id: slack.workspace.teamId, domain: slack.workspace.domain },
    user: {
      id: o.user,
      name: o.user.toLowerCase(),
      team_id: slack.workspace.teamId,
    },
    api_app_id: "A0HELPDESK",
    view,
    is_cleared: false,
    function_data: {
      execution_id: o.executionId,
      function: { callback_id: o.functionCallbackId },
      inputs: o.inputs ?? {},
    },
    interactivity: {
      interactor: { id: o.user, secret: "secret" },
      interactivity_pointer: "1234.5678.pointer",
    },
    bot_access_token: "xwfp-test-token",
  };
  return {
    inputs: o.inputs ?? {},
    env: { ...o.env, SLACK_API_URL: slack.apiUrl },
    token: "xwfp-test-token",
    team_id: slack.workspace.teamId,
    enterprise_id: "",
    body,
    view,
  };
}

export interface ViewClickOptions {
  functionCallbackId: string;
  executionId: string;
  user: string;
  /** The modal as it is now (what views.open / views.update last set). */
  view: { id: string; [key: string]: unknown };
  action: {
    action_id: string;
    block_id?: string;
    type?: string;
    value?: string;
    selected_option?: { value: string };
  };
  /** The run's env besides SLACK_API_URL (HELPDESK_FILES…). */
  env?: Record<string, string>;
}

/** block_actions for a button or menu in a modal, as Slack sends it. */
export function viewClickContext(slack: FakeSlack, o: ViewClickOptions) {
  const action = {
    type: "button",
    action_ts: String(Date.now() / 1000),
    ...o.action,
  };
  const body = {
    type: "block_actions",
    team: { id: slack.workspace.teamId, domain: slack.workspace.domain },
    user: {
      id: o.user,
      name: o.user.toLowerCase(),
      team_id: slack.workspace.teamId,
    },
    api_app_id: "A0HELPDESK",
    container: { type: "view", view_id: o.view.id },
    view: o.view,
    actions: [action],
    function_data: {
      execution_id: o.executionId,
      function: { callback_id: o.functionCallbackId },
      inputs: {},
    },
    interactivity: {
      interactor: { id: o.user, secret: "secret" },
      interactivity_pointer: "1234.5678.pointer",
    },
    bot_access_token: "xwfp-test-token",
  };
  return {
    inputs: {},
    env: { ...o.env, SLACK_API_URL: slack.apiUrl },
    token: "xwfp-test-token",
    team_id: slack.workspace.teamId,
    enterprise_id: "",
    body,
    action,
  };
}

/**
 * Slack's runtime calls a SlackFunction's `viewSubmission` / `viewClosed`
 * exports directly; the SDK does not type them on the handler, so tests
 * reach them the same way the runtime does.
 */
// deno-lint-ignore no-explicit-any
type ViewHandlerResult = Promise<any>;
interface RuntimeViewExports {
  viewSubmission(context: unknown): ViewHandlerResult;
  viewClosed(context: unknown): ViewHandlerResult;
  blockActions(context: unknown): ViewHandlerResult;
}

export function clickInView(fn: unknown, context: unknown): ViewHandlerResult {
  // A handler that acknowledged in time and worked on: its work, done.
  return (fn as RuntimeViewExports).blockActions(context).then(
    async (answer) => {
      await lateWorkSettled();
      return answer;
    },
  );
}

export function submitView(fn: unknown, context: unknown): ViewHandlerResult {
  // Answered "Working on it…" in time: the answer its work came to, as the
  // tests that check what a submission did expect. The local runtime
  // (dev/local/runtime) shows the early answer as Slack would.
  return (fn as RuntimeViewExports).viewSubmission(context).then(finalAnswer);
}

export function closeView(fn: unknown, context: unknown): ViewHandlerResult {
  return (fn as RuntimeViewExports).viewClosed(context);
}
