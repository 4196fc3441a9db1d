// The reactions that mean something to Helpdesk: the one that turns a
// message into a ticket and the marks Helpdesk puts on messages itself.

/** The emoji that turns a message into a ticket, unless settings say else. */
export const DEFAULT_INTAKE_EMOJI = "ticket";
/**
 * Helpdesk's own reaction on a message that became a ticket. Slack refuses
 * the same reaction twice from one person (already_reacted), which makes it
 * the lock that lets only one run make the ticket.
 */
export const TICKET_MARK = "admission_tickets";

/** The ticket lock's reaction (slack/storage/ticket_lock.ts). */
export const LOCK_MARK = "arrows_counterclockwise";
/** The relay's mark on a reply it passed on (thread_relay.ts). */
export const RELAY_MARK = "envelope_with_arrow";

/**
 * Every reaction Helpdesk puts on messages itself, and what it means. None
 * of them may be the intake emoji: Helpdesk's own reaction would then start
 * the run that turns a message into a ticket. The lock
 * (slack/storage/ticket_lock.ts) and the relay mark
 * (use_cases/conversation/thread_relay.ts) name theirs where they use them;
 * dev/tests/own_marks_test.ts keeps this list in step with both.
 */
export const HELPDESK_MARKS: Readonly<Record<string, string>> = {
  [TICKET_MARK]: "how Helpdesk marks messages that became tickets",
  [LOCK_MARK]: "how Helpdesk locks a ticket while it changes",
  [RELAY_MARK]:
    "how Helpdesk marks a requester's reply it passed on to the agents",
};

/** Whether `emoji` is one of Helpdesk's own marks. */
export function isHelpdeskMark(emoji: string): boolean {
  return Object.hasOwn(HELPDESK_MARKS, emoji);
}
