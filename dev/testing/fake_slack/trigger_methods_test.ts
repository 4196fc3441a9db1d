import assert from "node:assert/strict";
import { SlackAPI } from "deno-slack-sdk/mod.ts";
import { FakeSlack } from "./server.ts";

const reactionTrigger = (channel_ids: string[], extra = {}) => ({
  type: "event",
  name: "Reactions",
  workflow: "#/workflows/card_reaction",
  event: {
    event_type: "slack#/events/reaction_added",
    channel_ids,
    ...extra,
  },
  inputs: {},
});

const channels = (n: number) =>
  Array.from({ length: n }, (_, i) => `C${String(i).padStart(3, "0")}`);

Deno.test("the fake Slack's triggers are as strict as Slack's", async (t) => {
  await using slack = await FakeSlack.start({
    scopes: ["triggers:write", "triggers:read"],
  });
  // deno-lint-ignore no-explicit-any
  const call = (method: string, args: Record<string, unknown>): any =>
    SlackAPI("xoxb-test", { slackApiUrl: slack.apiUrl }).apiCall(method, args);

  await t.step(
    "20 channels are fine; 21 are refused in Slack's words",
    async () => {
      const ok = await call(
        "workflows.triggers.create",
        reactionTrigger(channels(20)),
      );
      assert.equal(ok.ok, true);
      const id = ok.trigger.id;
      for (const method of ["create", "update"]) {
        const refused = await call(`workflows.triggers.${method}`, {
          ...reactionTrigger(channels(21)),
          ...(method === "update" ? { trigger_id: id } : {}),
        });
        assert.equal(refused.ok, false);
        assert.equal(refused.error, "invalid_arguments");
        assert.deepEqual(refused.response_metadata.messages, [
          "[ERROR] no more than 20 items allowed [json-pointer:/event/channel_ids]",
        ]);
      }
      const stored = slack.triggers.get(id)!.event as { channel_ids: string[] };
      assert.equal(
        stored.channel_ids.length,
        20,
        "the refused update changed nothing",
      );
      assert.equal(slack.triggers.size, 1);
    },
  );

  await t.step(
    "channel_ids: empty, missing, or with all_resources",
    async () => {
      for (
        const event of [
          { channel_ids: [] },
          { channel_ids: undefined },
          { channel_ids: ["C1"], all_resources: true },
        ]
      ) {
        const refused = await call(
          "workflows.triggers.create",
          reactionTrigger(["C1"], event),
        );
        assert.equal(refused.error, "invalid_arguments", JSON.stringify(event));
      }
      const everywhere = await call(
        "workflows.triggers.create",
        reactionTrigger(["C1"], {
          channel_ids: undefined,
          all_resources: true,
        }),
      );
      assert.equal(everywhere.ok, true);
    },
  );

  await t.step(
    "answers in Slack's trigger shape, lists the app's own, pages",
    async () => {
      slack.triggers.set("Ft0DEVELOPER", {
        ...reactionTrigger(["C1"]),
        id: "Ft0DEVELOPER",
        owner: "UDEVELOPER",
      });
      const seen: { id: string; workflow: { callback_id: string } }[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await call("workflows.triggers.list", {
          is_owner: true,
          limit: 1,
          ...(cursor ? { cursor } : {}),
        });
        assert.equal(page.ok, true);
        seen.push(...page.triggers);
        cursor = page.response_metadata.next_cursor || undefined;
        pages++;
      } while (cursor);
      assert.equal(pages, 2);
      assert.deepEqual(seen.map((t) => t.workflow.callback_id), [
        "card_reaction",
        "card_reaction",
      ]);
      assert.ok(!seen.some((t) => t.id === "Ft0DEVELOPER"));
      const [first] = seen as unknown as {
        event_type: string;
        channel_ids: string[];
      }[];
      assert.equal(first.event_type, "slack#/events/reaction_added");
      assert.equal(first.channel_ids.length, 20);
      const all = await call("workflows.triggers.list", {});
      assert.equal(all.triggers.length, 3, "without is_owner: everyone's");
      const bad = await call("workflows.triggers.list", { cursor: "!!" });
      assert.equal(bad.error, "invalid_cursor");
    },
  );

  await t.step(
    "a trigger that is gone, or not the app's, is not found",
    async () => {
      for (const id of ["Ft404", "Ft0DEVELOPER"]) {
        const updated = await call("workflows.triggers.update", {
          ...reactionTrigger(["C1"]),
          trigger_id: id,
        });
        assert.equal(updated.error, "trigger_not_found");
        const deleted = await call("workflows.triggers.delete", {
          trigger_id: id,
        });
        assert.equal(deleted.error, "trigger_not_found");
      }
      assert.ok(slack.triggers.has("Ft0DEVELOPER"));
    },
  );

  await t.step("listing needs triggers:read", async () => {
    slack.grantScopes(["triggers:write"]);
    const refused = await call("workflows.triggers.list", { is_owner: true });
    assert.equal(refused.error, "missing_scope");
    assert.equal(refused.needed, "triggers:read");
  });
});
