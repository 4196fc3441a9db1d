// Slack waits 3 s for the answer to a form's submission or a click in a
// modal (slackapi/deno-slack-sdk issue 223; the docs say more for a
// submission, so design for 3 s). A later answer is lost: the person sees
// Slack's own "trouble connecting" error on a change that may well have
// been saved, and submits it again. So a handler answers by ANSWER_BY_MS
// (the rest of the 3 s is the way to and from Slack) whatever it is doing:
// a submission whose work is not done by then turns its modal into
// "Working on it…", and that modal shows the outcome when the work ends,
// within the function's own time (60 s deployed). A click is acknowledged
// and its work goes on; it updates its own modal when done, as it would
// have.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "../api/slack_call.ts";

export const ANSWER_BY_MS = 2500;

interface ModalView {
  id?: string;
  callback_id?: string;
  title?: { type: string; text: string };
  private_metadata?: string;
  /** What was in the form when it was sent (view_submission's view). */
  state?: { values?: Record<string, Record<string, unknown>> };
}

interface InteractionContext {
  view?: ModalView;
  body: { view?: ModalView };
  client: SlackAPIClient;
}

/** What a submission handler answers: a response_action, or nothing. */
type Answer =
  | undefined
  | void
  | {
    response_action?: string;
    errors?: Record<string, string>;
    view?: Record<string, unknown>;
  };

const TIME_UP = Symbol("time up");

/** Work still going on after its answer, so that tests can await it. */
const lateWork = new Set<Promise<unknown>>();
/** The answer the work came to, by the "Working on it…" answer given. */
const workBehind = new WeakMap<object, Promise<unknown>>();

function keep(work: Promise<unknown>) {
  const settled = work.then(() => {}, () => {});
  lateWork.add(settled);
  settled.then(() => lateWork.delete(settled));
}

/**
 * For tests that call a handler directly and check what it did: the answer
 * the work came to (awaited) when `answer` was the early "Working on it…".
 */
export async function finalAnswer<A>(answer: A): Promise<A> {
  const behind = answer && typeof answer === "object"
    ? workBehind.get(answer as object)
    : undefined;
  if (!behind) return answer;
  const final = await behind as A;
  await lateWorkSettled(); // its outcome shown too
  return final;
}

/** For tests: every late submission's or click's work, done. */
export async function lateWorkSettled(): Promise<void> {
  while (lateWork.size) await Promise.all([...lateWork]);
}

function timeUp(
  ms: number,
): { promise: Promise<typeof TIME_UP>; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<typeof TIME_UP>((resolve) => {
    timer = setTimeout(() => resolve(TIME_UP), ms);
  });
  return { promise, stop: () => clearTimeout(timer) };
}

/**
 * A view_submission handler that answers by `answerByMs`: with its own
 * answer when it has one by then, else with "Working on it…" in place of
 * the form, followed by the outcome in the same modal.
 */
export function submissionAnsweredInTime<C, A>(
  handler: (context: C) => Promise<A>,
  answerByMs = ANSWER_BY_MS,
): (context: C) => Promise<A | Answer> {
  return async (context: C) => {
    const work = handler(context);
    const timer = timeUp(answerByMs);
    const first = await Promise.race([work, timer.promise]).finally(() =>
      timer.stop()
    );
    if (first !== TIME_UP) return first;
    const { view: shown, body, client } = context as InteractionContext;
    const view = shown ?? body?.view;
    if (!view?.id) return await work;
    const outcome = work.then(
      (answer) => showOutcome(client, view, answer as Answer),
      (error) => {
        console.error("a late submission failed", error);
        return showOutcome(client, view, {
          response_action: "errors",
          errors: {
            "":
              "Helpdesk hit an unexpected problem. Try again; if it keeps happening, tell your Slack admin.",
          },
        });
      },
    ).catch((error) =>
      console.error("the outcome of a late submission not shown", error)
    );
    const early = { response_action: "update", view: workingView(view) };
    keep(outcome);
    workBehind.set(early, work);
    return early;
  };
}

/**
 * A block_actions handler that acknowledges by `answerByMs`; its work goes
 * on and shows its result as it would have (it updates its own modal).
 */
export function clickAnsweredInTime<C, A>(
  handler: (context: C) => Promise<A>,
  answerByMs = ANSWER_BY_MS,
): (context: C) => Promise<A | undefined> {
  return async (context: C) => {
    const work = handler(context);
    const timer = timeUp(answerByMs);
    const first = await Promise.race([work, timer.promise]).finally(() =>
      timer.stop()
    );
    if (first !== TIME_UP) return first;
    work.catch((error) => console.error("a late click failed", error));
    keep(work);
    return undefined;
  };
}

const title = (view: ModalView) => ({
  type: "plain_text",
  text: view.title?.text ?? "Helpdesk",
});

/**
 * In place of the form while its work goes on: nothing to submit. Closing
 * it ends the run as closing the form would (same callback id, notified),
 * so a run whose outcome has nowhere to show is not left open.
 */
export function workingView(view: ModalView): Record<string, unknown> {
  return {
    type: "modal",
    callback_id: view.callback_id,
    notify_on_close: true,
    title: title(view),
    close: { type: "plain_text", text: "Close" },
    private_metadata: view.private_metadata ?? "",
    blocks: [{
      type: "section",
      text: {
        type: "mrkdwn",
        text:
          "Working on it… Slack is slow to answer right now. This window shows the outcome when it is done; closing it doesn't stop it.",
      },
    }],
  };
}

/** What the work ended with, in the modal that said "Working on it…". */
async function showOutcome(
  client: SlackAPIClient,
  view: ModalView,
  answer: Answer,
) {
  const next = answer?.response_action === "update" && answer.view
    ? answer.view
    : answer?.response_action === "errors"
    ? refusedView(view, Object.values(answer.errors ?? {}))
    : doneView(view);
  await slackCall(client, "views.update", { view_id: view.id!, view: next })
    .catch((error) => {
      // Closed meanwhile: what was done is on the card, or said in a DM.
      console.warn("the outcome's modal is gone", error);
    });
}

function doneView(view: ModalView): Record<string, unknown> {
  return {
    type: "modal",
    title: title(view),
    close: { type: "plain_text", text: "Close" },
    blocks: [{
      type: "section",
      text: { type: "mrkdwn", text: "Done." },
    }],
  };
}

/**
 * Refused: the form is gone, so its reasons are said in words. Closing it
 * ends the run as closing the form would (same callback id, notified).
 * Slack keeps what was typed only in a form kept open by an "errors"
 * answer, so the text fields' words (a reply, a comment) are shown back to
 * copy, or they would be lost. A field and a section both hold 3000
 * characters; a modal 100 blocks.
 */
function refusedView(
  view: ModalView,
  reasons: string[],
): Record<string, unknown> {
  const typed = Object.values(view.state?.values ?? {})
    .flatMap((block) =>
      Object.values(block) as { type?: string; value?: string }[]
    )
    .flatMap(({ type, value }) =>
      type === "plain_text_input" && value?.trim() ? [value] : []
    );
  return {
    type: "modal",
    callback_id: view.callback_id,
    notify_on_close: true,
    title: title(view),
    close: { type: "plain_text", text: "Close" },
    private_metadata: view.private_metadata ?? "",
    blocks: [
      ...(reasons.length ? reasons : ["Helpdesk could not do it."]).slice(0, 5),
      ...typed.length ? ["What you wrote, to copy:", ...typed] : [],
    ].slice(0, 99).map((text) => ({
      type: "section",
      text: { type: "plain_text", text: text.slice(0, 3000) },
    })),
  };
}
