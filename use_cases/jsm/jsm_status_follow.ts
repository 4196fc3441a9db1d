// A JSM status sent through the webhook, followed by its ticket: JSM already
// applied its own workflow rules, so the ticket takes the status it maps to,
// under the ticket's lock, and the card, the thread and the requester show
// it like a change made in Slack. An echo of a change Helpdesk itself made
// (JSM's automation fires for those too) changes nothing and says nothing;
// a status with no Helpdesk meaning is only noted. One the ticket could not
// take (busy, or its save failed) is kept on it as owed
// (jsm_status_missed_at), and the scheduled retry follows the request's
// status then, through this same function (jsm_status_catch_up.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  jsmStatusMissedFields,
  statusFromJsm,
} from "../../helpdesk/tickets/jsm_sync.ts";
import { withStatus } from "../../helpdesk/tickets/ticket_actions.ts";
import {
  JSM_VIA,
  jsmStatusNoted,
} from "../../helpdesk/tickets/ticket_history.ts";
import { TICKET_GONE } from "../../slack/workspace/queued_ticket.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  type ChangeOutcome,
  type ChangeResult,
  changeUnderLock,
  updateFieldsUnderLock,
} from "../changes/change_under_lock.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  jsmStatusNotFollowed,
  jsmStatusSummary,
  jsmUnknownStatusReply,
} from "../../slack/blocks/jsm_messages.ts";

/** The ticket after JSM's status, and what was done about it. */
export interface Followed {
  ticket: Ticket;
  result?: string;
  /** Not applied (the ticket was busy): a redelivery may apply it. */
  incomplete?: boolean;
}

/**
 * The ticket follows JSM's new status: a status Helpdesk does not know is
 * noted in the thread and its history, one it already has only in its
 * history, any other change made under the ticket's lock and shown like a
 * change made in Slack. `catchingUp`: the scheduled retry following a
 * status the webhook could not apply; nothing is done when that was done
 * meanwhile, and a failure is neither told nor kept again.
 */
export async function followJsmStatus(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  status: string,
  now: number,
  catchingUp = false,
): Promise<Followed> {
  const to = statusFromJsm(status, ticket);
  if (!to || to === ticket.status) {
    const noted = await noteJsmStatus(client, ticket, status, now, catchingUp);
    if (!noted.ok) return noted.followed;
    // Known, or already said (JSM went back to what the ticket knew, or
    // another run followed it since this one read the ticket).
    if (to || noted.known) {
      return { ticket: noted.ticket, result: "status already matched" };
    }
    await inThread(
      client,
      noted.ticket,
      jsmUnknownStatusReply(noted.ticket, status),
    );
    return {
      ticket: noted.ticket,
      result: `noted unknown JSM status "${status}"`,
    };
  }
  // A save that failed throws: nothing changed, as when the ticket is busy.
  const published = await changeUnderLock(
    client,
    settings,
    ticket,
    (latest) =>
      catchingUp && !latest.jsm_status_missed_at
        ? { ok: false, reason: "status already followed" }
        : statusChange(latest, status, now),
    { now, lock: { waitMs: 6000 } },
  ).catch((error): ChangeResult => ({
    ok: false,
    reason: `Helpdesk could not save it (${String(error)}).`,
    unsure: true,
  }));
  if (!published.ok) {
    // Refused under the lock (it matched or was followed meanwhile): done.
    if (!published.unsure) {
      return { ticket: published.ticket ?? ticket, result: published.reason };
    }
    // JSM sends it again only when its rule runs again (Slack answered its
    // request when this run started): the ticket keeps that it owes it, for
    // the scheduled retry, and the agents are told.
    if (!catchingUp) {
      const kept = await updateFieldsUnderLock(
        client,
        ticket,
        (latest) => jsmStatusMissedFields(latest, now),
      ).catch((error) => ({ ok: false, reason: String(error) }));
      if (!kept.ok) console.warn(`${ticket.key}: missed JSM status not kept`);
      await inThread(
        client,
        ticket,
        jsmStatusNotFollowed(ticket, status, published.reason, kept.ok),
      ).catch((error) => console.warn("JSM status not told", error));
    }
    return { ticket, result: published.reason, incomplete: true };
  }
  for (const failure of published.notShown) {
    console.warn(`JSM status of ${ticket.key} not shown: ${failure}`);
  }
  return {
    ticket: published.ticket,
    result: `status set to ${published.ticket.status}`,
  };
}

/**
 * A JSM status the ticket does not follow, saved with its history entry
 * under the ticket's lock, so History… shows it and a change made at the
 * same moment keeps its own entry. A busy ticket: not noted, and the
 * delivery is released so that JSM's redelivery notes it.
 */
async function noteJsmStatus(
  client: SlackAPIClient,
  ticket: Ticket,
  status: string,
  now: number,
  catchingUp: boolean,
): Promise<
  { ok: true; ticket: Ticket; known: boolean } | {
    ok: false;
    followed: Followed;
  }
> {
  // Whether the ticket, read under the lock, already knew it: followed
  // meanwhile by another run, or the status it last noted.
  let known = false;
  // JSM's newest status is known: a missed one is owed no longer.
  const noted = await updateFieldsUnderLock(
    client,
    ticket,
    (latest) => {
      known = (catchingUp && !latest.jsm_status_missed_at) ||
        latest.jsm_status === status;
      return catchingUp && !latest.jsm_status_missed_at ? {} : {
        ...jsmStatusNoted(latest, status, now),
        ...(latest.jsm_status_missed_at ? { jsm_status_missed_at: 0 } : {}),
      };
    },
    { waitMs: 6000 },
  );
  if (!noted.ok) {
    return {
      ok: false,
      followed: { ticket, result: noted.reason, incomplete: true },
    };
  }
  if (!noted.ticket) {
    return { ok: false, followed: { ticket, result: TICKET_GONE } };
  }
  return { ok: true, ticket: noted.ticket, known };
}

/** Under the lock: the change JSM's status makes to the ticket as it is now. */
function statusChange(
  latest: Ticket,
  status: string,
  now: number,
): ChangeOutcome {
  // Read again under the lock: a Slack change may have landed since.
  const target = statusFromJsm(status, latest);
  if (!target || target === latest.status) {
    return { ok: false, reason: "status already matched" };
  }
  const moved = { ...withStatus(latest, target, now), jsm_status: status };
  return {
    ok: true,
    change: {
      ticket: moved,
      summary: jsmStatusSummary(moved, status),
      statusChange: { from: latest.status, to: target },
      via: JSM_VIA,
    },
  };
}

async function inThread(client: SlackAPIClient, ticket: Ticket, text: string) {
  if (!ticket.card_channel || !ticket.card_ts) return;
  await slackCall(client, "chat.postMessage", {
    channel: ticket.card_channel,
    thread_ts: ticket.card_ts,
    text,
    unfurl_links: false,
  });
}
