// What My tickets and Open tickets cost over a history of 10,000 and of
// 100,000 tickets with the same open work (2,000 open tickets in 10 queues,
// 275 tickets closed a day), against the fake Slack API at 150 ms a call:
// each read from the open work index, and the way it was before, from the
// tickets table (still what an install reads until the walk has given the
// index the lists' fields). The history is written straight into the fake's
// tables, as an indexed install has it. `deno task bench` prints the figures.
import { clickInMyTickets, openMyTickets } from "./my_tickets_list.ts";
import { clickInOpenTickets, openOpenTickets } from "./open_tickets_list.ts";
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
import {
  type ListSource,
  readListsFrom,
} from "../../dev/testing/list_sources.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";

const LATENCY_MS = 150;
const NOW = Math.floor(Date.now() / 1000);

const shape = (total: number): HistoryShape => ({
  total,
  open: 2_000,
  due: 0,
  queues: 10,
  perDay: 275,
});

async function install(total: number) {
  const slack = await startFakeSlack();
  await configure(slack, defaultSettings({ owner: PEOPLE.admin }));
  await seedHistory(
    slack,
    historyTickets(NOW, shape(total)),
    shape(total),
    NOW,
    "indexed",
  );
  return slack;
}

interface Figures {
  datastore: number;
  /** From the trigger to views.open answered. */
  openedMs: number;
  /** From the trigger to the list drawn (the last views.update answered). */
  drawnMs: number;
  /** The Next page click, from the click to the page drawn. */
  nextMs: number;
  nextDatastore: number;
}

const datastoreCalls = (slack: FakeSlack) =>
  slack.calls.filter((c) => c.method.startsWith("apps.datastore")).length;

async function measure(
  slack: FakeSlack,
  list: "My tickets" | "Open tickets",
): Promise<Figures> {
  const client = clientFor(slack);
  const person = list === "My tickets" ? PEOPLE.requester : PEOPLE.agent;
  const [open, click] = list === "My tickets"
    ? [openMyTickets, clickInMyTickets]
    : [openOpenTickets, clickInOpenTickets];
  slack.clearCalls();
  slack.latencyMs = LATENCY_MS;
  const started = performance.now();
  // As the shortcut's run does it (functions/*/handler.ts).
  await open(client, person, "1234.5678.pointer");
  const opened = slack.callsTo("views.open")[0];
  const drawn = slack.callsTo("views.update").at(-1)!.endedAt - started;
  const datastore = datastoreCalls(slack);
  slack.clearCalls();
  const clicked = performance.now();
  // The Next page button, as the modal's block_actions handler passes it.
  const viewId = String(
    opened.response.view &&
      (opened.response.view as { id: string }).id,
  );
  await click(client, {
    viewId,
    person,
    actionId: `${
      list === "My tickets" ? "my_tickets" : "open_tickets"
    }_page_next`,
    value: "1",
  });
  const next = performance.now() - clicked;
  const nextDatastore = datastoreCalls(slack);
  slack.latencyMs = 0;
  return {
    datastore,
    openedMs: Math.round(opened.endedAt - started),
    drawnMs: Math.round(drawn),
    nextMs: Math.round(next),
    nextDatastore,
  };
}

const lines: string[] = [];
for (const total of [10_000, 100_000]) {
  const slack = await install(total);
  for (
    const source of ["the tickets table", "the open work index"] as ListSource[]
  ) {
    await readListsFrom(slack, source);
    for (const list of ["My tickets", "Open tickets"] as const) {
      const f = await measure(slack, list);
      lines.push(
        `${list}, ${total} tickets, from ${source}: ${f.datastore} datastore calls, ` +
          `views.open after ${f.openedMs} ms, list drawn after ${f.drawnMs} ms; ` +
          `Next page ${f.nextDatastore} datastore calls, ${f.nextMs} ms`,
      );
    }
  }
  await slack.close();
}
console.log(
  `At ${LATENCY_MS} ms per call, 2,000 open tickets in 10 queues:\n` +
    lines.join("\n"),
);

Deno.bench({
  name: `Open tickets over 100,000 tickets, ${LATENCY_MS} ms per call`,
  n: 1,
  warmup: 0,
  async fn(b) {
    const slack = await install(100_000);
    await readListsFrom(slack, "the open work index");
    b.start();
    await measure(slack, "Open tickets");
    b.end();
    await slack.close();
  },
});
