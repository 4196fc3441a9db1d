// The files an agent sends with Reply to requester, after its words: the
// reply's run ends with them as outputs, and the workflow's next step
// (functions/send_ticket_files) copies them, so the 3 seconds a modal's
// submission has go to the words alone. They go where the reply went (the
// origin thread, or the DM thread), to the requesters of tickets merged into
// this one by DM, and, for a public ticket, into the card's thread; with JSM
// on, to the request as public attachments. A private ticket's card thread
// only learned that files follow (conversation.ts). Each file once: the ids
// are recorded on the ticket after the copy. A file not sent is told to the
// agent and in the card's thread, never dropped in silence.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  type FilesTicket,
  type JsmFile,
  jsmFileEntry,
  type MessageFile,
  type NotCopied,
  planCopies,
} from "../../helpdesk/tickets/ticket_files.ts";
import {
  notSentToFollowers,
  notSentToRequester,
  replyFilesInThread,
  replyFilesNotSent,
  replyFilesTexts,
} from "../../helpdesk/tickets/reply_file_texts.ts";
import { requesterSide } from "../../helpdesk/tickets/conversation.ts";
import { jsmPendingFields } from "../../helpdesk/tickets/jsm_sync.ts";
import {
  downloadFile,
  FileUnreadable,
  refusedForGood,
  uploadToThread,
  uploadUnderHeader,
} from "../../slack/workspace/file_copy.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { recordUnderLock } from "./copies_record.ts";
import { getFilesTicket } from "../../slack/storage/files_ticket.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { jsmVisibility, unknownFile } from "../opening/ticket_files.ts";

export interface ReplyFiles {
  files: readonly MessageFile[];
  /** Ids files.info would not give (deleted, or never the app's). */
  notFound: readonly string[];
  agent: string;
  /** With JSM on, when the sync should look again. */
  jsmNow?: number;
}

export async function sendReplyFiles(
  client: SlackAPIClient,
  token: string,
  ticket: FilesTicket,
  reply: ReplyFiles,
): Promise<{ sent: string[]; notCopied: NotCopied[] }> {
  const done = ticket.copied_files ?? [];
  const notCopied: NotCopied[] = reply.notFound
    .filter((id) => !done.includes(id))
    .map((id) => ({ file: unknownFile(id), reason: "unreadable" }));
  const plan = planCopies(reply.files, done);
  notCopied.push(...plan.notCopied);
  const read: { file: MessageFile; bytes: Uint8Array }[] = [];
  for (const file of plan.copy) {
    try {
      read.push({ file, bytes: await downloadFile(token, file) });
    } catch (error) {
      if (!(error instanceof FileUnreadable)) throw error;
      notCopied.push({ file, reason: "unreadable" });
    }
  }
  const copies = read.map(({ file, bytes }) => ({ name: file.name, bytes }));
  let requesterIds: string[] | undefined;
  let cardIds: string[] | undefined;
  if (read.length) {
    try {
      requesterIds = await uploadUnderHeader(
        client,
        requesterSide(ticket),
        copies,
        replyFilesTexts(ticket.key, reply.agent),
      );
    } catch (error) {
      // A refusal is told; a failure to reach Slack is the run's to retry.
      if (!refusedForGood(error)) throw error;
      console.warn(`${ticket.key}: reply files not sent`, error);
      notCopied.push(
        ...read.map(({ file }) => ({ file, reason: "upload_failed" as const })),
      );
    }
  }
  if (requesterIds) {
    const missed = await alsoTo(client, ticket, reply.agent, copies);
    if (missed.length) {
      await tellPerson(
        client,
        { user: reply.agent, channel: ticket.card_channel },
        notSentToFollowers(ticket.key, missed),
      ).catch((error) =>
        console.warn(`${ticket.key}: not told of followers' files`, error)
      );
    }
    if (!ticket.private && ticket.card_channel && ticket.card_ts) {
      cardIds = await uploadToThread(
        client,
        { channel: ticket.card_channel, thread_ts: ticket.card_ts },
        copies,
        replyFilesInThread(reply.agent),
      ).catch((error) => {
        console.warn(`${ticket.key}: reply files not in the card`, error);
        return undefined;
      });
    }
  }
  const sent = requesterIds ? read.map(({ file }) => file.id) : [];
  const handled = [...sent, ...notCopied.map((n) => n.file.id)];
  if (handled.length) {
    await record(
      client,
      ticket,
      handled,
      jsmCopies(ticket, read, {
        card: cardIds,
        requester: requesterIds,
      }),
      reply.jsmNow,
    );
  }
  if (notCopied.length) await tellNotSent(client, ticket, reply, notCopied);
  return { sent, notCopied };
}

/** The requesters of tickets merged into this one hear the reply too. */
async function alsoTo(
  client: SlackAPIClient,
  ticket: FilesTicket,
  agent: string,
  copies: { name: string; bytes: Uint8Array }[],
): Promise<string[]> {
  const missed: string[] = [];
  for (const follower of ticket.followers ?? []) {
    try {
      await uploadUnderHeader(
        client,
        { channel: follower },
        copies,
        replyFilesTexts(ticket.key, agent),
      );
    } catch (error) {
      // Told to the agent: a refusal or not, the files did not come.
      console.warn(`${ticket.key}: ${follower} not sent the files`, error);
      missed.push(follower);
    }
  }
  return missed;
}

/**
 * The copies owed to the JSM request: the card thread's for a public
 * ticket; the requester's for a private one whose words JSM gets.
 */
function jsmCopies(
  ticket: FilesTicket,
  read: { file: MessageFile }[],
  ids: { card?: string[]; requester?: string[] },
): JsmFile[] {
  const isPublic = jsmVisibility(ticket, true);
  const from = ids.card ?? ids.requester;
  if (isPublic === undefined || !from) return [];
  return from.map((id, i) => ({
    id,
    name: read[i].file.name,
    public: isPublic,
  }));
}

async function record(
  client: SlackAPIClient,
  ticket: FilesTicket,
  handled: string[],
  copies: JsmFile[],
  jsmNow?: number,
) {
  const toJsm = jsmNow !== undefined && copies.length > 0;
  await recordUnderLock(client, ticket, getFilesTicket)((latest) => ({
    copied_files: [...new Set([...(latest.copied_files ?? []), ...handled])],
    ...(toJsm
      ? {
        jsm_files: [...(latest.jsm_files ?? []), ...copies.map(jsmFileEntry)],
        ...jsmPendingFields(jsmNow),
      }
      : {}),
  }));
}

async function tellNotSent(
  client: SlackAPIClient,
  ticket: FilesTicket,
  reply: ReplyFiles,
  notCopied: NotCopied[],
) {
  const told = await Promise.allSettled([
    ticket.card_channel && ticket.card_ts
      ? slackCall(client, "chat.postMessage", {
        channel: ticket.card_channel,
        thread_ts: ticket.card_ts,
        text: replyFilesNotSent(notCopied, ticket.private),
      })
      : Promise.resolve(),
    tellPerson(
      client,
      { user: reply.agent, channel: ticket.card_channel },
      notSentToRequester(ticket.key, notCopied),
    ),
  ]);
  for (const result of told) {
    if (result.status === "rejected") {
      console.warn(`${ticket.key}: not told of reply files`, result.reason);
    }
  }
}
