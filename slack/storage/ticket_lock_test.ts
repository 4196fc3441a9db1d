import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  openTestTicket,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { BOT_USER_ID } from "../../dev/testing/fake_slack/workspace.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import LocksDatastore from "../../datastores/locks.ts";
import { putItem } from "./datastore.ts";
import {
  LOCK_REACTION,
  STALE_AFTER_SECONDS,
  withTicketLock,
} from "./ticket_lock.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

/** A clock that moves only when the lock waits. */
function clock(startMs: number) {
  const c = {
    ms: startMs,
    nowMs: () => c.ms,
    sleep: (ms: number) => {
      c.ms += ms;
      return Promise.resolve();
    },
  };
  return c;
}

const held = (slack: FakeSlack, ticket: Ticket) =>
  slack.workspace.findMessage(TRIAGE, ticket.card_ts!)!.reactions?.some((r) =>
    r.name === LOCK_REACTION && r.users.includes(BOT_USER_ID)
  ) ?? false;

Deno.test("the ticket lock", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const client = clientFor(slack);
  const now = Date.now();

  await t.step("taken, held while the work runs, then given back", async () => {
    const ticket = await openTestTicket(slack);
    const during = await withTicketLock(
      client,
      ticket,
      () => Promise.resolve(held(slack, ticket)),
    );
    assert.deepEqual(during, { ok: true, value: true });
    assert.equal(held(slack, ticket), false);
    const record = await slack.datastores.get("locks", `ticket:${ticket.id}`);
    assert.ok(Number(record.taken_at) > 0);
  });

  await t.step(
    "held by a live run: this one waits, then gives up changing nothing",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.workspace.react(
        TRIAGE,
        ticket.card_ts!,
        LOCK_REACTION,
        BOT_USER_ID,
      );
      await putItem(client, LocksDatastore, {
        id: `ticket:${ticket.id}`,
        taken_at: Math.floor(now / 1000),
        holder: "a live run",
      });
      let ran = false;
      const c = clock(now);
      const result = await withTicketLock(client, ticket, () => {
        ran = true;
        return Promise.resolve();
      }, { nowMs: c.nowMs, sleep: c.sleep });
      assert.equal(result.ok, false);
      assert.match(
        (result as { reason: string }).reason,
        /Someone else is changing/,
      );
      assert.equal(ran, false);
      assert.ok(c.ms - now >= 4000, "it waited its turn");
      assert.equal(held(slack, ticket), true, "the live run's lock stays");
    },
  );

  await t.step(
    "held by a run that died long ago: broken after the wait",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.workspace.react(
        TRIAGE,
        ticket.card_ts!,
        LOCK_REACTION,
        BOT_USER_ID,
      );
      await putItem(client, LocksDatastore, {
        id: `ticket:${ticket.id}`,
        taken_at: Math.floor(now / 1000) - STALE_AFTER_SECONDS - 1,
        holder: "a run that timed out",
      });
      const c = clock(now);
      const result = await withTicketLock(
        client,
        ticket,
        () => Promise.resolve("changed"),
        { nowMs: c.nowMs, sleep: c.sleep },
      );
      assert.deepEqual(result, { ok: true, value: "changed" });
      assert.equal(held(slack, ticket), false);
    },
  );

  await t.step(
    "held with no record (died before writing it): its clock starts now",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.workspace.react(
        TRIAGE,
        ticket.card_ts!,
        LOCK_REACTION,
        BOT_USER_ID,
      );
      const c = clock(now);
      const first = await withTicketLock(
        client,
        ticket,
        () => Promise.resolve(),
        { nowMs: c.nowMs, sleep: c.sleep },
      );
      assert.equal(first.ok, false);
      // Once that clock has run out, the next run breaks it.
      c.ms += (STALE_AFTER_SECONDS + 1) * 1000;
      const later = await withTicketLock(
        client,
        ticket,
        () => Promise.resolve("changed"),
        { nowMs: c.nowMs, sleep: c.sleep },
      );
      assert.deepEqual(later, { ok: true, value: "changed" });
    },
  );

  await t.step(
    "a holder that could not let go says so, and is broken at once",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.fail({
        method: "reactions.remove",
        error: "internal_error",
        times: 2,
      });
      await withTicketLock(client, ticket, () => Promise.resolve());
      assert.equal(held(slack, ticket), true);
      const record = await slack.datastores.get("locks", `ticket:${ticket.id}`);
      assert.equal(record.holder, "released");
      const c = clock(now);
      const next = await withTicketLock(
        client,
        ticket,
        () => Promise.resolve("changed"),
        { nowMs: c.nowMs, sleep: c.sleep },
      );
      assert.deepEqual(next, { ok: true, value: "changed" });
      assert.equal(c.ms, now, "without waiting");
    },
  );

  await t.step(
    "a reaction that landed with its answer lost is taken back",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.fail({
        method: "reactions.add",
        error: "internal_error",
        afterEffect: true,
      });
      await assert.rejects(
        withTicketLock(client, ticket, () => Promise.resolve()),
        /internal_error/,
      );
      assert.equal(held(slack, ticket), false);
    },
  );

  await t.step(
    "a card someone deleted: the change goes ahead unlocked",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.fail({ method: "reactions.add", error: "message_not_found" });
      const result = await withTicketLock(
        client,
        ticket,
        () => Promise.resolve("changed"),
      );
      assert.deepEqual(result, { ok: true, value: "changed" });
    },
  );
});
