import assert from "node:assert/strict";
import handler from "./handler.ts";
import {
  CHOOSE_TYPE_VIEW,
  DETAILS_VIEW,
} from "../../slack/blocks/request_form.ts";
import {
  configure,
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  LAPTOP,
  PEOPLE_TRIAGE,
} from "../../dev/testing/queue_fixtures.ts";
import {
  closeView,
  submitView,
  viewClosedContext,
  viewSubmissionContext,
} from "../../dev/testing/interactivity_payloads.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";

const INPUTS = { requester: PEOPLE.requester, channel: "CGENERAL" };

function start(slack: FakeSlack) {
  return handler(functionContext("open_ticket", slack, {
    ...INPUTS,
    interactivity: {
      interactivity_pointer: "1234.5678.pointer",
      interactor: { id: PEOPLE.requester, secret: "s" },
    },
  }));
}

// deno-lint-ignore no-explicit-any
type Values = Record<string, Record<string, any>>;

function submit(
  slack: FakeSlack,
  callbackId: string,
  values: Values,
  privateMetadata = "",
) {
  return submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId,
      functionCallbackId: "open_ticket",
      // Each form is its own run (and modal) in Slack.
      executionId: `Fx0REQUEST${crypto.randomUUID().slice(0, 8)}`,
      user: PEOPLE.requester,
      privateMetadata,
      values,
      inputs: INPUTS,
    }),
  );
}

const text = (value: string) => ({
  value: { type: "plain_text_input", value },
});
const choice = (value: string) => ({
  value: { type: "static_select", selected_option: { value } },
});

Deno.test("the request form asks what the chosen type needs", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  let details: Record<string, unknown>;

  await t.step("first, what kind of request, grouped by queue", async () => {
    const started = await start(slack);
    assert.equal(started.completed, false);
    const view = slack.workspace.views.at(-1)!.view;
    assert.equal(view.callback_id, CHOOSE_TYPE_VIEW);
    const json = JSON.stringify(view);
    assert.match(json, /People team/);
    assert.match(json, /New laptop/);
    assert.match(json, /Something else/);
  });

  await t.step("then the type's own questions", async () => {
    const next = await submit(slack, CHOOSE_TYPE_VIEW, {
      request_type: choice(LAPTOP.id),
    });
    assert.equal(next.response_action, "update");
    details = next.view;
    const json = JSON.stringify(details);
    assert.equal(details.callback_id, DETAILS_VIEW);
    for (const element of ["static_select", "datepicker", "users_select"]) {
      assert.match(json, new RegExp(element));
    }
    assert.match(json, /needs approval/);
  });

  await t.step(
    "a required question left empty keeps the form open",
    async () => {
      const refused = await submit(slack, DETAILS_VIEW, {
        summary: text("Laptop for Sam"),
        priority: choice("normal"),
        field_model: choice("Pro"),
      }, details.private_metadata as string);
      assert.equal(refused.response_action, "errors");
      assert.deepEqual(Object.keys(refused.errors), ["field_start_date"]);
      assert.equal(slack.callsTo("functions.completeSuccess").length, 0);
    },
  );

  await t.step(
    "answered: the ticket carries the answers, approval first",
    async () => {
      const done = await submit(slack, DETAILS_VIEW, {
        summary: text("Laptop for Sam"),
        description: text("Starts Monday"),
        priority: choice("high"),
        field_model: choice("Pro"),
        field_start_date: {
          value: { type: "datepicker", selected_date: "2026-12-01" },
        },
        field_manager: {
          value: { type: "users_select", selected_user: PEOPLE.agent },
        },
      }, details.private_metadata as string);
      assert.equal(done, undefined);
      const [completed] = slack.callsTo("functions.completeSuccess");
      const outputs = completed.args.outputs as Record<string, string>;
      assert.equal(outputs.category, "New laptop");
      assert.equal(outputs.priority, "high");
      const ticket = await storedTicket(slack, outputs.ticket_id);
      assert.equal(ticket.request_type_id, LAPTOP.id);
      assert.equal(ticket.queue_id, "people-team");
      assert.deepEqual(ticket.answers, [
        { label: "Model", value: "Pro" },
        { label: "Start date", value: "2026-12-01" },
        { label: "Manager", value: PEOPLE.agent, user: true },
      ]);
      assert.equal(ticket.approval, "pending");
      assert.equal(ticket.source_channel, "CGENERAL");
    },
  );

  await t.step(
    "“Something else” is a general ticket in the default queue",
    async () => {
      const next = await submit(slack, CHOOSE_TYPE_VIEW, {
        request_type: choice("general"),
      });
      await submit(slack, DETAILS_VIEW, {
        summary: text("Wifi in room 2"),
        priority: choice("normal"),
      }, next.view.private_metadata);
      const outputs = slack.callsTo("functions.completeSuccess").at(-1)!.args
        .outputs as Record<string, string>;
      const ticket = await storedTicket(slack, outputs.ticket_id);
      assert.equal(ticket.queue_id, "default");
      assert.equal(ticket.card_channel, TRIAGE);
      assert.ok(
        !slack.workspace.messagesIn(PEOPLE_TRIAGE).some((m) =>
          m.text.includes("Wifi in room 2")
        ),
      );
    },
  );

  await t.step(
    "closing the form ends the run in error, so no step runs on nothing",
    async () => {
      await closeView(
        handler,
        viewClosedContext(slack, {
          callbackId: DETAILS_VIEW,
          functionCallbackId: "open_ticket",
          executionId: "Fx0REQUEST",
          user: PEOPLE.requester,
        }),
      );
      const [error] = slack.callsTo("functions.completeError");
      assert.match(String(error.args.error), /closed without opening a ticket/);
    },
  );
});

Deno.test("without request types the form opens at the questions", async () => {
  await using slack = await startFakeSlack();
  await configure(slack);
  await start(slack);
  assert.equal(slack.workspace.views.at(-1)!.view.callback_id, DETAILS_VIEW);
});
