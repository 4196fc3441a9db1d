// The Helpdesk report for one queue or all: the chooser lists only what the
// person may see, the report checks the choice again (a client can send any
// value), and each queue's weekly digest goes to its own triage channel.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import {
  CHOOSE_REPORT_SCOPE_CALLBACK_ID,
  REPORT_SCOPE_VIEW_CALLBACK_ID,
} from "./definition.ts";
import postReport from "../post_report/handler.ts";
import { POST_REPORT_CALLBACK_ID } from "../post_report/definition.ts";
import {
  clientFor,
  functionContext,
  interactivityOf,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_QUEUE,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import { openGeneral } from "../../dev/testing/queue_actions.ts";
import {
  closeView,
  submitView,
  viewClosedContext,
  viewSubmissionContext,
} from "../../dev/testing/interactivity_payloads.ts";
import { saveSettings } from "../../dev/testing/settings_forms.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { putQueue } from "../../slack/storage/queue_store.ts";

type Options = { value: string; text: { text: string } }[];

async function choose(slack: FakeSlack, user: string) {
  const opened = slack.callsTo("views.open").length;
  const result = await handler(
    functionContext(CHOOSE_REPORT_SCOPE_CALLBACK_ID, slack, {
      interactivity: interactivityOf(user),
    }),
  );
  const view = slack.callsTo("views.open").slice(opened).at(-1)?.args.view as
    | { blocks: { element: { options: Options } }[] }
    | undefined;
  return {
    result,
    offered: view?.blocks[0].element.options.map((o) => [
      o.value,
      o.text.text,
    ]),
  };
}

function submit(
  slack: FakeSlack,
  user: string,
  queue: string,
  days: string,
  more: Record<string, Record<string, Record<string, unknown>>> = {},
) {
  return submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId: REPORT_SCOPE_VIEW_CALLBACK_ID,
      functionCallbackId: CHOOSE_REPORT_SCOPE_CALLBACK_ID,
      executionId: "Fx0SCOPE",
      user,
      values: {
        queue: {
          queue: { type: "static_select", selected_option: { value: queue } },
        },
        days: {
          days: { type: "static_select", selected_option: { value: days } },
        },
        ...more,
      },
    }),
  );
}

const dates = (from: string, to: string, exportCsv = false) => ({
  from_day: { from_day: { type: "datepicker", selected_date: from } },
  to_day: { to_day: { type: "datepicker", selected_date: to } },
  ...(exportCsv
    ? {
      export_csv: {
        export_csv: {
          type: "checkboxes",
          selected_options: [{ value: "yes" }],
        },
      },
    }
    : {}),
});

function report(slack: FakeSlack, user: string, queueId?: string) {
  return postReport(functionContext(POST_REPORT_CALLBACK_ID, slack, {
    interactivity: interactivityOf(user),
    channel: TRIAGE,
    days: 7,
    ...(queueId === undefined ? {} : { queue_id: queueId }),
  }));
}

const toldTo = (slack: FakeSlack, user: string) =>
  slack.workspace.ephemerals.filter((e) => e.user === user).at(-1)?.text ??
    slack.workspace.dmsTo(user).at(-1)?.text;

Deno.test("the Helpdesk report, for one queue or all", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const earlier = { created_at: Math.floor(Date.now() / 1000) - 60 };
  await openTestTicket(slack, earlier);
  await openGeneral(slack, earlier);
  await openGeneral(slack, earlier);

  await t.step("each person is offered what they may see", async () => {
    const admin = await choose(slack, PEOPLE.admin);
    assert.deepEqual(admin.offered, [
      ["all", "All queues"],
      ["default", "Helpdesk"],
      ["people-team", "People team"],
    ]);
    const owner = await choose(slack, ROLE_PEOPLE.owner);
    assert.deepEqual(owner.offered, [
      ["all", "All my queues"],
      ["people-team", "People team"],
    ]);
    // Someone who may see none: no modal; the report step says why.
    const requester = await choose(slack, PEOPLE.requester);
    assert.equal(requester.offered, undefined);
    assert.deepEqual(requester.result.outputs, {});
  });

  await t.step("the choice goes to the report step", async () => {
    assert.equal(
      await submit(slack, ROLE_PEOPLE.owner, PEOPLE_QUEUE.id, "30"),
      undefined,
    );
    const done = slack.callsTo("functions.completeSuccess").at(-1)!;
    assert.deepEqual(done.args.outputs, {
      queue_id: "people-team",
      days: 30,
      export_csv: false,
    });
    // Whatever a client sends: "all" is every queue, odd days are 7.
    await submit(slack, ROLE_PEOPLE.owner, "all", "1000");
    assert.deepEqual(
      slack.callsTo("functions.completeSuccess").at(-1)!.args.outputs,
      { queue_id: "", days: 7, export_csv: false },
    );
    // A range of dates, and the CSV asked for.
    const day = (ago: number) =>
      new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
    await submit(
      slack,
      ROLE_PEOPLE.owner,
      "all",
      "range",
      dates(day(10), day(3), true),
    );
    assert.deepEqual(
      slack.callsTo("functions.completeSuccess").at(-1)!.args.outputs,
      {
        queue_id: "",
        days: 7,
        from_day: day(10),
        to_day: day(3),
        export_csv: true,
      },
    );
    // Dates that make no range are refused under each date; the run goes on.
    const finished = slack.callsTo("functions.completeSuccess").length;
    assert.deepEqual(
      await submit(
        slack,
        ROLE_PEOPLE.owner,
        "all",
        "range",
        dates("", day(-3)),
      ),
      {
        response_action: "errors",
        errors: {
          from_day: "Pick the first day (YYYY-MM-DD).",
          to_day: `The last day can be today (${day(0)}) at the latest.`,
        },
      },
    );
    assert.match(
      JSON.stringify(
        await submit(
          slack,
          ROLE_PEOPLE.owner,
          "all",
          "range",
          dates(day(120), day(1)),
        ),
      ),
      /keeps report figures for 90 days/,
    );
    assert.equal(slack.callsTo("functions.completeSuccess").length, finished);
    // Closed: the run ends without a report.
    await closeView(
      handler,
      viewClosedContext(slack, {
        callbackId: REPORT_SCOPE_VIEW_CALLBACK_ID,
        functionCallbackId: CHOOSE_REPORT_SCOPE_CALLBACK_ID,
        executionId: "Fx0SCOPE",
        user: ROLE_PEOPLE.owner,
      }),
    );
    assert.equal(slack.callsTo("functions.completeError").length, 1);
  });

  await t.step("one queue's report has that queue's figures only", async () => {
    await report(slack, PEOPLE.admin, PEOPLE_QUEUE.id);
    assert.match(
      toldTo(slack, PEOPLE.admin)!,
      /^Helpdesk report for People team: the last 7 days: 2 created/,
    );
    await report(slack, PEOPLE.admin, "default");
    assert.match(
      toldTo(slack, PEOPLE.admin)!,
      /^Helpdesk report for Helpdesk: the last 7 days: 1 created/,
    );
    await report(slack, PEOPLE.admin, "");
    assert.match(
      toldTo(slack, PEOPLE.admin)!,
      /^Helpdesk report: the last 7 days: 3 created/,
    );
  });

  await t.step(
    "a queue the person may not see, sent anyway, is refused",
    async () => {
      await report(slack, ROLE_PEOPLE.owner, "default");
      assert.equal(
        toldTo(slack, ROLE_PEOPLE.owner),
        "That queue's report is for its agents and Helpdesk's admins. You can see the reports of “People team”.",
      );
      await report(slack, ROLE_PEOPLE.owner, "no-such-queue");
      assert.match(
        toldTo(slack, ROLE_PEOPLE.owner)!,
        /^That queue no longer exists\./,
      );
      // And someone who may see none is refused as before.
      await report(slack, PEOPLE.requester, PEOPLE_QUEUE.id);
      assert.match(
        toldTo(slack, PEOPLE.requester)!,
        /^The Helpdesk report is for the agents of a queue/,
      );
    },
  );

  await t.step("a hostile queue name is shown as typed, inert", async () => {
    const name = "<!channel> & co";
    await putQueue(clientFor(slack), { ...PEOPLE_QUEUE, name });
    const admin = await choose(slack, PEOPLE.admin);
    assert.ok(admin.offered!.some(([, text]) => text === name));
    await report(slack, ROLE_PEOPLE.owner, "default");
    const told = toldTo(slack, ROLE_PEOPLE.owner)!;
    assert.match(told, /“&lt;!channel&gt; &amp; co”/);
    await putQueue(clientFor(slack), PEOPLE_QUEUE);
  });
});

Deno.test("each queue's weekly digest goes to its own triage channel, and follows it", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const earlier = { created_at: Math.floor(Date.now() / 1000) - 60 };
  await openGeneral(slack, earlier);
  slack.workspace.channels.set("CPEOPLEOPS", {
    id: "CPEOPLEOPS",
    name: "people-ops",
    is_private: false,
    members: new Set(),
  });
  // The queue's owner moves its cards to another channel, with its form.
  const moved = await saveSettings(
    slack,
    "queue",
    ROLE_PEOPLE.owner,
    { triage_channel: "CPEOPLEOPS" },
  );
  assert.equal(moved.done, true, JSON.stringify(moved));
  await postReport(functionContext(POST_REPORT_CALLBACK_ID, slack, {
    in_triage_channels: true,
  }));
  const digests = (channel: string) =>
    slack.workspace.messagesIn(channel).filter((m) =>
      /^Helpdesk report/.test(m.text)
    ).map((m) => m.text.split(":")[0]);
  assert.deepEqual(digests("CPEOPLEOPS"), ["Helpdesk report for People team"]);
  assert.deepEqual(digests(TRIAGE), ["Helpdesk report for Helpdesk"]);
  assert.deepEqual(digests(PEOPLE_TRIAGE), [], "not where it used to go");
});
