// The app's workflows, run end to end on the local runtime: from a trigger,
// through forms a person fills in, to the messages people see.
import assert from "node:assert/strict";
import type { WorkflowButton } from "@slack/types";
import { LocalRuntime } from "./local_runtime.ts";
import configureTrigger from "../../../triggers/configure_helpdesk.ts";
import openTicketTrigger from "../../../triggers/open_ticket.ts";
import {
  AGENT_GROUP,
  GENERAL,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../testing/harness.ts";
import type { FakeSlack } from "../../testing/fake_slack/server.ts";

function newestView(runtime: LocalRuntime) {
  const view = runtime.openViews().at(-1);
  assert.ok(view, "a modal is open");
  return view;
}

/** The click's run opens its modal after loading the ticket. */
async function untilAViewIsOpen(runtime: LocalRuntime) {
  for (let i = 0; i < 200 && runtime.openViews().length === 0; i++) {
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Clicks a card's button as a person would. */
async function click(
  runtime: LocalRuntime,
  slack: FakeSlack,
  label: string,
  user: string,
) {
  const card = slack.workspace.messagesIn(TRIAGE).find((m) =>
    m.text.startsWith("HD-")
  )!;
  const actions = card.blocks!.find((b) =>
    (b as { type: string }).type === "actions"
  ) as {
    elements: WorkflowButton[];
  };
  const button = actions.elements.find((e) => e.text.text === label);
  assert.ok(button, `the card offers ${label}`);
  const run = await runtime.clickButton(
    TRIAGE,
    card.ts,
    button.action_id!,
    user,
  );
  assert.ok(run, "a workflow button starts a run");
  return run;
}

Deno.test("configure Helpdesk, open a ticket, and work it to closed", async (t) => {
  await using slack = await startFakeSlack();
  slack.workspace.channels.get(TRIAGE)!.members.delete("UHELPDESKBOT");
  const runtime = new LocalRuntime(slack);

  await t.step(
    "Configure Helpdesk: form, then settings, triggers and a notice",
    async () => {
      const run = runtime.fire(configureTrigger, {
        user_id: PEOPLE.admin,
        channel_id: GENERAL,
      });
      // The function's own modal, opened once it has read the settings.
      await untilAViewIsOpen(runtime);
      const form = newestView(runtime);
      assert.equal(
        (form.view.title as { text: string }).text,
        "Configure Helpdesk",
      );
      // Slack's client sends nothing while a required field is empty.
      assert.deepEqual(
        await runtime.submitView(form.id, PEOPLE.admin, {}),
        {
          triage_channel: "Please complete this required field.",
          intake_emoji: "Please complete this required field.",
          admins: "Please complete this required field.",
        },
      );
      // Each problem under its field, the modal still open.
      assert.deepEqual(
        Object.keys(
          (await runtime.submitView(form.id, PEOPLE.admin, {
            triage_channel: TRIAGE,
            intake_emoji: "ticket",
            admins: [PEOPLE.agent],
          }))!,
        ).sort(),
        ["admins", "agent_users"],
      );
      assert.equal(
        await runtime.submitView(form.id, PEOPLE.admin, {
          triage_channel: TRIAGE,
          agent_users: [PEOPLE.agent, PEOPLE.otherAgent],
          agent_usergroup: AGENT_GROUP,
          intake_emoji: "ticket",
          admins: [PEOPLE.admin],
        }),
        undefined,
      );
      assert.deepEqual(await run.done, { ok: true, outputs: {} });
      assert.match(
        slack.workspace.messagesIn(TRIAGE)[0].text,
        /Helpdesk now posts new tickets/,
      );
      // Card buttons, card reactions, rating buttons, four SLA sweeps and
      // the weekly digest.
      const types = [...slack.triggers.values()].map((t) => t.type).sort();
      assert.deepEqual(types, [
        "event",
        ...Array(5).fill("scheduled"),
        "shortcut",
        "shortcut",
      ]);
    },
  );

  await t.step(
    "Open a ticket: the requester's form becomes a card and a DM",
    async () => {
      const run = runtime.fire(openTicketTrigger, {
        user_id: PEOPLE.requester,
        channel_id: GENERAL,
      });
      // The request form is the app's own modal, opened once it has read
      // the queues and request types.
      await untilAViewIsOpen(runtime);
      const form = newestView(runtime);
      // No request types yet: the form asks for the ticket straight away.
      assert.equal(
        await runtime.submitView(form.id, PEOPLE.requester, {
          summary: "Can't reach the VPN",
          description: "Since this morning",
          priority: "high",
        }),
        undefined,
      );
      assert.deepEqual(await run.done, { ok: true, outputs: {} });
      const card = slack.workspace.messagesIn(TRIAGE).at(-1)!;
      assert.match(card.text, /^HD-[0-9A-Z]{6} New: Can't reach the VPN/);
      assert.match(JSON.stringify(card.blocks), /from <#CGENERAL>/);
      assert.match(slack.workspace.dmsTo(PEOPLE.requester)[0].text, /is open/);
    },
  );

  await t.step("an agent claims it from the card", async () => {
    assert.deepEqual(
      await (await click(runtime, slack, "Claim", PEOPLE.agent)).done,
      {
        ok: true,
        outputs: {},
      },
    );
    const card = slack.workspace.messagesIn(TRIAGE).find((m) =>
      m.text.startsWith("HD-")
    )!;
    assert.match(card.text, / In progress: /);
  });

  await t.step("Assign to… opens a picker; the choice is saved", async () => {
    const run = await click(runtime, slack, "Assign to…", PEOPLE.agent);
    await untilAViewIsOpen(runtime);
    const picker = newestView(runtime);
    const refused = await runtime.submitView(picker.id, PEOPLE.agent, {
      assignee: PEOPLE.bystander,
    });
    assert.match(refused!.assignee, /not a Helpdesk agent/);
    assert.equal(
      await runtime.submitView(picker.id, PEOPLE.agent, {
        assignee: PEOPLE.otherAgent,
      }),
      undefined,
    );
    assert.deepEqual(await run.done, {
      ok: true,
      outputs: {},
    });
    const card = slack.workspace.messagesIn(TRIAGE).find((m) =>
      m.text.startsWith("HD-")
    )!;
    assert.match(JSON.stringify(card.blocks), /\*Assignee\*\\n<@UAGENTTWO>/);
  });

  await t.step(
    "resolved with a reaction by the agent, closed by the requester",
    async () => {
      const card0 = slack.workspace.messagesIn(TRIAGE).find((m) =>
        m.text.startsWith("HD-")
      )!;
      assert.equal(
        runtime.reactionAdded(TRIAGE, card0.ts, "tada", PEOPLE.otherAgent)
          .length,
        0,
      );
      const [reacted] = runtime.reactionAdded(
        TRIAGE,
        card0.ts,
        "white_check_mark",
        PEOPLE.otherAgent,
      );
      await reacted.done;
      await (await click(runtime, slack, "Close", PEOPLE.requester)).done;
      const card = slack.workspace.messagesIn(TRIAGE).find((m) =>
        m.text.startsWith("HD-")
      )!;
      assert.match(card.text, / Closed: /);
      const dms = slack.workspace.dmsTo(PEOPLE.requester).map((m) => m.text);
      assert.match(dms.join("\n"), /is being worked on[\s\S]*is resolved/);
      const thread = slack.workspace.repliesTo(TRIAGE, card.ts).map((m) =>
        m.text
      );
      assert.equal(thread.length, 4);
      assert.match(thread.at(-1)!, /<@UREQUESTER> closed HD-/);
    },
  );

  await t.step(
    "a form closed without submitting ends the run with an error",
    async () => {
      const run = runtime.fire(openTicketTrigger, {
        user_id: PEOPLE.requester,
      });
      await untilAViewIsOpen(runtime);
      await runtime.closeView(newestView(runtime).id, PEOPLE.requester);
      const result = await run.done;
      assert.equal(result.ok, false);
      assert.equal(runtime.activity.at(-1)!.level, "error");
    },
  );
});
