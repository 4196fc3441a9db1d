// What passing on files reads of a ticket item is what toTicket reads of
// those fields, and the items toTicket refuses are refused too: the files
// step decides and records as it would with the whole ticket.
import assert from "node:assert/strict";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import { damagedTicketItems } from "../../dev/testing/damaged_ticket_items.ts";
import { filesTicketOf } from "./files_ticket.ts";
import { type TicketItem, toItem, toTicket } from "./ticket_items.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { FilesTicket } from "../../helpdesk/tickets/ticket_files.ts";

// Every field FilesTicket names: a field added to it and not here fails to
// compile (the record must name each key).
const FILES_FIELDS = Object.keys(
  {
    id: 1,
    key: 1,
    requester: 1,
    followers: 1,
    queue_id: 1,
    private: 1,
    private_jsm: 1,
    card_channel: 1,
    card_ts: 1,
    previous_cards: 1,
    approval_messages: 1,
    requester_thread: 1,
    copied_files: 1,
    jsm_files: 1,
  } satisfies Record<keyof FilesTicket, 1>,
) as (keyof FilesTicket)[];

/** Those fields as read through the whole ticket. */
function throughTicket(item: TicketItem): Partial<Ticket> {
  const ticket = toTicket(item);
  return Object.fromEntries(
    FILES_FIELDS.filter((f) => ticket[f] !== undefined).map((f) => [
      f,
      ticket[f],
    ]),
  );
}

Deno.test("a ticket read for its files", async (t) => {
  await t.step("every field reads as the whole ticket reads it", () => {
    const tickets: Ticket[] = [
      sampleTicket(),
      sampleTicket({
        followers: ["UF1", "UF2"],
        queue_id: "Q1",
        private: true,
        private_jsm: "internal",
        card_channel: "CTRIAGE",
        card_ts: "1800000000.000100",
        previous_cards: ["COLD:1800000000.000050"],
        approval_messages: ["DAPPR:1800000000.000010"],
        requester_thread: "CINTAKE:1800000000.000001",
        copied_files: ["F1", "F2"],
        jsm_files: ['{"id":"F9","name":"a.png","public":true}'],
        holds: [{ start: 1_800_000_010, end: 1_800_000_020 }],
        answers: [{ label: "Laptop", value: "X1" }],
        assignee: "UAGENT",
        jsm_key: "JSM-1",
      }),
    ];
    for (const ticket of tickets) {
      const item = toItem(ticket);
      assert.deepEqual(filesTicketOf(item), throughTicket(item));
    }
  });

  await t.step(
    "values a partial update left read as toTicket reads them",
    () => {
      const item = {
        ...toItem(sampleTicket({ private: true })),
        // "" clears a text, false a flag, [] a list; null is absent.
        queue_id: "",
        private: false,
        requester_thread: "",
        copied_files: [],
        jsm_files: [],
        followers: [],
        card_channel: null,
        private_jsm: "a mirror from a later version",
      } as unknown as TicketItem;
      assert.deepEqual(filesTicketOf(item), throughTicket(item));
      assert.equal("private" in filesTicketOf(item), false);
    },
  );

  await t.step("an item toTicket refuses is refused", () => {
    for (const item of damagedTicketItems()) {
      assert.throws(() => toTicket(item));
      assert.throws(() => filesTicketOf(item));
    }
  });
});
