import assert from "node:assert/strict";
import {
  checkerClient,
  clientFor,
  configure,
  defaultSettings,
  GENERAL,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { run } from "../../dev/testing/scheduled_checks.ts";
import { mark, toldSince } from "../../dev/testing/reaction_deliveries.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { CallBudget } from "../../slack/api/call_budget.ts";
import {
  indexToldNone,
  recordToldNone,
  TOLD_WINDOW_SECONDS,
  toldHourId,
  toldNoneId,
} from "../../slack/storage/intake_mark.ts";
import { getErasure } from "../../slack/storage/erasure_store.ts";
import { correctToldNone, failIntake } from "../opening/intake_failure.ts";
import { requestErasure } from "../settings/erasure_request.ts";
import {
  forgetExpiredTold,
  forgetToldBy,
  forgetUnindexedTold,
} from "./told_expiry.ts";

const HOUR = 3600;
// Mid-hour, so that "an hour ago" is another hour's index.
const now = Math.floor(Date.now() / 1000 / HOUR) * HOUR + HOUR / 2;

/** A told item kept as a failed run keeps it: the item, then its index. */
async function told(slack: FakeSlack, ts: string, at: number, user: string) {
  const client = clientFor(slack);
  const id = toldNoneId(GENERAL, ts);
  await recordToldNone(client, {
    id,
    holder: user,
    taken_at: at,
    state: "told",
  });
  await indexToldNone(client, id, at);
  return id;
}

const exists = async (slack: FakeSlack, id: string) => {
  const item = await slack.datastores.get("locks", id);
  return !!item && Object.keys(item).length > 0;
};

/** A budget as the scheduled run's, with `share` of each tier. */
const budget = (share = 0.6) =>
  new CallBudget({ deadline: Date.now() + 60_000, share });

const sweep = (slack: FakeSlack, at: number, share?: number) => {
  const b = budget(share);
  return forgetExpiredTold(b.wrap(clientFor(slack)), b, at);
};

Deno.test("told items live an hour, then the scheduled run deletes them", async (t) => {
  await t.step("an item past the window corrects nothing", async () => {
    await using slack = await startFakeSlack();
    const client = checkerClient(slack);
    const ticket = { key: "HD-1" } as Ticket;
    const message = {
      channel: GENERAL,
      message_ts: "1.000100",
      reaction: "ticket",
      user: PEOPLE.agent,
    };
    const since = mark(slack);
    const wallNow = Math.floor(Date.now() / 1000);
    await told(
      slack,
      "1.000100",
      wallNow - TOLD_WINDOW_SECONDS - 5,
      PEOPLE.agent,
    );
    await correctToldNone(client, message, ticket, "https://x.invalid/c");
    assert.deepEqual(toldSince(slack, since), []);
    const kept = await slack.datastores.get(
      "locks",
      toldNoneId(GENERAL, "1.000100"),
    );
    assert.equal(kept?.state, "told");
    // Within the window, the same item is corrected.
    await told(slack, "1.000100", wallNow - 60, PEOPLE.agent);
    await correctToldNone(client, message, ticket, "https://x.invalid/c");
    assert.equal(toldSince(slack, since).length, 1);
  });

  await t.step("expired ones deleted, fresh ones kept", async () => {
    await using slack = await startFakeSlack();
    const old = await told(slack, "1.000200", now - 2 * HOUR, PEOPLE.agent);
    // Expired, but its hour also holds items that are not yet.
    const lastHour = await told(slack, "1.000300", now - HOUR, PEOPLE.agent);
    const fresh = await told(slack, "1.000400", now - 60, PEOPLE.agent);
    const result = await sweep(slack, now);
    assert.equal(result.cutShort, false);
    assert.equal(await exists(slack, old), false);
    assert.equal(await exists(slack, toldHourId(now - 2 * HOUR)), false);
    assert.equal(await exists(slack, lastHour), true);
    assert.equal(await exists(slack, fresh), true);
    assert.equal(await exists(slack, toldHourId(now)), true);
    // An hour on, the last hour's go too; the fresh one still waits.
    await sweep(slack, now + HOUR);
    assert.equal(await exists(slack, lastHour), false);
    assert.equal(await exists(slack, fresh), true);
  });

  await t.step("one told again later waits for its own hour", async () => {
    await using slack = await startFakeSlack();
    const id = await told(slack, "1.000450", now - 3 * HOUR, PEOPLE.agent);
    // The same message failed again: its item is written anew.
    await told(slack, "1.000450", now - 60, PEOPLE.agent);
    await sweep(slack, now);
    assert.equal(await exists(slack, toldHourId(now - 3 * HOUR)), false);
    assert.equal(await exists(slack, id), true);
    await sweep(slack, now + 2 * HOUR);
    assert.equal(await exists(slack, id), false);
  });

  await t.step("a run cut short by its budget, the next goes on", async () => {
    await using slack = await startFakeSlack();
    const ids = [
      await told(slack, "1.000500", now - 5 * HOUR, PEOPLE.agent),
      await told(slack, "1.000600", now - 4 * HOUR, PEOPLE.agent),
      await told(slack, "1.000700", now - 3 * HOUR, PEOPLE.agent),
      await told(slack, "1.000750", now - 2 * HOUR, PEOPLE.agent),
    ];
    // Two bulk calls of each kind a run (their tier's 50 a minute, times
    // 2/50): two hours a run, the oldest first.
    const share = 2 / 50;
    const left = async () =>
      (await Promise.all(ids.map((id) => exists(slack, id))))
        .map((here, i) => here ? i : -1).filter((i) => i >= 0);
    assert.equal((await sweep(slack, now, share)).cutShort, true);
    assert.deepEqual(await left(), [2, 3]);
    assert.equal((await sweep(slack, now, share)).cutShort, false);
    assert.deepEqual(await left(), []);
    // Caught up: a run reads where it is and no more.
    slack.clearCalls();
    await sweep(slack, now);
    assert.equal(slack.callsTo("apps.datastore.bulkDelete").length, 0);
  });

  await t.step("one stopped before saving where it was redoes it", async () => {
    await using slack = await startFakeSlack();
    const id = await told(slack, "1.000800", now - 3 * HOUR, PEOPLE.agent);
    slack.fail({
      method: "apps.datastore.put",
      error: "ratelimited",
      when: (args) => (args.item as { id?: string }).id === "told-swept",
    });
    assert.equal((await sweep(slack, now)).cutShort, true);
    assert.equal(await exists(slack, id), false);
    const again = await told(slack, "1.000900", now - 3 * HOUR, PEOPLE.agent);
    assert.equal((await sweep(slack, now)).cutShort, false);
    assert.equal(await exists(slack, again), false);
  });

  await t.step("an index that can't be written loses no telling", async () => {
    await using slack = await startFakeSlack();
    slack.fail({
      method: "apps.datastore.put",
      error: "internal_error",
      when: (args) =>
        String((args.item as { id?: string }).id).startsWith("told-hour:"),
    });
    const since = mark(slack);
    const message = {
      channel: GENERAL,
      message_ts: "1.000950",
      reaction: "ticket",
      user: PEOPLE.agent,
    };
    await failIntake(clientFor(slack), message, new Error("boom"));
    assert.equal(toldSince(slack, since).length, 1);
    const kept = await slack.datastores.get(
      "locks",
      toldNoneId(GENERAL, "1.000950"),
    );
    assert.equal(kept?.state, "told");
    // Not indexed: past the window, the slow look over `locks` finds it.
    const at = Number(kept?.taken_at);
    assert.equal(await exists(slack, toldHourId(at)), false);
    const b = budget();
    const client = clientFor(slack);
    await forgetUnindexedTold(b.wrap(client), b, at + TOLD_WINDOW_SECONDS);
    assert.equal(await exists(slack, kept!.id as string), true, "too soon");
    await forgetUnindexedTold(b.wrap(client), b, at + TOLD_WINDOW_SECONDS + 2);
    assert.equal(await exists(slack, kept!.id as string), false);
  });

  await t.step("one no index holds is found by the slow look", async () => {
    await using slack = await startFakeSlack();
    const client = clientFor(slack);
    // Kept, but never indexed (its index write failed, or was overwritten).
    const unindexed = async (ts: string, at: number) => {
      const id = toldNoneId(GENERAL, ts);
      await recordToldNone(client, {
        id,
        holder: PEOPLE.agent,
        taken_at: at,
        state: "told",
      });
      return id;
    };
    const old = [
      await unindexed("1.002000", now - 2 * HOUR),
      await unindexed("1.002100", now - 5 * HOUR),
      await unindexed("1.002200", now - 9 * HOUR),
    ];
    const fresh = await unindexed("1.002300", now - 60);
    // Other items of `locks`, which the look passes over.
    for (let i = 0; i < 6; i++) {
      await slack.datastores.put("locks", {
        id: `ticket:T${i}`,
        taken_at: now - 9 * HOUR,
      });
    }
    // A page of 3 items a run: the look goes on from where it stopped.
    const look = () => {
      const b = budget();
      return forgetUnindexedTold(b.wrap(client), b, now, 3);
    };
    for (let run = 0; run < 4; run++) await look();
    for (const id of old) assert.equal(await exists(slack, id), false, id);
    assert.equal(await exists(slack, fresh), true);
    assert.equal(await exists(slack, "ticket:T0"), true);
    // A run makes one query, whatever the size of `locks`.
    slack.clearCalls();
    await look();
    assert.equal(slack.callsTo("apps.datastore.query").length, 1);
  });

  await t.step("an erasure deletes the person's, expired or not", async () => {
    await using slack = await startFakeSlack();
    const theirs = [
      await told(slack, "1.001000", now - 3 * HOUR, PEOPLE.requester),
      await told(slack, "1.001100", now - 60, PEOPLE.requester),
    ];
    const others = await told(slack, "1.001200", now - 60, PEOPLE.agent);
    const client = clientFor(slack);
    assert.equal(await forgetToldBy(client, PEOPLE.requester, now), 2);
    for (const id of theirs) assert.equal(await exists(slack, id), false);
    assert.equal(await exists(slack, others), true);
  });

  await t.step("an erasure asked by an admin ends with them", async () => {
    await using slack = await startFakeSlack();
    await configure(slack, defaultSettings({ admins: [PEOPLE.admin] }));
    const wallNow = Math.floor(Date.now() / 1000);
    const theirs = await told(
      slack,
      "1.001300",
      wallNow - 60,
      PEOPLE.requester,
    );
    const client = clientFor(slack);
    await requestErasure(client, PEOPLE.admin, PEOPLE.requester, wallNow);
    for (let i = 0; i < 6; i++) {
      await run(slack, wallNow + i * 900);
      if ((await getErasure(client, PEOPLE.requester))?.stage === "done") break;
    }
    assert.equal((await getErasure(client, PEOPLE.requester))?.stage, "done");
    assert.equal(await exists(slack, theirs), false);
  });
});
