// How long a :ticket: reaction takes to become a ticket, and what a burst of
// duplicate events costs, against the fake Slack API with a fixed latency on
// every call. `deno task bench` prints the calls and sequential round trips.
import handler from "./handler.ts";
import {
  functionContext,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
} from "../../dev/testing/queue_fixtures.ts";

const LATENCY_MS = 50;
const slack = await startFakeSlack({ latencyMs: LATENCY_MS });
await configureQueues(slack);

function reactTo(text: string, user = PEOPLE.bystander) {
  const message = slack.workspace.postAs(PEOPLE.requester, PEOPLE_INTAKE, text);
  // Slack stores the reaction before it starts the workflow; the function
  // checks that it is there.
  slack.workspace.react(PEOPLE_INTAKE, message.ts, "ticket", user);
  return () =>
    handler(functionContext("message_to_ticket", slack, {
      channel: PEOPLE_INTAKE,
      message_ts: message.ts,
      message_link: slack.workspace.permalink(PEOPLE_INTAKE, message.ts),
      author: PEOPLE.requester,
      reaction: "ticket",
      user,
    }));
}

slack.clearCalls();
let started = performance.now();
const first = await reactTo("The projector in room 4 shows no picture")();
if (!first.outputs?.ticket_id) throw new Error(first.error ?? "no ticket");
console.log(
  `:ticket: at ${LATENCY_MS} ms per call: ${slack.calls.length} Slack API calls, ` +
    `${slack.sequentialRounds()} sequential round trips, ` +
    `${Math.round(performance.now() - started)} ms`,
);

// Ten deliveries of the same reaction at once: one ticket, the rest stop at
// Helpdesk's mark.
const again = reactTo("The coffee machine leaks");
slack.clearCalls();
started = performance.now();
const burst = await Promise.all(Array.from({ length: 10 }, () => again()));
const made = burst.filter((r) => r.outputs?.ticket_id).length;
console.log(
  `10 simultaneous deliveries: ${made} ticket, ${slack.calls.length} Slack API calls, ` +
    `${Math.round(performance.now() - started)} ms`,
);

Deno.bench({
  name: `:ticket: reaction to ticket, ${LATENCY_MS} ms per Slack call`,
  async fn(b) {
    const react = reactTo("Wifi drops in the kitchen");
    b.start();
    const r = await react();
    b.end();
    if (!r.outputs?.ticket_id) throw new Error(r.error ?? "no ticket");
  },
});

globalThis.addEventListener("unload", () => slack.close());
