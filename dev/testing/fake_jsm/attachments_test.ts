import assert from "node:assert/strict";
import { startFakeJsm } from "./server.ts";

Deno.test("the fake JSM takes attachments in JSM's two steps", async (t) => {
  await using jsm = await startFakeJsm();
  const auth = `Basic ${btoa(`${jsm.options.email}:${jsm.options.apiToken}`)}`;
  const created = await fetch(`${jsm.baseUrl}/rest/servicedeskapi/request`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify({
      serviceDeskId: "1",
      requestTypeId: "10",
      requestFieldValues: { summary: "Printer", description: "d" },
    }),
  });
  await created.body?.cancel();
  const bytes = new TextEncoder().encode("log lines");
  const temporary = async (
    name: string,
    headers: Record<string, string> = { "x-atlassian-token": "no-check" },
  ) => {
    const form = new FormData();
    form.append("file", new File([bytes], name, { type: "text/plain" }));
    const r = await fetch(
      `${jsm.baseUrl}/rest/servicedeskapi/servicedesk/1/attachTemporaryFile`,
      {
        method: "POST",
        headers: { authorization: auth, ...headers },
        body: form,
      },
    );
    const text = await r.text();
    return { status: r.status, text, json: safeJson(text) };
  };
  const attach = async (ids: string[], isPublic: boolean) => {
    const r = await fetch(
      `${jsm.baseUrl}/rest/servicedeskapi/request/IT-1/attachment`,
      {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify({ temporaryAttachmentIds: ids, public: isPublic }),
      },
    );
    return { status: r.status, json: await r.json() };
  };

  await t.step("without X-Atlassian-Token it is Jira's XSRF 403", async () => {
    const r = await temporary("log.txt", {});
    assert.equal(r.status, 403);
    assert.equal(r.text, "XSRF check failed");
  });

  await t.step("a temporary file becomes an internal attachment", async () => {
    const up = await temporary("log.txt");
    assert.equal(up.status, 201);
    const [{ temporaryAttachmentId, fileName }] = up.json.temporaryAttachments;
    assert.equal(fileName, "log.txt");
    const r = await attach([temporaryAttachmentId], false);
    assert.equal(r.status, 201);
    assert.equal(r.json.attachments.values[0].filename, "log.txt");
    assert.equal(r.json.comment.public, false);
    const [kept] = jsm.desk.attachments.byRequest.get("IT-1")!;
    assert.equal(kept.public, false);
    assert.deepEqual(kept.bytes, bytes);
    const again = await attach([temporaryAttachmentId], false);
    assert.equal(again.status, 400);
    assert.match(again.json.errorMessage, /does not exist/);
  });

  await t.step("the content comes back from the platform API", async () => {
    const [kept] = jsm.desk.attachments.byRequest.get("IT-1")!;
    const r = await fetch(
      `${jsm.baseUrl}/rest/api/3/attachment/content/${kept.id}?redirect=false`,
      { headers: { authorization: auth } },
    );
    assert.deepEqual(new Uint8Array(await r.arrayBuffer()), bytes);
    // Without redirect=false, Jira sends the client to its media host.
    const away = await fetch(
      `${jsm.baseUrl}/rest/api/3/attachment/content/${kept.id}`,
      { headers: { authorization: auth }, redirect: "manual" },
    );
    await away.body?.cancel();
    assert.equal(away.status, 303);
  });

  await t.step(
    "an add whose answer is lost attached all the same",
    async () => {
      jsm.fail(/\/request\/IT-1\/attachment$/, {
        status: 500,
        method: "POST",
        afterEffect: true,
      });
      const up = await temporary("lost.txt");
      const [{ temporaryAttachmentId }] = up.json.temporaryAttachments;
      const r = await attach([temporaryAttachmentId], true);
      assert.equal(r.status, 500);
      const [call] = jsm.callsTo(
        "POST",
        "/rest/servicedeskapi/request/IT-1/attachment",
      )
        .slice(-1);
      assert.equal(call.tookEffect, true);
      const listed = await fetch(
        `${jsm.baseUrl}/rest/servicedeskapi/request/IT-1/attachment`,
        { headers: { authorization: auth } },
      );
      const names = (await listed.json()).values.map((
        a: { filename: string; size: number },
      ) => `${a.filename}:${a.size}`);
      assert.deepEqual(names, ["log.txt:9", "lost.txt:9"]);
      // A failure staged without afterEffect changes nothing.
      jsm.fail(/\/request\/IT-1\/attachment$/, { status: 503, method: "POST" });
      const next = await temporary("never.txt");
      const refused = await attach(
        [next.json.temporaryAttachments[0].temporaryAttachmentId],
        true,
      );
      assert.equal(refused.status, 503);
      assert.equal(jsm.desk.attachments.byRequest.get("IT-1")!.length, 2);
    },
  );

  await t.step("too large, a refused type, attachments off", async () => {
    jsm.desk.attachments.maxBytes = 3;
    const big = await temporary("big.txt");
    assert.equal(big.status, 413);
    assert.match(big.json.errorMessage, /limit is 3 bytes/);
    jsm.desk.attachments.maxBytes = 1024;
    jsm.desk.attachments.refusedExtensions = ["exe"];
    const exe = await temporary("setup.exe");
    assert.equal(exe.status, 400);
    assert.match(exe.json.errorMessage, /\.exe are not allowed/);
    jsm.desk.attachments.enabled = false;
    assert.equal((await temporary("a.txt")).status, 403);
  });
});

function safeJson(text: string): ReturnType<typeof JSON.parse> {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
