// Another run's hold on a ticket's lock, as the lock finds it: Helpdesk's
// reaction on the ticket's card and the lock's record naming that run. Set
// straight into the fake Slack, so a test can make a ticket busy (or busy
// since a run died) without racing a second run.
import type { FakeSlack } from "./fake_slack/server.ts";
import { BOT_USER_ID } from "./fake_slack/workspace.ts";
import { TRIAGE } from "./harness.ts";
import { LOCK_REACTION, lockId } from "../../slack/storage/ticket_lock.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

/** Helpdesk's lock reaction on the ticket's card, as a holder leaves it. */
export function markCardLocked(slack: FakeSlack, ticket: Ticket) {
  slack.workspace.react(TRIAGE, ticket.card_ts!, LOCK_REACTION, BOT_USER_ID);
}

/**
 * Another run holds the ticket's lock: its mark on the card and its record,
 * taken now unless `taken_at` (seconds) says when.
 */
export async function anotherRunHoldsLock(
  slack: FakeSlack,
  ticket: Ticket,
  record: { holder: string; state?: "held"; taken_at?: number },
) {
  markCardLocked(slack, ticket);
  await slack.datastores.put("locks", {
    id: lockId(ticket.id),
    taken_at: Math.floor(Date.now() / 1000),
    ...record,
  });
}

/** That run lets go: Helpdesk's mark leaves the card. */
export function anotherRunLetsGo(slack: FakeSlack, ticket: Ticket) {
  const mark = slack.workspace.findMessage(TRIAGE, ticket.card_ts!)!
    .reactions!.find((r) => r.name === LOCK_REACTION)!;
  mark.users = mark.users.filter((u) => u !== BOT_USER_ID);
}
