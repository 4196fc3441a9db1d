// The files a ticket queued for its JSM request (use_cases/opening/
// ticket_files.ts), attached by the JSM sync once the request exists: each
// copy in the card's thread is read back from Slack (Helpdesk's own file)
// and attached in JSM's two steps, public or internal as its message was.
// An add that failed in a way that may have landed (a 5xx, no answer) marks
// its file maybeAttached; before adding it again, the request's attachments
// are read and one with its name and size is taken as that add's
// (lostAddFound), so JSM never has it twice and its webhook's copy of it is
// never shown in Slack as an agent's.
// A file JSM refuses (too large, a type it won't take, attachments turned
// off) is not retried: the card's thread says so. Any other failure stops
// here and the sync retries later.
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  jsmAttachmentMark,
  jsmFileEntry,
  lostAddFound,
  pendingJsmFiles,
  settleHeld,
} from "../../helpdesk/tickets/ticket_files.ts";
import { relayJsmAttachments } from "./jsm_attachment_relay.ts";
import { JsmError, mayHaveLanded } from "../../integrations/jsm/jsm_errors.ts";
import {
  addAttachments,
  requestAttachments,
  uploadTemporaryFile,
} from "../../integrations/jsm/request_attachments.ts";
import { slackCall, SlackCallError } from "../../slack/api/slack_call.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import {
  downloadFile,
  filesOf,
  FileUnreadable,
} from "../../slack/workspace/file_copy.ts";
import { updateFieldsUnderLock } from "../changes/change_under_lock.ts";
import type { JsmSyncDeps } from "./jsm_sync_deps.ts";

/** Refusals about the file itself, which a retry would only repeat. */
const REFUSED = new Set(["bad_request", "forbidden"]);

export async function sendFiles(
  deps: JsmSyncDeps,
  ticket: Ticket,
  key: string,
): Promise<{ sent: number }> {
  const pending = pendingJsmFiles(ticket.jsm_files);
  // Without the run's token nothing can be read: a later sync that has one
  // (every function run does) attaches them.
  if (!deps.slackToken || pending.length === 0) return { sent: 0 };
  const done: string[] = [];
  /** JSM's ids of what Helpdesk attached: the webhook never copies them back. */
  const attached: string[] = [];
  let failure: unknown;
  /** The entry whose add failed and may have landed, and its new form. */
  let lost: { entry: string; marked: string } | undefined;
  for (const { entry, file } of pending) {
    try {
      const info = await slackCall(deps.client, "files.info", {
        file: file.id,
      });
      const [found] = filesOf({ files: [info.file] });
      if (!found) throw new Error(`${file.id} has no download link`);
      const bytes = await downloadFile(deps.slackToken, found);
      // An earlier add whose answer was lost may have made it: then it is
      // recorded as Helpdesk's, never added twice nor copied back.
      const made = file.maybeAttached
        ? lostAddFound(
          await requestAttachments(deps.jsm, key),
          { name: file.name, size: bytes.length },
          [...(ticket.copied_files ?? []), ...attached.map(jsmAttachmentMark)],
        )
        : undefined;
      if (made) attached.push(made);
      else {
        const temporary = await uploadTemporaryFile(deps.jsm, {
          name: file.name,
          type: found.mimetype,
          bytes,
        });
        try {
          attached.push(
            ...await addAttachments(deps.jsm, key, temporary, file.public),
          );
        } catch (error) {
          if (mayHaveLanded(error)) {
            lost = {
              entry,
              marked: jsmFileEntry({ ...file, maybeAttached: true }),
            };
          }
          throw error;
        }
      }
      done.push(entry);
    } catch (error) {
      if (error instanceof JsmError && REFUSED.has(error.code)) {
        console.warn(
          `${ticket.key}: ${file.name} not attached to ${key}`,
          error,
        );
        const said = error.serverMessage ? `: ${error.serverMessage}` : "";
        await tellNotAttached(deps, ticket, key, file.name, said);
        done.push(entry);
        continue;
      }
      // Its copy is gone from Slack (deleted from the card's thread): no
      // retry can read it, so it must not hold up the files after it.
      if (copyGone(error)) {
        console.warn(`${ticket.key}: ${file.name}'s copy is gone`, error);
        await tellNotAttached(
          deps,
          ticket,
          key,
          file.name,
          ": its copy in this thread was deleted",
        );
        done.push(entry);
        continue;
      }
      failure = error;
      break;
    }
  }
  if (done.length || lost) {
    // One write: what Helpdesk attached is recorded as its queued file
    // leaves the queue, so the webhook's relay, under the same lock, always
    // knows it as Helpdesk's (jsm_attachment_relay.ts). Attachments it held
    // back meanwhile for a settled file, and that are not Helpdesk's, were
    // an agent's: copied now. A file whose add may have landed stays
    // queued, marked, so its attachment stays held too.
    let agents: string[] = [];
    const taken = await updateFieldsUnderLock(
      deps.client,
      ticket,
      (latest) => {
        const queued = (latest.jsm_files ?? []).flatMap((e) =>
          done.includes(e) ? [] : e === lost?.entry ? [lost.marked] : [e]
        );
        const settled = settleHeld(
          latest.copied_files ?? [],
          new Set(pendingJsmFiles(queued).map((q) => q.file.id)),
          new Set(attached),
        );
        agents = settled.agents;
        return {
          jsm_files: queued,
          copied_files: [...settled.marks, ...attached.map(jsmAttachmentMark)],
        };
      },
    );
    if (!taken.ok) console.warn(`${ticket.key}: ${taken.reason}`);
    else if (agents.length) {
      await relayJsmAttachments(deps.client, deps.jsm, taken.ticket ?? ticket, {
        ids: agents,
        isPublic: true,
      }).catch((error) => {
        console.warn(`${ticket.key}: held JSM files not copied`, error);
        failure ??= error;
      });
    }
  }
  if (failure) throw failure;
  return { sent: done.length };
}

/** Slack's answer that a file is no more, or not the app's to read. */
function copyGone(error: unknown): boolean {
  return error instanceof FileUnreadable ||
    (error instanceof SlackCallError &&
      ["file_not_found", "file_deleted"].includes(error.code));
}

async function tellNotAttached(
  deps: JsmSyncDeps,
  ticket: Ticket,
  key: string,
  name: string,
  why: string,
) {
  if (!ticket.card_channel || !ticket.card_ts) return;
  await slackCall(deps.client, "chat.postMessage", {
    channel: ticket.card_channel,
    thread_ts: ticket.card_ts,
    text: `${
      escapeMrkdwn(name)
    } was not attached to ${key} in Jira Service Management${
      escapeMrkdwn(why)
    }`,
  }).catch((told) => console.warn(`${ticket.key}: refusal not told`, told));
}
