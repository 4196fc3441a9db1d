// A requester's files reach the ticket's card thread: copied with Slack's
// upload flow (slack/workspace/file_copy.ts says why a copy), each once.
// The ids handled are recorded on the ticket after the copy, so a retry
// copies nothing twice; a file that can't be copied is not dropped in
// silence: the person who added it is told why, and the thread says so.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  filesNotYetCopied,
  type JsmFile,
  jsmFileEntry,
  type MessageFile,
  type NotCopied,
  notCopiedForPerson,
  notCopiedForThread,
  planCopies,
} from "../../helpdesk/tickets/ticket_files.ts";
import {
  downloadFile,
  FileUnreadable,
  uploadToThread,
} from "../../slack/workspace/file_copy.ts";
import { slackCall, SlackCallError } from "../../slack/api/slack_call.ts";
import {
  getTicket,
  updateTicketFields,
} from "../../slack/storage/ticket_store.ts";
import { jsmPendingFields } from "../../helpdesk/tickets/jsm_sync.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";

export interface FilesAdded {
  files: readonly MessageFile[];
  /** Who added them, and where, to tell them about any not copied. */
  by: { user: string; channel?: string; thread_ts?: string };
  /**
   * With JSM on: the copies are queued for the JSM request, public or
   * internal as the message they came with; the JSM sync attaches them.
   */
  toJsm?: { public: boolean; now: number };
}

export interface CopyOutcome {
  copied: string[];
  notCopied: NotCopied[];
}

export async function copyFilesToCard(
  client: SlackAPIClient,
  token: string,
  ticket: Ticket,
  added: FilesAdded,
): Promise<CopyOutcome> {
  const outcome: CopyOutcome = { copied: [], notCopied: [] };
  if (added.files.length === 0) return outcome;
  if (!ticket.card_channel || !ticket.card_ts) {
    // Not recorded as handled: nothing was copied, and the person knows.
    await tellPerson(
      client,
      added.by,
      filesNotYetCopied(ticket.key, "its card is not posted yet"),
    );
    return outcome;
  }
  const plan = planCopies(added.files, ticket.copied_files ?? [], {
    privateTicket: ticket.private,
  });
  outcome.notCopied.push(...plan.notCopied);
  const read: { file: MessageFile; bytes: Uint8Array }[] = [];
  for (const file of plan.copy) {
    try {
      read.push({ file, bytes: await downloadFile(token, file) });
    } catch (error) {
      if (!(error instanceof FileUnreadable)) throw error;
      outcome.notCopied.push({ file, reason: "unreadable" });
    }
  }
  const thread = { channel: ticket.card_channel, thread_ts: ticket.card_ts };
  const copies: JsmFile[] = [];
  if (read.length) {
    try {
      const ids = await uploadToThread(
        client,
        thread,
        read.map(({ file, bytes }) => ({ name: file.name, bytes })),
        `From <@${added.by.user}>:`,
      );
      outcome.copied.push(...read.map(({ file }) => file.id));
      ids.forEach((id, i) =>
        copies.push({
          id,
          name: read[i].file.name,
          public: added.toJsm?.public ?? true,
        })
      );
    } catch (error) {
      // A refusal (the team's size limit, uploads turned off) is told; a
      // failure to reach Slack is the run's, to retry.
      if (!(error instanceof SlackCallError) || error.code === "ratelimited") {
        throw error;
      }
      console.warn(`${ticket.key}: files not copied`, error);
      outcome.notCopied.push(
        ...read.map(({ file }) => ({ file, reason: "upload_failed" as const })),
      );
    }
  }
  const handled = [
    ...outcome.copied,
    ...outcome.notCopied.map((n) => n.file.id),
  ];
  if (handled.length === 0) return outcome;
  // Read again just before writing: the JSM sync may have taken queued
  // files off meanwhile (it writes under the ticket's lock).
  const latest = added.toJsm && copies.length
    ? await getTicket(client, ticket.id) ?? ticket
    : ticket;
  await updateTicketFields(client, ticket.id, {
    copied_files: [...new Set([...(latest.copied_files ?? []), ...handled])],
    ...(added.toJsm && copies.length
      ? {
        jsm_files: [
          ...(latest.jsm_files ?? []),
          ...copies.map(jsmFileEntry),
        ],
        ...jsmPendingFields(added.toJsm.now),
      }
      : {}),
  });
  if (outcome.notCopied.length) {
    await tellNotCopied(client, ticket, added, outcome.notCopied);
  }
  return outcome;
}

/**
 * copyFilesToCard for a run whose main work is done (the ticket opened, the
 * words passed on): a failure is logged and its person told to add the
 * files again, never thrown at the work that succeeded.
 */
export async function copyFilesOrTell(
  client: SlackAPIClient,
  token: string,
  ticket: Ticket,
  added: FilesAdded,
): Promise<void> {
  try {
    await copyFilesToCard(client, token, ticket, added);
  } catch (error) {
    console.error(`${ticket.key}: files not copied`, error);
    await tellPerson(
      client,
      added.by,
      filesNotYetCopied(ticket.key, "Slack did not take the copy"),
    ).catch((told) =>
      console.warn(`${ticket.key}: not told of files not copied`, told)
    );
  }
}

async function tellNotCopied(
  client: SlackAPIClient,
  ticket: Ticket,
  added: FilesAdded,
  notCopied: NotCopied[],
) {
  const told = await Promise.allSettled([
    slackCall(client, "chat.postMessage", {
      channel: ticket.card_channel,
      thread_ts: ticket.card_ts,
      text: notCopiedForThread(notCopied),
    }),
    tellPerson(client, added.by, notCopiedForPerson(ticket.key, notCopied)),
  ]);
  for (const result of told) {
    if (result.status === "rejected") {
      console.warn(
        `${ticket.key}: not told of files not copied`,
        result.reason,
      );
    }
  }
}
