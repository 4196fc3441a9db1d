// An update JSM sent through the webhook trigger: a status change or a
// comment on a request Helpdesk mirrors. The ticket follows JSM's status (JSM
// already applied its own workflow rules), the card and thread show it, and
// the requester hears about it. An echo of a change Helpdesk itself made
// (JSM's automation fires for those too) changes nothing and says nothing.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { JsmClient } from "../../integrations/jsm/jsm_client.ts";
import {
  type JsmAttachmentsAdded,
  relayJsmAttachments,
} from "./jsm_attachment_relay.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { statusFromJsm } from "../../helpdesk/tickets/jsm_sync.ts";
import { withStatus } from "../../helpdesk/tickets/ticket_actions.ts";
import {
  findTicketId,
  getTicket,
  lookupByJsmKey,
} from "../../slack/storage/ticket_store.ts";
import {
  JSM_VIA,
  jsmStatusNoted,
} from "../../helpdesk/tickets/ticket_history.ts";
import { TICKET_GONE } from "../../slack/workspace/queued_ticket.ts";
import {
  getSettings,
  NOT_CONFIGURED,
} from "../../slack/storage/settings_store.ts";
import { numberedParts } from "../../slack/blocks/message_parts.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  type ChangeOutcome,
  changeUnderLock,
  updateFieldsUnderLock,
} from "../changes/change_under_lock.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { isFromSlack } from "../../helpdesk/tickets/jsm_comments.ts";
import { cardLinkOf } from "../../slack/blocks/ticket_messages.ts";
import {
  jsmCommentDm,
  jsmCommentReply,
  jsmStatusSummary,
  jsmUnknownStatusReply,
} from "../../slack/blocks/jsm_messages.ts";

export interface JsmUpdate {
  issueKey: string;
  status?: string;
  comment?: { body: string; author: string; isPublic: boolean };
  attachments?: JsmAttachmentsAdded;
}

/**
 * How attachments are read: the run's JSM client when files are on and JSM
 * could be reached, or why not (said in the run's result).
 */
export type JsmFilesAccess = { jsm: JsmClient } | { problem: string };

export type JsmUpdateOutcome =
  | {
    ok: true;
    result: string;
    ticket?: Ticket;
    /** Part of it was not applied (the ticket was busy): may come again. */
    incomplete?: boolean;
  }
  | { ok: false; reason: string };

export async function receiveJsmUpdate(
  client: SlackAPIClient,
  update: JsmUpdate,
  now: number,
  files: JsmFilesAccess = {
    problem: "files are off (HELPDESK_FILES)",
  },
): Promise<JsmUpdateOutcome> {
  const settings = await getSettings(client);
  if (!settings) return { ok: false, reason: NOT_CONFIGURED };
  const found = await linkedTicket(client, update.issueKey);
  // JSM automation may fire for requests Helpdesk never made.
  if (!found) {
    return {
      ok: true,
      result: `ignored: no Helpdesk ticket is linked to ${update.issueKey}`,
    };
  }
  const followed: Followed = update.status &&
      update.status !== found.jsm_status
    ? await followJsmStatus(client, settings, found, update.status, now)
    : { ticket: found };
  const { ticket } = followed;
  const relayed = update.comment?.body.trim()
    ? await relayJsmComment(client, settings, ticket, update.comment)
    : undefined;
  const filed = update.attachments
    ? "jsm" in files
      ? await relayJsmAttachments(client, files.jsm, ticket, update.attachments)
      : `attachments not relayed: ${files.problem}`
    : undefined;
  const results = [followed.result, relayed, filed].filter((r) =>
    r !== undefined
  );
  return {
    ok: true,
    result: results.length ? results.join("; ") : "nothing to do",
    ticket,
    ...(followed.incomplete ? { incomplete: true } : {}),
  };
}

async function linkedTicket(
  client: SlackAPIClient,
  issueKey: string,
): Promise<Ticket | undefined> {
  const id = await findTicketId(client, lookupByJsmKey(issueKey));
  return id ? await getTicket(client, id) : undefined;
}

/** The ticket after JSM's status, and what was done about it. */
interface Followed {
  ticket: Ticket;
  result?: string;
  /** Not applied (the ticket was busy): a redelivery may apply it. */
  incomplete?: boolean;
}

/**
 * The ticket follows JSM's new status: a status Helpdesk does not know is
 * noted in the thread and its history, one it already has only in its
 * history, any other change made under the ticket's lock and shown like a
 * change made in Slack.
 */
async function followJsmStatus(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  status: string,
  now: number,
): Promise<Followed> {
  const to = statusFromJsm(status, ticket);
  if (!to || to === ticket.status) {
    const noted = await noteJsmStatus(client, ticket, status, now);
    if (!noted.ok) return noted.followed;
    if (to) return { ticket: noted.ticket, result: "status already matched" };
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
  const published = await changeUnderLock(
    client,
    settings,
    ticket,
    (latest) => statusChange(latest, status, now),
    { now, lock: { waitMs: 6000 } },
  );
  if (!published.ok) {
    // Nothing was changed here; if JSM sends it again, it is applied.
    return {
      ticket,
      result: published.reason,
      incomplete: published.reason !== "status already matched",
    };
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
): Promise<{ ok: true; ticket: Ticket } | { ok: false; followed: Followed }> {
  const noted = await updateFieldsUnderLock(
    client,
    ticket,
    (latest) => jsmStatusNoted(latest, status, now),
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
  return { ok: true, ticket: noted.ticket };
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

/**
 * A JSM comment, to the requester (and the requesters of tickets merged
 * into it) by DM and (for a request that is not private) in the card's
 * thread; an internal comment, or one Helpdesk sent
 * itself, goes nowhere. What was done, for the run's result.
 */
async function relayJsmComment(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  comment: NonNullable<JsmUpdate["comment"]>,
): Promise<string> {
  // Internal comments are for agents in JSM; they never reach Slack.
  if (!comment.isPublic) return "internal comment not relayed";
  // One Helpdesk sent from the ticket's conversation: already there.
  if (isFromSlack(comment.body)) return "Helpdesk's own comment not echoed";
  const cardLink = cardLinkOf(ticket, settings.workspace_url) ??
    settings.workspace_url;
  // The requesters of tickets merged into this one were promised its news
  // (merge_messages.ts), and hear its answers as they do from Slack.
  const sends: Promise<unknown>[] = [
    ticket.requester,
    ...ticket.followers ?? [],
  ].map((person) =>
    inParts(
      client,
      { channel: person },
      jsmCommentDm(
        ticket,
        comment.author,
        comment.body,
        cardLink,
        person !== ticket.requester,
      ),
    )
  );
  // A private request's comments go only to its requester: the card's
  // thread is in a shared channel.
  if (!ticket.private && ticket.card_channel && ticket.card_ts) {
    sends.push(inParts(
      client,
      { channel: ticket.card_channel, thread_ts: ticket.card_ts },
      jsmCommentReply(ticket, comment.author, comment.body),
    ));
  }
  const sent = await Promise.allSettled(sends);
  const failed = sent.filter((s) => s.status === "rejected");
  // Nothing shown anywhere: not relayed, so a redelivery tries again.
  // Shown somewhere: relayed, and what is missing is only logged, since
  // trying again would post the comment twice where it did arrive.
  if (failed.length === sent.length) throw failed[0].reason;
  for (const failure of failed) {
    console.warn(`JSM comment on ${ticket.key} not shown everywhere`, failure);
  }
  return "comment relayed";
}

/** Long words whole, in numbered parts, in order (message_parts.ts). */
async function inParts(
  client: SlackAPIClient,
  place: { channel: string; thread_ts?: string },
  text: string,
) {
  for (const part of numberedParts(text)) {
    await slackCall(client, "chat.postMessage", {
      ...place,
      text: part,
      unfurl_links: false,
    });
  }
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
