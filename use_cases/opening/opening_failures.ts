// What opening a ticket can fail with, and what the person is told of it,
// true to what exists: nothing opened, or a ticket saved but not shown yet,
// named, with how it gets finished (finish_opening.ts).
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { SlackCallError } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { isPassing } from "../../slack/api/passing_failures.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";

export class NotConfiguredError extends Error {
  constructor() {
    super(NOT_CONFIGURED);
  }
}

/** A problem an admin must fix in Helpdesk's settings; said as is. */
export class SettingsProblem extends Error {}

/**
 * The ticket is saved, but showing it failed part-way: submitting again, or
 * Helpdesk's next scheduled check, finishes it.
 */
export class NotShownYet extends Error {
  constructor(readonly ticket: Ticket, override readonly cause: unknown) {
    super(
      `${ticket.key} is saved but not shown yet: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
    this.name = "NotShownYet";
  }
}

/**
 * The save failed in a way that may have landed (its answers lost), and the
 * read back did not find it, which a stale read can't prove: the ticket
 * may or may not exist. Its card is taken back all the same; if it was
 * saved, submitting again or the scheduled check finishes it.
 */
export class MaybeSaved extends NotShownYet {
  override name = "MaybeSaved";
}

/**
 * A call that failed this way may have been carried out (its answer lost):
 * anything but Slack's refusal with a reason (a rate limit is not carried
 * out, says Slack's rate-limit guide).
 */
export function mayHaveLanded(error: unknown): boolean {
  return !(error instanceof SlackCallError) || isPassing(error) ||
    /^http_5/.test(error.code);
}

/**
 * A ticket saved but not shown, told to someone who cannot take the same
 * step again (a Workflow Builder run: running it again is a new run, and
 * would open another ticket). The scheduled check finishes it, so there is
 * nothing to ask of them, unless an admin must fix a setting first.
 */
export function savedNotShownYet(error: NotShownYet): string {
  const cause = error.cause;
  const key = error.ticket.key;
  // Something to fix first (a permission, an invite, a setting): said as
  // for any opening; running the workflow again then finds this ticket.
  if (!isPassing(cause)) {
    if (cause instanceof SlackCallError || cause instanceof SettingsProblem) {
      return openingFailure(error, "");
    }
  }
  const why = cause instanceof SlackCallError
    ? ` (Slack refused ${cause.method}: ${cause.code})`
    : "";
  if (error instanceof MaybeSaved) {
    return `Helpdesk couldn't tell whether ${key} was saved${why}. If it was, you'll get a DM once it is posted, within 15 minutes; if not, run the workflow again.`;
  }
  return `${key} is saved, but Helpdesk couldn't post it to the agents yet${why}. Helpdesk finishes it at its next scheduled check, within 15 minutes: there is nothing you need to do, and you'll get a DM once it is posted.`;
}

/**
 * What to tell the person when opening failed, true to what exists: a
 * ticket saved but not shown is named, with how it gets finished.
 */
export function openingFailure(error: unknown, retry: string): string {
  const cause = error instanceof NotShownYet ? error.cause : error;
  // Settings problems are plain text with names people typed: escaped, as
  // what this returns is mrkdwn (a form shows it through formError).
  const why =
    cause instanceof SettingsProblem || cause instanceof NotConfiguredError
      ? escapeMrkdwn(cause.message)
      : explainFailure(cause);
  if (error instanceof MaybeSaved) {
    return `Helpdesk couldn't tell whether ${error.ticket.key} was saved. ${why} ${retry}`;
  }
  return error instanceof NotShownYet
    ? `${error.ticket.key} is saved, but Helpdesk couldn't post it yet. ${why} ${retry} Helpdesk also finishes it at its next scheduled check.`
    : `Helpdesk couldn't open the ticket. ${why} ${retry}`;
}
