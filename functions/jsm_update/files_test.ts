import assert from "node:assert/strict";
import handler from "./handler.ts";
import { JSM_UPDATE_CALLBACK_ID } from "./definition.ts";
import {
  clientFor,
  functionContext,
  PEOPLE,
  startFakeSlack,
  storedTicket,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
  PEOPLE_TRIAGE,
} from "../../dev/testing/queue_fixtures.ts";
import {
  FAKE_CUSTOMER,
  startFakeJsm,
} from "../../dev/testing/fake_jsm/server.ts";
import {
  FILES_SCOPES,
  filesIn,
  JSM_AGENT,
  jsmFilesEnv,
  log,
  onlyTicket,
  react,
  shot,
  startJsmWithAgent,
  syncedKey,
  WEBHOOK_SECRET,
} from "../../dev/testing/file_fixtures.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";

Deno.test("attachments agents add in JSM reach Slack like comments", async (t) => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await using jsm = await startJsmWithAgent();
  await configureQueues(slack);
  const env = jsmFilesEnv(jsm);
  const ws = slack.workspace;
  const asked = ws.postAs(
    PEOPLE.requester,
    PEOPLE_INTAKE,
    "Printer jams",
    undefined,
    [{ name: "jam.png", mimetype: "image/png", bytes: shot }],
  );
  await react(slack, asked.ts, env);
  const opened = await onlyTicket(slack);
  const key = await syncedKey(slack, opened.id, env);
  const [own] = jsm.desk.attachments.byRequest.get(key)!;
  assert.equal(own.filename, "jam.png", "Helpdesk attached the requester's");
  const deliver = (inputs: Record<string, string>, extra = {}) =>
    handler(functionContext(JSM_UPDATE_CALLBACK_ID, slack, {
      secret: WEBHOOK_SECRET,
      issue_key: key,
      ...inputs,
    }, { ...env, ...extra }));
  const dm = () => ws.imWith(PEOPLE.requester).id;
  let ticket: Ticket = await storedTicket(slack, opened.id);
  assert.ok(ticket.copied_files?.includes(`jsm:${own.id}`));

  await t.step(
    "an agent's file reaches the requester and the card",
    async () => {
      const fix = jsm.desk.attachments.addByAgent(key, {
        filename: "driver.txt",
        mimeType: "text/plain",
        bytes: log,
      }, { authorAccountId: JSM_AGENT.accountId });
      const ran = await deliver({ attachment_ids: `${fix.id}, ${own.id}` });
      assert.equal(ran.error, undefined);
      assert.match(String(ran.outputs?.result), /1 of 1 attachments relayed/);
      assert.deepEqual(filesIn(slack, dm()), ["driver.txt"]);
      const card = ws.repliesTo(PEOPLE_TRIAGE, opened.card_ts!);
      const copy = card.find((m) =>
        m.files?.some((f) => f.name === "driver.txt")
      );
      assert.ok(copy, "copied into the card's thread");
      assert.match(copy.text, /Alex Agent added files/);
      // Helpdesk's own attachment (the requester's screenshot) never echoes.
      assert.equal(
        card.filter((m) => m.files?.some((f) => f.name === "jam.png")).length,
        1,
      );
      // Read from the site itself, without the media host's redirect.
      const reads = jsm.calls.filter((c) =>
        c.path.startsWith("/rest/api/3/attachment/content/")
      );
      assert.ok(reads.length > 0);
      assert.ok(reads.every((c) => c.query.get("redirect") === "false"));
      ticket = await storedTicket(slack, opened.id);
      assert.ok(ticket.copied_files?.includes(`jsm:${fix.id}`));
    },
  );

  await t.step("a redelivery, or the id again, copies nothing", async () => {
    const before = filesIn(slack, dm()).length;
    const [fix] = jsm.desk.attachments.byRequest.get(key)!.slice(-1);
    await deliver({ attachment_ids: fix.id });
    await deliver({ attachment_ids: `${fix.id},${fix.id}` });
    assert.equal(filesIn(slack, dm()).length, before);
  });

  await t.step(
    "internal files, and another request's, go nowhere",
    async () => {
      const before = ws.messages.length;
      const note = jsm.desk.attachments.addByAgent(key, {
        filename: "internal.txt",
        mimeType: "text/plain",
        bytes: log,
      }, { authorAccountId: JSM_AGENT.accountId, public: false });
      const internal = await deliver({
        attachment_ids: note.id,
        attachment_public: "false",
      });
      assert.match(String(internal.outputs?.result), /internal attachments/);
      const elsewhere = jsm.desk.attachments.addByAgent("IT-999", {
        filename: "other.txt",
        mimeType: "text/plain",
        bytes: log,
      }, { authorAccountId: JSM_AGENT.accountId });
      const stranger = await deliver({ attachment_ids: elsewhere.id });
      assert.match(String(stranger.outputs?.result), /0 of 0/);
      assert.equal(ws.messages.length, before);
    },
  );

  await t.step(
    "too large, or refused by JSM: the card's thread says so",
    async () => {
      const big = jsm.desk.attachments.addByAgent(key, {
        filename: "trace.zip",
        mimeType: "application/zip",
        bytes: log,
      }, { authorAccountId: JSM_AGENT.accountId });
      big.size = 200 * 1024 * 1024;
      const locked = jsm.desk.attachments.addByAgent(key, {
        filename: "locked.pdf",
        mimeType: "application/pdf",
        bytes: log,
      }, { authorAccountId: JSM_AGENT.accountId });
      jsm.fail(`/rest/api/3/attachment/content/${locked.id}`, {
        status: 403,
        body: {
          errorMessages: [
            "You do not have permission to view this attachment.",
          ],
          errors: {},
        },
      });
      const ran = await deliver({ attachment_ids: `${big.id},${locked.id}` });
      assert.equal(ran.error, undefined);
      const last = ws.repliesTo(PEOPLE_TRIAGE, opened.card_ts!).at(-1)!.text;
      assert.match(
        last,
        /From Jira Service Management: 2 files were not copied/,
      );
      assert.match(last, /trace\.zip \(it is larger than Helpdesk can copy\)/);
      assert.match(last, /locked\.pdf \(Jira Service Management would not/);
      // Told once: a redelivery says nothing more.
      const count = ws.messages.length;
      await deliver({ attachment_ids: `${big.id},${locked.id}` });
      assert.equal(ws.messages.length, count);
    },
  );

  await t.step(
    "JSM unreachable: the card's thread is told, and a delivery sent again copies it",
    async () => {
      const late = jsm.desk.attachments.addByAgent(key, {
        filename: "late.txt",
        mimeType: "text/plain",
        bytes: log,
      }, { authorAccountId: JSM_AGENT.accountId });
      jsm.fail(`/rest/api/3/attachment/content/${late.id}`, {
        status: 500,
        times: Infinity,
      });
      const failed = await deliver({ attachment_ids: late.id });
      assert.ok(failed.error, "the run fails, and the claim is released");
      // JSM sends it again only when its rule runs again (Slack answered
      // when the run started): the agents know the file is not here.
      const told = ws.repliesTo(PEOPLE_TRIAGE, opened.card_ts!).at(-1)!;
      assert.match(told.text, /^:warning: Files added to <[^|]+\|IT-\d+>/);
      assert.match(told.text, /could not be copied here/);
      jsm.clearFailures();
      const again = await deliver({ attachment_ids: late.id });
      assert.equal(again.error, undefined);
      assert.equal(
        filesIn(slack, dm()).filter((n) => n === "late.txt").length,
        1,
      );
    },
  );

  await t.step("with files off, nothing is read", async () => {
    const off = jsm.desk.attachments.addByAgent(key, {
      filename: "off.txt",
      mimeType: "text/plain",
      bytes: log,
    }, { authorAccountId: JSM_AGENT.accountId });
    const ran = await deliver({ attachment_ids: off.id }, {
      HELPDESK_FILES: "",
    });
    assert.match(String(ran.outputs?.result), /files are off/);
    assert.ok(!filesIn(slack, dm()).includes("off.txt"));
  });

  await t.step("a private ticket's go to its requester only", async () => {
    await putTicket(clientFor(slack), {
      ...(await storedTicket(slack, opened.id)),
      private: true,
    });
    const secret = jsm.desk.attachments.addByAgent(key, {
      filename: "payslip.png",
      mimeType: "image/png",
      bytes: shot,
    }, { authorAccountId: JSM_AGENT.accountId });
    const ran = await deliver({ attachment_ids: secret.id });
    assert.equal(ran.error, undefined);
    assert.ok(filesIn(slack, dm()).includes("payslip.png"));
    const card = ws.repliesTo(PEOPLE_TRIAGE, opened.card_ts!);
    assert.ok(
      card.every((m) => !m.files?.some((f) => f.name === "payslip.png")),
    );
    assert.ok(card.every((m) => !m.text.includes("payslip")));
  });
});

Deno.test("Jira redirects attachment content unless told not to", async () => {
  await using jsm = await startFakeJsm();
  const made = jsm.desk.attachments.addByAgent("IT-1", {
    filename: "a.txt",
    mimeType: "text/plain",
    bytes: log,
  }, { authorAccountId: FAKE_CUSTOMER.accountId });
  const auth = `Basic ${
    btoa(`${jsm.apiTokenEnv().JSM_EMAIL}:${jsm.apiTokenEnv().JSM_API_TOKEN}`)
  }`;
  const url = `${jsm.baseUrl}/rest/api/3/attachment/content/${made.id}`;
  const redirected = await fetch(url, {
    headers: { authorization: auth },
    redirect: "manual",
  });
  await redirected.body?.cancel();
  assert.equal(redirected.status, 303);
  assert.match(
    redirected.headers.get("location") ?? "",
    /^https:\/\/api\.media\.atlassian\.com\//,
  );
  const direct = await fetch(`${url}?redirect=false`, {
    headers: { authorization: auth },
  });
  assert.equal(direct.status, 200);
  assert.deepEqual(new Uint8Array(await direct.arrayBuffer()), log);
});
