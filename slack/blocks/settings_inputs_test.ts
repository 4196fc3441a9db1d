// The settings modals' inputs within Slack's limits: a user group menu holds
// at most 100 options yet always the current group, option texts are cut to
// 75 characters, and what admins typed is shown as typed.
import assert from "node:assert/strict";
import { blockKitProblems } from "../../dev/testing/fake_slack/block_kit_limits.ts";
import {
  checkboxInput,
  type UsergroupChoice,
  usergroupInput,
} from "./settings_inputs.ts";
import { queueChoiceModal } from "./queue_modal.ts";
import { requestTypeChoiceModal } from "./request_type_modal.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";

const groups: UsergroupChoice[] = Array.from({ length: 120 }, (_, i) => ({
  id: `S${String(i).padStart(4, "0")}`,
  handle: `team-${String(i).padStart(3, "0")}`,
}));

Deno.test("a user group menu: 100 options, the current one among them", () => {
  const block = usergroupInput("g", "Group", groups, "S0119")!;
  assert.deepEqual(blockKitProblems([block], "view"), []);
  const element = block.element as {
    options: { value: string }[];
    initial_option: { value: string };
  };
  assert.equal(element.options.length, 100);
  assert.equal(element.initial_option.value, "S0119");
  assert.ok(element.options.some((o) => o.value === "S0119"));
  // A group Slack no longer lists is kept, named as such.
  const gone = usergroupInput("g", "Group", [], "SGONE")!;
  assert.deepEqual(blockKitProblems([gone], "view"), []);
  assert.equal(usergroupInput("g", "Group", [], undefined), undefined);
});

Deno.test("pickers of many queues and long hostile names stay within Slack's limits", () => {
  const name = "<!channel> & a very long queue name that goes on and on";
  const queues: Queue[] = Array.from({ length: 130 }, (_, i) => ({
    id: `q-${i}`,
    name: `${name} ${i}`,
    triage_channel: "C1",
    intake_channels: [],
    members: [],
    admins: [],
    superusers: [],
  }));
  const queueView = queueChoiceModal(queues, true, "c");
  assert.deepEqual(blockKitProblems(queueView.blocks, "view"), []);
  const types = queues.slice(0, 3).flatMap((q) =>
    Array.from({ length: 120 }, (_, i) => ({
      id: `${q.id}/t-${i}`,
      queue_id: q.id,
      name: `${name} type ${i}`,
      description: "",
      fields: [],
      fields_spec: "",
      needs_approval: false,
      approvers: [],
      private: false,
    }))
  );
  const typeView = requestTypeChoiceModal(queues, types, "c");
  assert.deepEqual(blockKitProblems(typeView.blocks, "view"), []);
  // Plain text: the name as typed, not escaped.
  assert.match(JSON.stringify(typeView), /<!channel> & a very/);
  assert.deepEqual(
    blockKitProblems([checkboxInput("x", "X", name.repeat(3), true)], "view"),
    [],
  );
});
