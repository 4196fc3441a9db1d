// An update JSM sent through the webhook trigger, for a request Helpdesk
// mirrors: a status change, a comment, attachments, or several at once. Each
// part is handed to its own module (jsm_status_follow.ts,
// jsm_comment_relay.ts, jsm_attachment_relay.ts) and what each did is said
// in the run's result. An update for a request no ticket is linked to
// (JSM's automation fires for all of them) is ignored.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { JsmClient } from "../../integrations/jsm/jsm_client.ts";
import {
  type JsmAttachmentsAdded,
  relayJsmAttachments,
} from "./jsm_attachment_relay.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  findTicketId,
  getTicket,
  lookupByJsmKey,
} from "../../slack/storage/ticket_store.ts";
import {
  getSettings,
  NOT_CONFIGURED,
} from "../../slack/storage/settings_store.ts";
import { type Followed, followJsmStatus } from "./jsm_status_follow.ts";
import { type JsmComment, relayJsmComment } from "./jsm_comment_relay.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { jsmFilesNotCopied } from "../../slack/blocks/jsm_messages.ts";

export interface JsmUpdate {
  issueKey: string;
  status?: string;
  comment?: JsmComment;
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
        .catch(async (error) => {
          // Released for a delivery sent again, which JSM sends only when
          // its rule runs again: the agents hear the files are not here.
          if (update.attachments!.isPublic && ticket.card_ts) {
            await slackCall(client, "chat.postMessage", {
              channel: ticket.card_channel,
              thread_ts: ticket.card_ts,
              text: jsmFilesNotCopied(ticket),
            }).catch(() => {});
          }
          throw error;
        })
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
