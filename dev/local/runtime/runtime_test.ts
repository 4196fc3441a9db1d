// The runtime's own behaviour on a tiny app (test_app/): block actions on
// plain buttons, message and scheduled event triggers.
import assert from "node:assert/strict";
import { LocalRuntime } from "./local_runtime.ts";
import { nextRunAt } from "./schedule.ts";
import { FakeSlack } from "../../testing/fake_slack/server.ts";
import { BOT_USER_ID } from "../../testing/fake_slack/workspace.ts";

const APP = {
  root: new URL("./test_app/", import.meta.url),
  manifest: {
    functions: {
      ask: {
        source_file: "ask_function.ts",
        output_parameters: {
          properties: { answer: { type: "string" } },
          required: [],
        },
      },
      echo: { source_file: "echo_function.ts" },
    },
    workflows: {
      ask: {
        steps: [{
          id: "0",
          function_id: "#/functions/ask",
          inputs: { channel: "{{inputs.channel}}" },
        }],
      },
      announce: {
        steps: [
          {
            id: "0",
            function_id: "slack#/functions/send_message",
            inputs: {
              channel_id: "{{inputs.channel}}",
              message: "Hello *team*",
            },
          },
          {
            id: "1",
            function_id: "slack#/functions/send_dm",
            inputs: { user_id: "U1", message: "See {{steps.0.message_link}}" },
          },
        ],
      },
      echo: {
        steps: [{
          id: "0",
          function_id: "#/functions/echo",
          inputs: { channel: "{{inputs.channel}}", text: "{{inputs.text}}" },
        }],
      },
    },
  },
};

async function start() {
  const slack = await FakeSlack.start({
    workspace: {
      users: [{ id: "U1", name: "one" }],
      channels: [{
        id: "C1",
        name: "c",
        is_private: false,
        members: [BOT_USER_ID, "U1"],
      }],
    },
  });
  return { slack, runtime: new LocalRuntime(slack, APP) };
}

Deno.test("plain buttons reach the execution that posted them, while it is open", async () => {
  const { slack, runtime } = await start();
  try {
    const run = runtime.startWorkflow("ask", { channel: "C1" });
    for (let i = 0; i < 200 && !slack.workspace.messagesIn("C1").length; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const [question] = slack.workspace.messagesIn("C1");
    const buttons = structuredClone(question.blocks);
    await runtime.clickButton("C1", question.ts, "yes", "U1");
    assert.deepEqual(await run.done, { ok: true, outputs: {} });
    assert.equal(slack.workspace.messagesIn("C1")[0].text, "<@U1> said yes");
    // Completed: a second click is refused, as Slack refuses it.
    question.blocks = buttons;
    await assert.rejects(
      runtime.clickButton("C1", question.ts, "yes", "U1"),
      /has finished/,
    );
  } finally {
    await slack.close();
  }
});

Deno.test("message_posted triggers fire through their filters", async () => {
  const { slack, runtime } = await start();
  try {
    slack.triggers.set("Ft1", {
      id: "Ft1",
      type: "event",
      name: "help",
      workflow: "#/workflows/echo",
      event: {
        event_type: "slack#/events/message_posted",
        channel_ids: ["C1"],
        filter: {
          version: 1,
          root: { statement: "{{data.text}} CONTAINS help" },
        },
      },
      inputs: {
        channel: { value: "{{data.channel_id}}" },
        text: { value: "{{data.text}}" },
      },
    });
    assert.equal(runtime.messagePosted("C1", "U1", "hello").length, 0);
    const [run] = runtime.messagePosted("C1", "U1", "I need help");
    await run.done;
    assert.equal(
      slack.workspace.messagesIn("C1").at(-1)!.text,
      "echo: I need help",
    );
  } finally {
    await slack.close();
  }
});

Deno.test("scheduled triggers run on the clock and on demand", async () => {
  const { slack, runtime } = await start();
  try {
    const start = Date.parse("2026-11-22T09:00:00Z");
    slack.triggers.set("Ft2", {
      id: "Ft2",
      type: "scheduled",
      name: "daily",
      workflow: "#/workflows/echo",
      schedule: {
        start_time: new Date(start).toISOString(),
        frequency: { type: "daily" },
      },
      inputs: { channel: { value: "C1" }, text: { value: "tick" } },
    });
    assert.equal(runtime.tick(start - 1).length, 0);
    const runs = runtime.tick(start);
    assert.equal(runs.length, 1);
    await runs[0].done;
    assert.equal(slack.workspace.messagesIn("C1").at(-1)!.text, "echo: tick");
    await runtime.runScheduled("Ft2").done;
    assert.equal(slack.workspace.messagesIn("C1").length, 2);
  } finally {
    await slack.close();
  }
});

Deno.test("after a restart, schedules wait for their next time; open views close", async () => {
  const { slack, runtime } = await start();
  try {
    const start = Date.parse("2026-11-22T09:00:00Z");
    slack.triggers.set("Ft3", {
      id: "Ft3",
      type: "scheduled",
      name: "daily",
      workflow: "#/workflows/echo",
      schedule: {
        start_time: new Date(start).toISOString(),
        frequency: { type: "daily" },
      },
      inputs: { channel: { value: "C1" }, text: { value: "tick" } },
    });
    slack.workspace.views.push({ id: "V1", view: {}, user: "U1" });
    // Restarted two days and an hour after the start: the missed runs are
    // not replayed, the next one comes at its time.
    const restartedAt = start + 2 * 86_400_000 + 3_600_000;
    runtime.resumeAfterRestart(restartedAt);
    assert.equal(runtime.tick(restartedAt + 1).length, 0);
    assert.deepEqual(runtime.openViews("U1"), []);
    const next = runtime.tick(start + 3 * 86_400_000);
    assert.equal(next.length, 1);
    await next[0].done;
  } finally {
    await slack.close();
  }
});

Deno.test("nextRunAt follows the schedule's frequency", () => {
  const start = "2026-11-22T09:00:00Z";
  const t0 = Date.parse(start);
  assert.equal(nextRunAt({ start_time: start }), t0);
  assert.equal(nextRunAt({ start_time: start }, t0), undefined);
  assert.equal(
    nextRunAt({ start_time: start, frequency: { type: "daily" } }, t0 + 5),
    t0 + 86_400_000,
  );
  assert.equal(
    nextRunAt({
      start_time: start,
      frequency: { type: "weekly", repeats_every: 2 },
    }, t0 + 3 * 86_400_000),
    t0 + 14 * 86_400_000,
  );
});

Deno.test("SendMessage and SendDm post as the app and output the message", async () => {
  const { slack, runtime } = await start();
  try {
    assert.deepEqual(
      await runtime.startWorkflow("announce", { channel: "C1" }).done,
      {
        ok: true,
        outputs: {},
      },
    );
    const [posted] = slack.workspace.messagesIn("C1");
    assert.equal(posted.text, "Hello *team*");
    assert.equal(
      slack.workspace.dmsTo("U1")[0].text,
      `See ${slack.workspace.permalink("C1", posted.ts)}`,
    );
  } finally {
    await slack.close();
  }
});
