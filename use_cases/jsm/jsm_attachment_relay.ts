// Attachments an agent adds in JSM, sent by the webhook (attachment_ids),
// reach Slack the way JSM comments do (jsm_comment_relay.ts): a public one to the
// requester by DM and, for a request that is not private, into the card's
// thread; an internal one nowhere. Only ids JSM lists for this request are
// read ("Get attachments for request"), each with Jira's "Get attachment
// content" on the site itself (redirect=false, so no other host is called),
// and copied with Slack's upload flow. Each once: copied_files records
// `jsm:<id>` for what was copied or told about, and for what Helpdesk
// itself attached (jsm_file_sync.ts), so its own files never come back,
// even when JSM announces one before Helpdesk has its id (sortOut).
// One that can't be copied (too large, refused by JSM or Slack) is said in
// the card's thread; the agent who added it is in JSM, not in Slack.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  COPY_LIMIT_BYTES,
  heldJsmAttachment,
  jsmAttachmentMark,
  jsmHeldMark,
  type MessageFile,
  type NotCopied,
  notCopiedForThread,
  pendingJsmFiles,
} from "../../helpdesk/tickets/ticket_files.ts";
import type { JsmClient } from "../../integrations/jsm/jsm_client.ts";
import {
  attachmentContent,
  type JsmAttachment,
  requestAttachments,
} from "../../integrations/jsm/request_attachments.ts";
import { JsmError } from "../../integrations/jsm/jsm_errors.ts";
import { slackCall, SlackCallError } from "../../slack/api/slack_call.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import {
  uploadToThread,
  uploadUnderHeader,
} from "../../slack/workspace/file_copy.ts";
import { updateFieldsUnderLock } from "../changes/change_under_lock.ts";

export interface JsmAttachmentsAdded {
  ids: readonly string[];
  isPublic: boolean;
}

/** What was done, for the run's result. */
export async function relayJsmAttachments(
  client: SlackAPIClient,
  jsm: JsmClient,
  ticket: Ticket,
  added: JsmAttachmentsAdded,
): Promise<string> {
  // Internal attachments are for agents in JSM, as internal comments are.
  if (!added.isPublic) return "internal attachments not relayed";
  if (!ticket.jsm_key) return "no JSM request to read attachments from";
  const done = new Set(ticket.copied_files ?? []);
  const wanted = added.ids.filter((id) => !done.has(jsmAttachmentMark(id)));
  if (wanted.length === 0) return "attachments relayed already";
  const listed = await requestAttachments(jsm, ticket.jsm_key);
  const ours = listed.filter((a) => wanted.includes(a.id));
  const strangers = wanted.filter((id) => !ours.some((a) => a.id === id));
  if (strangers.length) {
    // A rule's mistake, or someone with the secret naming another file.
    console.warn(
      `${ticket.key}: ${
        strangers.join(", ")
      } not attachments of ${ticket.jsm_key}`,
    );
  }
  const { copy, held } = await sortOut(client, ticket, ours);
  const notCopied: NotCopied[] = [];
  const read: { attachment: JsmAttachment; bytes: Uint8Array }[] = [];
  for (const attachment of copy) {
    if (attachment.size > COPY_LIMIT_BYTES) {
      notCopied.push({
        file: asFile(attachment),
        reason: "too_large_for_slack",
      });
      continue;
    }
    try {
      read.push({
        attachment,
        bytes: await attachmentContent(jsm, attachment.id),
      });
    } catch (error) {
      // Gone, or not the account's to read: JSM's answer, told. Anything
      // else (JSM unreachable) fails the run, and a redelivery tries again.
      if (
        !(error instanceof JsmError) ||
        !["forbidden", "not_found"].includes(error.code)
      ) throw error;
      notCopied.push({ file: asFile(attachment), reason: "jsm_refused" });
    }
  }
  const sent = read.length
    ? await toSlack(client, ticket, read, notCopied)
    : [];
  const handled = [
    ...sent,
    ...notCopied.map((n) => n.file.id),
  ].map(jsmAttachmentMark);
  if (handled.length) {
    // Under the lock: the JSM sync's marks, written meanwhile, are kept.
    const recorded = await updateFieldsUnderLock(client, ticket, (latest) => ({
      copied_files: [...new Set([...(latest.copied_files ?? []), ...handled])],
    }));
    if (!recorded.ok) throw new Error(`${ticket.key}: ${recorded.reason}`);
  }
  if (notCopied.length && ticket.card_channel && ticket.card_ts) {
    await slackCall(client, "chat.postMessage", {
      channel: ticket.card_channel,
      thread_ts: ticket.card_ts,
      text: `From Jira Service Management: ${
        notCopiedForThread(notCopied, ticket.private)
      }`,
    }).catch((error) =>
      console.warn(`${ticket.key}: JSM files' refusal not told`, error)
    );
  }
  const waiting = held ? `, ${held} held until Helpdesk's own are known` : "";
  return `${sent.length} of ${ours.length} attachments relayed${waiting}`;
}

/**
 * Which listed attachments to copy, decided under the ticket's lock: there
 * each of Helpdesk's own is either recorded (`jsm:<id>`) or its file still
 * queued in jsm_files, as the JSM sync settles both in one write. One named
 * like a queued file is held (jsmHeldMark), not copied: JSM may announce
 * Helpdesk's attachment before it answered Helpdesk with its id. The sync
 * copies it once that file is settled, if it was not Helpdesk's.
 */
async function sortOut(
  client: SlackAPIClient,
  ticket: Ticket,
  listed: readonly JsmAttachment[],
): Promise<{ copy: JsmAttachment[]; held: number }> {
  let copy: JsmAttachment[] = [];
  let held: string[] = [];
  const taken = await updateFieldsUnderLock(client, ticket, (latest) => {
    const marks = latest.copied_files ?? [];
    const queued = pendingJsmFiles(latest.jsm_files);
    copy = [];
    held = [];
    for (const a of listed) {
      if (
        marks.includes(jsmAttachmentMark(a.id)) ||
        marks.some((m) => heldJsmAttachment(m)?.attachmentId === a.id)
      ) continue;
      const alike = queued.find((q) => q.file.name === a.filename);
      if (alike) held.push(jsmHeldMark(a.id, alike.file.id));
      else copy.push(a);
    }
    return held.length ? { copied_files: [...marks, ...held] } : {};
  });
  if (!taken.ok) throw new Error(`${ticket.key}: ${taken.reason}`);
  return { copy, held: held.length };
}

/**
 * The requester's DM first: the files are theirs to read. Only when it
 * takes them do they count as relayed; the card's copy is for the agents.
 */
async function toSlack(
  client: SlackAPIClient,
  ticket: Ticket,
  read: { attachment: JsmAttachment; bytes: Uint8Array }[],
  notCopied: NotCopied[],
): Promise<string[]> {
  const copies = read.map(({ attachment, bytes }) => ({
    name: attachment.filename,
    bytes,
  }));
  // JSM display names are anyone's typing: shown, never markup.
  const authors = [...new Set(read.map((r) => r.attachment.author))]
    .filter((a) => a !== "").map(escapeMrkdwn).join(", ") || "An agent";
  const header =
    `:paperclip: ${authors} added files to ${ticket.key} in Jira Service Management:`;
  try {
    await uploadUnderHeader(client, { channel: ticket.requester }, copies, {
      header,
      notSent:
        `:paperclip: ${authors} added files to ${ticket.key} in Jira Service Management that could not be copied here; the agents were told.`,
    });
  } catch (error) {
    if (!(error instanceof SlackCallError) || error.code === "ratelimited") {
      throw error;
    }
    console.warn(`${ticket.key}: JSM files not sent`, error);
    notCopied.push(
      ...read.map(({ attachment }) => ({
        file: asFile(attachment),
        reason: "upload_failed" as const,
      })),
    );
    return [];
  }
  // A private request's files go only where its words go: not the card.
  if (!ticket.private && ticket.card_channel && ticket.card_ts) {
    await uploadToThread(
      client,
      { channel: ticket.card_channel, thread_ts: ticket.card_ts },
      copies,
      header,
    ).catch((error) => {
      // The requester has them; the agents in Slack hear that they don't
      // (the card's note on files not copied, in relayJsmAttachments).
      console.warn(`${ticket.key}: JSM files not in the card`, error);
      notCopied.push(
        ...read.map(({ attachment }) => ({
          file: asFile(attachment),
          reason: "upload_failed" as const,
        })),
      );
    });
  }
  return read.map(({ attachment }) => attachment.id);
}

function asFile(a: JsmAttachment): MessageFile {
  return {
    id: a.id,
    name: a.filename,
    size: a.size,
    mimetype: a.mimeType,
    url_private_download: "",
  };
}
