// Another run's hold on the lock of the ticket an interactive path clicks on
// (its card, or the approver's DM of a request), as a slow change would hold
// it: Helpdesk's lock reaction on that message and the lock's record, or the
// record of a run that died 10 s before. Kept apart from the paths
// (interactive_paths.ts) because it is set straight into the fake Slack,
// around a path, not done by a person.
import type { FakeSlack } from "./fake_slack/server.ts";
import { BOT_USER_ID } from "./fake_slack/workspace.ts";
import { LOCK_REACTION, lockAnchor } from "../../slack/storage/ticket_lock.ts";
import { toTicket } from "../../slack/storage/ticket_items.ts";

/** Another run's lock on the ticket of this card (or approval DM). */
export async function holdTicketLock(
  slack: FakeSlack,
  at: { channel: string; ts: string },
  holderDied: boolean,
) {
  const tickets = (await slack.datastores.dump()).tickets ?? [];
  const ticket = tickets.map((item) => toTicket(item as never)).find((t) => {
    const anchor = lockAnchor(t);
    return anchor?.channel === at.channel && anchor.ts === at.ts;
  });
  if (!ticket) throw new Error("no ticket is locked on that message");
  slack.workspace.react(at.channel, at.ts, LOCK_REACTION, BOT_USER_ID);
  const now = Math.floor(Date.now() / 1000);
  await slack.datastores.put(
    "locks",
    holderDied
      ? {
        id: `ticket:${ticket.id}`,
        state: "held",
        taken_at: now - 10,
        holder: "a run that died 10 s ago",
      }
      : { id: `ticket:${ticket.id}`, taken_at: now, holder: "another run" },
  );
}

/** The holder lets go: its lock reaction is taken back from the message. */
export function takeBackLockMark(
  slack: FakeSlack,
  card: { channel: string; ts: string },
) {
  const message = slack.workspace.findMessage(card.channel, card.ts);
  const mark = message?.reactions?.find((r) => r.name === LOCK_REACTION);
  if (mark) {
    mark.users = mark.users.filter((u) => u !== BOT_USER_ID);
    message!.reactions = message!.reactions!.filter((r) => r.users.length > 0);
  }
}
