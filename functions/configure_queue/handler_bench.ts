// How long the settings forms take to open, against the fake Slack API with
// a fixed latency on every call: Slack's interactivity pointer is short-lived,
// so what comes before views.open must be one or two round trips. Measured
// for Helpdesk's admin (no role to expand) and for a queue's owner among 20
// queues whose roles name user groups and channels (each asked of Slack),
// then the time to save a queue from its form. `deno task bench` prints them.
import handler from "./handler.ts";
import { CONFIGURE_QUEUE_CALLBACK_ID } from "./definition.ts";
import configureHelpdesk from "../configure_helpdesk/handler.ts";
import {
  clientFor,
  functionContext,
  interactivityOf,
  PEOPLE,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_QUEUE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import { startFakeSlack } from "../../dev/testing/harness.ts";
import { putQueue } from "../../slack/storage/queue_store.ts";
import {
  openSettings,
  submitSettings,
} from "../../dev/testing/settings_forms.ts";

const LATENCY_MS = 50;
const slack = await startFakeSlack();
await configureQueues(slack);
for (let i = 0; i < 20; i++) {
  await putQueue(clientFor(slack), {
    ...PEOPLE_QUEUE,
    id: `queue-${i}`,
    name: `Queue ${i}`,
    intake_channels: [],
    // Someone else's queue: its roles must be expanded to know.
    owner: PEOPLE.otherAgent,
    admins: ["SAGENTS", "CPEOPLEAGENTS"],
    superusers: ["${admins}"],
  });
}
slack.latencyMs = LATENCY_MS;

async function untilOpen(run: () => unknown) {
  slack.clearCalls();
  const started = performance.now();
  await run();
  const open = slack.callsTo("views.open").length;
  if (open !== 1) throw new Error(`${open} views opened`);
  return {
    ms: Math.round(performance.now() - started),
    calls: slack.calls.length,
    rounds: slack.sequentialRounds(),
  };
}

const open = (fn: typeof handler, callbackId: string, user: string) => () =>
  fn(
    functionContext(callbackId, slack, {
      interactivity: interactivityOf(user),
    }),
  );

for (
  const [what, run] of [
    [
      "Configure Helpdesk, Helpdesk's admin",
      open(configureHelpdesk, "configure_helpdesk", PEOPLE.admin),
    ],
    [
      "Configure a queue, Helpdesk's admin, 22 queues",
      open(handler, CONFIGURE_QUEUE_CALLBACK_ID, PEOPLE.admin),
    ],
    [
      "Configure a queue, one queue's owner among 22",
      open(handler, CONFIGURE_QUEUE_CALLBACK_ID, ROLE_PEOPLE.owner),
    ],
  ] as const
) {
  const m = await untilOpen(run);
  console.log(
    `${what} at ${LATENCY_MS} ms per call: views.open after ${m.calls} calls ` +
      `in ${m.rounds} sequential round trips, ${m.ms} ms`,
  );
}

// Saving the People team queue from its form, unchanged.
slack.latencyMs = 0;
const opened = await openSettings(slack, "queue", ROLE_PEOPLE.owner);
if (!opened.opened) throw new Error("not opened");
slack.latencyMs = LATENCY_MS;
slack.clearCalls();
const started = performance.now();
const saved = await submitSettings(
  slack,
  "queue",
  ROLE_PEOPLE.owner,
  opened.view,
  {},
);
if (saved.kind !== "done") throw new Error(JSON.stringify(saved));
console.log(
  `saving a queue at ${LATENCY_MS} ms per call: ${slack.calls.length} calls in ` +
    `${slack.sequentialRounds()} sequential round trips, ${
      Math.round(performance.now() - started)
    } ms`,
);

// Saving Configure Helpdesk unchanged: the notice, the triggers behind the
// buttons, the schedules and the reaction triggers, inside the 10 s Slack
// gives a view submission.
slack.latencyMs = 0;
const settingsForm = await openSettings(slack, "helpdesk", PEOPLE.admin);
if (!settingsForm.opened) throw new Error("not opened");
slack.latencyMs = LATENCY_MS;
slack.clearCalls();
const configuring = performance.now();
const configured = await submitSettings(
  slack,
  "helpdesk",
  PEOPLE.admin,
  settingsForm.view,
  {},
);
if (configured.kind !== "done") throw new Error(JSON.stringify(configured));
console.log(
  `saving Configure Helpdesk at ${LATENCY_MS} ms per call: ${slack.calls.length} calls in ` +
    `${slack.sequentialRounds()} sequential round trips, ${
      Math.round(performance.now() - configuring)
    } ms`,
);

Deno.bench({
  name:
    `Configure a queue opens for a queue's owner, ${LATENCY_MS} ms per call`,
  async fn() {
    await open(handler, CONFIGURE_QUEUE_CALLBACK_ID, ROLE_PEOPLE.owner)();
  },
});

globalThis.addEventListener("unload", () => slack.close());
