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
import { updateTicketFields } from "./ticket_store.ts";
import {
  LOCK_REACTION,
  STALE_AFTER_SECONDS,
  withTicketLock,
} from "./ticket_lock.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  anotherRunHoldsLock,
  markCardLocked,
} from "../../dev/testing/lock_fixtures.ts";
import {
  exclusiveWork,
  loseBothAnswers,
} from "../../dev/testing/claim_races.ts";

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

/** A new ticket whose lock a live run holds; the calls so far forgotten. */
async function heldByALiveRun(slack: FakeSlack) {
  const ticket = await openTestTicket(slack);
  await anotherRunHoldsLock(slack, ticket, {
    holder: "a live run",
    state: "held",
  });
  slack.clearCalls();
  return ticket;
}

/** A run takes the lock, changes the ticket and lets go again. */
async function changesThenLetsGo(
  slack: FakeSlack,
  ticket: Ticket,
  options?: Parameters<typeof withTicketLock>[3],
) {
  const result = await withTicketLock(
    clientFor(slack),
    ticket,
    () => Promise.resolve("changed"),
    options,
  );
  assert.deepEqual(result, { ok: true, value: "changed" });
  assert.equal(held(slack, ticket), false);
}

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
      (latest) => Promise.resolve([held(slack, ticket), latest?.id]),
    );
    assert.deepEqual(during, { ok: true, value: [true, ticket.id] });
    assert.equal(held(slack, ticket), false);
    const record = await slack.datastores.get("locks", `ticket:${ticket.id}`);
    assert.equal(record.state, "releasing");
    assert.ok(String(record.rev) > "", "it carries the ticket's revision");
  });

  await t.step(
    "held by a live run: this one watches the record, then gives up changing nothing",
    async () => {
      const ticket = await heldByALiveRun(slack);
      let ran = false;
      // A run with 1.5 s to spare for the lock.
      const started = Date.now();
      const result = await withTicketLock(client, ticket, () => {
        ran = true;
        return Promise.resolve();
      }, { waitMs: 1500 });
      const waited = Date.now() - started;
      assert.equal(result.ok, false);
      assert.match(
        (result as { reason: string }).reason,
        /Someone else is changing/,
      );
      assert.equal(ran, false);
      assert.ok(waited <= 1500 + 200, `waited ${waited}`);
      assert.equal(held(slack, ticket), true, "the live run's lock stays");
      assert.equal(slack.callsTo("reactions.remove").length, 0);
      assert.ok(
        slack.callsTo("reactions.add").length <
          slack.callsTo("apps.datastore.get").length,
        "it watched the record rather than asking for the reaction",
      );
    },
  );

  await t.step(
    "held by a run that died long ago: adopted, changed, given back",
    async () => {
      const ticket = await openTestTicket(slack);
      await anotherRunHoldsLock(slack, ticket, {
        holder: "a run that timed out",
        state: "held",
        taken_at: Math.floor(now / 1000) - STALE_AFTER_SECONDS - 1,
      });
      await changesThenLetsGo(slack, ticket);
    },
  );

  await t.step(
    "held with no record (died before writing it): its clock starts now",
    async () => {
      const ticket = await openTestTicket(slack);
      markCardLocked(slack, ticket);
      const c = clock(now);
      const first = await withTicketLock(
        client,
        ticket,
        () => Promise.resolve(),
        { nowMs: c.nowMs, sleep: c.sleep },
      );
      assert.equal(first.ok, false);
      // Once that clock has run out, the next run adopts it. That long
      // after, every read sees the record the first run left.
      c.ms += (STALE_AFTER_SECONDS + 1) * 1000;
      slack.settleReads();
      await changesThenLetsGo(slack, ticket, {
        nowMs: c.nowMs,
        sleep: c.sleep,
      });
    },
  );

  await t.step(
    "a holder that could not let go says so, and the next run adopts it",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.fail({
        method: "reactions.remove",
        error: "internal_error",
        status: 500,
        times: 2,
      });
      await withTicketLock(client, ticket, () => Promise.resolve());
      assert.equal(held(slack, ticket), true);
      const record = await slack.datastores.get("locks", `ticket:${ticket.id}`);
      assert.equal(record.state, "stuck");
      await changesThenLetsGo(slack, ticket);
    },
  );

  await t.step(
    "a reaction that landed with its answer lost is this run's: changed, given back",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.fail({
        method: "reactions.add",
        error: "internal_error",
        status: 500,
        afterEffect: true,
      });
      const result = await withTicketLock(
        client,
        ticket,
        () => Promise.resolve(held(slack, ticket)),
      );
      assert.deepEqual(result, { ok: true, value: true });
      assert.equal(held(slack, ticket), false);
    },
  );

  await t.step(
    "two runs whose adds both lost their answers: one changes at a time",
    async () => {
      const ticket = await openTestTicket(slack);
      loseBothAnswers(slack);
      const { seen, work } = exclusiveWork();
      const results = await Promise.all([
        withTicketLock(client, ticket, work, { waitMs: 8000 }),
        withTicketLock(client, ticket, work, { waitMs: 8000 }),
      ]);
      assert.equal(seen.most, 1, "two runs held the lock at once");
      assert.ok(results.some((r) => r.ok), JSON.stringify(results));
      assert.equal(held(slack, ticket), false);
    },
  );

  await t.step(
    "a failed add never removes the lock another run holds",
    async () => {
      const ticket = await heldByALiveRun(slack);
      for (const failure of [{ status: 500 }, { status: 429 }]) {
        slack.fail({
          method: "reactions.add",
          error: "internal_error",
          times: 2,
          retryAfterSeconds: 5,
          ...failure,
        });
        const result = await withTicketLock(
          client,
          ticket,
          () => Promise.resolve("changed"),
        );
        assert.equal(result.ok, false);
        assert.match((result as { reason: string }).reason, /Nothing changed/);
        assert.equal(held(slack, ticket), true, "the other run's lock stays");
        slack.clearFailures();
      }
      assert.equal(slack.callsTo("reactions.remove").length, 0);
    },
  );

  await t.step(
    "a 429 longer than the wait: refused at once, with a reason",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.fail({
        method: "reactions.add",
        status: 429,
        retryAfterSeconds: 5,
      });
      const started = Date.now();
      const result = await withTicketLock(
        client,
        ticket,
        () => Promise.resolve("changed"),
      );
      assert.ok(Date.now() - started < 1000);
      assert.deepEqual(result.ok, false);
      assert.match((result as { reason: string }).reason, /Slack did not let/);
      assert.equal(held(slack, ticket), false);
      assert.equal(slack.callsTo("reactions.remove").length, 0);
    },
  );

  await t.step(
    "stale reads: the next holder reads the ticket until it has the last change",
    async () => {
      const ticket = await openTestTicket(slack);
      slack.staleReads = { windowMs: 300, chance: 1 };
      try {
        const first = await withTicketLock(
          client,
          ticket,
          (latest) =>
            updateTicketFields(client, latest!.id, {
              assignee: "UFIRST",
            }),
        );
        assert.equal(first.ok, true);
        // Every read within 300 ms of a write answers the item before it.
        const before = slack.staleAnswers;
        const second = await withTicketLock(
          clientFor(slack),
          ticket,
          (latest) => Promise.resolve(latest?.assignee),
        );
        assert.deepEqual(second, { ok: true, value: "UFIRST" });
        assert.ok(slack.staleAnswers > before, "stale answers were given");
      } finally {
        slack.staleReads = undefined;
      }
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

Deno.test(
  "the ticket lock: when calls are slow, a run slow to name itself is waited for",
  async () => {
    await using slack = await startFakeSlack();
    await configure(slack);
    const client = clientFor(slack);
    const now = Date.now();
    const ticket = await openTestTicket(slack);
    // A holder that could not let go leaves the reaction, "stuck".
    slack.fail({
      method: "reactions.remove",
      error: "internal_error",
      status: 500,
      times: 2,
    });
    await withTicketLock(client, ticket, () => Promise.resolve());
    slack.settleReads();
    // Every call now takes 800 ms, and another run that adopted the
    // reaction names itself 4 s after this one starts looking: later than
    // a fixed 1 s grace, well within one grown with the calls.
    const c = clock(now);
    const start = c.ms;
    let named = false;
    slack.beforeAnswer(async (method) => {
      if (!method.startsWith("reactions.") && !method.includes("datastore")) {
        return;
      }
      c.ms += 800;
      if (!named && c.ms - start >= 4000) {
        named = true;
        await slack.datastores.put("locks", {
          id: `ticket:${ticket.id}`,
          holder: "another-run",
          state: "held",
          taken_at: Math.floor(c.ms / 1000),
        });
      }
    });
    let ran = false;
    const result = await withTicketLock(
      client,
      ticket,
      () => {
        ran = true;
        return Promise.resolve();
      },
      { nowMs: c.nowMs, sleep: c.sleep, waitMs: 12_000 },
    );
    assert.equal(named, true, "the other run named itself meanwhile");
    assert.equal(ran, false, "two runs would have changed the ticket");
    assert.equal(result.ok, false);
  },
);
