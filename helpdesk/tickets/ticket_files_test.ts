import assert from "node:assert/strict";
import {
  heldJsmAttachment,
  jsmFileEntry,
  jsmHeldMark,
  lostAddFound,
  type MessageFile,
  notCopiedForPerson,
  notCopiedForThread,
  pendingJsmFiles,
  planCopies,
  privateFilesNote,
  settleHeld,
} from "./ticket_files.ts";

const file = (id: string, size = 10): MessageFile => ({
  id,
  name: `${id}.png`,
  size,
  mimetype: "image/png",
  url_private_download: `https://files.slack.com/${id}`,
});

Deno.test("which files a ticket copies", async (t) => {
  await t.step("each file once: none already copied, none repeated", () => {
    const plan = planCopies([file("F1"), file("F2"), file("F1")], ["F2"]);
    assert.deepEqual(plan.copy.map((f) => f.id), ["F1"]);
    assert.deepEqual(plan.notCopied, []);
  });

  await t.step("a file over the limit is named, not copied", () => {
    const plan = planCopies([file("F1", 11)], [], { limitBytes: 10 });
    assert.deepEqual(plan.copy, []);
    assert.equal(plan.notCopied[0].reason, "too_large_for_slack");
    assert.match(
      notCopiedForPerson("HD-1", plan.notCopied),
      /^F1\.png was not added to HD-1: it is larger/,
    );
  });

  await t.step("a private ticket's notes name no file", () => {
    const note = notCopiedForThread([
      { file: file("F1"), reason: "unreadable" },
      { file: file("F2"), reason: "too_large_for_slack" },
    ], true);
    // The shared channel learns that files came, never their names.
    assert.doesNotMatch(note, /F1|F2/);
    assert.match(note, /^2 files were added to this private request/);
    assert.doesNotMatch(privateFilesNote(1), /F1/);
  });
});

Deno.test("a held JSM attachment is settled with the file it was held for", () => {
  const marks = [
    "F1",
    "jsm:20001",
    jsmHeldMark("20002", "FQUEUED"),
    jsmHeldMark("20003", "FSENT"),
    jsmHeldMark("20004", "FSENT"),
  ];
  assert.deepEqual(heldJsmAttachment(marks[2]), {
    attachmentId: "20002",
    fileId: "FQUEUED",
  });
  assert.equal(heldJsmAttachment("jsm:20001"), undefined);
  // FSENT was attached as 20003: 20004 was an agent's, copied after all.
  const settled = settleHeld(marks, new Set(["FQUEUED"]), new Set(["20003"]));
  assert.deepEqual(settled.agents, ["20004"]);
  assert.deepEqual(settled.marks, marks.slice(0, 3));
});

Deno.test("an add whose answer was lost is found by name and size", async (t) => {
  const listed = [
    { id: "20001", filename: "jam.png", size: 512 },
    { id: "20002", filename: "jam.png", size: 70 },
    { id: "20003", filename: "jam.png", size: 512 },
    { id: "20004", filename: "jam.png", size: 512 },
  ];
  const jam = { name: "jam.png", size: 512 };
  await t.step("the newest one Helpdesk knows nothing else of", () => {
    assert.equal(lostAddFound(listed, jam, ["jsm:20004"]), "20003");
    assert.equal(lostAddFound(listed, jam, []), "20004");
  });
  await t.step("none when each is known, or name or size differ", () => {
    assert.equal(
      lostAddFound(listed, jam, ["jsm:20001", "jsm:20003", "jsm:20004"]),
      undefined,
    );
    assert.equal(lostAddFound(listed, { ...jam, size: 513 }, []), undefined);
    assert.equal(
      lostAddFound(listed, { ...jam, name: "Jam.png" }, []),
      undefined,
    );
  });
  await t.step("the queue keeps that the add may have landed", () => {
    const entry = jsmFileEntry({
      id: "F1",
      name: "jam.png",
      public: false,
      maybeAttached: true,
    });
    const [queued] = pendingJsmFiles([
      entry,
      jsmFileEntry({ id: "F2", name: "b", public: true }),
    ]);
    assert.deepEqual(queued.file, {
      id: "F1",
      name: "jam.png",
      public: false,
      maybeAttached: true,
    });
  });
});
