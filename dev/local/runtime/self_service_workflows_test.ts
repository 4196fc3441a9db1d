// My tickets, Open tickets, and the card's Edit… and Move…, run end to end on
// the local runtime from the app's real manifest: the shortcuts a person
// starts, the buttons in their modals, the requester's DM buttons, and the
// forms an agent fills in.
import assert from "node:assert/strict";
import { LocalRuntime } from "./local_runtime.ts";
import {
  configureHelpdesk,
  fillForm,
  openView,
} from "../../testing/runtime_forms.ts";
import configureQueueTrigger from "../../../triggers/configure_queue.ts";
import openTicketTrigger from "../../../triggers/open_ticket.ts";
import myTicketsTrigger from "../../../triggers/my_tickets.ts";
import openTicketsTrigger from "../../../triggers/open_tickets.ts";
import {
  GENERAL,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../testing/harness.ts";
import { buttonOn, buttonsOf, shownText } from "../../testing/blocks_read.ts";
import type { FakeSlack } from "../../testing/fake_slack/server.ts";

const PEOPLE_CHANNEL = "CPEOPLETEAM";

function card(slack: FakeSlack, channel: string) {
  return slack.workspace.messagesIn(channel).find((m) =>
    m.text.startsWith("HD-")
  )!;
}

Deno.test("self-service and queue work on the local runtime", async (t) => {
  await using slack = await startFakeSlack();
  const ws = slack.workspace;
  ws.channels.set(PEOPLE_CHANNEL, {
    id: PEOPLE_CHANNEL,
    name: "people-team",
    is_private: false,
    members: new Set([PEOPLE.admin, PEOPLE.agent]),
  });
  const runtime = new LocalRuntime(slack);

  await t.step("set up: Helpdesk, a second queue, a ticket", async () => {
    await configureHelpdesk(runtime);
    // Which queue (a new one), then its form, in the same modal.
    const run = runtime.fire(configureQueueTrigger, {
      user_id: PEOPLE.admin,
      channel_id: GENERAL,
    });
    const form = await openView(runtime, PEOPLE.admin, "Configure a queue");
    assert.equal(
      await runtime.submitView(form.id, PEOPLE.admin, { queue: "new" }),
      undefined,
    );
    assert.equal(
      await runtime.submitView(form.id, PEOPLE.admin, {
        name: "People team",
        triage_channel: PEOPLE_CHANNEL,
        owner: PEOPLE.admin,
        member_people: [PEOPLE.otherAgent],
      }),
      undefined,
    );
    const queue = await run.done;
    assert.equal(queue.ok, true, JSON.stringify(queue));
    const opened = await fillForm(
      runtime,
      openTicketTrigger,
      PEOPLE.requester,
      "Open a ticket",
      {
        summary: "Payslip is wrong",
        priority: "normal",
      },
    );
    assert.equal(opened.ok, true, JSON.stringify(opened));
    assert.ok(card(slack, TRIAGE));
  });

  await t.step("an agent replies: the conversation starts", async () => {
    const before = card(slack, TRIAGE);
    const run = await runtime.clickButton(
      TRIAGE,
      before.ts,
      buttonOn(before, "Reply to requester"),
      PEOPLE.agent,
    );
    const form = await openView(runtime, PEOPLE.agent, "Reply to requester");
    assert.equal(
      await runtime.submitView(form.id, PEOPLE.agent, {
        message: "Which month's payslip?",
      }),
      undefined,
    );
    assert.equal((await run!.done).ok, true);
  });

  await t.step(
    "My tickets lists it; Withdraw in the modal closes it",
    async () => {
      const run = runtime.fire(myTicketsTrigger, {
        user_id: PEOPLE.requester,
        channel_id: GENERAL,
      });
      const list = await openView(runtime, PEOPLE.requester, "My tickets");
      assert.match(shownText(list.view), /Payslip is wrong/);
      assert.match(shownText(list.view), /your conversation/);
      await runtime.clickInView(
        list.id,
        "my_tickets_withdraw",
        PEOPLE.requester,
      );
      const after = runtime.openViews(PEOPLE.requester).at(-1)!;
      assert.match(shownText(after.view), /is withdrawn\./);
      assert.deepEqual(buttonsOf(after.view), ["my_tickets_reopen"]);
      assert.match(card(slack, TRIAGE).text, / Closed: /);
      await runtime.closeView(after.id, PEOPLE.requester);
      assert.equal((await run.done).ok, true);
    },
  );

  await t.step("Reopen from the requester's DM", async () => {
    const dm = ws.dmsTo(PEOPLE.requester).at(-1)!;
    assert.match(dm.text, /You withdrew/);
    const run = await runtime.clickButton(
      dm.channel,
      dm.ts,
      buttonOn(dm, "Reopen"),
      PEOPLE.requester,
    );
    assert.equal((await run!.done).ok, true);
    assert.match(card(slack, TRIAGE).text, / New: /);
  });

  await t.step(
    "Open tickets, for an agent; nothing for a bystander",
    async () => {
      const run = runtime.fire(openTicketsTrigger, {
        user_id: PEOPLE.agent,
        channel_id: TRIAGE,
      });
      const list = await openView(runtime, PEOPLE.agent, "Open tickets");
      assert.match(shownText(list.view), /1 open ticket in \*Helpdesk\*/);
      assert.match(shownText(list.view), /Payslip is wrong/);
      await runtime.clickInView(
        list.id,
        "open_tickets_order",
        PEOPLE.agent,
        "unassigned",
      );
      const reordered = runtime.openViews(PEOPLE.agent).at(-1)!;
      assert.match(
        JSON.stringify(reordered.view.private_metadata),
        /unassigned/,
      );
      await runtime.closeView(reordered.id, PEOPLE.agent);
      assert.equal((await run.done).ok, true);

      const nosy = runtime.fire(openTicketsTrigger, {
        user_id: PEOPLE.bystander,
        channel_id: GENERAL,
      });
      const none = await openView(runtime, PEOPLE.bystander, "Open tickets");
      assert.match(shownText(none.view), /you are not an agent of any/);
      assert.doesNotMatch(shownText(none.view), /Payslip/);
      await runtime.closeView(none.id, PEOPLE.bystander);
      await nosy.done;
    },
  );

  await t.step("Edit… from the card: the card and thread show it", async () => {
    const before = card(slack, TRIAGE);
    const run = await runtime.clickButton(
      TRIAGE,
      before.ts,
      buttonOn(before, "Edit…"),
      PEOPLE.agent,
    );
    const form = await openView(
      runtime,
      PEOPLE.agent,
      `Edit ${before.text.slice(0, 9)}`,
    );
    assert.equal(
      await runtime.submitView(form.id, PEOPLE.agent, {
        summary: "Payslip for November is wrong",
        description: "Overtime missing",
        priority: "urgent",
        category: "Payroll",
      }),
      undefined,
    );
    assert.equal((await run!.done).ok, true);
    const after = card(slack, TRIAGE);
    assert.match(after.text, /Payslip for November is wrong/);
    assert.match(shownText(after), /Urgent/);
    assert.match(
      ws.repliesTo(TRIAGE, after.ts).at(-1)!.text,
      /edited HD-\w+: summary “Payslip for November is wrong”, description, priority Normal → Urgent, category “Payroll”/,
    );
  });

  await t.step(
    "Move… to People team: a new card, the old one says where",
    async () => {
      const old = card(slack, TRIAGE);
      const run = await runtime.clickButton(
        TRIAGE,
        old.ts,
        buttonOn(old, "Move…"),
        PEOPLE.agent,
      );
      const form = await openView(
        runtime,
        PEOPLE.agent,
        `Move ${old.text.slice(0, 9)}`,
      );
      assert.equal(
        await runtime.submitView(form.id, PEOPLE.agent, {
          target_queue: "people-team",
        }),
        undefined,
      );
      assert.equal((await run!.done).ok, true);
      const moved = card(slack, PEOPLE_CHANNEL);
      assert.match(moved.text, /Payslip for November is wrong/);
      const left = ws.findMessage(TRIAGE, old.ts)!;
      assert.match(shownText(left), /moved to the \*People team\* queue/);
      assert.deepEqual(buttonsOf(left), []);
      assert.match(
        ws.dmsTo(PEOPLE.requester).at(-1)!.text,
        /to the \*People team\* queue/,
      );
      // The new card works: the People team's agent claims it there.
      const claim = await runtime.clickButton(
        PEOPLE_CHANNEL,
        moved.ts,
        buttonOn(moved, "Claim"),
        PEOPLE.otherAgent,
      );
      assert.equal((await claim!.done).ok, true);
      assert.match(card(slack, PEOPLE_CHANNEL).text, / In progress: /);
    },
  );

  await t.step(
    "Withdraw on a row other than the first withdraws that row's ticket",
    async () => {
      const opened = await fillForm(
        runtime,
        openTicketTrigger,
        PEOPLE.requester,
        "Open a ticket",
        { summary: "Mailbox full", priority: "normal" },
      );
      assert.equal(opened.ok, true, JSON.stringify(opened));
      const run = runtime.fire(myTicketsTrigger, {
        user_id: PEOPLE.requester,
        channel_id: GENERAL,
      });
      const list = await openView(runtime, PEOPLE.requester, "My tickets");
      const rows = ((list.view.blocks ?? []) as Array<{ block_id?: string }>)
        .map((b) => b.block_id ?? "").filter((id) => id.startsWith("actions_"));
      assert.ok(rows.length >= 2, JSON.stringify(rows));
      const [first, last] = [rows[0], rows.at(-1)!];
      const idOf = (row: string) => row.slice("actions_".length);
      // The page sends what Slack sends: the action, its block, its value.
      await runtime.clickInView(
        list.id,
        "my_tickets_withdraw",
        PEOPLE.requester,
        undefined,
        last,
      );
      const stored = async (row: string) =>
        (await slack.datastores.get("tickets", idOf(row))) as {
          status: string;
        };
      assert.equal((await stored(last)).status, "closed");
      assert.notEqual((await stored(first)).status, "closed");
      const after = runtime.openViews(PEOPLE.requester).at(-1)!;
      await runtime.closeView(after.id, PEOPLE.requester);
      assert.equal((await run.done).ok, true);
    },
  );
});
