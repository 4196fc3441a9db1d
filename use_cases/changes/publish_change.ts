// After a ticket changed: save it first (the datastore is the truth), then
// show the change everywhere at once: the card redrawn in place, a thread
// reply saying who did what and when, and the requester's DM when the status
// moved (their own change confirmed, with what they can do next).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Status, Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  putTicketSurely,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import {
  activityReply,
  cardLinkOf,
  statusChangedDm,
} from "../../slack/blocks/ticket_messages.ts";
import { redrawTicketCard } from "../../slack/workspace/triage_card.ts";
import {
  type OutboxMessage,
  refusedForGood,
  sendOrKeep,
  shownLater,
} from "../../slack/workspace/outbox.ts";
import { numberedParts } from "../../slack/blocks/message_parts.ts";
import { ratingRequestBlocks } from "../../slack/blocks/rating_blocks.ts";
import { ownChangeDm } from "../../slack/blocks/requester_dm.ts";
import { followerStatusDm } from "../../slack/blocks/merge_messages.ts";
import { requesterDmBlocks } from "../../slack/blocks/requester_actions.ts";
import {
  approvalRequestText,
  approvalWithdrawnBlocks,
} from "../../slack/blocks/request_messages.ts";
import { slackCall, type SlackCallError } from "../../slack/api/slack_call.ts";
import { reopenDaysOf } from "../../helpdesk/tickets/service_level_settings.ts";
import { markJsmPendingIfLinked } from "../../helpdesk/tickets/jsm_sync.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import { ticketSlaPolicy } from "./ticket_sla_policy.ts";
import { withHistory } from "../../helpdesk/tickets/ticket_history.ts";

export interface TicketChange {
  ticket: Ticket;
  /**
   * The ticket as stored when the change was decided (under its lock): what
   * changed since goes into its history, in the same write.
   */
  before?: Ticket;
  /** Absent when Helpdesk made the change itself (e.g. auto-close). */
  actorId?: string;
  /** Without an actor: where the change came from, e.g. "in Jira …". */
  via?: string;
  summary: string;
  statusChange?: { from: Status; to: Status };
  /** News for the requester that says more than the status (a move). */
  toRequester?: string;
  /** More messages about it (the old card's thread, after a move). */
  alsoSend?: OutboxMessage[];
}

export async function publishChange(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  change: TicketChange,
  now: number,
): Promise<{ ticket: Ticket; notShown: unknown[] }> {
  // Deadlines move with every change (a hold ends, a response lands), so
  // they are recomputed on the way to the datastore, whoever changed it.
  // A ticket mirrored in JSM owes it the change until the sync step (or
  // the scheduled retry, should that step never run) has made it there.
  const changed = change.before
    ? withHistory(change.before, change.ticket, {
      by: change.actorId,
      via: change.via,
      at: now,
    })
    : change.ticket;
  // card_redraw_due cleared: redrawn below, marked again if that fails.
  // A status JSM set that the ticket missed is owed no longer once its
  // status moves: followed now, or a newer word JSM is owed in turn.
  const ticket = markJsmPendingIfLinked(
    withServiceLevels(
      {
        ...changed,
        updated_by: change.actorId,
        card_redraw_due: undefined,
        ...change.statusChange && { jsm_status_missed_at: undefined },
      },
      // The ticket's queue as it is now (a move changes it).
      await ticketSlaPolicy(client, settings, change.ticket),
      now,
    ),
    now,
  );
  await putTicketSurely(client, ticket);
  const shown: Promise<unknown>[] = [
    redrawTicketCard(client, settings, ticket, now).catch(async (error) => {
      // Left for the next change or the scheduled check to redraw, once
      // marked so: only then, and when Slack may take it then, is it said
      // to come later.
      throw await updateTicketFields(client, ticket.id, {
        card_redraw_due: true,
      }).then(
        () =>
          refusedForGood(error) || cardGone(error) ? error : shownLater(error),
        (marking) => (
          console.warn(`${ticket.key}: redraw not marked as due`, marking),
            error
        ),
      );
    }),
  ];
  // Withdrawn while it waited for approval: the approvers' buttons go.
  if (ticket.approval === "pending" && ticket.status === "closed") {
    for (const where of ticket.approval_messages ?? []) {
      const at = where.indexOf(":");
      shown.push(slackCall(client, "chat.update", {
        channel: where.slice(0, at),
        ts: where.slice(at + 1),
        text: approvalRequestText(ticket),
        blocks: approvalWithdrawnBlocks(ticket),
      }));
    }
  }
  const messages: OutboxMessage[] = [];
  if (ticket.card_channel && ticket.card_ts) {
    // A long reply quoted in it is cut into parts, posted in order.
    for (const part of numberedParts(activityReply(change.summary, now))) {
      messages.push({
        channel: ticket.card_channel,
        thread_ts: ticket.card_ts,
        text: part,
      });
    }
  }
  const dm = requesterNews(settings, change, ticket, now);
  if (dm) messages.push(dm);
  messages.push(...followerNews(settings, change, ticket));
  messages.push(...change.alsoSend ?? []);
  // What fails for a passing reason is kept and sent by the scheduled check.
  // Every failure is answered: one kept and one refused for good must not
  // be told as if all of it came later (not_shown.ts).
  const sent = sendOrKeep(client, ticket, messages);
  // The change is saved whatever happens next, so failures to show it are
  // returned for the caller to report, not thrown as if nothing happened.
  const results = await Promise.allSettled(shown);
  return {
    ticket,
    notShown: [
      ...results.flatMap((r) => r.status === "rejected" ? [r.reason] : []),
      ...await sent.catch((error) => [error]),
    ],
  };
}

// chat.update's answer for a card deleted, or no longer Helpdesk's to edit
// (docs.slack.dev/reference/methods/chat.update): no redraw, now or by the
// scheduled check, shows the change there.
const cardGone = (error: unknown) =>
  /^(message_not_found|cant_update_message)$/.test(
    (error as SlackCallError)?.code,
  );

/**
 * The requesters of tickets merged into this one hear of its status too
 * (helpdesk/tickets/ticket_merge.ts); the buttons are its requester's.
 */
function followerNews(
  settings: HelpdeskSettings,
  change: TicketChange,
  ticket: Ticket,
): OutboxMessage[] {
  if (!change.statusChange || !ticket.followers?.length) return [];
  const link = cardLinkOf(ticket, settings.workspace_url) ??
    settings.workspace_url;
  const text = followerStatusDm(
    ticket,
    change.statusChange.to,
    change.actorId,
    link,
  );
  return ticket.followers.filter((f) => f !== change.actorId).map((f) => ({
    channel: f,
    text,
  }));
}

/**
 * The requester's DM about a change, with the buttons that fit the ticket
 * now: the news when someone else changed its status (or moved it), their
 * own change confirmed when they made it; nothing for the rest.
 */
export function requesterNews(
  settings: HelpdeskSettings,
  change: TicketChange,
  ticket: Ticket,
  now: number,
): OutboxMessage | undefined {
  const link = cardLinkOf(ticket, settings.workspace_url) ??
    settings.workspace_url;
  const rules = { reopenDays: reopenDaysOf(settings) };
  const byRequester = change.actorId === ticket.requester;
  let text: string;
  if (change.toRequester) text = change.toRequester;
  else if (!change.statusChange) return undefined;
  else if (byRequester) {
    // Their withdrawal, close or reopen; not the resume their reply caused.
    const own = ownChangeDm(ticket, change.statusChange.from, link, rules, now);
    if (!own) return undefined;
    text = own;
  } else {
    text = statusChangedDm(
      ticket,
      change.statusChange.to,
      change.actorId,
      link,
      change.via,
    );
  }
  // A resolved ticket asks its requester how it went (helpdesk/tickets/rating.ts).
  const askRating = change.statusChange?.to === "resolved" && !byRequester &&
    settings.rating_trigger_url;
  const lead = askRating
    ? ratingRequestBlocks(ticket, text, settings.rating_trigger_url!)
    : text;
  const blocks = requesterDmBlocks(
    ticket,
    lead,
    settings.action_trigger_url,
    { rules, now },
  );
  return { channel: ticket.requester, text, ...(blocks ? { blocks } : {}) };
}
