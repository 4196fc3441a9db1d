// A person's closed tickets are listed in parts of bounded size
// (slack/storage/person_lists.ts): a requester with more closed tickets
// than one datastore item holds (a connector's bot) still has each ticket
// leave the open work index as it closes, retention and erasure still find
// each one, and a list written whole before parts existed still reads.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { run } from "../../dev/testing/scheduled_checks.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  addClosed,
  personTickets,
  removeFromLists,
} from "../../slack/storage/closed_index.ts";
import { PERSON_PART_SIZE } from "../../slack/storage/person_lists.ts";
import { getErasure, putCatchUp } from "../../slack/storage/erasure_store.ts";
import { requestErasure } from "../settings/erasure_request.ts";
import { closedTicketOf } from "./retention.ts";

const D = 86_400;
const now = Math.floor(Date.now() / 1000);
const R = PEOPLE.requester;

/** A ticket of R's closed 40 days ago, nothing left to do for it. */
const closed = (slack: FakeSlack) =>
  openTestTicket(slack, {
    status: "closed",
    created_at: now - 41 * D,
    resolved_at: now - 40 * D - 60,
    closed_at: now - 40 * D,
    updated_at: now - 40 * D,
    sla_next_check_at: undefined,
    response_due_at: undefined,
    resolution_due_at: undefined,
  });

/** Every item of R's list (the head and its parts), by lookup. */
async function personItems(slack: FakeSlack) {
  const items = (await slack.datastores.dump())["ticket_lookup"] ?? [];
  return new Map(
    items.filter((item) => String(item.lookup).startsWith(personTickets(R)))
      .map((item) => [String(item.lookup), item.postings as string[]]),
  );
}

/** The ticket ids R's list holds, whichever part. */
async function listedIds(slack: FakeSlack) {
  return [...(await personItems(slack)).values()].flat()
    .filter((p) => !p.startsWith("<")).sort();
}

const inWork = async (slack: FakeSlack, id: string) =>
  Object.keys(await slack.datastores.get("ticket_work", id) ?? {}).length > 0;

Deno.test("a person's list in parts of a small size", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ admins: [PEOPLE.admin] }));
  const client = clientFor(slack);
  const tickets: Ticket[] = [];
  for (let i = 0; i < 23; i++) tickets.push(await closed(slack));
  const ids = tickets.map((t) => t.id).sort();
  // Joined a few at a time, as run after run files them.
  for (let i = 0; i < tickets.length; i += 3) {
    const batch = tickets.slice(i, i + 3);
    await addClosed(client, batch.map(closedTicketOf), 4);
  }

  await t.step(
    "no part holds more than its size, and none is lost",
    async () => {
      const items = await personItems(slack);
      assert.ok(items.size > 5, `parts: ${[...items.keys()].join()}`);
      for (const [lookup, postings] of items) {
        const held = postings.filter((p) => !p.startsWith("<"));
        assert.ok(held.length <= 4, `${lookup} holds ${held.length}`);
      }
      assert.deepEqual(await listedIds(slack), ids);
    },
  );

  await t.step("adding an id already there changes nothing", async () => {
    const before = await personItems(slack);
    await addClosed(client, tickets.slice(0, 5).map(closedTicketOf), 4);
    assert.deepEqual(await personItems(slack), before);
  });

  await t.step("removing ids finds them in their parts", async () => {
    // The oldest, as retention purges them, and one of the newest.
    const gone = new Set([ids[0], ids[1], ids[2], ids[3], ids[20]]);
    await removeFromLists(client, new Map([[personTickets(R), gone]]));
    assert.deepEqual(
      await listedIds(slack),
      ids.filter((id) => !gone.has(id)),
    );
    await addClosed(client, tickets.map(closedTicketOf), 4);
    assert.deepEqual(await listedIds(slack), ids);
  });

  await t.step("erasure finds every ticket, whichever part", async () => {
    await putCatchUp(client, { done: true });
    for (const ticket of tickets) {
      await slack.datastores.delete("ticket_work", ticket.id);
    }
    await requestErasure(client, PEOPLE.admin, R, now);
    let erased = 0;
    for (let i = 0; i < 12; i++) {
      erased += (await run(slack, now + i * 900)).erased ?? 0;
      if ((await getErasure(client, R))?.stage === "done") break;
    }
    assert.equal((await getErasure(client, R))?.stage, "done");
    assert.equal(erased, tickets.length);
    for (const ticket of tickets) {
      const item = await slack.datastores.get("tickets", ticket.id);
      assert.notEqual(item?.requester, R);
    }
    assert.deepEqual(await personItems(slack), new Map());
  });
});

Deno.test("a list at Slack's item limit: closing more still settles", async () => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ admins: [PEOPLE.admin] }));
  // Written whole before parts existed, as large as one item can be
  // (15,169 ids of 26 characters fit in the fake's 400 KB; 15,170 not).
  const old = Array.from(
    { length: 15_169 },
    (_, i) => `00OLD${String(i).padStart(21, "0")}`,
  );
  await slack.datastores.loadMany("ticket_lookup", [
    { lookup: personTickets(R), postings: old },
  ]);
  const tickets: Ticket[] = [];
  for (let i = 0; i < 3; i++) tickets.push(await closed(slack));
  for (const ticket of tickets) assert.ok(await inWork(slack, ticket.id));

  for (let i = 0; i < 3; i++) await run(slack, now + i * 900);
  for (const ticket of tickets) {
    assert.equal(await inWork(slack, ticket.id), false, ticket.key);
  }
  const items = await personItems(slack);
  for (const [lookup, postings] of items) {
    assert.ok(postings.length <= PERSON_PART_SIZE + items.size, lookup);
  }
  assert.deepEqual(
    await listedIds(slack),
    [...old, ...tickets.map((t) => t.id)].sort(),
  );
});

Deno.test("a person's list refused keeps back only the tickets naming them", async () => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ admins: [PEOPLE.admin] }));
  await putCatchUp(clientFor(slack), { done: true });
  const bot = "UCONNECTORBOT";
  const theirs = await closed(slack);
  const others = await openTestTicket(slack, {
    requester: bot,
    reporter: bot,
    status: "closed",
    created_at: now - 41 * D,
    resolved_at: now - 40 * D - 60,
    closed_at: now - 40 * D,
    updated_at: now - 40 * D,
    sla_next_check_at: undefined,
    response_due_at: undefined,
    resolution_due_at: undefined,
  });
  const names = (args: Record<string, unknown>) =>
    args.datastore === "ticket_lookup" &&
    (args.items as { lookup: string }[]).some((item) =>
      item.lookup === personTickets(R)
    );
  slack.fail({
    method: "apps.datastore.bulkPut",
    error: "internal_error",
    when: names,
    times: 100,
  });
  for (let i = 0; i < 3; i++) await run(slack, now + i * 900);
  assert.equal(await inWork(slack, others.id), false, "the other's left");
  assert.equal(await inWork(slack, theirs.id), true, "R's stays, for erasure");
  slack.clearFailures();
  await run(slack, now + 3 * 900);
  assert.equal(await inWork(slack, theirs.id), false);
  assert.deepEqual(await listedIds(slack), [theirs.id]);
});
