// A private ticket's words in JSM follow its request type's setting: public
// comments (JSM shows them to the customer), internal comments (JSM's agents
// only) or nothing at all. Notes are internal whatever the setting, and a
// ticket that is not private keeps replies and the requester's words public.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  PEOPLE,
  startFakeSlack,
} from "../testing/harness.ts";
import { startFakeJsm } from "../testing/fake_jsm/server.ts";
import { syncFunction } from "../testing/jsm_fixtures.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";
import { converse } from "../../use_cases/conversation/conversation.ts";
import type {
  PrivateJsmMirror,
  RequestType,
} from "../../helpdesk/request_types/request_type.ts";
import {
  requestTypeFormFrom,
  requestTypeFromForm,
} from "../../helpdesk/request_types/request_type_form.ts";
import { defaultQueueFromSettings } from "../../helpdesk/queues/queue.ts";
import { defaultSettings } from "../testing/harness.ts";
import {
  requestTypeModal,
  submittedRequestTypeForm,
} from "../../slack/blocks/request_type_modal.ts";
import { ViewState } from "../../slack/blocks/view_state.ts";
import { blockKitProblems } from "../testing/fake_slack/block_kit_limits.ts";

const hrType = (mirror?: PrivateJsmMirror, isPrivate = true): RequestType => ({
  id: "default-hr",
  queue_id: "default",
  name: "HR complaint",
  description: "",
  fields: [],
  fields_spec: "",
  needs_approval: false,
  approvers: [],
  private: isPrivate,
  ...(mirror ? { private_jsm: mirror } : {}),
});

Deno.test("a private ticket's words reach JSM as its request type says", async (t) => {
  for (
    const [name, type, expected] of [
      ["public comments", hrType("public"), [true, false, true]],
      ["internal comments", hrType("internal"), [false, false, false]],
      ["internal, when the type never said", hrType(), [false, false, false]],
      ["not at all", hrType("none"), []],
      ["a ticket that is not private", hrType("none", false), [
        true,
        false,
        true,
      ]],
    ] as const
  ) {
    await t.step(name, async () => {
      await using slack = await startFakeSlack();
      await using jsm = await startFakeJsm();
      await configure(slack);
      const client = clientFor(slack);
      const sync = syncFunction(slack, jsm);
      const { ticket } = await openTicket(
        client,
        {
          summary: "About my manager",
          description: "Between us.",
          priority: "normal",
          category: "HR",
          requester: PEOPLE.requester,
        },
        "form",
        Date.now(),
        { syncToJsm: true, requestType: type },
      );
      await sync(ticket.id);
      for (
        const [person, action, text] of [
          [PEOPLE.agent, "reply", "When did it start?"],
          [PEOPLE.agent, "note", "Talk to legal"],
          [PEOPLE.requester, "comment", "In March"],
        ] as const
      ) {
        assert.ok((await converse(client, ticket.id, person, action, text)).ok);
      }
      assert.equal((await sync(ticket.id)).outputs?.sync_state, "synced");
      const [request] = [...jsm.requests.values()];
      assert.deepEqual(request.comments.map((c) => c.public), [...expected]);
    });
  }
});

Deno.test("Configure a request type offers the setting and keeps it", async (t) => {
  const queue = defaultQueueFromSettings(defaultSettings());
  await t.step("the form's choice is saved, a forged one is internal", () => {
    for (
      const [given, saved] of [
        ["public", "public"],
        ["none", "none"],
        ["internal", "internal"],
        ["everyone", "internal"],
        [undefined, "internal"],
      ] as const
    ) {
      const checked = requestTypeFromForm(
        { name: "HR complaint", private: true, private_jsm: given },
        queue,
        [],
      );
      assert.ok(checked.ok);
      assert.equal(checked.type.private_jsm, saved);
      assert.equal(requestTypeFormFrom(checked.type).private_jsm, saved);
    }
  });

  await t.step("the modal shows it, chosen, within Block Kit", () => {
    const view = requestTypeModal(
      queue,
      hrType("public"),
      "configure_request_type",
      { id: "default-hr", queue: "default", at: 0 },
    );
    assert.deepEqual(blockKitProblems(view.blocks, "view"), []);
    const block = view.blocks.find((b) => b.block_id === "private_jsm") as {
      element: { initial_option: { value: string } };
    };
    assert.equal(block.element.initial_option.value, "public");
    const state = new ViewState({
      private_jsm: {
        private_jsm: {
          type: "static_select",
          selected_option: { value: "none" },
        },
      },
      name: { name: { type: "plain_text_input", value: "HR" } },
    });
    assert.equal(submittedRequestTypeForm(state).private_jsm, "none");
  });
});
