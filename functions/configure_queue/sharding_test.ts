// Slack takes at most 20 channels per event trigger. These tests save 50
// intake channels across 5 queues through "Configure a queue" and check
// that the reaction triggers always watch every wanted channel exactly once,
// whatever fails, whoever saves at the same time, and leave none behind.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { choose, saveSettings } from "../../dev/testing/settings_forms.ts";
import {
  findStoredQueue,
  listStoredQueues,
} from "../../slack/storage/queue_store.ts";

const QUEUES = 5;
/** 20 channels a queue may take its 10 intake channels from. */
const INTAKE = Array.from(
  { length: QUEUES * 20 },
  (_, i) => `CINTAKE${String(i).padStart(3, "0")}`,
);
const triageOf = (q: number) => `CTRIAGEQ${q}`;
/** Queue q's intake channels: ten of its own 20, from `offset` (≤ 10) on. */
const intakeOf = (q: number, offset = 0) =>
  INTAKE.slice(q * 20 + offset, q * 20 + offset + 10);

async function save(
  slack: FakeSlack,
  q: number,
  intake: string[],
): Promise<{ error?: string }> {
  const id = `queue-${q}`;
  const exists = await findStoredQueue(clientFor(slack), id);
  const dms = slack.workspace.dmsTo(PEOPLE.admin).length;
  const outcome = await saveSettings(slack, "queue", PEOPLE.admin, {
    name: `Queue ${q}`,
    triage_channel: triageOf(q),
    intake_channels: intake,
    owner: PEOPLE.admin,
  }, exists ? id : choose.newQueue);
  if (!outcome.done) {
    return { error: Object.values(outcome.errors).join(" ") || outcome.told };
  }
  // Saved; a failure to bring the triggers in step is said in the DM.
  const dm = slack.workspace.dmsTo(PEOPLE.admin).slice(dms).at(-1)?.text ?? "";
  return /:warning: Its :ticket:/.test(dm) ? { error: dm } : {};
}

/** Every intake and triage channel of the stored queues, watched once. */
async function assertTriggersMatchQueues(slack: FakeSlack) {
  const queues = await listStoredQueues(clientFor(slack));
  const intake = queues.flatMap((q) => q.intake_channels).sort();
  const triage = [...new Set([TRIAGE, ...queues.map((q) => q.triage_channel)])]
    .sort();
  assert.deepEqual(slack.watchedChannels("message_to_ticket"), intake);
  // Replies in the same channels' threads: the requester's side.
  assert.deepEqual(slack.watchedChannels("requester_message"), intake);
  assert.deepEqual(slack.watchedChannels("card_reaction"), triage);
  for (
    const workflow of [
      "message_to_ticket",
      "requester_message",
      "card_reaction",
    ]
  ) {
    for (const trigger of slack.triggersFor(workflow)) {
      const { channel_ids } = trigger.event as { channel_ids: string[] };
      assert.ok(channel_ids.length >= 1 && channel_ids.length <= 20);
    }
  }
}

/** Which trigger watches each intake channel. */
function shardOfChannel(slack: FakeSlack): Map<string, string> {
  return new Map(
    slack.triggersFor("message_to_ticket").flatMap((t) =>
      (t.event as { channel_ids: string[] }).channel_ids.map((c) => [c, t.id])
    ),
  );
}

Deno.test("reaction triggers follow 50 intake channels across 5 queues", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  for (
    const id of [
      ...INTAKE,
      ...Array.from({ length: QUEUES }, (_, q) => triageOf(q)),
    ]
  ) {
    slack.workspace.channels.set(id, {
      id,
      name: id.toLowerCase(),
      is_private: false,
      members: new Set(),
    });
  }

  await t.step(
    "5 queues of 10: three intake triggers, each channel once",
    async () => {
      for (let q = 0; q < QUEUES; q++) {
        const result = await save(slack, q, intakeOf(q));
        assert.equal(result.error, undefined, `queue ${q}`);
      }
      const intake = slack.triggersFor("message_to_ticket");
      assert.deepEqual(
        intake.map((tr) =>
          (tr.event as { channel_ids: string[] }).channel_ids.length
        ),
        [20, 20, 10],
      );
      assert.equal(slack.triggersFor("card_reaction").length, 1);
      await assertTriggersMatchQueues(slack);
      // Slack would have refused one trigger for all 50.
      assert.equal(
        slack.calls.filter((c) => c.response.error === "invalid_arguments")
          .length,
        0,
      );
    },
  );

  await t.step(
    "changing a queue's channels moves no other channel",
    async () => {
      const before = shardOfChannel(slack);
      const result = await save(slack, 1, intakeOf(1, 5)); // 5 kept, 5 new
      assert.equal(result.error, undefined);
      const after = shardOfChannel(slack);
      for (const [channel, trigger] of after) {
        if (before.has(channel)) {
          assert.equal(
            trigger,
            before.get(channel),
            channel,
          );
        }
      }
      await assertTriggersMatchQueues(slack);
    },
  );

  await t.step("emptied triggers are deleted, none left behind", async () => {
    for (let q = 1; q < QUEUES; q++) {
      assert.equal((await save(slack, q, [])).error, undefined);
    }
    await assertTriggersMatchQueues(slack);
    assert.equal(slack.watchedChannels("message_to_ticket").length, 10);
    assert.ok(slack.triggersFor("message_to_ticket").length <= 2);
    assert.equal((await save(slack, 0, [])).error, undefined);
    assert.deepEqual(slack.triggersFor("message_to_ticket"), []);
    assert.deepEqual(slack.triggersFor("requester_message"), []);
    // Back to 50 for what follows.
    for (let q = 0; q < QUEUES; q++) await save(slack, q, intakeOf(q));
    await assertTriggersMatchQueues(slack);
  });

  await t.step(
    "a failure at any trigger call, then saving again, settles",
    async () => {
      const orphan = (id: string) =>
        slack.triggers.set(id, {
          id,
          type: "event",
          name: "Helpdesk tickets by reaction",
          workflow: "#/workflows/message_to_ticket",
          event: {
            event_type: "slack#/events/reaction_added",
            channel_ids: ["CGONE"],
          },
          owner: "app",
        });
      const cases: Array<[string, () => void]> = [
        ["workflows.triggers.list", () => {}],
        // Deleted by hand: its channels need a new trigger.
        [
          "workflows.triggers.create",
          () =>
            slack.triggers.delete(slack.triggersFor("message_to_ticket")[0].id),
        ],
        ["workflows.triggers.update", () => {}],
        // Left by an older version, watching a channel no queue has.
        ["workflows.triggers.delete", () => orphan("Ft0ORPHAN")],
      ];
      for (const [method, stage] of cases) {
        stage();
        slack.fail({ method, error: "internal_error" });
        slack.clearCalls();
        const failed = await save(slack, 2, intakeOf(2));
        assert.match(String(failed.error), /internal_error/, method);
        assert.ok(
          slack.callsTo(method).some((c) =>
            c.response.error === "internal_error"
          ),
        );
        assert.match(
          slack.workspace.dmsTo(PEOPLE.admin).at(-1)!.text,
          /internal_error/,
        );
        const retried = await save(slack, 2, intakeOf(2));
        assert.equal(retried.error, undefined, method);
        await assertTriggersMatchQueues(slack);
      }
      assert.equal(slack.triggers.has("Ft0ORPHAN"), false);
    },
  );
  await t.step(
    "both codes for a vanished trigger mean gone; others are logged",
    async () => {
      for (const code of ["trigger_not_found", "trigger_does_not_exist"]) {
        const [first] = slack.triggersFor("message_to_ticket");
        // Listed, then gone by the time it is updated.
        slack.fail({
          method: "workflows.triggers.update",
          error: code,
          when: (args) => args.trigger_id === first.id,
        });
        slack.triggers.delete(first.id);
        slack.fail({
          method: "workflows.triggers.list",
          answer: listed(slack, first),
        });
        const result = await save(slack, 0, intakeOf(0));
        assert.equal(result.error, undefined, code);
        await assertTriggersMatchQueues(slack);
      }
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args.join(" "));
      try {
        slack.fail({
          method: "workflows.triggers.update",
          error: "trigger_locked",
        });
        const result = await save(slack, 0, intakeOf(0));
        assert.match(String(result.error), /trigger_locked/);
      } finally {
        console.warn = warn;
      }
      assert.ok(
        warnings.some((w) =>
          /workflows\.triggers\.update answered "trigger_locked"/.test(w)
        ),
        warnings.join("\n"),
      );
      assert.equal((await save(slack, 0, intakeOf(0))).error, undefined);
      await assertTriggersMatchQueues(slack);
    },
  );

  await t.step("two queues saved at the same instant, 40 rounds", async () => {
    slack.latencyMs = 1;
    let unsettled = 0;
    for (let round = 0; round < 40; round++) {
      const a = 1 + (round % 2);
      const b = 3 + (round % 2);
      const jitter = () =>
        new Promise((r) => setTimeout(r, Math.random() * 15));
      const offset = (round % 3) * 5;
      const results = await Promise.all([
        jitter().then(() => save(slack, a, intakeOf(a, offset))),
        jitter().then(() =>
          save(slack, b, round % 4 === 0 ? [] : intakeOf(b, offset))
        ),
      ]);
      for (const result of results) assert.equal(result.error, undefined);
      try {
        await assertTriggersMatchQueues(slack);
      } catch (error) {
        unsettled++;
        throw error;
      }
    }
    slack.latencyMs = 0;
    assert.equal(unsettled, 0);
  });
});

/** The app's triggers as workflows.triggers.list answers, plus `gone`. */
function listed(slack: FakeSlack, gone: { id: string; event?: unknown }) {
  const { channel_ids } = gone.event as { channel_ids: string[] };
  const triggers = [...slack.triggers.values()].map((t) => ({
    id: t.id,
    type: t.type,
    workflow: { callback_id: t.workflow.replace("#/workflows/", "") },
    ...(t.event
      ? { channel_ids: (t.event as { channel_ids?: string[] }).channel_ids }
      : {}),
  }));
  triggers.push({
    id: gone.id,
    type: "event",
    workflow: { callback_id: "message_to_ticket" },
    channel_ids,
  });
  return { triggers, response_metadata: { next_cursor: "" } };
}
