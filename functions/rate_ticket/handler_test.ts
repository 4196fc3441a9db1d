import assert from "node:assert/strict";
import handler from "./handler.ts";
import {
  RATE_TICKET_CALLBACK_ID,
  RATING_COMMENT_VIEW_CALLBACK_ID,
} from "./definition.ts";
import {
  configure,
  defaultSettings,
  functionContext,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  closeView,
  submitView,
  viewClosedContext,
  viewSubmissionContext,
} from "../../dev/testing/interactivity_payloads.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { changeTicket } from "../../use_cases/changes/change_ticket.ts";
import { clientFor } from "../../dev/testing/harness.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

const RATING_URL = "https://slack.com/shortcuts/Ft0RATING/feedface";

function rate(slack: FakeSlack, ticket: Ticket, rating: string, user: string) {
  return handler(functionContext(RATE_TICKET_CALLBACK_ID, slack, {
    ticket_id: ticket.id,
    rating,
    user,
    interactivity: {
      interactivity_pointer: "1234.5678.pointer",
      interactor: { id: user, secret: "s" },
    },
  }));
}

function comment(slack: FakeSlack, ticket: Ticket, text: string | null) {
  return submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId: RATING_COMMENT_VIEW_CALLBACK_ID,
      functionCallbackId: RATE_TICKET_CALLBACK_ID,
      executionId: "Fx0RATE",
      user: PEOPLE.requester,
      privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
      values: {
        rating_comment: {
          rating_comment: { type: "plain_text_input", value: text },
        },
      },
    }),
  );
}

Deno.test("satisfaction: a resolved ticket asks its requester for a rating", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ rating_trigger_url: RATING_URL }));
  const opened = await openTestTicket(slack, {
    status: "in_progress",
    assignee: PEOPLE.agent,
  });
  let ticket = opened;

  await t.step("resolving sends the DM with five rating buttons", async () => {
    const result = await changeTicket(
      clientFor(slack),
      opened.id,
      { type: "resolve" },
      PEOPLE.agent,
    );
    assert.ok(result.ok);
    ticket = result.ticket;
    const dm = slack.workspace.dmsTo(PEOPLE.requester).at(-1)!;
    assert.match(dm.text, /is resolved/);
    const actions = (dm.blocks as { type: string; elements?: unknown[] }[])
      .find((b) => b.type === "actions")!;
    const buttons = actions.elements as {
      type: string;
      workflow: {
        trigger: {
          url: string;
          customizable_input_parameters: { name: string; value: string }[];
        };
      };
    }[];
    assert.equal(buttons.length, 5);
    assert.equal(buttons[3].type, "workflow_button");
    assert.equal(buttons[3].workflow.trigger.url, RATING_URL);
    assert.deepEqual(
      buttons[3].workflow.trigger.customizable_input_parameters,
      [
        { name: "ticket_id", value: opened.id },
        { name: "rating", value: "4" },
      ],
    );
  });

  await t.step("someone else can't rate it, and nothing changes", async () => {
    const before = await storedTicket(slack, ticket.id);
    const result = await rate(slack, ticket, "1", PEOPLE.bystander);
    assert.deepEqual(result.outputs, {});
    assert.deepEqual(await storedTicket(slack, ticket.id), before);
    assert.match(
      slack.workspace.dmsTo(PEOPLE.bystander).at(-1)!.text,
      /Only the person who opened HD-\w+ can rate it\./,
    );
  });

  await t.step("a bad rating is refused", async () => {
    await rate(slack, ticket, "7", PEOPLE.requester);
    assert.equal((await storedTicket(slack, ticket.id)).rating, undefined);
    const told = slack.workspace.dmsTo(PEOPLE.requester).at(-1)!.text;
    assert.match(told, /A rating is a whole number from 1 to 5\.$/);
    assert.doesNotMatch(told, /"7"/, "a button's value is not echoed");
  });

  await t.step(
    "the requester's rating is saved, shown, and a comment asked for",
    async () => {
      const result = await rate(slack, ticket, "4", PEOPLE.requester);
      assert.deepEqual(result, { completed: false });
      const stored = await storedTicket(slack, ticket.id);
      assert.equal(stored.rating, 4);
      assert.ok(stored.rated_at);
      const [open] = slack.callsTo("views.open");
      assert.equal(
        (open.args.view as { callback_id: string }).callback_id,
        RATING_COMMENT_VIEW_CALLBACK_ID,
      );
      const card = slack.workspace.findMessage(TRIAGE, ticket.card_ts!)!;
      assert.match(JSON.stringify(card.blocks), /Rated 4\/5 by the requester/);
      assert.match(
        slack.workspace.repliesTo(TRIAGE, ticket.card_ts!).at(-1)!.text,
        /<@UREQUESTER> rated HD-\w+ 4\/5/,
      );
    },
  );

  await t.step("the comment is saved and the run finishes", async () => {
    const response = await comment(
      slack,
      ticket,
      "  Quick fix, thanks! <!channel> ",
    );
    assert.equal(response, undefined);
    const stored = await storedTicket(slack, ticket.id);
    assert.equal(stored.rating_comment, "Quick fix, thanks! <!channel>");
    const card = slack.workspace.findMessage(TRIAGE, ticket.card_ts!)!;
    assert.match(
      JSON.stringify(card.blocks),
      /Quick fix, thanks! &lt;!channel&gt;/,
    );
    assert.equal(slack.callsTo("functions.completeSuccess").length, 1);
  });

  await t.step("a comment that is too long stays in the modal", async () => {
    const response = await comment(slack, ticket, "x".repeat(1001));
    assert.equal(response.response_action, "errors");
    assert.match(response.errors.rating_comment, /under 1000 characters/);
  });

  await t.step("skipping the comment finishes the run too", async () => {
    slack.clearCalls();
    await closeView(
      handler,
      viewClosedContext(slack, {
        callbackId: RATING_COMMENT_VIEW_CALLBACK_ID,
        functionCallbackId: RATE_TICKET_CALLBACK_ID,
        executionId: "Fx0RATE2",
        user: PEOPLE.requester,
      }),
    );
    assert.equal(slack.callsTo("functions.completeSuccess").length, 1);
  });
});

Deno.test("satisfaction: an open ticket can't be rated yet", async () => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ rating_trigger_url: RATING_URL }));
  const ticket = await openTestTicket(slack);
  await rate(slack, ticket, "5", PEOPLE.requester);
  assert.equal((await storedTicket(slack, ticket.id)).rating, undefined);
  assert.match(
    slack.workspace.dmsTo(PEOPLE.requester).at(-1)!.text,
    /isn't resolved yet: you can rate it once it is\./,
  );
});
