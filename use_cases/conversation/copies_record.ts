// What records a ticket's copied files (opening/ticket_files.ts,
// reply_files.ts), written under the ticket's lock: two runs copying files
// of one ticket at once, or the JSM sync taking queued files off, would
// otherwise each read the lists and write them back, and one would drop
// what the other added (a file then never reaches JSM, or reaches it twice).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { updateFieldsUnderLock } from "../changes/change_under_lock.ts";
import { readThenWrite, type RecordCopies } from "../opening/ticket_files.ts";

export function recordUnderLock(
  client: SlackAPIClient,
  ticket: Ticket,
): RecordCopies {
  return async (fields) => {
    const saved = await updateFieldsUnderLock(client, ticket, fields);
    if (saved.ok) return;
    // The lock stayed busy: the files are copied already, so they are
    // recorded at once rather than not at all (then copied again).
    console.warn(`${ticket.key}: copies recorded without the lock`, saved);
    await readThenWrite(client, ticket)(fields);
  };
}
