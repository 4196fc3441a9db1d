// A ticket's report figures, read from its item, are the same fields
// toTicket reads, and the items it refuses are refused too: a report made
// before the first indexing counts what a whole ticket would have shown.
import assert from "node:assert/strict";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import { damagedTicketItems } from "../../dev/testing/damaged_ticket_items.ts";
import { figuresOf, type TicketFigures } from "./ticket_figures.ts";
import { type TicketItem, toItem, toTicket } from "./ticket_items.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

const FIGURE_FIELDS = [
  "id",
  "key",
  "summary",
  "priority",
  "status",
  "created_at",
  "first_response_at",
  "resolved_at",
  "closed_at",
  "close_reason",
  "response_due_at",
  "resolution_due_at",
  "rating",
  "rated_at",
  "queue_id",
  "private",
  "saved_reply_uses",
] as const satisfies readonly (keyof TicketFigures)[];

/** The figures as read through the whole ticket. */
function figuresThroughTicket(item: TicketItem): Partial<Ticket> {
  const ticket = toTicket(item);
  return Object.fromEntries(
    FIGURE_FIELDS.filter((f) => ticket[f] !== undefined).map((f) => [
      f,
      ticket[f],
    ]),
  );
}

const T = 1_800_000_000;

Deno.test("a ticket's figures read from its item", async (t) => {
  await t.step("every figure reads as the whole ticket reads it", () => {
    const tickets: Ticket[] = [
      sampleTicket(),
      sampleTicket({
        status: "closed",
        priority: "urgent",
        first_response_at: T + 60,
        resolved_at: T + 600,
        closed_at: T + 900,
        close_reason: "self_solved",
        response_due_at: T + 1800,
        resolution_due_at: T + 7200,
        rating: 4,
        rated_at: T + 1000,
        queue_id: "Q1",
        private: true,
        saved_reply_uses: ["R1@1800000100", "R2@1800000200"],
        holds: [{ start: T + 10, end: T + 20 }, { start: T + 30 }],
        answers: [{ label: "Laptop", value: "X1" }],
        jsm_key: "JSM-1",
        approval: "approved",
      }),
    ];
    for (const ticket of tickets) {
      const item = toItem(ticket);
      assert.deepEqual(figuresOf(item), figuresThroughTicket(item));
    }
  });

  await t.step(
    "values a partial update left read as toTicket reads them",
    () => {
      const item = {
        ...toItem(sampleTicket({ status: "resolved" })),
        // 0 clears a time, "" a text, false a flag, [] a list; null is absent.
        response_due_at: 0,
        resolution_due_at: 0,
        queue_id: "",
        private: false,
        saved_reply_uses: [],
        first_response_at: null,
        close_reason: "a reason from a later version",
      } as unknown as TicketItem;
      assert.deepEqual(figuresOf(item), figuresThroughTicket(item));
      assert.equal("response_due_at" in figuresOf(item), false);
    },
  );

  await t.step("an item toTicket refuses is refused", () => {
    for (const item of damagedTicketItems()) {
      assert.throws(() => toTicket(item));
      assert.throws(() => figuresOf(item));
    }
  });
});
