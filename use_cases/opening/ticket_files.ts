// A requester's files reach the ticket's card thread: copied with Slack's
// upload flow (slack/workspace/file_copy.ts says why a copy), each once.
// The ids handled are recorded on the ticket after the copy, so a retry
// copies nothing twice; a file that can't be copied is not dropped in
// silence: the person who added it is told why, and the thread says so.
// A private ticket's files go where its words go: to its agents by DM; its
// shared card thread only learns that files came. So do a form's files
// while its ticket's card is not posted (copyFilesToCard): its requester
// has no thread that would pass them on later.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  filesNotYetCopied,
  type FilesTicket,
  type JsmFile,
  jsmFileEntry,
  type MessageFile,
  type NotCopied,
  notCopiedForPerson,
  notCopiedForThread,
  planCopies,
  privateFilesNote,
} from "../../helpdesk/tickets/ticket_files.ts";
import {
  downloadFile,
  FileUnreadable,
  refusedForGood,
  takeBackHeader,
  uploadToThread,
} from "../../slack/workspace/file_copy.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  getTicketRevision,
  type TicketRead,
  updateUncountedFields,
} from "../../slack/storage/ticket_store.ts";
import { jsmPendingFields } from "../../helpdesk/tickets/jsm_sync.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { loadQueuedReading } from "../../slack/workspace/queued_ticket.ts";
import { QueueDirectory } from "../../slack/workspace/queue_directory.ts";
import { refusedAsBot } from "../../slack/workspace/bot_user.ts";

export interface FilesAdded {
  files: readonly MessageFile[];
  /** Who added them, and where, to tell them about any not copied. */
  by: { user: string; channel?: string; thread_ts?: string };
  /**
   * With JSM on: the copies are queued for the JSM request, public or
   * internal as the message they came with; the JSM sync attaches them.
   */
  toJsm?: { public: boolean; now: number };
  /**
   * Ids files.info refused (file_not_found, file_deleted): not copied, and
   * told like a file Helpdesk can't read.
   */
  notFound?: readonly string[];
  /** How the copies are written on the ticket; see RecordCopies. */
  record?: RecordCopies;
}

/** The fields that record copies, from the ticket as stored when written. */
export type CopiesFields = (
  latest: FilesTicket,
) => Partial<
  Pick<Ticket, "copied_files" | "jsm_files" | "jsm_sync" | "jsm_retry_at">
>;

/**
 * Writes what a copy recorded (copied_files, jsm_files). Two runs copying
 * files of one ticket at once, or the JSM sync taking queued files off,
 * each read and write these lists: a caller that may take the ticket's lock
 * passes a writer that does both under it (use_cases/conversation/
 * copies_record.ts), so no run's write drops another's. By default (a
 * ticket just opened, which nobody else reaches yet): read, then written.
 */
export type RecordCopies = (fields: CopiesFields) => Promise<void>;

export function readThenWrite(
  client: SlackAPIClient,
  ticket: FilesTicket,
  read: TicketRead<FilesTicket>,
): RecordCopies {
  return async (fields) => {
    const latest = (await read(client, ticket.id))?.ticket ?? ticket;
    await updateUncountedFields(client, ticket.id, fields(latest));
  };
}

export interface CopyOutcome {
  copied: string[];
  notCopied: NotCopied[];
}

/**
 * What copying does for a private ticket, or one whose card is not posted:
 * its files go to its agents by DM (each DM opened with a line saying
 * whose they are), and a private one's card thread only learns that files
 * came.
 */
interface PrivateCopies {
  places(
    client: SlackAPIClient,
    ticket: FilesTicket,
    from: string,
  ): Promise<{ places: Place[]; missed: number }>;
  /** A DM Slack refused the files in: its opening line said they came. */
  refusedIn(
    client: SlackAPIClient,
    ticket: FilesTicket,
    place: Place,
    from: string,
  ): Promise<void>;
  /** The card's thread told how many came, and who missed them. */
  noted(
    client: SlackAPIClient,
    ticket: FilesTicket,
    count: number,
    missed: number,
  ): Promise<void>;
}

type Place = { channel: string; thread_ts: string };

/** To a ticket's agents, its queue read with the ticket by `read`. */
const toAgents = (read: TicketRead<FilesTicket>): PrivateCopies => ({
  places: (client, ticket, from) => agentDms(client, ticket, from, read),
  refusedIn: (client, ticket, place, from) =>
    takeBackHeader(
      client,
      place,
      `${dmHeader(ticket, from)}; they could not be copied here.`,
    ),
  noted: async (client, ticket, count, missed) => {
    if (!ticket.card_ts) return;
    await slackCall(client, "chat.postMessage", {
      channel: ticket.card_channel,
      thread_ts: ticket.card_ts,
      text: privateFilesNote(count, missed),
    }).catch((error) =>
      console.warn(`${ticket.key}: private files note not posted`, error)
    );
  },
});

/**
 * The files copied to the card's thread (a private ticket's, or one's whose
 * card is not posted, to its agents' DMs), the ticket read again by `read`
 * where copying needs it as stored now (its queue, the lists a copy is
 * recorded in).
 */
export function copyFilesToCard(
  client: SlackAPIClient,
  token: string,
  ticket: FilesTicket,
  added: FilesAdded,
  read: TicketRead<FilesTicket>,
): Promise<CopyOutcome> {
  return copyAs(toAgents(read), read, client, token, ticket, added);
}

async function copyAs(
  /** Absent where tickets are never private (untypedFilesOrTell). */
  privately: PrivateCopies | undefined,
  readTicket: TicketRead<FilesTicket>,
  client: SlackAPIClient,
  token: string,
  ticket: FilesTicket,
  added: FilesAdded,
): Promise<CopyOutcome> {
  const outcome: CopyOutcome = { copied: [], notCopied: [] };
  const notFound = (added.notFound ?? []).filter((id) =>
    !(ticket.copied_files ?? []).includes(id)
  );
  if (added.files.length === 0 && notFound.length === 0) return outcome;
  // Its agents' DMs, for a private ticket or one without a card (orTell
  // sent neither here without `privately`); else the card's thread.
  const toAgents = ticket.private || !ticket.card_ts ? privately : undefined;
  const plan = planCopies(added.files, ticket.copied_files ?? []);
  outcome.notCopied.push(
    ...notFound.map((id) => ({
      file: unknownFile(id),
      reason: "unreadable" as const,
    })),
    ...plan.notCopied,
  );
  const read: { file: MessageFile; bytes: Uint8Array }[] = [];
  for (const file of plan.copy) {
    try {
      read.push({ file, bytes: await downloadFile(token, file) });
    } catch (error) {
      if (!(error instanceof FileUnreadable)) throw error;
      outcome.notCopied.push({ file, reason: "unreadable" });
    }
  }
  const copies: JsmFile[] = [];
  if (read.length) {
    const { places, missed: unreached } = toAgents
      ? await toAgents.places(client, ticket, added.by.user)
      : {
        places: [{ channel: ticket.card_channel!, thread_ts: ticket.card_ts! }],
        missed: 0,
      };
    let missed = unreached;
    const comment = `From <@${added.by.user}>:`;
    let ids: string[] | undefined;
    let refused: unknown;
    for (const place of places) {
      try {
        const made = await uploadToThread(
          client,
          place,
          read.map(({ file, bytes }) => ({ name: file.name, bytes })),
          comment,
        );
        ids ??= made;
      } catch (error) {
        // A refusal (the team's size limit, uploads turned off) is told; a
        // failure to reach Slack is the run's, to retry.
        if (!refusedForGood(error)) throw error;
        console.warn(`${ticket.key}: files not copied`, error);
        refused = error;
        missed++;
        // An agent's DM said files came: not so.
        await toAgents?.refusedIn(client, ticket, place, added.by.user);
      }
    }
    if (ids) {
      outcome.copied.push(...read.map(({ file }) => file.id));
      const isPublic = jsmVisibility(ticket, added.toJsm?.public ?? true);
      if (isPublic !== undefined) {
        ids.forEach((id, i) =>
          copies.push({ id, name: read[i].file.name, public: isPublic })
        );
      }
      await toAgents?.noted(client, ticket, read.length, missed);
    } else {
      const reason = toAgents && !refused
        ? "no_agent_reached" as const
        : "upload_failed" as const;
      outcome.notCopied.push(...read.map(({ file }) => ({ file, reason })));
    }
  }
  const handled = [
    ...outcome.copied,
    ...outcome.notCopied.map((n) => n.file.id),
  ];
  if (handled.length === 0) return outcome;
  const record = added.record ?? readThenWrite(client, ticket, readTicket);
  await record((latest) => ({
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
  }));
  if (outcome.notCopied.length) {
    await tellNotCopied(client, ticket, added, outcome.notCopied);
  }
  return outcome;
}

/** A file known only by its id: Slack would not say more of it. */
export function unknownFile(id: string): MessageFile {
  return {
    id,
    name: `A file (${id})`,
    size: 0,
    mimetype: "application/octet-stream",
    url_private_download: "",
  };
}

/**
 * copyFilesToCard for a run whose main work is done (the ticket opened, the
 * words passed on): a failure is logged and its person told to add the
 * files again, never thrown at the work that succeeded. A :ticket:
 * ticket's thread is where they add files, and it relays them: files that
 * came while its card is not posted are left for them to add again there.
 */
export function copyFilesOrTell(
  client: SlackAPIClient,
  token: string,
  ticket: Ticket,
  added: FilesAdded,
): Promise<void> {
  const read = getTicketRevision;
  return orTell(toAgents(read), read, client, token, ticket, added);
}

/**
 * copyFilesOrTell for a ticket without a request type (a :ticket:
 * reaction's), which is never private: its bundle leaves out the agents'
 * DMs. Files for one that is private all the same are not copied, and
 * their person is told to add them again in the thread, whose relay sends
 * them to its agents.
 */
export function untypedFilesOrTell(
  client: SlackAPIClient,
  token: string,
  ticket: Ticket,
  added: FilesAdded,
): Promise<void> {
  return orTell(undefined, getTicketRevision, client, token, ticket, added);
}

async function orTell(
  privately: PrivateCopies | undefined,
  read: TicketRead<FilesTicket>,
  client: SlackAPIClient,
  token: string,
  ticket: Ticket,
  added: FilesAdded,
): Promise<void> {
  try {
    const why = !ticket.card_ts
      ? "its card is not posted yet"
      : ticket.private && !privately
      ? "it is a private request, whose files reach its agents from its thread"
      : undefined;
    // Not recorded as handled: nothing was copied, and the person knows.
    if (why && added.files.length) {
      await tellPerson(client, added.by, filesNotYetCopied(ticket.key, why));
    } else if (!why) {
      await copyAs(privately, read, client, token, ticket, added);
    }
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

/**
 * Where a private ticket's files go, and a form's while its card is not
 * posted: to each of its queue's agents by DM, as its words do (the
 * requester excluded), each DM opened with a line saying whose files they
 * are, the files in its thread.
 */
async function agentDms(
  client: SlackAPIClient,
  ticket: FilesTicket,
  from: string,
  read: TicketRead<FilesTicket>,
): Promise<{ places: Place[]; missed: number }> {
  const loaded = await loadQueuedReading(client, ticket.id, read);
  if (!loaded.ok) return { places: [], missed: 0 };
  const agents =
    (await new QueueDirectory(client, loaded.queue, ticket.requester)
      .agents()).filter((a) => a !== ticket.requester);
  const places: Place[] = [];
  let missed = 0;
  for (const agent of agents) {
    try {
      const posted = await slackCall(client, "chat.postMessage", {
        channel: agent,
        text: `${dmHeader(ticket, from)}.`,
      });
      places.push({
        channel: String(posted.channel),
        thread_ts: String(posted.ts),
      });
    } catch (error) {
      // An app in the agents' channel is no agent: nobody missed them.
      if (refusedAsBot(error)) continue;
      console.warn(`${ticket.key}: ${agent} not sent the files`, error);
      missed++;
    }
  }
  return { places, missed };
}

/** An agent's DM that a ticket's files follow, and why by DM. */
const dmHeader = (ticket: FilesTicket, from: string) =>
  ticket.private
    ? `:lock: <@${from}> added files to private request ${ticket.key}`
    : `:inbox_tray: <@${from}> added files to ${ticket.key}, whose card is not posted yet`;

/**
 * Whether JSM shows a file public, internal, or gets none: a private
 * ticket's files follow its words' setting (private_jsm).
 */
export function jsmVisibility(
  ticket: Pick<Ticket, "private" | "private_jsm">,
  asSaid: boolean,
): boolean | undefined {
  if (!ticket.private) return asSaid;
  if (ticket.private_jsm === "public") return asSaid;
  if (ticket.private_jsm === "internal") return false;
  return undefined;
}

async function tellNotCopied(
  client: SlackAPIClient,
  ticket: FilesTicket,
  added: FilesAdded,
  notCopied: NotCopied[],
) {
  const told = await Promise.allSettled([
    ticket.card_ts && slackCall(client, "chat.postMessage", {
      channel: ticket.card_channel,
      thread_ts: ticket.card_ts,
      text: notCopiedForThread(notCopied, ticket.private),
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
