// Slack's clock on interactions. An interaction's trigger_id or
// interactivity pointer opens a modal only for 3 seconds: views.open answers
// `expired_trigger_id` ("The trigger_id is expired.") after that
// (https://docs.slack.dev/reference/methods/views.open, errors;
// https://docs.slack.dev/interactivity/handling-user-interaction). An app
// answers a view_submission or block_actions within 3 seconds too; the docs
// give a submission more, a Slack maintainer says 3 s for functions
// (slackapi/deno-slack-sdk issue 223), so the fakes hold Helpdesk to 3 s. A
// later answer is lost: the modal shows Slack's own error and ignores the
// response_action (Slack documents no text for it; apps report "We had some
// trouble connecting. Try again?").

export const INTERACTIVE_DEADLINE_MS = 3000;

export const LATE_ANSWER_ERROR = "We had some trouble connecting. Try again?";

/** Where the modal shows Slack's own error (not under any field). */
export const MODAL_ERROR_KEY = "(modal)";

/** When each trigger_id / interactivity pointer was handed out. */
export class IssuedPointers {
  readonly #issuedAt = new Map<string, number>();

  /** Milliseconds; tests move it instead of waiting 3 s. */
  clock: () => number = () => performance.now();

  issue(pointer: string): string {
    this.#issuedAt.set(pointer, this.clock());
    return pointer;
  }

  /**
   * Whether a pointer is past its 3 s. Pointers the fake did not hand out
   * (hand-made ones in unit tests) have no clock and never expire.
   */
  expired(pointer: string | undefined): boolean {
    if (pointer === undefined) return false;
    const issued = this.#issuedAt.get(pointer);
    return issued !== undefined &&
      this.clock() - issued > INTERACTIVE_DEADLINE_MS;
  }
}
