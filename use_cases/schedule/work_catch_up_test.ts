import assert from "node:assert/strict";
// The fake workspace and a desk set up in it.
import * as desk from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { run, ticketOpened } from "../../dev/testing/scheduled_checks.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import { openRows } from "../../slack/storage/list_index.ts";
import { hourListId } from "../../slack/storage/hour_ids.ts";
import { readWorkTable, WORK_HOURS } from "../../slack/storage/work_store.ts";
import { CallBudget } from "../../slack/api/call_budget.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { catchUpWork } from "./work_catch_up.ts";

const H = 3600;
const wallNow = () => Math.floor(Date.now() / 1000);

/** Every write of the open work index fails, as Slack's 5xx would. */
function failWorkWrites(slack: FakeSlack) {
  slack.fail({
    method: "apps.datastore.update",
    error: "internal_error",
    times: Infinity,
    when: (args) => args.datastore === "ticket_work",
  });
}

/**
 * A ticket opened `ago` seconds before `now` whose entry was never
 * written: both tries of every index write failed.
 */
async function openedUnindexed(slack: FakeSlack, now: number, ago: number) {
  failWorkWrites(slack);
  const ticket = await ticketOpened(slack, now, ago);
  slack.clearFailures();
  return ticket;
}

const entryOf = (slack: FakeSlack, id: string) =>
  slack.datastores.get("ticket_work", id);

const keptIds = async (slack: FakeSlack) =>
  ((await slack.datastores.get("locks", hourListId(WORK_HOURS, wallNow())))
    ?.told_ids ?? []) as string[];

Deno.test("entries a ticket write could not write", async (t) => {
  await using slack = await desk.startFakeSlack();
  const now = wallNow();
  await desk.configure(
    slack,
    desk.defaultSettings({ owner: desk.PEOPLE.admin }),
  );

  await t.step(
    "are listed and warned about after the next scheduled run",
    async () => {
      // Normal priority: first response within 4h, warned at 3h12m.
      const ticket = await openedUnindexed(slack, now, 3.5 * H);
      assert.deepEqual(await entryOf(slack, ticket.id), {});
      assert.deepEqual(await keptIds(slack), [ticket.id]);
      const client = desk.clientFor(slack);
      const listed = async () =>
        (await openRows(client))?.some((row) => row.id === ticket.id);
      assert.notEqual(await listed(), true);

      const report = await run(slack, now);
      assert.equal(report.notices, 1);
      const replies = slack.workspace.repliesTo(
        ticket.card_channel!,
        ticket.card_ts!,
      );
      assert.match(replies[0].text, /needs a first response by/);
      assert.equal(await listed(), true);
      // Kept for the rest of the hour, but not written again.
      slack.clearCalls();
      await run(slack, now + 60);
      const entryWrites = slack.callsTo("apps.datastore.bulkPut")
        .filter((c) =>
          c.args.datastore === "ticket_work" &&
          JSON.stringify(c.args.items).includes(ticket.id)
        );
      assert.deepEqual(entryWrites, []);
    },
  );

  await t.step(
    "a ticket deleted before the run has no entry left",
    async () => {
      const ticket = await desk.openTestTicket(slack);
      assert.ok(Object.keys(await entryOf(slack, ticket.id) ?? {}).length);
      // Its entry's update fails, then the ticket goes (retention, erasure).
      failWorkWrites(slack);
      await putTicket(desk.clientFor(slack), { ...ticket, summary: "Changed" });
      slack.clearFailures();
      await slack.datastores.delete("tickets", ticket.id);
      await run(slack, now);
      assert.deepEqual(await entryOf(slack, ticket.id), {});
    },
  );

  await t.step("an ended hour's ids are done, then cleared", async () => {
    const ticket = await openedUnindexed(slack, now, 60);
    const later = now + 2 * H;
    await run(slack, later);
    assert.ok(Object.keys(await entryOf(slack, ticket.id) ?? {}).length);
    assert.deepEqual(await keptIds(slack), []);
  });

  await t.step("a run cut short resumes where it stopped", async () => {
    const tickets: Ticket[] = [];
    for (let i = 0; i < 30; i++) {
      tickets.push(await openedUnindexed(slack, now, 60));
    }
    const later = now + 2 * H;
    const client = desk.clientFor(slack);
    // The run's time is up once the first batch of 25 is written.
    let clock = 0;
    slack.onCall((call) => {
      if (call.method === "apps.datastore.bulkPut") clock = 9_000;
    });
    const first = await catchUpWork(
      client,
      new CallBudget({ deadline: 10_000, share: 1, clock: () => clock }),
      await readWorkTable(client),
      later,
    );
    assert.equal(first.cutShort, true);
    const written = async () =>
      (await Promise.all(tickets.map((t) => entryOf(slack, t.id))))
        .filter((e) => e && Object.keys(e).length).length;
    assert.equal(await written(), 25);
    assert.equal((await keptIds(slack)).length, 5);
    const second = await catchUpWork(
      client,
      new CallBudget({ deadline: Date.now() + 60_000, share: 1 }),
      await readWorkTable(client),
      later,
    );
    assert.equal(second.cutShort, false);
    assert.equal(await written(), 30);
    assert.deepEqual(await keptIds(slack), []);
  });
});
