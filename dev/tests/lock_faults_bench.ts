// The ticket lock under a hostile Slack, in numbers (`deno task bench`):
// - how long a click that answers a form or list waits for a lock another
//   run holds, at 150 ms a Slack call, before it is told to try again (it
//   must answer Slack within 3 s, the change included);
// - how long taking it costs when it is free, stuck, or the add's answer
//   was lost;
// - lost updates and cards that disagree with the datastore across card
//   races while Slack fails the lock's reactions (429 with Retry-After, 5xx
//   before and after the reaction landed) and answers stale reads.
import {
  clientFor,
  configure,
  openTestTicket,
  startFakeSlack,
  startRaceSlack,
  TRIAGE,
} from "../testing/harness.ts";
import { BOT_USER_ID } from "../testing/fake_slack/workspace.ts";
import { RACES, runRace, type Tally } from "../testing/card_races.ts";
import type { FakeSlackOptions } from "../testing/fake_slack/server.ts";
import {
  LOCK_REACTION,
  lockId,
  withTicketLock,
} from "../../slack/storage/ticket_lock.ts";

const LATENCY_MS = 150;
const slack = await startFakeSlack({ latencyMs: LATENCY_MS });
await configure(slack);

async function timed(
  label: string,
  state: "held" | "stuck" | "lost" | "free",
  waitMs?: number,
) {
  const ticket = await openTestTicket(slack);
  if (state === "held" || state === "stuck") {
    slack.workspace.react(TRIAGE, ticket.card_ts!, LOCK_REACTION, BOT_USER_ID);
    await slack.datastores.put("locks", {
      id: lockId(ticket.id),
      holder: "another run",
      state,
      taken_at: Math.floor(Date.now() / 1000),
    });
  }
  if (state === "lost") {
    slack.fail({
      method: "reactions.add",
      error: "internal_error",
      status: 500,
      afterEffect: true,
    });
  }
  slack.clearCalls();
  const started = performance.now();
  const result = await withTicketLock(
    clientFor(slack),
    ticket,
    () => Promise.resolve(),
    { waitMs },
  );
  const ms = Math.round(performance.now() - started);
  console.log(
    `  ${label}: ${result.ok ? "taken" : "refused"} after ${ms} ms, ` +
      `${slack.calls.length} calls (${
        slack.callsTo("reactions.add").length
      } reactions.add, ${slack.callsTo("apps.datastore.get").length} reads)`,
  );
  return ms;
}

console.log(`The ticket lock, at ${LATENCY_MS} ms a call:`);
for (const waitMs of [undefined, 1500]) {
  const waits: number[] = [];
  for (let i = 0; i < 3; i++) {
    waits.push(
      await timed(
        `held by a live run, a ${waitMs ?? "default"} ms budget`,
        "held",
        waitMs,
      ),
    );
  }
  console.log(`  longest wait before refusal: ${Math.max(...waits)} ms`);
}
await timed("free (the work itself takes nothing)", "free");
await timed("stuck (its holder could not let go)", "stuck");
await timed("the add's answer lost, the reaction landed", "lost");

const HOSTILE: Record<string, FakeSlackOptions> = {
  "429s and 5xx on the lock's reactions (15% of calls)": {
    reactionFaults: { chance: 0.15 },
  },
  "stale reads (half of reads within 300 ms of a write)": {
    staleReads: { windowMs: 300, chance: 0.5 },
  },
};
const SOME = RACES.filter((r) =>
  ["claim vs resolve", "close vs reopen", "assign (modal) vs resolve"]
    .includes(r.name)
);
for (const [mode, options] of Object.entries(HOSTILE)) {
  await using hostile = await startRaceSlack(options);
  const sum: Omit<Tally, "rounds"> & { rounds: number } = {
    rounds: 0,
    clicks: 0,
    applied: 0,
    changedRounds: 0,
    refused: 0,
    lostUpdates: 0,
    cardDisagreements: 0,
    untold: 0,
  };
  for (const race of SOME) {
    const tally = await runRace(hostile, race, 25);
    for (const key of Object.keys(sum) as (keyof Tally)[]) {
      sum[key] += tally[key];
    }
  }
  console.log(
    `Card races with ${mode}: ${sum.rounds} rounds, ${sum.clicks} clicks, ` +
      `${sum.applied} applied, ${sum.refused} refused (${sum.untold} untold), ` +
      `${sum.lostUpdates} lost updates, ${sum.cardDisagreements} card≠datastore; ` +
      `faults ${JSON.stringify(hostile.injectedFaults)}, ` +
      `${hostile.staleAnswers} stale answers`,
  );
}

Deno.bench({
  name: `a free ticket lock taken and given back, ${LATENCY_MS} ms per call`,
  n: 5,
  async fn(b) {
    const ticket = await openTestTicket(slack);
    const client = clientFor(slack);
    b.start();
    await withTicketLock(client, ticket, () => Promise.resolve());
    b.end();
  },
});

globalThis.addEventListener("unload", () => slack.close());
