// The step that passes on the files a form or a reply carried, after the
// run that took the words (see functions/send_ticket_files): the form's go
// to the card's thread like any requester's files (opening/ticket_files.ts),
// a reply's to the requester's side (reply_files.ts). Each id is looked up
// with files.info (files:read): a file_input's files are the app's to read
// (docs.slack.dev, "File input element"), and one deleted meanwhile is told.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { MessageFile } from "../../helpdesk/tickets/ticket_files.ts";
import { slackCall, type SlackCallError } from "../../slack/api/slack_call.ts";
import { filesOf } from "../../slack/workspace/file_copy.ts";
import { loadQueuedReading } from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import { isQueueAgent } from "../changes/queue_agents.ts";
import { getFilesTicket } from "../../slack/storage/files_ticket.ts";
import { copyFilesToCard } from "../opening/ticket_files.ts";
import { sendReplyFiles } from "./reply_files.ts";
import { recordUnderLock } from "./copies_record.ts";

export interface FilesToPassOn {
  ticketId?: string;
  files?: readonly string[];
  /** Who added them: the requester (form) or the agent (reply). */
  by?: string;
  /** "card" for a form's files, "requester" for a reply's. */
  to?: string;
  /** JSM is on: the copies are queued for the request. */
  jsm: boolean;
  now: number;
}

export type FilesPassedOn =
  | { ok: true; handled: number }
  | { ok: false; reason: string };

export async function passOnFiles(
  client: SlackAPIClient,
  token: string,
  step: FilesToPassOn,
): Promise<FilesPassedOn> {
  const ids = [...new Set(step.files ?? [])];
  if (!step.ticketId || ids.length === 0 || !step.by) {
    return { ok: true, handled: 0 };
  }
  if (step.to !== "card" && step.to !== "requester") {
    return { ok: false, reason: `"to" must be card or requester.` };
  }
  // Only the fields passing files on reads (files_ticket.ts): this step's
  // function bundles no whole ticket.
  const loaded = await loadQueuedReading(client, step.ticketId, getFilesTicket);
  if (!loaded.ok) return loaded;
  const { ticket, queue } = loaded;
  // Only what the ticket's own people may say: the step is also offered in
  // Workflow Builder, where anyone could fill in its inputs.
  const allowed = step.to === "card"
    ? ticket.requester === step.by ||
      (ticket.followers ?? []).includes(step.by)
    : await isQueueAgent(
      new QueueDirectory(client, queue, ticket.requester),
      step.by,
    );
  if (!allowed) {
    return {
      ok: false,
      reason: step.to === "card"
        ? `Only ${ticket.key}'s requester adds files to it this way.`
        : `Only ${ticket.key}'s agents send files to its requester.`,
    };
  }
  const { files, notFound } = await lookUp(client, ids);
  if (step.to === "requester") {
    const { sent, notCopied } = await sendReplyFiles(client, token, ticket, {
      files,
      notFound,
      agent: step.by,
      jsmNow: step.jsm ? step.now : undefined,
    });
    return { ok: true, handled: sent.length + notCopied.length };
  }
  const outcome = await copyFilesToCard(client, token, ticket, {
    files,
    notFound,
    by: { user: step.by },
    toJsm: step.jsm ? { public: true, now: step.now } : undefined,
    record: recordUnderLock(client, ticket, getFilesTicket),
  }, getFilesTicket);
  return {
    ok: true,
    handled: outcome.copied.length + outcome.notCopied.length,
  };
}

async function lookUp(client: SlackAPIClient, ids: string[]) {
  const files: MessageFile[] = [];
  const notFound: string[] = [];
  for (const id of ids) {
    try {
      const info = await slackCall(client, "files.info", { file: id });
      const [file] = filesOf({ files: [info.file] });
      if (file) files.push(file);
      else notFound.push(id);
    } catch (error) {
      // Gone (file_not_found too when the app may not see it): told, not
      // retried. Anything else (a passing failure, a missing scope) fails
      // the run, told as such, and the run again reads it once more.
      if (!/^file_(not_found|deleted)$/.test((error as SlackCallError)?.code)) {
        throw error;
      }
      notFound.push(id);
    }
  }
  return { files, notFound };
}
