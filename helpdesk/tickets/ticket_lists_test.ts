import assert from "node:assert/strict";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import {
  isMine,
  nextDeadline,
  orderMyTickets,
  orderOpenTickets,
  pageOf,
} from "./ticket_lists.ts";
import type { Ticket } from "./model.ts";

const NOW = 1_800_000_000;
const DAY = 86_400;
const t = (id: string, extra: Partial<Ticket>) =>
  sampleTicket({ id, key: `HD-${id}`, created_at: NOW - 1000, ...extra });

Deno.test("my tickets: open first, then resolved, then closed lately", () => {
  const tickets = [
    t("C1", { status: "closed", updated_at: NOW - 5 }),
    t("O1", { status: "new", updated_at: NOW - 50 }),
    t("R1", { status: "resolved", updated_at: NOW - 1 }),
    t("O2", { status: "waiting_on_requester", updated_at: NOW - 10 }),
  ];
  assert.deepEqual(orderMyTickets(tickets).map((x) => x.id), [
    "O2",
    "O1",
    "R1",
    "C1",
  ]);
  const closed = (ago: number) =>
    t("X", { status: "closed", requester: "UREQ", closed_at: NOW - ago });
  assert.equal(isMine(closed(29 * DAY), "UREQ", NOW), true);
  assert.equal(isMine(closed(31 * DAY), "UREQ", NOW), false);
  assert.equal(isMine(closed(1), "USOMEONE", NOW), false);
});

Deno.test("the next deadline: the response while unanswered, paused while waiting", () => {
  const base = { response_due_at: NOW + 100, resolution_due_at: NOW + 500 };
  assert.equal(nextDeadline(t("A", { status: "new", ...base })), NOW + 100);
  assert.equal(
    nextDeadline(
      t("A", { status: "in_progress", first_response_at: NOW, ...base }),
    ),
    NOW + 500,
  );
  assert.equal(
    nextDeadline(t("A", { status: "waiting_on_requester", ...base })),
    undefined,
  );
  assert.equal(nextDeadline(t("A", { status: "new" })), undefined);
});

Deno.test("open tickets: by status, by next deadline, unassigned first", () => {
  const tickets = [
    t("A", {
      status: "in_progress",
      assignee: "U1",
      resolution_due_at: NOW + 10,
    }),
    t("B", { status: "new", resolution_due_at: NOW + 300 }),
    t("C", { status: "waiting_on_requester" }),
    t("D", { status: "new", assignee: "U2", resolution_due_at: NOW + 20 }),
    t("E", { status: "in_progress", resolution_due_at: NOW + 200 }),
  ];
  const ids = (order: Parameters<typeof orderOpenTickets>[1]) =>
    orderOpenTickets(tickets, order).map((x) => x.id).join("");
  assert.equal(ids("status"), "BDEAC");
  assert.equal(ids("deadline"), "ADEBC");
  assert.equal(ids("unassigned"), "EBCAD");
  // The tickets passed in are not reordered.
  assert.equal(tickets.map((x) => x.id).join(""), "ABCDE");
});

Deno.test("pages", () => {
  const items = Array.from({ length: 95 }, (_, i) => i);
  assert.deepEqual(pageOf(items, 0, 45).items.length, 45);
  const last = pageOf(items, 2, 45);
  assert.deepEqual(last.items, [90, 91, 92, 93, 94]);
  assert.equal(last.pages, 3);
  assert.equal(pageOf(items, 7, 45).page, 2, "past the end: the last page");
  assert.equal(pageOf(items, -1, 45).page, 0);
  assert.deepEqual(pageOf([], 0, 45), {
    items: [],
    page: 0,
    pages: 1,
    total: 0,
  });
});
