// The SLA sweep over 10,000 tickets, against the fake Slack API at 50 ms per
// call: how many datastore calls it makes and how long it takes, in the
// steady state (a few tickets due) and in the worst case (every open ticket
// due at once), where the time budget splits the work across runs.
// `deno task bench` prints both.
import {
  configure,
  defaultSettings,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { toItem } from "../storage/ticket_store.ts";
import type { Item } from "../../dev/testing/fake_slack/datastores.ts";
import { sweepServiceLevels } from "./service_level_sweep.ts";
import { DEFAULT_SLA_POLICY } from "../../helpdesk/service_levels/sla_policy.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { getSettings } from "../storage/settings_store.ts";
import { clientFor } from "../../dev/testing/harness.ts";

const LATENCY_MS = 50;
const TICKETS = 10_000;
const OPEN = 2_000;
const NOW = Math.floor(Date.now() / 1000);
const H = 3600;

const slack = await startFakeSlack();
await configure(slack, defaultSettings({ sla_updated_at: NOW - 30 * 86_400 }));
const settings = (await getSettings(clientFor(slack)))!;

/** 8,000 closed tickets, 2,000 open; `due` of the open ones need a notice. */
function tickets(due: number): Ticket[] {
  return Array.from({ length: TICKETS }, (_, i) => {
    const open = i < OPEN;
    const age = open && i < due ? 3.5 * H : 10 * 60;
    const base = sampleTicket({
      id: `01BENCH${String(i).padStart(6, "0")}`,
      key: `HD-${String(i).padStart(6, "0")}`,
      status: open ? "in_progress" : "closed",
      first_response_at: open ? undefined : NOW - 20 * 86_400,
      resolved_at: open ? undefined : NOW - 20 * 86_400,
      card_channel: TRIAGE,
      card_ts: `1800000000.${String(i).padStart(6, "0")}`,
      created_at: open ? NOW - age : NOW - 21 * 86_400,
    });
    return withServiceLevels(base, DEFAULT_SLA_POLICY, NOW - age + 1);
  });
}

async function reset(due: number) {
  slack.latencyMs = 0;
  const all = tickets(due);
  await slack.datastores.load({ tickets: all.map(toItem) as Item[] });
  // Each ticket's card, so the notices have a thread to go to.
  slack.workspace.messages.length = 0;
  for (const ticket of all) {
    slack.workspace.messages.push({
      channel: TRIAGE,
      ts: ticket.card_ts!,
      user: "UHELPDESKBOT",
      text: ticket.key,
    });
  }
  slack.clearCalls();
  slack.latencyMs = LATENCY_MS;
}

async function measure(due: number) {
  await reset(due);
  const started = performance.now();
  const report = await sweepServiceLevels(clientFor(slack), settings, NOW, {
    policy: DEFAULT_SLA_POLICY,
    autoCloseDays: 7,
  });
  const ms = Math.round(performance.now() - started);
  const datastore =
    slack.calls.filter((c) => c.method.startsWith("apps.datastore")).length;
  console.log(
    `SLA sweep, ${TICKETS} tickets (${OPEN} open, ${due} due), ${LATENCY_MS} ms per call: ` +
      `${datastore} datastore calls, ${slack.calls.length} Slack calls in all, ` +
      `${report.examined} examined, ${report.notices} notices, ` +
      `${report.failures.length} failures, finished ${report.finished}, ${ms} ms`,
  );
}

await measure(50);
await measure(OPEN);

Deno.bench({
  name: `SLA sweep over ${TICKETS} tickets, 50 due, ${LATENCY_MS} ms per call`,
  n: 3,
  async fn(b) {
    await reset(50);
    b.start();
    await sweepServiceLevels(clientFor(slack), settings, NOW, {
      policy: DEFAULT_SLA_POLICY,
      autoCloseDays: 7,
    });
    b.end();
  },
});

globalThis.addEventListener("unload", () => slack.close());
