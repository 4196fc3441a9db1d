import assert from "node:assert/strict";
import { PEOPLE, startFakeSlack } from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_INTAKE,
  SECRET_CHANNEL,
} from "../../dev/testing/queue_fixtures.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  cardReplies,
  FILES_SCOPES,
  log,
  onlyTicket,
  react,
  shot,
} from "../../dev/testing/file_fixtures.ts";
import {
  copyFilesOrTell,
  copyFilesToCard,
} from "../../use_cases/opening/ticket_files.ts";
import { filesOf } from "../../slack/workspace/file_copy.ts";
import { getFilesTicket } from "../../slack/storage/files_ticket.ts";
import { SlackAPI } from "deno-slack-sdk/mod.ts";

async function download(url: string) {
  const r = await fetch(url, { headers: { authorization: "Bearer xoxb" } });
  return new Uint8Array(await r.arrayBuffer());
}

Deno.test("a :ticket: message's files reach the card's thread", async (t) => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await configureQueues(slack);
  const ws = slack.workspace;

  await t.step("both files, copied once, in one reply", async () => {
    const message = ws.postAs(
      PEOPLE.requester,
      PEOPLE_INTAKE,
      "Printer",
      undefined,
      [
        { name: "jam.png", mimetype: "image/png", bytes: shot },
        { name: "printer.log", mimetype: "text/plain", bytes: log },
      ],
    );
    const result = await react(slack, message.ts);
    assert.equal(result.error, undefined);
    const ticket = await onlyTicket(slack);
    const withFiles = cardReplies(slack, ticket).filter((m) => m.files);
    assert.equal(withFiles.length, 1);
    const [reply] = withFiles;
    assert.match(reply.text, new RegExp(`<@${PEOPLE.requester}>`));
    assert.deepEqual(reply.files!.map((f) => f.name), [
      "jam.png",
      "printer.log",
    ]);
    // Copies, not the requester's own files: new ids, the same bytes.
    const originals = message.files!.map((f) => f.id);
    assert.ok(reply.files!.every((f) => !originals.includes(f.id)));
    assert.deepEqual(
      await download(reply.files![0].url_private_download),
      shot,
    );
    assert.deepEqual(ticket.copied_files?.sort(), [...originals].sort());

    // A retry of the copy (or a redelivered event) copies nothing again.
    const client = SlackAPI("xoxb", { slackApiUrl: slack.apiUrl });
    const again = await copyFilesToCard(client, "xoxb", ticket, {
      files: filesOf(message),
      by: { user: PEOPLE.requester },
    }, getFilesTicket);
    assert.deepEqual(again, { copied: [], notCopied: [] });
    await react(slack, message.ts);
    assert.equal(
      cardReplies(slack, await onlyTicket(slack)).filter((m) => m.files)
        .length,
      1,
    );
  });
});

Deno.test("files not copied are told, never dropped in silence", async (t) => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await configureQueues(slack);
  const ws = slack.workspace;
  const client = SlackAPI("xoxb", { slackApiUrl: slack.apiUrl });

  let ticket: Ticket | undefined;
  await t.step("with files off, nothing is read or copied", async () => {
    const message = ws.postAs(
      PEOPLE.requester,
      PEOPLE_INTAKE,
      "Off",
      undefined,
      [
        { name: "a.txt", bytes: log },
      ],
    );
    await react(slack, message.ts, {});
    ticket = await onlyTicket(slack);
    assert.equal(cardReplies(slack, ticket).some((m) => m.files), false);
    assert.equal(slack.callsTo("files.getUploadURLExternal").length, 0);
  });

  await t.step("too large, unreadable, refused by Slack", async () => {
    const big = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "x", undefined, [
      { name: "huge.mov", bytes: log },
      { name: "gone.txt", bytes: log },
      { name: "fine.txt", bytes: log },
    ]);
    const [huge, gone, fine] = filesOf(big);
    huge.size = 2 * 1024 ** 3;
    ws.files.byId.get(gone.id)!.deleted = true;
    ws.files.maxUploadBytes = 4; // the team's own limit
    const outcome = await copyFilesToCard(client, "xoxb", ticket!, {
      files: [huge, gone, fine],
      by: { user: PEOPLE.requester, channel: PEOPLE_INTAKE },
    }, getFilesTicket);
    assert.deepEqual(outcome.copied, []);
    assert.deepEqual(
      outcome.notCopied.map((n) => [n.file.name, n.reason]),
      [
        ["huge.mov", "too_large_for_slack"],
        ["gone.txt", "unreadable"],
        ["fine.txt", "upload_failed"],
      ],
    );
    const note = cardReplies(slack, ticket!).at(-1)!;
    assert.match(note.text, /^3 files were not copied here: huge\.mov/);
    const told = ws.ephemerals.filter((e) => e.user === PEOPLE.requester)
      .at(-1)!;
    assert.match(told.text, /gone\.txt was not added to/);
    assert.match(told.text, /Helpdesk can't read it/);
    // Recorded: a retry neither copies nor tells again.
    const stored = await onlyTicket(slack);
    const retry = await copyFilesToCard(client, "xoxb", stored, {
      files: [huge, gone, fine],
      by: { user: PEOPLE.requester, channel: PEOPLE_INTAKE },
    }, getFilesTicket);
    assert.deepEqual(retry, { copied: [], notCopied: [] });
    ws.files.maxUploadBytes = 1024 ** 3;
  });

  await t.step("a file from a private channel Helpdesk isn't in", async () => {
    // A person's own file, shared only where Helpdesk can't see: Slack
    // answers its sign-in page to the download.
    const secret = ws.postAs(PEOPLE.requester, SECRET_CHANNEL, "s", undefined, [
      { name: "secret.pdf", bytes: log },
    ]);
    const outcome = await copyFilesToCard(
      client,
      "xoxb",
      await onlyTicket(slack),
      {
        files: filesOf(secret),
        by: { user: PEOPLE.requester, channel: PEOPLE_INTAKE },
      },
      getFilesTicket,
    );
    assert.deepEqual(
      outcome.notCopied.map((n) => [n.file.name, n.reason]),
      [["secret.pdf", "unreadable"]],
    );
  });

  await t.step(
    "a private ticket's files: no name in the shared thread",
    async () => {
      const message = ws.postAs(
        PEOPLE.requester,
        PEOPLE_INTAKE,
        "p",
        undefined,
        [
          { name: "payslip.pdf", bytes: log },
        ],
      );
      const stored = await onlyTicket(slack);
      const outcome = await copyFilesToCard(
        client,
        "xoxb",
        { ...stored, private: true },
        {
          files: filesOf(message),
          by: { user: PEOPLE.requester, channel: PEOPLE_INTAKE },
        },
        getFilesTicket,
      );
      assert.deepEqual(outcome.notCopied, []);
      // The shared thread learns that files came, never their names.
      const thread = cardReplies(slack, stored);
      assert.ok(
        thread.every((m) => !m.files?.some((f) => f.name === "payslip.pdf")),
      );
      assert.ok(thread.every((m) => !m.text.includes("payslip")));
      assert.match(
        thread.at(-1)!.text,
        /^A file was added to this private request; its agents have them by DM/,
      );
      // Where its words go: each agent's DM, the requester's never.
      const inDm = (user: string) =>
        ws.dmsTo(user).flatMap((m) => m.files ?? []).map((f) => f.name);
      assert.deepEqual(inDm(PEOPLE.agent), ["payslip.pdf"]);
      assert.deepEqual(inDm(PEOPLE.requester), []);
    },
  );

  await t.step(
    "Slack too busy, or no card yet: the person is told",
    async () => {
      const busy = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "y", undefined, [
        { name: "busy.txt", bytes: log },
      ]);
      slack.fail({
        method: "files.getUploadURLExternal",
        status: 429,
        times: Infinity,
      });
      const by = { user: PEOPLE.requester, channel: PEOPLE_INTAKE };
      const stored = await onlyTicket(slack);
      await copyFilesOrTell(client, "xoxb", stored, {
        files: filesOf(busy),
        by,
      });
      slack.clearFailures();
      const told = () =>
        ws.ephemerals.filter((e) => e.user === PEOPLE.requester).at(-1)!.text;
      assert.match(told(), /did not reach HD-\w+'s agents \(Slack did not/);
      // Not recorded: adding them again copies them.
      assert.ok(
        !(await onlyTicket(slack)).copied_files?.includes(filesOf(busy)[0].id),
      );
      await copyFilesOrTell(client, "xoxb", { ...stored, card_ts: undefined }, {
        files: filesOf(busy),
        by,
      });
      assert.match(told(), /its card is not posted yet/);
    },
  );
});
