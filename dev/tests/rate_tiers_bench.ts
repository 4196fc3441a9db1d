// What one ticket change costs against Slack's rate tiers, and how many
// changes a minute a workspace can make before Slack answers 429
// (docs/scale.md, "Rate tiers of a ticket change"). The fake Slack limits
// every method to its tier's documented floor, with the minute shortened to
// WINDOW_MS so that the bench takes seconds: a window stands for a minute.
// Past the rate, every change either lands (card and datastore agree) or is
// refused with "try again" said to the person; none is lost.
import {
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../testing/harness.ts";
import { click } from "../testing/queue_actions.ts";
import {
  TIER_NAMES,
  TIER_PER_MINUTE,
} from "../testing/fake_slack/rate_limits.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";

const WINDOW_MS = 8_000;
const TICKETS = 80;

const slack = await startFakeSlack();
await configure(slack);

/** What one change costs, by method: a claim by a user group's member. */
async function costOfOne(slack: FakeSlack, action: string, before?: string) {
  const ticket = await openTestTicket(slack);
  if (before) await click(slack, ticket.id, before, PEOPLE.groupAgent);
  slack.clearCalls();
  await click(slack, ticket.id, action, PEOPLE.groupAgent);
  const counts = new Map<string, number>();
  for (const call of slack.calls) {
    counts.set(call.method, (counts.get(call.method) ?? 0) + 1);
  }
  return counts;
}

const claim = await costOfOne(slack, "claim");
const resolve = await costOfOne(slack, "resolve", "claim");
const methods = [...new Set([...claim.keys(), ...resolve.keys()])].sort();
console.log("\nOne change, calls by method (a user group's member acting)\n");
console.log(
  "| Method | Tier (calls a minute) | Claim | Resolve | Claims a minute the tier allows |",
);
console.log("| --- | --- | --: | --: | --: |");
let binding = { method: "", perMinute: Infinity };
for (const method of methods) {
  const perMinute = TIER_PER_MINUTE[method];
  const n = claim.get(method) ?? 0;
  const allows = perMinute && n ? Math.floor(perMinute / n) : undefined;
  if (allows !== undefined && allows < binding.perMinute) {
    binding = { method, perMinute: allows };
  }
  console.log(
    `| \`${method}\` | ${
      perMinute ? `${TIER_NAMES[perMinute] ?? ""} (${perMinute})` : "–"
    } | ${n} | ${resolve.get(method) ?? 0} | ${allows ?? "–"} |`,
  );
}
console.log(
  `\nThe tightest: ${binding.method}, ${binding.perMinute} claims a minute.`,
);

// Sustained: claims one after another on fresh tickets, the fake limiting
// every method by tier within a window that stands for a minute.
const tickets = [];
for (let i = 0; i < TICKETS; i++) tickets.push(await openTestTicket(slack));
slack.clearCalls();
slack.workspace.ephemerals.length = 0;
slack.limitRates({ windowMs: WINDOW_MS });
const started = performance.now();
let firstRefusal: number | undefined;
let done = 0;
for (const ticket of tickets) {
  if (performance.now() - started > WINDOW_MS) break;
  await click(slack, ticket.id, "claim", PEOPLE.groupAgent);
  done += 1;
  if (firstRefusal === undefined && slack.calls.some((c) => c.status === 429)) {
    firstRefusal = done;
  }
}
let landed = 0, refused = 0;
const lost: string[] = [];
for (const ticket of tickets.slice(0, done)) {
  const saved = await storedTicket(slack, ticket.id);
  const card = slack.workspace.findMessage(saved.card_channel!, saved.card_ts!);
  if (saved.assignee !== PEOPLE.groupAgent) {
    refused += 1;
  } else if (card?.text.includes("In progress")) {
    landed += 1;
  } else {
    lost.push(`${saved.key}: saved, its card not redrawn`);
  }
}
// Every refused claim told its agent to try again, privately.
const told = [
  ...slack.workspace.ephemerals.map((e) => e.text),
  ...slack.workspace.dmsTo(PEOPLE.groupAgent).map((m) => m.text),
].filter((text) => /try again/.test(text)).length;
if (told < refused) lost.push(`${refused - told} refused without a word`);
const refusedAndTold = Math.min(refused, told);
const rejected = slack.calls.filter((c) => c.status === 429);
console.log(
  `\nIn one window standing for a minute: ${done} claims tried, the first 429 after ${
    firstRefusal ?? "none"
  }; ${landed} landed, ${refusedAndTold} refused and told to try again, ${lost.length} lost${
    lost.length ? `: ${lost.join(", ")}` : ""
  }. 429s by method: ${
    JSON.stringify(
      Object.fromEntries(
        [...new Set(rejected.map((c) => c.method))].map((m) => [
          m,
          rejected.filter((c) => c.method === m).length,
        ]),
      ),
    )
  }`,
);
await slack.close();
if (lost.length) throw new Error(`changes lost: ${lost.join(", ")}`);

Deno.bench("rate tiers measured above", () => {});
