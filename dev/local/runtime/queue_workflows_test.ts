// Queues, request types, approvals and the :ticket: reaction, run end to end
// on the local runtime: the admins' forms, the requester's two-step form, the
// approver's DM button, and a reaction in an intake channel.
import assert from "node:assert/strict";
import { LocalRuntime } from "./local_runtime.ts";
import configureTrigger from "../../../triggers/configure_helpdesk.ts";
import configureQueueTrigger from "../../../triggers/configure_queue.ts";
import configureRequestTypeTrigger from "../../../triggers/configure_request_type.ts";
import openTicketTrigger from "../../../triggers/open_ticket.ts";
import helpdeskReportTrigger from "../../../triggers/helpdesk_report.ts";
import {
  GENERAL,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../testing/harness.ts";
import { BOT_USER_ID } from "../../testing/fake_slack/workspace.ts";

const PEOPLE_CHANNEL = "CPEOPLETEAM";

async function openView(runtime: LocalRuntime, user: string) {
  for (let i = 0; i < 200 && runtime.openViews(user).length === 0; i++) {
    await new Promise((r) => setTimeout(r, 5));
  }
  const view = runtime.openViews(user).at(-1);
  assert.ok(view, "a modal is open");
  return view;
}

Deno.test("queues, request types, approvals and :ticket: on the local runtime", async (t) => {
  await using slack = await startFakeSlack();
  const ws = slack.workspace;
  ws.channels.set(PEOPLE_CHANNEL, {
    id: PEOPLE_CHANNEL,
    name: "people-team",
    is_private: false,
    members: new Set([PEOPLE.admin, PEOPLE.agent]),
  });
  const runtime = new LocalRuntime(slack);
  /** Fires the shortcut, then submits each view it shows, in turn. */
  const fill = async (
    trigger: Parameters<LocalRuntime["fire"]>[0],
    user: string,
    ...steps: Record<string, unknown>[]
  ) => {
    const run = runtime.fire(trigger, { user_id: user, channel_id: GENERAL });
    const form = await openView(runtime, user);
    for (const answers of steps) {
      assert.equal(await runtime.submitView(form.id, user, answers), undefined);
    }
    return await run.done;
  };

  await t.step(
    "the admins set up a queue and a request type by forms",
    async () => {
      await fill(configureTrigger, PEOPLE.admin, {
        triage_channel: TRIAGE,
        agent_users: [PEOPLE.agent],
        intake_emoji: "ticket",
        admins: [PEOPLE.admin],
      });
      // Which queue (a new one), then the queue's own form.
      const queue = await fill(configureQueueTrigger, PEOPLE.admin, {
        queue: "new",
      }, {
        name: "People team",
        triage_channel: PEOPLE_CHANNEL,
        intake_channels: [GENERAL],
        owner: PEOPLE.admin,
        member_people: [PEOPLE.agent],
        role_rules: "superusers: ${owner}",
      });
      assert.equal(queue.ok, true, JSON.stringify(queue));
      assert.ok(ws.channels.get(GENERAL)!.members.has(BOT_USER_ID));
      const type = await fill(configureRequestTypeTrigger, PEOPLE.admin, {
        request_type: "new:people-team",
      }, {
        name: "New laptop",
        fields: "Model*: select(Air, Pro)\nStart date*: date",
        needs_approval: true,
      });
      assert.equal(type.ok, true, JSON.stringify(type));
      assert.match(
        ws.dmsTo(PEOPLE.admin).at(-1)!.text,
        /needed, by `\$\{superusers\}`/,
      );
    },
  );

  await t.step(
    "the requester picks the type and answers its questions",
    async () => {
      const run = runtime.fire(openTicketTrigger, {
        user_id: PEOPLE.requester,
        channel_id: GENERAL,
      });
      const choose = await openView(runtime, PEOPLE.requester);
      await runtime.submitView(choose.id, PEOPLE.requester, {
        request_type: "people-team/new-laptop",
      });
      const details = runtime.openViews(PEOPLE.requester).at(-1)!;
      assert.match(JSON.stringify(details.view), /datepicker/);
      assert.deepEqual(
        await runtime.submitView(details.id, PEOPLE.requester, {
          summary: "Laptop for Sam",
          priority: "normal",
          field_model: "Pro",
        }),
        // A required question left empty: Slack's client holds it back.
        { field_start_date: "Please complete this required field." },
      );
      await runtime.submitView(details.id, PEOPLE.requester, {
        summary: "Laptop for Sam",
        priority: "normal",
        field_model: "Pro",
        field_start_date: "2026-12-01",
      });
      const result = await run.done;
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.equal(
        ws.messagesIn(PEOPLE_CHANNEL).length,
        0,
        "not before approval",
      );
    },
  );

  await t.step(
    "the superuser approves from the DM; the card appears",
    async () => {
      const dm = ws.dmsTo(PEOPLE.admin).at(-1)!;
      const run = await runtime.clickButton(
        dm.channel,
        dm.ts,
        "request_approve",
        PEOPLE.admin,
      );
      assert.equal((await run!.done).ok, true);
      const card = ws.messagesIn(PEOPLE_CHANNEL).find((m) =>
        m.text.includes("Laptop for Sam")
      );
      assert.ok(card);
      assert.match(JSON.stringify(card.blocks), /Approved by <@UADMIN>/);
      assert.match(JSON.stringify(card.blocks), /2026-12-01/);
    },
  );

  await t.step(":ticket: on a message in the intake channel", async () => {
    const message = ws.postAs(
      PEOPLE.requester,
      GENERAL,
      "The badge reader at the door is dead",
    );
    const [run] = runtime.reactionAdded(
      GENERAL,
      message.ts,
      "ticket",
      PEOPLE.bystander,
    );
    assert.ok(run, "the intake trigger fired");
    assert.equal((await run.done).ok, true);
    assert.ok(
      ws.messagesIn(PEOPLE_CHANNEL).some((m) =>
        m.text.includes("The badge reader at the door is dead")
      ),
    );
    assert.match(
      ws.repliesTo(GENERAL, message.ts)[0].text,
      /turned this message into/,
    );

    // The requester answers in that thread; the message_posted event names
    // the reply first, then (as the SDK's docs describe it) the parent
    // first. Each answer reaches the card's thread once.
    const card = ws.messagesIn(PEOPLE_CHANNEL).find((m) =>
      m.text.includes("The badge reader at the door is dead")
    )!;
    for (const order of ["reply_first", "parent_first"] as const) {
      slack.threadEventOrder = order;
      const words = `Still dead (${order})`;
      const runs = runtime.messagePosted(
        GENERAL,
        PEOPLE.requester,
        words,
        message.ts,
      );
      assert.equal(runs.length, 1, "the requesters' replies trigger fired");
      assert.equal((await runs[0].done).ok, true);
      const relayed = ws.repliesTo(PEOPLE_CHANNEL, card.ts)
        .filter((m) => m.text.includes(words));
      assert.equal(relayed.length, 1, `${order}: passed on once`);
    }
    slack.threadEventOrder = "reply_first";
  });

  await t.step(
    "the Helpdesk report: one queue chosen in a modal, then shown",
    async () => {
      const run = runtime.fire(helpdeskReportTrigger, {
        user_id: PEOPLE.admin,
        channel_id: GENERAL,
      });
      const scope = await openView(runtime, PEOPLE.admin);
      assert.equal(
        await runtime.submitView(scope.id, PEOPLE.admin, {
          queue: "people-team",
          days: "30",
        }),
        undefined,
      );
      assert.equal((await run.done).ok, true);
      const shown = ws.ephemerals.filter((e) => e.user === PEOPLE.admin)
        .at(-1)!;
      assert.match(
        shown.text,
        // Its two tickets (created this very second: open, not yet counted).
        /^Helpdesk report for People team: the last 30 days: .* 2 open/,
      );
    },
  );
});
