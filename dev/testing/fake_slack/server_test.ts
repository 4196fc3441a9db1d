import assert from "node:assert/strict";
import { SlackAPI } from "deno-slack-sdk/mod.ts";
import { FakeSlack } from "./server.ts";
import { BOT_USER_ID } from "./workspace.ts";

Deno.test("the fake Slack API answers like Slack", async (t) => {
  await using slack = await FakeSlack.start({
    workspace: {
      users: [{ id: "U1", name: "one" }],
      channels: [
        {
          id: "C1",
          name: "in",
          is_private: false,
          members: [BOT_USER_ID, "U1"],
        },
        { id: "C2", name: "out", is_private: false, members: ["U1"] },
      ],
    },
    scopes: ["chat:write"],
  });
  const client = SlackAPI("xoxb-test", { slackApiUrl: slack.apiUrl });

  await t.step("Block Kit over Slack's limits is invalid_blocks", async () => {
    const header = {
      type: "header",
      text: { type: "plain_text", text: "x".repeat(151) },
    };
    const r = await client.chat.postMessage({
      channel: "C1",
      blocks: [header],
    });
    assert.equal(r.ok, false);
    assert.equal(r.error, "invalid_blocks");
    assert.equal(
      String(r.response_metadata?.messages?.[0]),
      "must be less than 151 characters [json-pointer:/blocks/0/text/text]",
    );
  });

  await t.step(
    "a section over 3,000 characters and text over 40,000 are refused",
    async () => {
      const section = (text: string) => ({
        channel: "C1",
        text: "x",
        blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
      });
      assert.equal(
        (await client.chat.postMessage(section("y".repeat(3000)))).ok,
        true,
      );
      const r = await client.chat.postMessage(section("y".repeat(3001)));
      assert.equal(r.error, "invalid_blocks");
      assert.deepEqual(r.response_metadata?.messages, [
        "must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
      ]);
      const long = await client.chat.postMessage({
        channel: "C1",
        text: "z".repeat(40_001),
      });
      assert.equal(long.error, "msg_too_long");
    },
  );

  await t.step(
    "not_in_channel, and missing_scope with needed/provided",
    async () => {
      assert.equal(
        (await client.chat.postMessage({ channel: "C2", text: "hi" })).error,
        "not_in_channel",
      );
      const r = await client.apiCall("usergroups.users.list", {
        usergroup: "S1",
      });
      assert.equal(r.error, "missing_scope");
      assert.equal(r.needed, "usergroups:read");
      assert.equal(r.provided, "chat:write");
    },
  );

  await t.step(
    "chat.update edits only the bot's own messages, within the edit window",
    async () => {
      const update = (channel: string, ts: string) =>
        client.chat.update({ channel, ts, text: "edited" });
      const own = await client.chat.postMessage({ channel: "C1", text: "a" });
      const theirs = slack.workspace.postAs("U1", "C1", "b").ts;
      const eph = await client.chat.postEphemeral({
        channel: "C1",
        user: "U1",
        text: "c",
      });
      assert.equal((await update("C1", theirs)).error, "cant_update_message");
      assert.equal(
        (await update("C1", String(eph.message_ts))).error,
        "message_not_found",
      );
      assert.equal(
        (await update("U1", String(own.ts))).error,
        "channel_not_found",
      );
      assert.equal((await update("C1", String(own.ts))).ok, true);
      slack.workspace.editWindowSeconds = 0;
      assert.equal(
        (await update("C1", String(own.ts))).error,
        "edit_window_closed",
      );
      slack.workspace.editWindowSeconds = undefined;
    },
  );

  await t.step("rate limits arrive as HTTP 429 with Retry-After", async () => {
    slack.fail({
      method: "chat.postMessage",
      status: 429,
      retryAfterSeconds: 3,
    });
    const error = await client.chat.postMessage({ channel: "C1", text: "hi" })
      .then(
        () => undefined,
        (e) => e,
      );
    assert.equal(error.status, 429);
    assert.equal(error.headers.get("retry-after"), "3");
  });

  await t.step(
    "sequential round trips are counted from call timings",
    async () => {
      slack.latencyMs = 30;
      slack.clearCalls();
      await Promise.all([
        client.chat.postMessage({ channel: "C1", text: "a" }),
        client.chat.postMessage({ channel: "C1", text: "b" }),
      ]);
      await client.chat.postMessage({ channel: "C1", text: "c" });
      assert.equal(slack.calls.length, 3);
      assert.equal(slack.sequentialRounds(), 2);
    },
  );
});

Deno.test("the fake refuses a view whose initial choice is not offered", async () => {
  await using slack = await FakeSlack.start({});
  const client = SlackAPI("xoxb-test", { slackApiUrl: slack.apiUrl });
  const option = (value: string) => ({
    text: { type: "plain_text", text: value },
    value,
  });
  const view = (initial: unknown, metadata = "") => ({
    type: "modal",
    title: { type: "plain_text", text: "Test" },
    private_metadata: metadata,
    blocks: [{
      type: "input",
      block_id: "b",
      label: { type: "plain_text", text: "Pick" },
      element: {
        type: "static_select",
        action_id: "b",
        options: [option("a"), option("b")],
        initial_option: initial,
      },
    }],
  });
  const open = (v: unknown) =>
    client.apiCall("views.open", { trigger_id: "1.2.3", view: v });
  assert.equal((await open(view(option("a")))).ok, true);
  const stray = await open(view(option("c")));
  assert.equal(stray.error, "invalid_blocks");
  assert.match(String(stray.response_metadata?.messages), /initial option c/);
  const long = await open(view(option("a"), "x".repeat(3001)));
  assert.match(String(long.response_metadata?.messages), /private_metadata/);
});

Deno.test("history bounds, cursors and metadata as Slack takes them", async (t) => {
  await using slack = await FakeSlack.start({
    workspace: {
      users: [{ id: "U1", name: "one" }],
      channels: [
        { id: "C1", name: "in", is_private: false, members: [BOT_USER_ID] },
      ],
    },
  });
  const client = SlackAPI("xoxb-test", { slackApiUrl: slack.apiUrl });
  const metadata = { event_type: "kind", event_payload: { id: "1" } };
  const posted = await client.chat.postMessage({
    channel: "C1",
    text: "with metadata",
    metadata,
  });
  const history = (args: Record<string, unknown>) =>
    client.conversations.history({
      channel: "C1",
      include_all_metadata: true,
      ...args,
    });

  await t.step("bad bounds and cursors are refused by name", async () => {
    assert.equal(
      (await history({ oldest: "yesterday" })).error,
      "invalid_ts_oldest",
    );
    assert.equal(
      (await history({ latest: "1.2.3" })).error,
      "invalid_ts_latest",
    );
    assert.equal(
      (await history({ cursor: "bm90IG1pbmU=" })).error,
      "invalid_cursor",
    );
    const inside = await history({ oldest: "1", latest: "99999999999" });
    assert.equal(inside.messages.length, 1);
  });

  await t.step(
    "chat.update keeps metadata unless given; {} removes it",
    async () => {
      const edit = (extra: Record<string, unknown>) =>
        client.chat.update({
          channel: "C1",
          ts: posted.ts,
          text: "edited",
          ...extra,
        });
      await edit({});
      assert.deepEqual((await history({})).messages[0].metadata, metadata);
      await edit({ metadata: {} });
      assert.equal((await history({})).messages[0].metadata, undefined);
    },
  );
});
