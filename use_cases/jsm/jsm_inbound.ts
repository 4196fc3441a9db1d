// An update JSM sent through the webhook trigger: a status change or a
// comment on a request Helpdesk mirrors. The ticket follows JSM's status (JSM
// already applied its own workflow rules), the card and thread show it, and
// the requester hears about it. An echo of a change Helpdesk itself made
// (JSM's automation fires for those too) changes nothing and says nothing.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { statusFromJsm } from "../../helpdesk/tickets/jsm_sync.ts";
import { withStatus } from "../../helpdesk/tickets/ticket_actions.ts";
import {
  findTicketId,
  getTicket,
  lookupByJsmKey,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import {
  getSettings,
  NOT_CONFIGURED,
} from "../../slack/storage/settings_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { changeUnderLock } from "../changes/change_ticket.ts";
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
}

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
): Promise<JsmUpdateOutcome> {
  const settings = await getSettings(client);
  if (!settings) return { ok: false, reason: NOT_CONFIGURED };
  const id = await findTicketId(client, lookupByJsmKey(update.issueKey));
  const found = id ? await getTicket(client, id) : undefined;
  // JSM automation may fire for requests Helpdesk never made.
  if (!found) {
    return {
      ok: true,
      result: `ignored: no Helpdesk ticket is linked to ${update.issueKey}`,
    };
  }
  let ticket = found;
  const results: string[] = [];
  let incomplete = false;
  if (update.status && update.status !== ticket.jsm_status) {
    const to = statusFromJsm(update.status, ticket);
    if (!to) {
      ticket = await updateTicketFields(client, ticket.id, {
        jsm_status: update.status,
      });
      await inThread(
        client,
        ticket,
        jsmUnknownStatusReply(ticket, update.status),
      );
      results.push(`noted unknown JSM status "${update.status}"`);
    } else if (to === ticket.status) {
      ticket = await updateTicketFields(client, ticket.id, {
        jsm_status: update.status,
      });
      results.push("status already matched");
    } else {
      const status = update.status;
      const published = await changeUnderLock(
        client,
        settings,
        ticket,
        (latest) => {
          // Read again under the lock: a Slack change may have landed since.
          const target = statusFromJsm(status, latest);
          if (!target || target === latest.status) {
            return { ok: false, reason: "status already matched" };
          }
          const moved = {
            ...withStatus(latest, target, now),
            jsm_status: status,
          };
          return {
            ok: true,
            change: {
              ticket: moved,
              summary: jsmStatusSummary(moved, status),
              statusChange: { from: latest.status, to: target },
              via: "in Jira Service Management",
            },
          };
        },
        { now, lock: { waitMs: 6000 } },
      );
      if (!published.ok) {
        // Nothing was changed here; if JSM sends it again, it is applied.
        results.push(published.reason);
        if (published.reason !== "status already matched") incomplete = true;
      } else {
        for (const failure of published.notShown) {
          console.warn(`JSM status of ${ticket.key} not shown: ${failure}`);
        }
        ticket = published.ticket;
        results.push(`status set to ${published.ticket.status}`);
      }
    }
  }
  const comment = update.comment;
  if (comment?.body.trim()) {
    // Internal comments are for agents in JSM; they never reach Slack.
    if (!comment.isPublic) {
      results.push("internal comment not relayed");
    } else if (isFromSlack(comment.body)) {
      // One Helpdesk sent from the ticket's conversation: already there.
      results.push("Helpdesk's own comment not echoed");
    } else {
      const cardLink = cardLinkOf(ticket, settings.workspace_url) ??
        settings.workspace_url;
      const sends: Promise<unknown>[] = [
        slackCall(client, "chat.postMessage", {
          channel: ticket.requester,
          text: jsmCommentDm(ticket, comment.author, comment.body, cardLink),
          unfurl_links: false,
        }),
      ];
      // A private request's comments go only to its requester: the card's
      // thread is in a shared channel.
      if (!ticket.private) {
        sends.push(inThread(
          client,
          ticket,
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
        console.warn(
          `JSM comment on ${ticket.key} not shown everywhere`,
          failure,
        );
      }
      results.push("comment relayed");
    }
  }
  return {
    ok: true,
    result: results.length ? results.join("; ") : "nothing to do",
    ticket,
    ...(incomplete ? { incomplete } : {}),
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
