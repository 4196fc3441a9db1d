import assert from "node:assert/strict";
import handler from "./handler.ts";
import updateTicket from "../update_ticket/handler.ts";
import {
  CONVERSATION_VIEWS,
  UPDATE_TICKET_CALLBACK_ID,
} from "../update_ticket/definition.ts";
import { SEND_TICKET_FILES_CALLBACK_ID } from "./definition.ts";
import {
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
  FILES_ON,
  FILES_SCOPES,
  log,
  onlyTicket,
  react,
  shot,
} from "../../dev/testing/file_fixtures.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../../dev/testing/interactivity_payloads.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import { SlackAPI } from "deno-slack-sdk/mod.ts";
import { passOnFiles } from "../../use_cases/conversation/files_step.ts";

const AGENT = PEOPLE.agent;

/** Files an agent picked in the Reply modal's file_input. */
function picked(slack: FakeSlack, names: string[]) {
  return names.map((name) =>
    slack.workspace.files.add(AGENT, {
      name,
      mimetype: name.endsWith(".png") ? "image/png" : "text/plain",
      bytes: name.endsWith(".png") ? shot : log,
    }, { grantedToApp: true })
  );
}

/** The Reply modal sent with words and files; the run's outputs. */
async function reply(
  slack: FakeSlack,
  ticket: Ticket,
  text: string,
  files: { id: string; name: string }[],
) {
  const executionId = `Fx0reply${crypto.randomUUID().slice(0, 6)}`;
  const answer = await submitView(
    updateTicket,
    viewSubmissionContext(slack, {
      callbackId: CONVERSATION_VIEWS.reply,
      functionCallbackId: UPDATE_TICKET_CALLBACK_ID,
      executionId,
      user: AGENT,
      privateMetadata: JSON.stringify({ ticket_id: ticket.id }),
      values: {
        message: { message: { type: "plain_text_input", value: text } },
        files: {
          files: {
            type: "file_input",
            files: files.map((f) => ({ id: f.id, name: f.name })),
          },
        },
      },
    }),
  );
  assert.equal(answer, undefined, "the modal closes");
  const done = slack.callsTo("functions.completeSuccess").find((c) =>
    c.args.function_execution_id === executionId
  );
  return done!.args.outputs as Record<string, unknown>;
}

/** The workflow's next step, with the reply's outputs as its inputs. */
function step(
  slack: FakeSlack,
  ticket: Ticket,
  outputs: Record<string, unknown>,
  env: Record<string, string> = FILES_ON,
) {
  return handler(functionContext(SEND_TICKET_FILES_CALLBACK_ID, slack, {
    ticket_id: ticket.id,
    files: outputs.files as string[] | undefined,
    added_by: outputs.files_by as string | undefined,
    to: outputs.files_to as string | undefined,
  }, env));
}

const uploads = (slack: FakeSlack) =>
  slack.callsTo("files.completeUploadExternal").length;

Deno.test("a reply's files follow its words to the requester", async (t) => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await configureQueues(slack);
  const ws = slack.workspace;
  const asked = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "Printer jams");
  await react(slack, asked.ts);
  const ticket = await onlyTicket(slack);
  const origin = () => ws.repliesTo(PEOPLE_INTAKE, asked.ts);
  const card = () => ws.repliesTo(PEOPLE_TRIAGE, ticket.card_ts!);

  let outputs: Record<string, unknown> = {};
  await t.step("the words go first, the files right after", async () => {
    const files = picked(slack, ["fix.png", "steps.txt"]);
    outputs = await reply(slack, ticket, "Try tray 1", files);
    assert.deepEqual(outputs.files, files.map((f) => f.id));
    assert.equal(outputs.files_by, AGENT);
    assert.equal(outputs.files_to, "requester");
    // The modal's run only said the words, and the card says files follow.
    assert.equal(uploads(slack), 0);
    assert.ok(origin().some((m) => m.text.includes("Try tray 1")));
    assert.ok(card().some((m) => m.text.includes("2 files follow")));

    assert.equal((await step(slack, ticket, outputs)).error, undefined);
    const inOrigin = origin();
    const words = inOrigin.findIndex((m) => m.text.includes("Try tray 1"));
    const withFiles = inOrigin.findIndex((m) => m.files?.length);
    assert.ok(words >= 0 && withFiles > words, "files after the words");
    assert.deepEqual(inOrigin[withFiles].files!.map((f) => f.name), [
      "fix.png",
      "steps.txt",
    ]);
    // Copies: the requester's thread shows Helpdesk's own files.
    assert.ok(
      inOrigin[withFiles].files!.every((f) =>
        !files.some((p) => p.id === f.id)
      ),
    );
    // A public ticket's card thread keeps what was sent.
    const cardCopy = card().find((m) => m.files?.length);
    assert.deepEqual(cardCopy?.files?.map((f) => f.name), [
      "fix.png",
      "steps.txt",
    ]);
    const stored = await storedTicket(slack, ticket.id);
    assert.deepEqual(
      [...(stored.copied_files ?? [])].sort(),
      files.map((f) => f.id).sort(),
    );
  });

  await t.step("the step run again copies nothing twice", async () => {
    const before = uploads(slack);
    assert.equal((await step(slack, ticket, outputs)).error, undefined);
    assert.equal(uploads(slack), before);
  });

  await t.step("a reply without files runs the step for nothing", async () => {
    const before = uploads(slack);
    const none = await reply(slack, ticket, "Anything else?", []);
    assert.equal(none.files, undefined);
    const ran = await step(slack, ticket, none);
    assert.deepEqual(ran, { outputs: { handled: 0 } });
    assert.equal(uploads(slack), before);
  });

  await t.step("a deleted file and the team's limit are told", async () => {
    const [gone, big] = picked(slack, ["gone.txt", "big.png"]);
    ws.files.byId.get(gone.id)!.deleted = true;
    const out = await reply(slack, ticket, "See attached", [gone, big]);
    ws.files.maxUploadBytes = 4;
    assert.equal((await step(slack, ticket, out)).error, undefined);
    ws.files.maxUploadBytes = 1024 ** 3;
    // The words reached the requester; the files did not, and both the
    // agent and the card's thread know which and why.
    assert.ok(origin().some((m) => m.text.includes("See attached")));
    const note = card().at(-1)!.text;
    assert.match(note, /did not reach the requester/);
    assert.match(note, /big\.png \(Slack refused the copy\)/);
    assert.match(note, /can't read it/);
    const told = slack.callsTo("chat.postEphemeral").at(-1)!;
    assert.equal(told.args.user, AGENT);
    assert.match(String(told.args.text), /big\.png was not sent/);
    assert.match(String(told.args.text), /words did reach them/);
    // Told once: the step again neither copies nor tells again.
    const ephemerals = slack.callsTo("chat.postEphemeral").length;
    await step(slack, ticket, out);
    assert.equal(slack.callsTo("chat.postEphemeral").length, ephemerals);
  });

  await t.step(
    "a failure on the way is the run's; a retry sends once",
    async () => {
      const [later] = picked(slack, ["later.txt"]);
      const out = await reply(slack, ticket, "One more", [later]);
      slack.fail({
        method: "files.completeUploadExternal",
        error: "ratelimited",
      });
      const failed = await step(slack, ticket, out);
      assert.match(String(failed.error), /not passed on/);
      const before = origin().filter((m) => m.files?.length).length;
      assert.equal((await step(slack, ticket, out)).error, undefined);
      assert.equal((await step(slack, ticket, out)).error, undefined);
      assert.equal(
        origin().filter((m) => m.files?.length).length,
        before + 1,
      );
    },
  );
});

Deno.test("a private or DM ticket's reply files stay where its words go", async (t) => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await configureQueues(slack);
  const ws = slack.workspace;
  const client = SlackAPI("xoxb", { slackApiUrl: slack.apiUrl });
  const asked = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "Payslip wrong");
  await react(slack, asked.ts);
  const opened = await onlyTicket(slack);
  // A form's private request: no origin thread, its words by DM.
  const ticket = { ...opened, private: true, requester_thread: undefined };
  await putTicket(client, ticket);

  await t.step("the files reach the requester's DM, not the card", async () => {
    const files = picked(slack, ["payslip.png"]);
    const out = await reply(slack, ticket, "Corrected one attached", files);
    assert.equal((await step(slack, ticket, out)).error, undefined);
    const dm = ws.imWith(PEOPLE.requester).id;
    const withFiles = ws.messages.filter((m) =>
      m.channel === dm && m.files?.length
    );
    assert.deepEqual(withFiles.flatMap((m) => m.files!.map((f) => f.name)), [
      "payslip.png",
    ]);
    // In the DM's thread of the reply, not loose in the DM.
    assert.ok(withFiles[0].thread_ts);
    const cardThread = ws.repliesTo(PEOPLE_TRIAGE, ticket.card_ts!);
    assert.ok(cardThread.every((m) => !m.files?.length));
    assert.ok(cardThread.every((m) => !m.text.includes("payslip")));
    assert.ok(cardThread.some((m) => m.text.includes("A file follows")));
  });

  await t.step("with JSM on, the copy is queued as its words are", async () => {
    const [more] = picked(slack, ["form.txt"]);
    const latest = await storedTicket(slack, ticket.id);
    // The request type sends private words to JSM as internal comments.
    await putTicket(client, { ...latest, private_jsm: "internal" });
    await passOnFiles(client, "xoxb", {
      ticketId: ticket.id,
      files: [more.id],
      by: AGENT,
      to: "requester",
      jsm: true,
      now: 1_000,
    });
    const queued = (await storedTicket(slack, ticket.id)).jsm_files ?? [];
    assert.equal(queued.length, 1);
    assert.deepEqual(
      { ...JSON.parse(queued[0]), id: "copy" },
      { id: "copy", name: "form.txt", public: false },
    );
  });
});

Deno.test("a form's files reach the card's thread after it opens", async (t) => {
  await using slack = await startFakeSlack({ scopes: FILES_SCOPES });
  await configureQueues(slack);
  const ws = slack.workspace;
  const asked = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "Laptop broken");
  await react(slack, asked.ts);
  const ticket = await onlyTicket(slack);

  await t.step("copied under the requester's name, once", async () => {
    const [photo] = [
      ws.files.add(PEOPLE.requester, {
        name: "screen.png",
        mimetype: "image/png",
        bytes: shot,
      }, { grantedToApp: true }),
    ];
    const outputs = {
      files: [photo.id],
      files_by: PEOPLE.requester,
      files_to: "card",
    };
    assert.equal((await step(slack, ticket, outputs)).error, undefined);
    assert.equal((await step(slack, ticket, outputs)).error, undefined);
    const copies = ws.repliesTo(PEOPLE_TRIAGE, ticket.card_ts!).filter((m) =>
      m.files?.length
    );
    assert.equal(copies.length, 1);
    assert.match(copies[0].text, new RegExp(`<@${PEOPLE.requester}>`));
    assert.deepEqual(copies[0].files!.map((f) => f.name), ["screen.png"]);
  });

  await t.step("only the ticket's own people are passed on", async () => {
    const stray = ws.files.add(PEOPLE.bystander, {
      name: "stray.png",
      mimetype: "image/png",
      bytes: shot,
    }, { grantedToApp: true });
    const before = slack.callsTo("files.completeUploadExternal").length;
    // Workflow Builder can fill the step's inputs: nobody else's files go
    // to the card, and only agents send files to the requester.
    const toCard = await step(slack, ticket, {
      files: [stray.id],
      files_by: PEOPLE.bystander,
      files_to: "card",
    });
    assert.match(String(toCard.error), /Only .*'s requester adds files/);
    const toRequester = await step(slack, ticket, {
      files: [stray.id],
      files_by: PEOPLE.requester,
      files_to: "requester",
    });
    assert.match(String(toRequester.error), /Only .*'s agents send files/);
    assert.equal(slack.callsTo("files.completeUploadExternal").length, before);
  });

  await t.step(
    "a file the app may not read is told to the requester",
    async () => {
      const hidden = ws.files.add(PEOPLE.requester, {
        name: "secret.txt",
        bytes: log,
      });
      const ran = await step(slack, ticket, {
        files: [hidden.id],
        files_by: PEOPLE.requester,
        files_to: "card",
      });
      assert.equal(ran.error, undefined);
      const note = ws.repliesTo(PEOPLE_TRIAGE, ticket.card_ts!).at(-1)!.text;
      assert.match(note, new RegExp(`A file \\(${hidden.id}\\)`));
      const dm = ws.imWith(PEOPLE.requester).id;
      assert.ok(
        ws.messages.some((m) =>
          m.channel === dm && m.text.includes("was not added")
        ),
      );
    },
  );

  await t.step(
    "Slack failing the upload for a moment is not a refusal: a retry copies it",
    async () => {
      const shot2 = ws.files.add(PEOPLE.requester, {
        name: "flaky.png",
        mimetype: "image/png",
        bytes: shot,
      }, { grantedToApp: true });
      const outputs = {
        files: [shot2.id],
        files_by: PEOPLE.requester,
        files_to: "card",
      };
      const thread = () => ws.repliesTo(PEOPLE_TRIAGE, ticket.card_ts!);
      const before = thread().length;
      // internal_error: Slack's own failure, which passes (slack/api/
      // passing_failures.ts), not a refusal a retry would only repeat.
      slack.fail({
        method: "files.completeUploadExternal",
        error: "internal_error",
      });
      const failed = await step(slack, ticket, outputs);
      assert.match(String(failed.error), /not passed on/);
      assert.equal(thread().length, before, 'no "Slack refused the copy"');
      assert.ok(
        !(await storedTicket(slack, ticket.id)).copied_files?.includes(
          shot2.id,
        ),
      );
      assert.equal((await step(slack, ticket, outputs)).error, undefined);
      assert.equal(
        thread().filter((m) => m.files?.some((f) => f.name === "flaky.png"))
          .length,
        1,
      );
    },
  );

  for (const error of ["internal_error", "missing_scope"]) {
    await t.step(
      `files.info failing (${error}) is not a file gone: none dropped, none said unreadable`,
      async () => {
        const late = ws.files.add(PEOPLE.requester, {
          name: `late-${error}.png`,
          mimetype: "image/png",
          bytes: shot,
        }, { grantedToApp: true });
        const outputs = {
          files: [late.id],
          files_by: PEOPLE.requester,
          files_to: "card",
        };
        const thread = () => ws.repliesTo(PEOPLE_TRIAGE, ticket.card_ts!);
        const before = thread().length;
        slack.fail({ method: "files.info", error });
        const failed = await step(slack, ticket, outputs);
        // The step fails and its person hears the files were not passed on;
        // neither they nor the card's thread hear of a file Helpdesk can't
        // read, and the file is not recorded as handled.
        assert.match(String(failed.error), /not passed on/);
        assert.equal(thread().length, before);
        assert.ok(
          !(await storedTicket(slack, ticket.id)).copied_files?.includes(
            late.id,
          ),
        );
        assert.equal((await step(slack, ticket, outputs)).error, undefined);
        const copies = thread().filter((m) =>
          m.files?.some((f) => f.name === late.name)
        );
        assert.equal(copies.length, 1);
      },
    );
  }
});
