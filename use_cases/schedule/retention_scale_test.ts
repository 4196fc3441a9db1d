// Retention and erasure cost the same run after run whatever the history:
// one scheduled run against a closed-tickets index of 10,000 and of 100,000
// tickets makes the same calls, and does at most PURGED_PER_RUN purges and
// ERASED_PER_RUN erasures. The index is loaded as the scheduled run would
// have written it; the tickets it names that a run reads are real ones,
// with cards and threads, the rest are gone (as after an earlier purge).
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
import { utcDay } from "../../helpdesk/reports/report_rows.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  CLOSED_DAYS,
  closedDay,
  personTickets,
} from "../../slack/storage/closed_index.ts";
import { putCatchUp } from "../../slack/storage/erasure_store.ts";
import { requestErasure } from "../settings/erasure_request.ts";
import { PURGED_PER_RUN } from "./retention.ts";
import { ERASED_PER_RUN } from "./erasure.ts";

const D = 86_400;
const now = Math.floor(Date.now() / 1000);
const R = PEOPLE.requester;

/** Real closed tickets, each with a message of Helpdesk's in its thread. */
async function planted(slack: FakeSlack, count: number, closedAgo: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const ticket = await openTestTicket(slack, {
      status: "closed",
      created_at: now - closedAgo - D,
      closed_at: now - closedAgo,
      updated_at: now - closedAgo,
    });
    await slackCall(clientFor(slack), "chat.postMessage", {
      channel: ticket.card_channel,
      thread_ts: ticket.card_ts,
      text: `:inbox_tray: <@${R}> wrote:\n> it broke again`,
    });
    ids.push(ticket.id);
  }
  // Their entries settle out of the open work index, as in a live install.
  for (const id of ids) await slack.datastores.delete("ticket_work", id);
  return ids;
}

/**
 * `tickets` closed between 200 and 61 days ago in the index, `real` of
 * them stored; a hundredth of them R's.
 */
async function seedIndex(slack: FakeSlack, tickets: number, real: string[]) {
  const days = 140;
  const byDay = new Map<string, string[]>();
  const mine: string[] = [...real];
  for (let i = 0; i < tickets - real.length; i++) {
    const day = utcDay(now - (200 - (i % days)) * D);
    const id = `GONE${String(i).padStart(7, "0")}`;
    byDay.set(day, [...byDay.get(day) ?? [], id]);
    if (i % 100 === 0) mine.push(id);
  }
  // The stored ones are the oldest: the first a run reaches.
  const first = utcDay(now - 201 * D);
  byDay.set(first, real);
  await slack.datastores.loadMany("ticket_lookup", [
    { lookup: CLOSED_DAYS, postings: [...byDay.keys()].sort() },
    ...[...byDay].map(([day, ids]) => ({
      lookup: closedDay(day),
      postings: ids.sort(),
    })),
    { lookup: personTickets(R), postings: mine.sort() },
  ]);
  await putCatchUp(clientFor(slack), { done: true });
}

async function oneRun(tickets: number, what: "retention" | "erasure") {
  await using slack = await startFakeSlack();
  await configure(
    slack,
    defaultSettings({
      admins: [PEOPLE.admin],
      ...(what === "retention" ? { retention_days: 60 } : {}),
    }),
  );
  const real = await planted(slack, 14, 201 * D);
  await seedIndex(slack, tickets, real);
  if (what === "erasure") {
    await requestErasure(clientFor(slack), PEOPLE.admin, R, now);
  }
  slack.clearCalls();
  const report = await run(slack, now);
  const calls: Record<string, number> = {};
  for (const call of slack.calls) {
    calls[call.method] = (calls[call.method] ?? 0) + 1;
  }
  return { purged: report.purged, erased: report.erased, calls };
}

Deno.test("a retention run costs the same at 10,000 and 100,000 closed tickets", async () => {
  const small = await oneRun(10_000, "retention");
  const large = await oneRun(100_000, "retention");
  console.log(
    `10,000: ${JSON.stringify(small)}\n100,000: ${JSON.stringify(large)}`,
  );
  assert.deepEqual(large, small);
  assert.equal(small.purged, PURGED_PER_RUN);
});

Deno.test("an erasure run costs the same at 10,000 and 100,000 closed tickets", async () => {
  const small = await oneRun(10_000, "erasure");
  const large = await oneRun(100_000, "erasure");
  console.log(
    `10,000: ${JSON.stringify(small)}\n100,000: ${JSON.stringify(large)}`,
  );
  assert.deepEqual(large, small);
  assert.ok(small.erased <= ERASED_PER_RUN && small.erased > 0);
});
