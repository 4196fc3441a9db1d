// A ticket item read for passing on its files alone. send_ticket_files reads
// a ticket, takes its lock, reads it again under the lock and records the
// copies; reading each item whole (ticket_items.ts toTicket) put every
// field's decoding, about 7 KB, into its bundle for the few fields copying
// reads (FilesTicket). Each field reads as toTicket reads it, and an item
// toTicket refuses (an unknown priority or status, a damaged hold or
// answer) is refused the same way; files_ticket_test.ts holds the two
// together.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { TicketsDatastore } from "./datastore_refs.ts";
import { getItem } from "./datastore.ts";
import {
  decodeAnswers,
  decodeHold,
  fieldReader,
  type TicketItem,
} from "./ticket_items.ts";
import { noteRevision, revOf } from "./ticket_store.ts";
import { isPriority, isStatus } from "../../helpdesk/tickets/model.ts";
import { isPrivateJsmMirror } from "../../helpdesk/request_types/request_type.ts";
import type { FilesTicket } from "../../helpdesk/tickets/ticket_files.ts";

/** Throws where toTicket throws, so the same items are refused. */
export function filesTicketOf(item: TicketItem): FilesTicket {
  const { priority, status } = item;
  if (!isPriority(priority) || !isStatus(status)) {
    throw new Error(`ticket ${item.id} has an unknown priority or status`);
  }
  if (Array.isArray(item.holds)) item.holds.forEach(decodeHold);
  decodeAnswers(item.answers);
  const read = fieldReader(item);
  const ticket: FilesTicket = {
    id: String(item.id),
    key: String(item.key),
    requester: String(item.requester),
    card_channel: read.optional("card_channel") as string | undefined,
    card_ts: read.optional("card_ts") as string | undefined,
    previous_cards: read.strings("previous_cards"),
    queue_id: read.text("queue_id"),
    private: read.flag("private"),
    private_jsm: isPrivateJsmMirror(item.private_jsm)
      ? item.private_jsm
      : undefined,
    approval_messages: read.strings("approval_messages"),
    requester_thread: read.text("requester_thread"),
    copied_files: read.strings("copied_files"),
    jsm_files: read.strings("jsm_files"),
    followers: read.strings("followers"),
  };
  for (const [name, value] of Object.entries(ticket)) {
    if (value === undefined) delete ticket[name as keyof FilesTicket];
  }
  return ticket;
}

/** getTicketRevision, reading only the fields FilesTicket names. */
export async function getFilesTicket(
  client: SlackAPIClient,
  id: string,
): Promise<{ ticket: FilesTicket; rev: string } | undefined> {
  const item = await getItem(client, TicketsDatastore, id);
  if (!item) return undefined;
  noteRevision(client, id, revOf(item));
  return { ticket: filesTicketOf(item), rev: revOf(item) };
}
