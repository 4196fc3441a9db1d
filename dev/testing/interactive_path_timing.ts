// How Slack times an interactive path, measured on the local runtime: a
// modal must open within 3 s of the click that gave its pointer (else
// views.open says expired_trigger_id), and a submission or a click in a modal
// must be answered within 3 s (else Slack drops the answer). Kept apart from
// the paths themselves (interactive_paths.ts) so each path only says what a
// person does, and these say what Slack's clock sees of it.
import type { LocalRuntime } from "../local/runtime/local_runtime.ts";
import type { FakeSlack, RecordedCall } from "./fake_slack/server.ts";
import { shownText } from "./blocks_read.ts";

export interface PathTiming {
  path: string;
  /** From the click to views.open's answer, in ms (a modal's paths). */
  openMs?: number;
  /** The slowest answer to a submission or a click in a modal, in ms. */
  answerMs?: number;
  /** A click that opens no modal: from the click to the run's end, in ms. */
  runMs?: number;
  /** views.open refused (expired_trigger_id) or an answer Slack dropped. */
  missed: string[];
  /** Answered "Working on it…" in time; then what the modal showed. */
  working?: boolean;
  outcome?: string;
}

/** The slowest of a path's times, for the deadline. */
export function slowestMs(timing: PathTiming): number {
  return Math.max(timing.openMs ?? 0, timing.answerMs ?? 0);
}

/** Starts something that opens a modal; times views.open from the start. */
export async function timeModalOpening(
  slack: FakeSlack,
  timing: PathTiming,
  start: () => unknown,
  title?: string,
): Promise<{ run?: { done: Promise<unknown> }; viewId?: string }> {
  const before = slack.callsTo("views.open").length;
  const started = performance.now();
  const run = await start() as { done: Promise<unknown> } | undefined;
  let opened: RecordedCall | undefined;
  for (let i = 0; i < 2000 && !opened; i++) {
    opened = slack.callsTo("views.open").slice(before).find((c) =>
      !title ||
      !c.response.ok ||
      ((c.args.view as { title?: { text?: string } }).title?.text ===
          title &&
        !JSON.stringify(c.args.view).includes("Reading the tickets"))
    );
    if (!opened) {
      // A list modal opens on "Reading the tickets…", then is updated.
      const updated = title &&
        slack.callsTo("views.update").find((c) =>
          (c.args.view as { title?: { text?: string } }).title?.text ===
            title && c.startedAt >= started
        );
      if (updated) opened = updated;
    }
    if (!opened) await new Promise((r) => setTimeout(r, 5));
  }
  if (!opened) {
    timing.missed.push("no modal opened");
    return { run };
  }
  timing.openMs = Math.round(opened.endedAt - started);
  if (!opened.response.ok) {
    timing.missed.push(`views.open: ${opened.response.error}`);
    return { run };
  }
  const id = opened.method === "views.open"
    ? (opened.response.view as { id: string }).id
    : String(opened.args.view_id);
  return { run, viewId: id };
}

/**
 * Submits a modal and times its answer; one answered "Working on it…" is
 * followed until the outcome shows there.
 */
export async function timeSubmission(
  runtime: LocalRuntime,
  timing: PathTiming,
  viewId: string,
  user: string,
  answers: Record<string, unknown>,
) {
  const before = runtime.host.answers.length;
  const errors = await runtime.submitView(viewId, user, answers);
  recordAnswers(runtime, timing, before);
  if (errors) timing.missed.push(...Object.values(errors).slice(0, 1));
  // Answered in time with "Working on it…": the outcome follows there.
  for (let i = 0; i < 4000 && working(runtime, viewId); i++) {
    timing.working = true;
    await new Promise((r) => setTimeout(r, 5));
  }
  if (timing.working) {
    const outcome = runtime.openViews().find((v) => v.id === viewId);
    timing.outcome = outcome ? shownText(outcome.view) : "closed";
  }
}

/** A click on a button or menu in a modal, and the time of its answer. */
export async function timeViewClick(
  runtime: LocalRuntime,
  timing: PathTiming,
  viewId: string,
  actionId: string,
  user: string,
  value?: string,
) {
  const before = runtime.host.answers.length;
  await runtime.clickInView(viewId, actionId, user, value);
  recordAnswers(runtime, timing, before);
}

function working(runtime: LocalRuntime, viewId: string): boolean {
  const open = runtime.openViews().find((v) => v.id === viewId);
  return open !== undefined &&
    shownText(open.view).includes("Working on it");
}

/** The answers given since `before`: the slowest, and any Slack dropped. */
function recordAnswers(
  runtime: LocalRuntime,
  timing: PathTiming,
  before: number,
) {
  for (const answer of runtime.host.answers.slice(before)) {
    timing.answerMs = Math.max(timing.answerMs ?? 0, answer.ms);
    if (answer.late) {
      timing.missed.push(`${answer.type} answered after ${answer.ms} ms`);
    }
  }
}
