import assert from "node:assert/strict";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { JsmClient } from "./jsm_client.ts";
import { createRequest } from "./customer_requests.ts";
import { mayHaveLanded } from "./jsm_errors.ts";
import {
  addAttachments,
  requestAttachments,
  uploadTemporaryFile,
} from "./request_attachments.ts";

const ADD = /^\/rest\/servicedeskapi\/request\/[^/]+\/attachment$/;
const bytes = new TextEncoder().encode("printer: paper jam at tray 2");

Deno.test("a request's attachments, added in two steps and listed", async (t) => {
  await using jsm = await startFakeJsm();
  const client = new JsmClient(jsm.apiTokenConfig(), {
    sleep: () => Promise.resolve(),
  });
  const { issueKey } = await createRequest(client, {
    helpdeskKey: "HD-7K3QX2",
    summary: "Printer",
    description: "It jams.",
  });
  const upload = (name: string) =>
    uploadTemporaryFile(client, { name, type: "text/plain", bytes });

  await t.step("an added file is listed with its name and size", async () => {
    const ids = await addAttachments(
      client,
      issueKey,
      await upload("a.log"),
      true,
    );
    const listed = await requestAttachments(client, issueKey);
    assert.deepEqual(
      listed.map((a) => [a.id, a.filename, a.size]),
      [[ids[0], "a.log", bytes.length]],
    );
  });

  await t.step(
    "an add whose answer is lost may have landed: it did",
    async () => {
      jsm.fail(ADD, { status: 500, method: "POST", afterEffect: true });
      const error = await addAttachments(
        client,
        issueKey,
        await upload("b.log"),
        true,
      ).then(() => undefined, (e) => e);
      assert.ok(error, "the lost answer is a failure");
      assert.equal(mayHaveLanded(error), true);
      // Not resent: a second add would attach it twice.
      assert.equal(jsm.callsTo("POST", ADD).length, 2);
      const names = (await requestAttachments(client, issueKey)).map((a) =>
        a.filename
      );
      assert.deepEqual(names, ["a.log", "b.log"]);
    },
  );

  await t.step("a refused add changed nothing, and says so", async () => {
    const error = await addAttachments(client, issueKey, ["temp-none"], true)
      .then(() => undefined, (e) => e);
    assert.equal(error?.status, 400);
    assert.equal(mayHaveLanded(error), false);
  });

  await t.step("no answer in time may have landed; a 429 did not", async () => {
    const impatient = new JsmClient(jsm.apiTokenConfig(), {
      perAttemptTimeoutMs: 100,
      sleep: () => Promise.resolve(),
    });
    const temporary = await upload("c.log");
    jsm.slowOnce(ADD, 1_000, "POST");
    const timedOut = await addAttachments(impatient, issueKey, temporary, true)
      .then(() => undefined, (e) => e);
    assert.equal(timedOut?.code, "timeout");
    assert.equal(mayHaveLanded(timedOut), true);
    // JSM asks for a wait longer than any run sleeps: given up, not made.
    jsm.fail(ADD, { status: 429, method: "POST", retryAfter: 60 });
    const limited = await addAttachments(
      client,
      issueKey,
      await upload("d.log"),
      true,
    ).then(() => undefined, (e) => e);
    assert.equal(limited?.code, "gave_up");
    assert.equal(mayHaveLanded(limited), false);
    const names = (await requestAttachments(client, issueKey)).map((a) =>
      a.filename
    );
    assert.deepEqual(names, ["a.log", "b.log", "c.log"]);
  });

  await t.step("every page is read, not only the first", async () => {
    for (let i = 0; i < 130; i++) {
      jsm.desk.attachments.addByAgent(issueKey, {
        filename: `shot-${i}.png`,
        mimeType: "image/png",
        bytes,
      }, { authorAccountId: "557058:agent" });
    }
    const listed = await requestAttachments(client, issueKey);
    assert.equal(listed.length, 133);
    assert.equal(listed.at(-1)?.filename, "shot-129.png");
    const pages = jsm.callsTo("GET", ADD).slice(-2);
    assert.deepEqual(pages.map((c) => c.query.get("start")), ["0", "100"]);
  });
});
