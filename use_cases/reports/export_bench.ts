// What the report's CSV export costs against the fake Slack API at 50 ms a
// call: 7, 30 and 90 days over a history of 10,000 and of 100,000 tickets
// (275 opened a day, 2,000 open), as an admin asks for it from the report
// menu: the report shown, then the CSV sent to their DM. The history is
// written straight into the fake's tables, as an install the walk has
// indexed. `deno task bench` prints the figures.
import {
  configure,
  defaultSettings,
  manifestBotScopes,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import { clientFor } from "../../dev/testing/harness.ts";
import {
  type HistoryShape,
  historyTickets,
  seedHistory,
} from "../../dev/testing/history_fixtures.ts";
import { settingScopes } from "../../integrations/deployment/deployment_options.ts";
import { postReport } from "./report_request.ts";

const LATENCY_MS = 50;
const NOW = Math.floor(Date.now() / 1000);

async function install(total: number) {
  const slack = await startFakeSlack({
    scopes: [
      ...manifestBotScopes(),
      ...settingScopes({ jsm: { mode: "off" }, export: true }),
    ],
  });
  await configure(slack, defaultSettings({ owner: PEOPLE.admin }));
  const shape: HistoryShape = {
    total,
    open: 2_000,
    due: 0,
    queues: 10,
    perDay: 275,
  };
  await seedHistory(slack, historyTickets(NOW, shape), shape, NOW, "indexed");
  return slack;
}

async function exportOf(total: number, spans: number[]) {
  const slack = await install(total);
  const lines: string[] = [];
  for (const days of spans) {
    slack.clearCalls();
    slack.latencyMs = LATENCY_MS;
    const started = performance.now();
    await postReport(clientFor(slack), {
      asker: PEOPLE.admin,
      days,
      exportCsv: true,
      exportsOn: true,
    });
    const ms = Math.round(performance.now() - started);
    slack.latencyMs = 0;
    const datastore = slack.calls.filter((c) =>
      c.method.startsWith("apps.datastore")
    ).length;
    const file = [...slack.workspace.files.byId.values()].at(-1)!;
    const rows = new TextDecoder().decode(file.bytes).split("\r\n").length - 2;
    lines.push(
      `export, last ${days} days, ${total} tickets: ${datastore} datastore calls, ${slack.calls.length} Slack calls, ${ms} ms (${rows} rows, ${
        Math.round(file.size / 1024)
      } KB)`,
    );
  }
  await slack.close();
  return lines;
}

for (const total of [10_000, 100_000]) {
  console.log((await exportOf(total, [7, 30, 90])).join("\n"));
}

Deno.bench({
  // 10,000 tickets: the 100,000 above already took their minutes to seed.
  name: `CSV export of 90 days over 10,000 tickets, ${LATENCY_MS} ms per call`,
  n: 1,
  warmup: 0,
  async fn(b) {
    const slack = await install(10_000);
    b.start();
    await postReport(clientFor(slack), {
      asker: PEOPLE.admin,
      days: 90,
      exportCsv: true,
      exportsOn: true,
    });
    b.end();
    await slack.close();
  },
});
