// One line of the Helpdesk check-up: what was checked, whether it held, and,
// when it did not, what an admin should do, in plain words.
import { explainFailure } from "../../slack/api/error_messages.ts";

export interface CheckupLine {
  /** What was checked, e.g. "Slack permissions". */
  check: string;
  ok: boolean;
  /** What was found, with numbers where there are any. */
  found: string;
  /** Only on a failed line: what to do about it. */
  todo?: string;
  /** Not checked, for a reason `found` gives (e.g. a feature that is off). */
  skipped?: boolean;
  /**
   * Still being checked, by the check-up's next step (functions/
   * finish_checkup), which rewrites the message with the result; `todo`
   * says what to do if that never comes.
   */
  pending?: boolean;
}

export const pass = (check: string, found: string): CheckupLine => ({
  check,
  ok: true,
  found,
});

/** A check with nothing to prove in this deployment: neither pass nor fail. */
export const skip = (check: string, found: string): CheckupLine => ({
  check,
  ok: true,
  skipped: true,
  found,
});

export const fail = (
  check: string,
  found: string,
  todo: string,
): CheckupLine => ({ check, ok: false, found, todo });

/**
 * A check the check-up's next step runs (the JSM line: its connection and
 * its errors explained would take this step past 60 KB of code; the
 * workflow steps line, which that step's running proves). Neither passed
 * nor failed until that step rewrites it; `todo` is what to do if it never
 * does.
 */
export const pending = (
  check: string,
  todo =
    "That step did not finish: run the check-up again, and if this line stays, look at Helpdesk's logs (`slack activity`).",
): CheckupLine => ({
  check,
  ok: true,
  pending: true,
  found:
    "Being checked by the check-up's next step, which puts the result here.",
  todo,
});

/** The lines as the next step gets them: a JSON text each. */
export function encodeLines(lines: readonly CheckupLine[]): string[] {
  return lines.map((line) => JSON.stringify(line));
}

/** The lines the previous step put out, or undefined if one is unreadable. */
export function decodeLines(
  texts: readonly string[],
): CheckupLine[] | undefined {
  // Not a list at all: damaged on the way like any unreadable line.
  if (!Array.isArray(texts)) return undefined;
  const lines: CheckupLine[] = [];
  for (const text of texts) {
    let line: Partial<CheckupLine>;
    try {
      line = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (
      typeof line?.check !== "string" || typeof line.ok !== "boolean" ||
      typeof line.found !== "string"
    ) return undefined;
    lines.push({
      check: line.check,
      ok: line.ok,
      found: line.found,
      ...(typeof line.todo === "string" ? { todo: line.todo } : {}),
      ...(line.skipped === true ? { skipped: true } : {}),
      ...(line.pending === true ? { pending: true } : {}),
    });
  }
  return lines;
}

/**
 * Under `slack run`'s 15 s, with room to post the findings: each step of the
 * check-up has its own.
 */
export const CHECKUP_BUDGET_MS = 11_000;

/** The check's lines, or one failed line if it threw or ran out of time. */
export async function bounded(
  check: string,
  deadlineAt: number,
  run: () => Promise<CheckupLine | CheckupLine[]>,
): Promise<CheckupLine | CheckupLine[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<CheckupLine>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(fail(
          check,
          "The check did not finish in time.",
          "Slack was slow to answer; run the check-up again in a minute.",
        )),
      Math.max(0, deadlineAt - Date.now()),
    );
  });
  try {
    return await Promise.race([
      run().catch((error) => couldNotCheck(check, error)),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A check that could not run at all fails, saying why. */
export function couldNotCheck(check: string, error: unknown): CheckupLine {
  return fail(
    check,
    "The check itself could not run.",
    explainFailure(error),
  );
}
