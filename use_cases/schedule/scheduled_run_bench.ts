// What a scheduled run costs against the fake Slack API at 50 ms per call,
// with the same open work (2,000 open tickets, 50 with a warning due) over
// a history of 10,000 and of 100,000 tickets, side by side; and the 30-day
// report over each. The history is written straight into the fake's tables,
// as an install the walk has indexed. `deno task bench` prints the figures.
import {
  clientFor,
  configure,
  defaultSettings,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import {
  type HistoryShape,
  historyTickets,
  seedHistory,
} from "../../dev/testing/history_fixtures.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { runScheduledChecks } from "./scheduled_run.ts";
import { retryPendingJsmSyncs } from "../jsm/jsm_retry.ts";
import { reportOf, ticketsForReport } from "../reports/ticket_report.ts";
import { settingsAndQueues } from "../../slack/storage/queue_store.ts";
import { lastDays } from "../../helpdesk/reports/ticket_report.ts";
import type { JsmClient } from "../../integrations/jsm/jsm_client.ts";
import type { JsmConfig } from "../../integrations/jsm/jsm_config.ts";

const LATENCY_MS = 50;
const NOW = Math.floor(Date.now() / 1000);

interface Figures {
  datastore: number;
  slack: number;
  /** Calls by method, so that two sizes can be compared method by method. */
  methods: Map<string, number>;
  ms: number;
  note: string;
}

function figures(slack: FakeSlack, started: number, note = ""): Figures {
  return {
    datastore: slack.calls.filter((c) => c.method.startsWith("apps.datastore"))
      .length,
    slack: slack.calls.length,
    methods: slack.calls.reduce(
      (counts, c) => counts.set(c.method, (counts.get(c.method) ?? 0) + 1),
      new Map<string, number>(),
    ),
    ms: Math.round(performance.now() - started),
    note,
  };
}

async function install(shape: HistoryShape) {
  const slack = await startFakeSlack();
  await configure(slack, defaultSettings({ owner: PEOPLE.admin }));
  await seedHistory(slack, historyTickets(NOW, shape), shape, NOW, "indexed");
  return slack;
}

/** One scheduled run: the SLA check step, then the JSM retry step. */
async function scheduledRun(slack: FakeSlack): Promise<Figures> {
  slack.clearCalls();
  slack.latencyMs = LATENCY_MS;
  const started = performance.now();
  const run = await runScheduledChecks(clientFor(slack), NOW);
  // JSM on: the retry step gets the due ids from the run (none are due
  // here) and reads nothing else.
  const jsm = await retryPendingJsmSyncs({
    client: clientFor(slack),
    ticketIds: run.jsmDue,
    jsm: {} as JsmClient,
    config: {} as JsmConfig,
    now: NOW,
    stopStartingAt: Date.now() + 10_000,
  });
  const measured = figures(
    slack,
    started,
    `${run.examined} examined, ${run.notices} notices (${run.summaries} summaries, ${run.followUps} replies after them, ${run.owed} owed), ${jsm.due} JSM due, finished ${run.finished}`,
  );
  slack.latencyMs = 0;
  return measured;
}

async function report30(slack: FakeSlack): Promise<Figures> {
  slack.clearCalls();
  slack.latencyMs = LATENCY_MS;
  const started = performance.now();
  // As post_report makes it: settings and queues, then the report.
  await settingsAndQueues(clientFor(slack));
  const period = lastDays(NOW, 30);
  const report = reportOf(
    await ticketsForReport(clientFor(slack), period),
    period,
    NOW,
  );
  const measured = figures(
    slack,
    started,
    `${report.created} created, ${report.resolved} resolved, ${report.backlog.total} open`,
  );
  slack.latencyMs = 0;
  return measured;
}

const shapes = (queues: number): HistoryShape[] =>
  [10_000, 100_000].map((total) => ({
    total,
    open: 2_000,
    due: 50,
    queues,
    perDay: 275,
  }));

const byMethod = (f: Figures) =>
  [...f.methods].sort(([a], [b]) => a.localeCompare(b)).map(([method, n]) =>
    `${method.replace("apps.datastore.", "")} ${n}`
  ).join(", ");

const line = (what: string, f: Figures) =>
  `${what}: ${f.datastore} datastore calls, ${f.slack} Slack calls, ${f.ms} ms${
    f.note ? ` (${f.note})` : ""
  }\n    by method: ${byMethod(f)}`;

for (const queues of [10, 1]) {
  const results: string[] = [];
  for (const shape of shapes(queues)) {
    const slack = await install(shape);
    const run = await scheduledRun(slack);
    // The same run again at the same moment: nothing is due any more.
    const quiet = await scheduledRun(slack);
    const report = await report30(slack);
    results.push(
      line(
        `scheduled run, ${shape.total} tickets, 2000 open, 50 due in ${queues} ${
          queues === 1 ? "queue" : "queues"
        }`,
        run,
      ),
      line(`  the next run, nothing due`, quiet),
      line(`  report for the last 30 days`, report),
    );
    await slack.close();
  }
  console.log(results.join("\n"));
}

Deno.bench({
  name:
    `scheduled run over 100,000 tickets, 50 due in 10 queues, ${LATENCY_MS} ms per call`,
  n: 1,
  warmup: 0,
  async fn(b) {
    const [, big] = shapes(10);
    const slack = await install(big);
    b.start();
    await scheduledRun(slack);
    b.end();
    await slack.close();
  },
});
