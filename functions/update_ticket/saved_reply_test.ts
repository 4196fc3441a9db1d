// Reply to requester with a saved reply: offered in the modal, picked into
// the box (after what was typed), sent escaped like any reply, and counted
// in the report.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { CONVERSATION_VIEWS, UPDATE_TICKET_CALLBACK_ID } from "./definition.ts";
import { click as clickTicket } from "../../dev/testing/queue_actions.ts";
import {
  clientFor,
  configure,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import {
  clickInView,
  submitView,
  viewClickContext,
  viewSubmissionContext,
} from "../../dev/testing/interactivity_payloads.ts";
import { isInert } from "../../dev/testing/hostile_text.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { putSavedReplies } from "../../slack/storage/saved_reply_store.ts";
import {
  SAVED_REPLY_ACTION,
  SAVED_REPLY_BLOCK,
} from "../../slack/blocks/saved_reply_picker.ts";
import { reportFor } from "../../use_cases/reports/ticket_report.ts";
import { reportBlocks } from "../../slack/blocks/report_blocks.ts";

type Block = { block_id?: string; element?: Record<string, unknown> };
type View = { id: string; blocks: Block[]; [k: string]: unknown };

const REPLY = {
  id: "fixed1",
  title: "Fixed <!channel>",
  text: "Hi {requester}, {key} ({summary}) is fixed. <!here> {unknown}",
};

function openReply(slack: FakeSlack, ticket: Ticket, person: string) {
  return clickTicket(slack, ticket.id, "reply", person);
}

function currentView(slack: FakeSlack): View {
  const open = slack.workspace.views.at(-1)!;
  return { id: open.id, ...open.view } as View;
}

const box = (view: View) => view.blocks.find((b) => b.block_id === "message")!;

function pick(slack: FakeSlack, view: View, typed: string, replyId: string) {
  const actionId = String(box(view).element!.action_id);
  return clickInView(
    handler,
    viewClickContext(slack, {
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: "Fx0PICK",
      user: PEOPLE.agent,
      view: {
        ...view,
        hash: "1.h",
        state: {
          values: {
            message: { [actionId]: { type: "plain_text_input", value: typed } },
          },
        },
      },
      action: {
        action_id: SAVED_REPLY_ACTION,
        block_id: SAVED_REPLY_BLOCK,
        type: "static_select",
        selected_option: { value: replyId },
      },
    }),
  );
}

function send(slack: FakeSlack, ticket: Ticket, text: string, picked?: string) {
  return submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId: CONVERSATION_VIEWS.reply,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId: `Fx0SEND${crypto.randomUUID().slice(0, 6)}`,
      user: PEOPLE.agent,
      privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
      values: {
        message: { message_1: { type: "plain_text_input", value: text } },
        ...(picked
          ? {
            [SAVED_REPLY_BLOCK]: {
              [SAVED_REPLY_ACTION]: {
                type: "static_select",
                selected_option: { value: picked },
              },
            },
          }
          : {}),
      },
    }),
  );
}

Deno.test("a saved reply in Reply to requester", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const client = clientFor(slack);
  await putSavedReplies(client, "default", [REPLY], PEOPLE.admin, 1);
  const ticket = await openTestTicket(slack, {
    summary: "<@U123ABC> printer & <!channel>",
  });

  await t.step("the modal offers the queue's saved replies", async () => {
    await openReply(slack, ticket, PEOPLE.agent);
    const view = currentView(slack);
    const menu = JSON.stringify(
      view.blocks.find((b) => b.block_id === SAVED_REPLY_BLOCK),
    );
    assert.match(menu, /"value":"fixed1"/);
    // Plain text: the title is shown as typed, never parsed.
    assert.match(menu, /"type":"plain_text","text":"Fixed <!channel>"/);
  });

  await t.step(
    "picking one fills the box after what was typed, fields filled in",
    async () => {
      const view = currentView(slack);
      await pick(slack, view, "Thanks for waiting.", REPLY.id);
      const [update] = slack.callsTo("views.update");
      assert.equal(update.args.view_id, view.id);
      const filled = box(currentView(slack)).element!;
      assert.equal(
        filled.initial_value,
        `Thanks for waiting.\n\nHi {requester}, ${ticket.key} (<@U123ABC> printer & <!channel>) is fixed. <!here> {unknown}`,
      );
      // A new action id, so Slack shows the new text instead of the old.
      assert.notEqual(filled.action_id, box(view).element!.action_id);
    },
  );

  await t.step(
    "sent: escaped for the requester, who is mentioned; counted",
    async () => {
      const text = String(box(currentView(slack)).element!.initial_value);
      const answer = await send(slack, ticket, text, REPLY.id);
      assert.equal(answer, undefined);
      const dm = slack.workspace.dmsTo(PEOPLE.requester).at(-1)!;
      const quoted = dm.text.split("\n").slice(1)
        .map((line) => line.replace(/^> /, "")).join("\n");
      assert.ok(quoted.includes(`Hi <@${PEOPLE.requester}>,`), quoted);
      const rest = quoted.replace(`<@${PEOPLE.requester}>`, "");
      assert.ok(isInert(rest), rest);
      const saved = await storedTicket(slack, ticket.id);
      assert.equal(saved.saved_reply_uses?.length, 1);
      assert.match(saved.saved_reply_uses![0], /^fixed1@\d+$/);
    },
  );

  await t.step("a forged or unknown pick is not counted", async () => {
    await send(slack, ticket, "By hand.", "not-a-reply");
    const saved = await storedTicket(slack, ticket.id);
    assert.equal(saved.saved_reply_uses?.length, 1);
  });

  await t.step("the report counts how often each was sent", async () => {
    await send(slack, ticket, "Again.", REPLY.id);
    const { created_at } = await storedTicket(slack, ticket.id);
    // The fake's message times run ahead of this process's clock: the
    // period is set around the ticket's own.
    const period = { from: created_at - 60, to: created_at + 3600 };
    const report = await reportFor(client, period, period.to);
    assert.deepEqual(report.savedReplies, { [REPLY.id]: 2 });
    const blocks = JSON.stringify(
      reportBlocks(report, "Week", new Map([[REPLY.id, REPLY.title]])),
    );
    assert.match(blocks, /Saved replies sent\*\\nFixed &lt;!channel&gt;: 2/);
    // Uses outside the period are not counted.
    const later = await reportFor(
      client,
      { from: period.to, to: period.to + 60 },
      period.to + 60,
    );
    assert.equal(later.savedReplies, undefined);
  });
});
