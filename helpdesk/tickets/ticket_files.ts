// Which of a message's files a ticket copies, and what people are told about
// the ones it does not. Plain data: the Slack side is
// slack/workspace/file_copy.ts, the use case use_cases/opening/ticket_files.ts.
import type { Ticket } from "./model.ts";

/**
 * What passing on a ticket's files reads of it: who may add them, where
 * they go (its card, its requester's side, its agents when private), what
 * is already copied or queued for JSM, and where its lock is. A function
 * that does nothing else reads only these (slack/storage/files_ticket.ts).
 */
export type FilesTicket = Pick<
  Ticket,
  | "id"
  | "key"
  | "requester"
  | "followers"
  | "queue_id"
  | "private"
  | "private_jsm"
  | "card_channel"
  | "card_ts"
  | "previous_cards"
  | "approval_messages"
  | "requester_thread"
  | "copied_files"
  | "jsm_files"
>;

/** A file as Slack shows it on a message (files.info's file object). */
export interface MessageFile {
  id: string;
  name: string;
  size: number;
  mimetype: string;
  url_private_download: string;
}

/** Why a file was not copied, in words the person who added it can act on. */
export type NotCopiedReason =
  | "too_large_for_slack"
  | "unreadable"
  | "no_agent_reached"
  | "upload_failed"
  | "jsm_refused";

export interface NotCopied {
  file: MessageFile;
  reason: NotCopiedReason;
}

/**
 * Slack's ceiling for one file (slack.com/help/articles/201330736: files up
 * to 1 GB); a team can set a lower one, which files.getUploadURLExternal
 * answers with file_upload_size_restricted.
 */
export const SLACK_FILE_LIMIT_BYTES = 1024 * 1024 * 1024;

/**
 * What a run holds in memory to copy a file: Slack functions have little of
 * it, so larger files are named, not copied (an assumption, kept low).
 */
export const COPY_LIMIT_BYTES = 100 * 1024 * 1024;

export interface CopyPlan {
  copy: MessageFile[];
  notCopied: NotCopied[];
}

/**
 * The files still to copy: none twice (`copied` holds the ids already
 * copied, for a redelivered event or a retry), none over the limit.
 */
export function planCopies(
  files: readonly MessageFile[],
  copied: readonly string[],
  options: { limitBytes?: number } = {},
): CopyPlan {
  const limit = Math.min(
    options.limitBytes ?? COPY_LIMIT_BYTES,
    SLACK_FILE_LIMIT_BYTES,
  );
  const plan: CopyPlan = { copy: [], notCopied: [] };
  const seen = new Set(copied);
  for (const file of files) {
    if (seen.has(file.id)) continue;
    seen.add(file.id);
    if (file.size > limit) {
      plan.notCopied.push({ file, reason: "too_large_for_slack" });
    } else {
      plan.copy.push(file);
    }
  }
  return plan;
}

const REASONS: Record<NotCopiedReason, string> = {
  too_large_for_slack: "it is larger than Helpdesk can copy",
  unreadable: "Helpdesk can't read it (it may be in a conversation " +
    "Helpdesk isn't in, or deleted)",
  no_agent_reached: "none of its agents could be sent it by DM",
  upload_failed: "Slack refused the copy",
  jsm_refused: "Jira Service Management would not hand it over",
};

/**
 * A file's name as mrkdwn shows it: as its owner typed it, never a mention,
 * a broadcast or a link (Slack's three escapes, docs.slack.dev/messaging/
 * formatting-message-text#escaping). Here, not in slack/blocks, because
 * these rules' texts carry names and may not import Slack's side.
 */
export function shownName(file: Pick<MessageFile, "name">): string {
  return file.name.replaceAll("&", "&amp;").replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;");
}

export function reasonText(reason: NotCopiedReason): string {
  return REASONS[reason];
}

/** For the person who added files none of which could be copied now. */
export function filesNotYetCopied(key: string, why: string): string {
  return `Your files did not reach ${key}'s agents (${why}). Add them again in the thread in a moment.`;
}

/** For the person who added the files. */
export function notCopiedForPerson(key: string, notCopied: NotCopied[]) {
  return notCopied.map(({ file, reason }) =>
    `${shownName(file)} was not added to ${key}: ${reasonText(reason)}.`
  ).join("\n");
}

/**
 * For the card's thread. A private ticket's note names no file: the shared
 * channel only ever has its key.
 */
export function notCopiedForThread(
  notCopied: NotCopied[],
  privateTicket = false,
): string {
  const count = notCopied.length;
  const files = count === 1 ? "A file was" : `${count} files were`;
  if (privateTicket) {
    return `${files} added to this private request and could not be sent to its agents.`;
  }
  return `${files} not copied here: ${
    notCopied.map(({ file, reason }) =>
      `${shownName(file)} (${reasonText(reason)})`
    ).join("; ")
  }.`;
}

/** In a private ticket's card thread: files came, named nowhere here. */
export function privateFilesNote(count: number, missed = 0): string {
  const files = count === 1 ? "A file was" : `${count} files were`;
  const who = missed === 0
    ? "its agents have them by DM"
    : `its agents have them by DM, except ${missed} ${
      missed === 1 ? "agent" : "agents"
    } whose copy Slack did not take`;
  return `${files} added to this private request; ${who}.`;
}

/**
 * How copied_files records a JSM attachment: one Helpdesk attached, or one
 * an agent added that was copied to Slack. Either way, never copied again.
 */
export function jsmAttachmentMark(id: string): string {
  return `jsm:${id}`;
}

/**
 * A JSM attachment held back, not copied: it has the name of a file
 * Helpdesk is attaching (`fileId`, still in jsm_files), so it may be
 * Helpdesk's own, announced by JSM's webhook before JSM answered Helpdesk
 * with its id. The JSM sync decides it once that file is settled: its own,
 * or an agent's, then copied (use_cases/jsm/jsm_file_sync.ts).
 */
export function jsmHeldMark(attachmentId: string, fileId: string): string {
  return `jsm-held:${attachmentId}:${fileId}`;
}

export function heldJsmAttachment(
  mark: string,
): { attachmentId: string; fileId: string } | undefined {
  const [kind, attachmentId, fileId] = mark.split(":");
  return kind === "jsm-held" && attachmentId && fileId
    ? { attachmentId, fileId }
    : undefined;
}

/**
 * What settling some of Helpdesk's queued files means for held attachments:
 * those whose file is settled are released from copied_files, and of them,
 * those not among what Helpdesk attached (`attachedIds`) were an agent's,
 * to be copied after all.
 */
export function settleHeld(
  marks: readonly string[],
  stillQueued: ReadonlySet<string>,
  attachedIds: ReadonlySet<string>,
): { marks: string[]; agents: string[] } {
  const agents: string[] = [];
  const kept = marks.filter((mark) => {
    const held = heldJsmAttachment(mark);
    if (!held || stillQueued.has(held.fileId)) return true;
    if (!attachedIds.has(held.attachmentId)) agents.push(held.attachmentId);
    return false;
  });
  return { marks: kept, agents };
}

/** A copy in the card's thread owed to the JSM request. */
export interface JsmFile {
  /** The copy's Slack file id (Helpdesk's own file, always readable). */
  id: string;
  name: string;
  /** Public (the customer sees it) or internal, as its message is. */
  public: boolean;
  /**
   * An add of it to the request failed in a way that may have landed
   * (its answer lost): the next attempt looks for it before adding again.
   */
  maybeAttached?: boolean;
}

export function jsmFileEntry(file: JsmFile): string {
  return JSON.stringify(file);
}

/** The queued entries, oldest first; unreadable ones are dropped. */
export function pendingJsmFiles(entries: readonly string[] | undefined) {
  return (entries ?? []).flatMap((entry) => {
    try {
      const f = JSON.parse(entry) as Partial<JsmFile>;
      return typeof f.id === "string" && typeof f.name === "string"
        ? [{
          entry,
          file: {
            id: f.id,
            name: f.name,
            public: f.public !== false,
            maybeAttached: f.maybeAttached === true,
          },
        }]
        : [];
    } catch {
      return [];
    }
  });
}

/**
 * The attachment an add whose answer was lost made, if it did: JSM's list
 * gives no checksum and no caller's reference, so it is one with the file's
 * name and size in bytes that Helpdesk knows nothing else of (no `jsm:<id>`
 * mark: not an earlier file of Helpdesk's, not an agent's already copied),
 * the newest such. Its id, or undefined: then the file is added again.
 */
export function lostAddFound(
  listed: readonly { id: string; filename: string; size: number }[],
  file: { name: string; size: number },
  marks: readonly string[],
): string | undefined {
  return listed.findLast((a) =>
    a.filename === file.name && a.size === file.size &&
    !marks.includes(jsmAttachmentMark(a.id))
  )?.id;
}
