import assert from "node:assert/strict";
import { SlackAPI } from "deno-slack-sdk/mod.ts";
import { FakeSlack } from "./server.ts";
import { BOT_USER_ID } from "./workspace.ts";

Deno.test("the fake Slack API keeps files as Slack does", async (t) => {
  await using slack = await FakeSlack.start({
    workspace: {
      users: [{ id: "U1", name: "one" }],
      channels: [
        { id: "C1", name: "in", is_private: false, members: [BOT_USER_ID] },
        { id: "G1", name: "secret", is_private: true, members: ["U1"] },
      ],
    },
    scopes: ["chat:write", "files:read", "files:write", "channels:history"],
  });
  const client = SlackAPI("xoxb-test", { slackApiUrl: slack.apiUrl });
  const ws = slack.workspace;
  const bytes = new TextEncoder().encode("printer log");

  const upload = async (
    name: string,
    body: Uint8Array,
    length = body.length,
  ) => {
    const got = await client.apiCall("files.getUploadURLExternal", {
      filename: name,
      length,
    });
    assert.equal(got.ok, true, String(got.error));
    const posted = await fetch(String(got.upload_url), {
      method: "POST",
      body: body.slice(),
    });
    await posted.body?.cancel();
    return { id: String(got.file_id), status: posted.status };
  };

  await t.step("an upload is shared in a thread with one message", async () => {
    const parent = ws.postAs("U1", "C1", "help");
    const { id, status } = await upload("log.txt", bytes);
    assert.equal(status, 200);
    const done = await client.apiCall("files.completeUploadExternal", {
      files: [{ id, title: "log.txt" }],
      channel_id: "C1",
      thread_ts: parent.ts,
      initial_comment: "From the requester",
    });
    assert.equal(done.ok, true, String(done.error));
    const [reply] = ws.repliesTo("C1", parent.ts);
    assert.equal(reply.text, "From the requester");
    assert.deepEqual(reply.files?.map((f) => [f.id, f.name, f.size]), [
      [id, "log.txt", bytes.length],
    ]);
    const replies = await client.conversations.replies({
      channel: "C1",
      ts: parent.ts,
    });
    assert.equal(replies.messages[1].files[0].id, id);
    // The answer came before the share, as Slack's often does.
    assert.deepEqual(done.files[0].channels, []);
    assert.deepEqual(done.files[0].shares, {});
    // files.info names the channel and the share's thread.
    const info = await client.apiCall("files.info", { file: id });
    assert.deepEqual(info.file.channels, ["C1"]);
    assert.deepEqual(
      info.file.shares.public.C1.map((s: { ts: string; thread_ts: string }) => [
        s.ts,
        s.thread_ts,
      ]),
      [[reply.ts, parent.ts]],
    );
  });

  await t.step(
    "with a share delay, the thread shows the file later",
    async () => {
      ws.files.shareDelayMs = 80;
      const parent = ws.postAs("U1", "C1", "later");
      const { id } = await upload("late.txt", bytes);
      await client.apiCall("files.completeUploadExternal", {
        files: [{ id }],
        channel_id: "C1",
        thread_ts: parent.ts,
      });
      const early = await client.apiCall("files.info", { file: id });
      assert.deepEqual(early.file.channels, []);
      assert.equal(ws.repliesTo("C1", parent.ts).length, 0);
      await new Promise((r) => setTimeout(r, 100));
      const late = await client.apiCall("files.info", { file: id });
      assert.deepEqual(late.file.channels, ["C1"]);
      assert.equal(ws.repliesTo("C1", parent.ts).length, 1);
      ws.files.shareDelayMs = 0;
    },
  );

  await t.step(
    "a team's upload settings refuse with Slack's codes",
    async () => {
      const ask = (filename: string) =>
        client.apiCall("files.getUploadURLExternal", { filename, length: 3 });
      ws.files.uploadPolicy = "none";
      assert.equal((await ask("a.png")).error, "file_uploads_disabled");
      ws.files.uploadPolicy = "images_only";
      assert.equal(
        (await ask("a.txt")).error,
        "file_uploads_except_images_disabled",
      );
      assert.equal((await ask("a.png")).ok, true);
      ws.files.uploadPolicy = "all";
      ws.files.allowedTypes = ["png"];
      const { id } = await upload("notes.txt", bytes);
      const refused = await client.apiCall("files.completeUploadExternal", {
        files: [{ id }],
        channel_id: "C1",
      });
      assert.equal(refused.error, "file_type_not_allowed");
      ws.files.allowedTypes = undefined;
    },
  );

  await t.step("files.delete: the app's own files only", async () => {
    const parent = ws.postAs("U1", "C1", "to delete");
    const { id } = await upload("gone.txt", bytes);
    await client.apiCall("files.completeUploadExternal", {
      files: [{ id }],
      channel_id: "C1",
      thread_ts: parent.ts,
    });
    assert.equal((await client.apiCall("files.delete", { file: id })).ok, true);
    assert.equal(
      (await client.apiCall("files.delete", { file: id })).error,
      "file_deleted",
    );
    assert.equal(
      (await client.apiCall("files.info", { file: id })).error,
      "file_deleted",
    );
    const [reply] = ws.repliesTo("C1", parent.ts);
    assert.equal(reply.files?.[0].mode, "tombstone");
    const theirs = ws.postAs("U1", "C1", "mine", undefined, [
      { name: "theirs.txt", bytes },
    ]).files![0];
    assert.equal(
      (await client.apiCall("files.delete", { file: theirs.id })).error,
      "cant_delete_file",
    );
    assert.equal(
      (await client.apiCall("files.delete", { file: "FNOPE" })).error,
      "file_not_found",
    );
  });

  await t.step("a file field takes files of at most 10 MB", () => {
    assert.throws(
      () =>
        ws.files.add("U1", {
          name: "huge.log",
          bytes: new Uint8Array(10 * 1024 * 1024 + 1),
        }, { grantedToApp: true }),
      /at most 10 MB/,
    );
  });

  await t.step("a completed upload can't be completed again", async () => {
    const { id } = await upload("again.txt", bytes);
    const args = { files: [{ id }], channel_id: "C1" };
    assert.equal(
      (await client.apiCall("files.completeUploadExternal", args)).ok,
      true,
    );
    const second = await client.apiCall("files.completeUploadExternal", args);
    assert.equal(second.error, "file_not_found");
  });

  await t.step("a file never uploaded is file_not_found", async () => {
    const got = await client.apiCall("files.getUploadURLExternal", {
      filename: "x.txt",
      length: 3,
    });
    const r = await client.apiCall("files.completeUploadExternal", {
      files: [{ id: got.file_id }],
      channel_id: "C1",
    });
    assert.equal(r.error, "file_not_found");
    assert.equal(
      (await client.apiCall("files.info", { file: "FNOPE" })).error,
      "file_not_found",
    );
  });

  await t.step(
    "bytes other than the length asked for are refused",
    async () => {
      const { status } = await upload("short.txt", bytes, bytes.length + 1);
      assert.equal(status, 400);
    },
  );

  await t.step("size limits: zero, and over the team's limit", async () => {
    const zero = await client.apiCall("files.getUploadURLExternal", {
      filename: "empty.txt",
      length: 0,
    });
    assert.equal(zero.error, "missing_argument");
    ws.files.maxUploadBytes = 10;
    const big = await client.apiCall("files.getUploadURLExternal", {
      filename: "big.txt",
      length: 11,
    });
    assert.equal(big.error, "file_upload_size_restricted");
    ws.files.maxUploadBytes = 1024 ** 3;
  });

  await t.step("a user id is no channel_id", async () => {
    const { id } = await upload("to-user.txt", bytes);
    const r = await client.apiCall("files.completeUploadExternal", {
      files: [{ id }],
      channel_id: "U1",
    });
    assert.equal(r.error, "invalid_arguments");
  });

  await t.step("sharing where the bot is not is refused", async () => {
    const { id } = await upload("x.txt", bytes);
    const r = await client.apiCall("files.completeUploadExternal", {
      files: [{ id }],
      channel_id: "G1",
    });
    assert.equal(r.error, "channel_not_found");
  });

  await t.step(
    "a person's file downloads with the bot token only",
    async () => {
      const message = ws.postAs("U1", "C1", "see", undefined, [
        { name: "shot.png", mimetype: "image/png", bytes },
      ]);
      const file = message.files![0];
      const info = await client.apiCall("files.info", { file: file.id });
      assert.equal(info.file.mimetype, "image/png");
      const withToken = await fetch(file.url_private_download, {
        headers: { authorization: "Bearer xoxb-test" },
      });
      assert.deepEqual(new Uint8Array(await withToken.arrayBuffer()), bytes);
      const without = await fetch(file.url_private_download);
      assert.match(String(without.headers.get("content-type")), /text\/html/);
      await without.body?.cancel();
    },
  );

  await t.step("a file in a private channel the bot is not in", async () => {
    const message = ws.postAs("U1", "G1", "secret", undefined, [
      { name: "s.txt", bytes },
    ]);
    const file = message.files![0];
    const info = await client.apiCall("files.info", { file: file.id });
    assert.equal(info.error, "file_not_found");
    const r = await fetch(file.url_private_download, {
      headers: { authorization: "Bearer xoxb-test" },
    });
    assert.match(String(r.headers.get("content-type")), /text\/html/);
    await r.body?.cancel();
  });

  await t.step("a file field's max_files is 1 to 10", async () => {
    const view = (max: number) => ({
      type: "modal",
      title: { type: "plain_text", text: "Form" },
      blocks: [{
        type: "input",
        block_id: "files",
        label: { type: "plain_text", text: "Files" },
        element: { type: "file_input", action_id: "files", max_files: max },
      }],
    });
    const trigger = ws.pointers.issue("trigger-files");
    const r = await client.apiCall("views.open", {
      trigger_id: trigger,
      view: view(11),
    });
    assert.equal(r.error, "invalid_arguments");
  });

  await t.step("a download needs files:read", async () => {
    const file = ws.postAs("U1", "C1", "see", undefined, [
      { name: "s.txt", bytes },
    ]).files![0];
    slack.grantScopes(["chat:write", "files:write", "channels:history"]);
    const r = await fetch(file.url_private_download, {
      headers: { authorization: "Bearer xoxb-test" },
    });
    assert.match(String(r.headers.get("content-type")), /text\/html/);
    await r.body?.cancel();
    slack.grantScopes(
      ["chat:write", "files:read", "files:write", "channels:history"],
    );
  });

  await t.step("file methods need the files scopes", async () => {
    slack.grantScopes(["chat:write"]);
    const r = await client.apiCall("files.getUploadURLExternal", {
      filename: "a.txt",
      length: 1,
    });
    assert.equal(r.error, "missing_scope");
    assert.equal(r.needed, "files:write");
  });
});
