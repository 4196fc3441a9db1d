// The modals that take files when files are on: the request form and Reply
// to requester. Each offers the field only with files:read granted, keeps it
// through a saved reply's redraw, and puts the files out for the next step.
import assert from "node:assert/strict";
import openTicket from "../open_ticket/handler.ts";
import updateTicket from "../update_ticket/handler.ts";
import {
  CONVERSATION_VIEWS,
  UPDATE_TICKET_CALLBACK_ID,
} from "../update_ticket/definition.ts";
import { DETAILS_VIEW } from "../../slack/blocks/request_form.ts";
import {
  clientFor,
  configure,
  functionContext,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import {
  clickInView,
  submitView,
  viewClickContext,
  viewSubmissionContext,
} from "../../dev/testing/interactivity_payloads.ts";
import { FILES_ON, FILES_SCOPES } from "../../dev/testing/file_fixtures.ts";
import { putSavedReplies } from "../../slack/storage/saved_reply_store.ts";
import {
  SAVED_REPLY_ACTION,
  SAVED_REPLY_BLOCK,
} from "../../slack/blocks/saved_reply_picker.ts";
import { FILES_BLOCK } from "../../slack/blocks/file_field.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";

const pointer = (person: string) => ({
  interactivity_pointer: "1234.5678.pointer",
  interactor: { id: person, secret: "s" },
});

const lastView = (slack: FakeSlack) => slack.workspace.views.at(-1)!;
const hasFileField = (view: { blocks?: unknown[] }) =>
  (view.blocks ?? []).some((b) =>
    (b as { block_id?: string; element?: { type?: string } }).block_id ===
      FILES_BLOCK &&
    (b as { element?: { type?: string } }).element?.type === "file_input"
  );

Deno.test("the form and Reply take files when files are on", async (t) => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await configure(slack);

  await t.step(
    "the form offers a file field and puts its files out",
    async () => {
      const opened = await openTicket(functionContext("open_ticket", slack, {
        interactivity: pointer(PEOPLE.requester),
      }, FILES_ON));
      assert.deepEqual(opened, { completed: false });
      assert.ok(hasFileField(lastView(slack).view));
      const shot = slack.workspace.files.add(PEOPLE.requester, {
        name: "error.png",
        bytes: new Uint8Array([1, 2, 3]),
      }, { grantedToApp: true });
      const executionId = "Fx0FORMFILES";
      const answered = await submitView(
        openTicket,
        viewSubmissionContext(slack, {
          callbackId: DETAILS_VIEW,
          functionCallbackId: "open_ticket",
          executionId,
          user: PEOPLE.requester,
          privateMetadata: "",
          env: FILES_ON,
          values: {
            summary: { value: { type: "plain_text_input", value: "VPN down" } },
            priority: {
              value: {
                type: "static_select",
                selected_option: { value: "high" },
              },
            },
            [FILES_BLOCK]: {
              [FILES_BLOCK]: { type: "file_input", files: [{ id: shot.id }] },
            },
          },
        }),
      );
      assert.equal(answered, undefined);
      const done = slack.callsTo("functions.completeSuccess").find((c) =>
        c.args.function_execution_id === executionId
      )!;
      const outputs = done.args.outputs as Record<string, unknown>;
      assert.deepEqual(outputs.files, [shot.id]);
      assert.equal(outputs.files_by, PEOPLE.requester);
      assert.equal(outputs.files_to, "card");
    },
  );

  await t.step("with files off, neither the field nor the files", async () => {
    await openTicket(functionContext("open_ticket", slack, {
      interactivity: pointer(PEOPLE.requester),
    }));
    assert.equal(hasFileField(lastView(slack).view), false);
  });

  await t.step("Reply keeps its file field through a saved reply", async () => {
    const ticket = await openTestTicket(slack);
    await putSavedReplies(
      clientFor(slack),
      "default",
      [{
        id: "restart",
        title: "Restart",
        text: "Restart it, {requester}.",
      }],
      PEOPLE.admin,
      1,
    );
    await updateTicket(functionContext(UPDATE_TICKET_CALLBACK_ID, slack, {
      ticket_id: ticket.id,
      action: "reply",
      interactivity: pointer(PEOPLE.agent),
    }, FILES_ON));
    const open = lastView(slack);
    assert.equal(open.view.callback_id, CONVERSATION_VIEWS.reply);
    assert.ok(hasFileField(open.view));
    await clickInView(
      updateTicket,
      viewClickContext(slack, {
        functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
        executionId: "Fx0PICKFILES",
        user: PEOPLE.agent,
        env: FILES_ON,
        view: { id: open.id, ...open.view, hash: "1.h", state: { values: {} } },
        action: {
          action_id: SAVED_REPLY_ACTION,
          block_id: SAVED_REPLY_BLOCK,
          type: "static_select",
          selected_option: { value: "restart" },
        },
      }),
    );
    const [update] = slack.callsTo("views.update").slice(-1);
    assert.ok(update, "the modal was redrawn");
    assert.ok(hasFileField(update.args.view as { blocks: unknown[] }));
  });
});

Deno.test("without files:read, no file field can open", async () => {
  // Slack requires files:read for a file_input (docs.slack.dev).
  await using slack = await startFakeSlack();
  await configure(slack);
  const opened = await openTicket(functionContext("open_ticket", slack, {
    interactivity: pointer(PEOPLE.requester),
  }, FILES_ON));
  assert.match(String((opened as { error?: string }).error), /couldn't show/);
});
