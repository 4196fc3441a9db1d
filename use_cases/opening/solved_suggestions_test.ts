// Suggestions after opening a ticket cost the index rows of the ticket's
// words and the few tickets ranked, whether 10,000 or 100,000 solved tickets
// are indexed: the same reads, the same suggestions, and someone else's
// private ticket never among them however well it matches.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import {
  PLANTED_TEXT,
  QUESTION,
  solvedIndex,
} from "../../dev/testing/solved_index_fixture.ts";
import { indexItems } from "../../slack/storage/similar_index.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { findSuggestions } from "./solved_suggestions.ts";

const NOW = 1_800_000_000;

function solvedTicket(id: string, changes: Partial<Ticket> = {}): Ticket {
  return {
    id,
    key: `HD-${id.slice(-6).toUpperCase().padStart(6, "0")}`,
    summary: PLANTED_TEXT,
    description: "",
    priority: "normal",
    category: "",
    status: "resolved",
    requester: PEOPLE.bystander,
    source: "form",
    created_at: NOW - 7200,
    updated_at: NOW - 3600,
    resolved_at: NOW - 3600,
    queue_id: DEFAULT_QUEUE_ID,
    last_reply: "Clean the fuser.",
    ...changes,
  };
}

/** What one search after opening read, and what it suggested. */
async function searchAt(size: number) {
  await using slack = await startFakeSlack();
  await configure(slack);
  const client = clientFor(slack);
  const planted = [
    // Someone else's private ticket, planted first: the best match.
    solvedTicket("PRIVATE01", { private: true }),
    solvedTicket("ANSWER001"),
    solvedTicket("ANSWER002", { summary: "Printer jams: toner light" }),
  ];
  const { rows, stats } = solvedIndex(
    size,
    planted.map((t) => ({ id: t.id, text: `${t.summary}\n` })),
  );
  await slack.datastores.loadMany(
    "ticket_lookup",
    indexItems(DEFAULT_QUEUE_ID, rows.values(), stats),
  );
  for (const ticket of planted) await putTicket(client, ticket);
  slack.clearCalls();
  const opened = {
    ...solvedTicket("OPENED001", { requester: PEOPLE.requester }),
    summary: QUESTION,
    status: "new" as const,
    resolved_at: undefined,
  };
  const suggested = await findSuggestions(client, opened);
  const gets = slack.callsTo("apps.datastore.bulkGet");
  const idsOf = (datastore: string) =>
    gets.filter((c) => c.args.datastore === datastore)
      .flatMap((c) => c.args.ids as string[]);
  return {
    calls: slack.calls.length,
    indexRows: idsOf("ticket_lookup").length,
    ticketsRead: idsOf("tickets").length,
    suggested: suggested.map((t) => t.id),
  };
}

Deno.test("suggestions cost the same at 10,000 and 100,000 solved tickets", async () => {
  const small = await searchAt(10_000);
  const large = await searchAt(100_000);
  console.log(
    `10,000: ${JSON.stringify(small)}\n100,000: ${JSON.stringify(large)}`,
  );
  assert.deepEqual(large, small);
  // The question's 8 words and the queue's counts, then the ranked tickets.
  assert.equal(small.calls, 2);
  assert.equal(small.indexRows, 9);
  assert.equal(small.ticketsRead, 9);
  assert.deepEqual(small.suggested, ["ANSWER001", "ANSWER002"]);
});
