// Slack's 3 s on interactions, as the fakes enforce it and as Helpdesk
// keeps it. The time of every interactive path at 150 ms a call is measured
// by dev/tests/interactive_deadlines_bench.ts (docs/scale.md).
import assert from "node:assert/strict";
import {
  clientFor,
  interactivityOf,
  PEOPLE,
  startFakeSlack,
} from "../testing/harness.ts";
import { slackCall, SlackCallError } from "../../slack/api/slack_call.ts";
import {
  LATE_ANSWER_ERROR,
  MODAL_ERROR_KEY,
} from "../testing/fake_slack/interactive_deadline.ts";
import { LocalRuntime } from "../local/runtime/local_runtime.ts";
import { SLOW_MS } from "../local/runtime/test_app/slow_form.ts";
import {
  clickAnsweredInTime,
  submissionAnsweredInTime,
} from "../../slack/workspace/answer_in_time.ts";

const modal = (title: string) => ({
  type: "modal",
  callback_id: "a_form",
  title: { type: "plain_text", text: title },
  submit: { type: "plain_text", text: "Save" },
  blocks: [{
    type: "input",
    block_id: "what",
    label: { type: "plain_text", text: "What" },
    element: { type: "plain_text_input", action_id: "what" },
  }],
});

Deno.test("the fake Slack expires a trigger_id or pointer after 3 s", async (t) => {
  await using slack = await startFakeSlack();
  const client = clientFor(slack);
  let now = 1_000;
  slack.workspace.pointers.clock = () => now;
  const pointer = slack.workspace.pointers.issue("1.2.pointer");

  await t.step("within 3 s the modal opens", async () => {
    now += 2_900;
    await slackCall(client, "views.open", {
      interactivity_pointer: pointer,
      view: modal("In time"),
    });
  });

  await t.step("after 3 s: expired_trigger_id, and no modal", async () => {
    const issued = slack.workspace.pointers.issue("3.4.trigger");
    const before = slack.workspace.views.length;
    now += 3_001;
    for (
      const args of [{ trigger_id: issued }, { interactivity_pointer: issued }]
    ) {
      await assert.rejects(
        slackCall(client, "views.open", { ...args, view: modal("Late") }),
        (e) => e instanceof SlackCallError && e.code === "expired_trigger_id",
      );
    }
    await assert.rejects(
      slackCall(client, "views.push", {
        trigger_id: issued,
        view: modal("Late"),
      }),
      (e) => e instanceof SlackCallError && e.code === "expired_trigger_id",
    );
    assert.equal(slack.workspace.views.length, before);
  });
});

/** A tiny app whose form's submission takes as long as it is told to. */
const SLOW_APP = new URL("../local/runtime/test_app/", import.meta.url);

Deno.test("the local runtime loses a submission's late answer, as Slack does", async (t) => {
  await using slack = await startFakeSlack();
  const runtime = new LocalRuntime(slack, {
    root: SLOW_APP,
    manifest: {
      functions: { slow_form: { source_file: "slow_form.ts" } },
      workflows: {
        slow: {
          steps: [{
            id: "0",
            function_id: "#/functions/slow_form",
            inputs: { interactivity: "{{inputs.interactivity}}" },
          }],
        },
      },
    },
  });
  // Slack's 3 s, shortened below the slow answer's time.
  runtime.host.answerDeadlineMs = SLOW_MS - 150;
  const run = runtime.fire({
    workflow: "#/workflows/slow",
    inputs: { interactivity: { value: "{{data.interactivity}}" } },
  }, { user_id: PEOPLE.requester });
  let view;
  for (let i = 0; i < 400 && !view; i++) {
    view = runtime.openViews(PEOPLE.requester).at(-1);
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.ok(view, "the form opened");

  await t.step("an answer within 3 s counts", async () => {
    const answer = await runtime.submitView(view.id, PEOPLE.requester, {
      what: "fast",
    });
    assert.deepEqual(answer, { what: "Said fast" });
    assert.equal(runtime.host.answers.at(-1)!.late, false);
  });

  await t.step(
    "a later one is dropped: Slack's error, the form as it was",
    async () => {
      const answer = await runtime.submitView(view.id, PEOPLE.requester, {
        what: "slow",
      });
      assert.deepEqual(answer, { [MODAL_ERROR_KEY]: LATE_ANSWER_ERROR });
      assert.equal(runtime.host.answers.at(-1)!.late, true);
      // Its "errors" answer was ignored: the modal is still the form.
      const still = runtime.openViews(PEOPLE.requester).at(-1)!;
      assert.equal(still.id, view.id);
      assert.equal((still.view.title as { text: string }).text, "Slow form");
    },
  );
  await runtime.closeView(view.id, PEOPLE.requester);
  await run.done;
});

Deno.test("a submission answers in time, then shows what its work came to", async (t) => {
  await using slack = await startFakeSlack();
  const client = clientFor(slack);
  const opened = await slackCall(client, "views.open", {
    ...interactivityOf(PEOPLE.agent),
    view: modal("Assign HD-1"),
  });
  const view = opened.view as { id: string; callback_id: string };
  const context = { view, body: { view }, client };
  const slowly = <T>(ms: number, value: T) =>
    new Promise<T>((r) => setTimeout(() => r(value), ms));
  const shown = () =>
    JSON.stringify(slack.workspace.views.find((v) => v.id === view.id)!.view);
  const settled = async (text: RegExp) => {
    for (let i = 0; i < 200 && !text.test(shown()); i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.match(shown(), text);
  };

  await t.step("work done in time: its own answer", async () => {
    const handler = submissionAnsweredInTime(
      () => slowly(5, { response_action: "errors", errors: { what: "No" } }),
      100,
    );
    assert.deepEqual(await handler(context), {
      response_action: "errors",
      errors: { what: "No" },
    });
  });

  await t.step("saved late: Working on it…, then Done", async () => {
    const handler = submissionAnsweredInTime(() => slowly(300, undefined), 50);
    const started = performance.now();
    const answer = await handler(context) as {
      response_action: string;
      view: Record<string, unknown>;
    };
    assert.ok(performance.now() - started < 250, "answered before the work");
    assert.equal(answer.response_action, "update");
    assert.match(JSON.stringify(answer.view), /Working on it/);
    // No submit button: nothing to send twice.
    assert.equal(answer.view.submit, undefined);
    await settled(/Done\./);
  });

  await t.step(
    "refused late: the reason in words, never 'failed' for a save",
    async () => {
      const handler = submissionAnsweredInTime(
        () =>
          slowly(200, {
            response_action: "errors",
            errors: { what: "Someone else is changing HD-1 right now." },
          }),
        50,
      );
      await handler(context);
      await settled(/Someone else is changing HD-1 right now\./);
      assert.match(shown(), /"notify_on_close":true/);
    },
  );

  await t.step(
    "a click is acknowledged in time; its work goes on",
    async () => {
      let finished = false;
      const click = clickAnsweredInTime(async () => {
        await slowly(200, undefined);
        finished = true;
      }, 50);
      await click({});
      assert.equal(finished, false);
      for (let i = 0; i < 100 && !finished; i++) {
        await new Promise((r) => setTimeout(r, 5));
      }
      assert.equal(finished, true);
    },
  );
});
