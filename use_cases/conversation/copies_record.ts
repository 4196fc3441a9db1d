// What records a ticket's copied files (opening/ticket_files.ts,
// reply_files.ts), written under the ticket's lock: two runs copying files
// of one ticket at once, or the JSM sync taking queued files off, would
// otherwise each read the lists and write them back, and one would drop
// what the other added (a file then never reaches JSM, or reaches it twice).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { FilesTicket } from "../../helpdesk/tickets/ticket_files.ts";
import type { TicketRead } from "../../slack/storage/ticket_store.ts";
import { updateUncountedUnderLock } from "../changes/change_under_lock.ts";
import { readThenWrite, type RecordCopies } from "../opening/ticket_files.ts";

/** The ticket is read again under the lock by `read`. */
export function recordUnderLock(
  client: SlackAPIClient,
  ticket: FilesTicket,
  read: TicketRead<FilesTicket>,
): RecordCopies {
  return async (fields) => {
    const saved = await updateUncountedUnderLock(client, ticket, read, fields);
    if (saved.ok) return;
    // The lock stayed busy: the files are copied already, so they are
    // recorded at once rather than not at all (then copied again).
    console.warn(`${ticket.key}: copies recorded without the lock`, saved);
    await readThenWrite(client, ticket, read)(fields);
  };
}
