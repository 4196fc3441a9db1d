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

/** A check that could not run at all fails, saying why. */
export function couldNotCheck(check: string, error: unknown): CheckupLine {
  return fail(
    check,
    "The check itself could not run.",
    explainFailure(error),
  );
}
