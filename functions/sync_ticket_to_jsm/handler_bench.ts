// What syncing adds to a new ticket, with 50 ms on every Slack and JSM call:
// how many JSM round trips on the happy path (the issue asks for one), and
// how long the step takes when JSM answers every call with 429 Retry-After 1
// (it must return inside Slack's 10 s interactivity limit). `deno task bench`.
import handler from "./handler.ts";
import { SYNC_TO_JSM_CALLBACK_ID } from "./definition.ts";
import {
  clientFor,
  configure,
  functionContext,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";

const LATENCY_MS = 50;
const slack = await startFakeSlack({ latencyMs: LATENCY_MS });
const jsm = await startFakeJsm({ latencyMs: LATENCY_MS });
await configure(slack);
const env = jsm.apiTokenEnv();

async function newTicketId() {
  const { ticket } = await openTicket(
    clientFor(slack),
    {
      summary: "Printer offline",
      description: "Since the move.",
      priority: "normal",
      category: "Hardware",
      requester: PEOPLE.requester,
    },
    "form",
    Date.now(),
    { syncToJsm: true },
  );
  return ticket.id;
}

const sync = (ticket_id: string) =>
  handler(functionContext(SYNC_TO_JSM_CALLBACK_ID, slack, { ticket_id }, env));

// The happy path, measured once for the note.
{
  const id = await newTicketId();
  slack.clearCalls();
  jsm.calls.length = 0;
  const started = performance.now();
  const result = await sync(id);
  if (result.outputs?.sync_state !== "synced") throw new Error("not synced");
  console.log(
    `sync_ticket_to_jsm at ${LATENCY_MS} ms per call: ${jsm.calls.length} JSM call(s) ` +
      `(${jsm.calls.map((c) => `${c.method} ${c.path}`).join(", ")}), ` +
      `${slack.calls.length} Slack calls in ${slack.sequentialRounds()} rounds, ` +
      `${Math.round(performance.now() - started)} ms`,
  );
}

// A storm of 429s, measured once: the step gives up and returns in time.
{
  const id = await newTicketId();
  jsm.fail("/rest/servicedeskapi/*", {
    status: 429,
    retryAfter: 1,
    times: Infinity,
  });
  jsm.calls.length = 0;
  const started = performance.now();
  const result = await sync(id);
  const ms = Math.round(performance.now() - started);
  console.log(
    `sync_ticket_to_jsm under a 429 storm (Retry-After: 1): ${result.outputs?.sync_state} ` +
      `after ${jsm.calls.length} JSM attempts, returned in ${ms} ms (limit 10000 ms)`,
  );
  if (ms >= 10_000) throw new Error(`took ${ms} ms`);
  jsm.clearFailures();
}

Deno.bench({
  name: `sync_ticket_to_jsm, new ticket, ${LATENCY_MS} ms per call`,
  async fn(b) {
    const id = await newTicketId();
    b.start();
    const r = await sync(id);
    b.end();
    if (r.outputs?.sync_state !== "synced") throw new Error("not synced");
  },
});

globalThis.addEventListener("unload", () => {
  slack.close();
  jsm.close();
});
