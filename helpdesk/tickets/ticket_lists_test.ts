import assert from "node:assert/strict";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import {
  isListKey,
  isMine,
  keyOf,
  myTicketsOrder,
  nextDeadline,
  orderMyTickets,
  orderOpenTickets,
  pageAt,
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

Deno.test("pages kept by a row: rows closing before it shift nothing", () => {
  // 50 open tickets, the newest change first (My tickets' order).
  const all = Array.from(
    { length: 50 },
    (_, i) => t(`T${String(i).padStart(2, "0")}`, { updated_at: NOW - i }),
  );
  const ids = (rows: readonly Ticket[]) => rows.map((r) => r.id);
  const page = (rows: readonly Ticket[], at: Parameters<typeof pageAt>[1]) =>
    pageAt(orderMyTickets(rows), at, 20, myTicketsOrder);
  const first = page(all, { page: 0 });
  assert.deepEqual(first.first, keyOf(all[0]));
  assert.deepEqual(first.last, keyOf(all[19]));
  // Two of page 1 close; another ticket is opened at the top.
  const now = [
    t("NEW", { updated_at: NOW + 1 }),
    ...all.filter((r) => !["T03", "T07"].includes(r.id)),
  ];
  const next = page(now, { page: 1, after: first.last });
  assert.deepEqual(ids(next.items), ids(all.slice(20, 40)));
  assert.equal(next.page, 1);
  assert.equal(next.pages, 3);
  // Redrawn from its own first row after a click: the same rows.
  assert.deepEqual(page(now, { page: 1, from: next.first }).items, next.items);
  // Previous: a whole page before, or the first page when fewer are left.
  const back = page(now, { page: 0, before: next.first });
  assert.deepEqual(back.page, 0);
  assert.deepEqual(ids(back.items), ["NEW", ...ids(now.slice(1, 20))]);
  const third = page(now, { page: 2, after: next.last });
  assert.deepEqual(ids(third.items), ids(all.slice(40)));
  assert.deepEqual(
    ids(page(now, { page: 1, before: third.first }).items),
    ids(now.slice(19, 39)),
  );
  // The first page is redrawn from the top, the new ticket on it.
  assert.deepEqual(
    ids(page(now, { page: 0, from: first.first }).items),
    ids(now.slice(0, 20)),
  );
  // Everything after the row went: the last page.
  const gone = page(now.slice(0, 10), { page: 2, after: next.last });
  assert.equal(gone.page, 0);
  assert.equal(gone.items.length, 10);
});

Deno.test("a key sent back by a click is checked", () => {
  const key = keyOf(t("A", { status: "new", assignee: "U1" }));
  assert.ok(isListKey(JSON.parse(JSON.stringify(key))));
  for (
    const forged of [
      null,
      "A",
      { ...key, status: "constructor" },
      { ...key, id: 7 },
      { ...key, created_at: "1" },
      { ...key, response_due_at: "soon" },
      { ...key, assignee: {} },
    ]
  ) assert.equal(isListKey(forged), false, JSON.stringify(forged));
});
