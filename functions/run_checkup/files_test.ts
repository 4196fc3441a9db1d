// The check-up's file lines: with HELPDESK_FILES=on it uploads a test file
// into a thread in the triage channel with Slack's upload flow, reads it
// back and deletes it, and each line fails with what to do when the fake
// Slack refuses a step as a real workspace could. With files off the
// report says the file checks were skipped, and why.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import {
  clientFor,
  functionContext,
  interactivityOf,
  manifestBotScopes,
  PEOPLE,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import {
  assertCheckupPassed,
  checkLine,
  checkupLines,
  configuredWorkspace,
  failedCheck,
} from "../../dev/testing/checkup_fixtures.ts";
import { FILES_ON, FILES_SCOPES } from "../../dev/testing/file_fixtures.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import {
  checkFiles,
  TEST_FILE_NAME,
} from "../../use_cases/checkup/file_checks.ts";

/** A configured workspace granted what files on needs (or only `scopes`). */
const workspace = (scopes = FILES_SCOPES) => configuredWorkspace(scopes);

/** A check-up in a deployment with files on. */
const checkup = (slack: FakeSlack) =>
  checkupLines(slack, { env: FILES_ON, token: "xwfp-test-token" });

/** Helpdesk's own test messages still in the triage channel. */
function leftInTriage(slack: FakeSlack) {
  return slack.workspace.messagesIn(TRIAGE).filter((m) =>
    /check-up: (a )?test file/.test(m.text ?? "")
  );
}

function testFiles(slack: FakeSlack) {
  return [...slack.workspace.files.byId.values()].filter((f) =>
    f.name === TEST_FILE_NAME
  );
}

Deno.test("the check-up's file lines, with files on", async (t) => {
  await using slack = await workspace();

  await t.step("upload, read-back: both pass, reported by DM", async () => {
    await handler(functionContext("run_checkup", slack, {
      interactivity: interactivityOf(PEOPLE.admin),
    }, FILES_ON));
    const [dm] = slack.workspace.dmsTo(PEOPLE.admin).slice(-1);
    assertCheckupPassed(dm, 10, 1, 1);
    const shown = JSON.stringify(dm.blocks);
    assert.match(
      shown,
      /:white_check_mark: \*File upload\*: A \d+-byte test file went up with Slack's upload flow/,
    );
    assert.match(
      shown,
      /\*File read-back\*: files\.info gave back its name \(helpdesk-checkup\.txt\), its size \(\d+ bytes\) and its share in that thread of <#CTRIAGE>, and its bytes downloaded unchanged/,
    );
  });

  await t.step("through Slack's flow, into a thread of triage", () => {
    const methods = slack.calls.map((c) => c.method);
    const at = (m: string) => methods.indexOf(m);
    assert.ok(at("files.getUploadURLExternal") >= 0);
    assert.ok(
      at("files.getUploadURLExternal") < at("files.completeUploadExternal"),
    );
    assert.ok(at("files.completeUploadExternal") < at("files.info"));
    const [complete] = slack.callsTo("files.completeUploadExternal");
    assert.equal(complete.args.channel_id, TRIAGE);
    assert.ok(complete.args.thread_ts, "into a thread");
  });

  await t.step("and leaves nothing behind", () => {
    assert.deepEqual(leftInTriage(slack), []);
    assert.deepEqual(
      testFiles(slack).map((f) => f.deleted),
      [true],
      "the test file is deleted",
    );
  });

  await t.step("a share that shows late is waited for", async () => {
    slack.workspace.files.shareDelayMs = 700;
    const lines = await checkup(slack);
    slack.workspace.files.shareDelayMs = 0;
    const upload = checkLine(lines, "File upload");
    assert.equal(upload.ok, true, upload.found);
    const [, seconds] = upload.found.match(/after (\d+\.\d) s/)!;
    assert.ok(Number(seconds) >= 0.7, upload.found);
    assert.equal(checkLine(lines, "File read-back").ok, true);
    assert.deepEqual(leftInTriage(slack), []);
  });
});

Deno.test("with files off, the file checks are skipped, saying why", async () => {
  await using slack = await workspace(manifestBotScopes());
  await handler(functionContext("run_checkup", slack, {
    interactivity: interactivityOf(PEOPLE.admin),
  }));
  const [dm] = slack.workspace.dmsTo(PEOPLE.admin).slice(-1);
  assertCheckupPassed(dm, 8, 2, 1);
  assert.match(
    JSON.stringify(dm.blocks),
    /:heavy_minus_sign: \*Files\*: Skipped: files are off in this deployment \(HELPDESK_FILES is not on\)/,
  );
  assert.equal(slack.callsTo("files.getUploadURLExternal").length, 0);
});

Deno.test("each file line fails with what to do", async (t) => {
  await t.step("no files:write: the upload is refused", async () => {
    await using slack = await workspace(
      FILES_SCOPES.filter((s) => s !== "files:write"),
    );
    const lines = await checkup(slack);
    const upload = failedCheck(lines, "File upload");
    assert.match(upload.found, /Helpdesk lacks files:write/);
    assert.match(upload.todo!, /files:write to copy the files people add/);
    assert.match(upload.todo!, /HELPDESK_FILES=on/);
    assert.equal(lines.filter((l) => !l.ok).length, 1, "only that one");
    assert.deepEqual(leftInTriage(slack), []);
  });

  await t.step("no files:read: read-back fails, upload holds", async () => {
    await using slack = await workspace(
      FILES_SCOPES.filter((s) => s !== "files:read"),
    );
    const lines = await checkup(slack);
    assert.equal(checkLine(lines, "File upload").ok, true);
    const read = failedCheck(lines, "File read-back");
    assert.match(read.found, /Helpdesk lacks files:read/);
    assert.match(read.todo!, /no form with a file field without it/);
    assert.deepEqual(leftInTriage(slack), [], "files:write still deletes");
  });

  await t.step("uploads turned off in the workspace", async () => {
    await using slack = await workspace();
    slack.workspace.files.uploadPolicy = "none";
    const upload = failedCheck(await checkup(slack), "File upload");
    assert.match(upload.found, /does not allow file uploads/);
    assert.match(upload.todo!, /Ask a Slack admin to allow file uploads/);
  });

  await t.step("only images may be uploaded", async () => {
    await using slack = await workspace();
    slack.workspace.files.uploadPolicy = "images_only";
    const upload = failedCheck(await checkup(slack), "File upload");
    assert.match(upload.found, /file_uploads_except_images_disabled/);
  });

  await t.step("text files not among the allowed types", async () => {
    await using slack = await workspace();
    slack.workspace.files.allowedTypes = ["png", "jpg"];
    const upload = failedCheck(await checkup(slack), "File upload");
    assert.match(upload.found, /refused a text file \(file_type_not_allowed\)/);
    assert.match(upload.todo!, /allow the kinds agents need/);
    assert.deepEqual(leftInTriage(slack), []);
  });

  await t.step("Helpdesk out of the triage channel", async () => {
    await using slack = await workspace();
    slack.fail({
      method: "files.completeUploadExternal",
      error: "not_in_channel",
    });
    const upload = failedCheck(await checkup(slack), "File upload");
    assert.match(upload.found, /files\.completeUploadExternal: not_in_channel/);
    assert.match(upload.todo!, /\/invite @Helpdesk/);
  });

  await t.step("a share that never shows", async () => {
    await using slack = await workspace();
    slack.workspace.files.shareDelayMs = 60_000;
    const lines = await checkFiles(
      clientFor(slack),
      TRIAGE,
      "r",
      "xwfp-test-token",
      { times: 3, apartMs: 20 },
    );
    const upload = failedCheck(lines, "File upload");
    assert.match(upload.found, /had not shown in its thread in <#CTRIAGE>/);
    assert.match(upload.todo!, /report it to Slack with the file's id \(F/);
    const read = failedCheck(lines, "File read-back");
    assert.match(read.found, /still named no share/);
    assert.deepEqual(leftInTriage(slack), []);
    assert.deepEqual(testFiles(slack).map((f) => f.deleted), [true]);
  });

  await t.step("a test file that can't be deleted is named", async () => {
    await using slack = await workspace();
    slack.fail({
      method: "files.delete",
      error: "missing_scope",
      extra: { needed: "files:write" },
    });
    const lines = await checkup(slack);
    assert.equal(checkLine(lines, "File upload").ok, true);
    const left = failedCheck(lines, "Test file removed");
    assert.match(left.found, /helpdesk-checkup\.txt could not be deleted/);
    assert.match(left.todo!, /by hand/);
    // The message and its reply with the file stay, to be found by hand.
    assert.equal(leftInTriage(slack).length, 2);
  });
});
