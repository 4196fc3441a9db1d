import assert from "node:assert/strict";
import {
  changeSavedReplies,
  expandPlaceholders,
  listDigest,
  MAX_SAVED_REPLIES,
  MAX_TEXT,
  MAX_TITLE,
  newSavedReplyId,
  type SavedReply,
  unknownPlaceholders,
} from "./saved_replies.ts";
import { parseUse, recordUse } from "./saved_reply_uses.ts";

const RESET: SavedReply = {
  id: "r1",
  title: "Password reset",
  text: "Hi {requester}, {key} is done.",
};

Deno.test("saved reply placeholders", async (t) => {
  await t.step("known fields are filled in, unknown ones left", () => {
    assert.equal(
      expandPlaceholders("{key}: {summary} {nope} {requester}", {
        key: "HD-7",
        summary: "VPN down",
      }),
      "HD-7: VPN down {nope} {requester}",
    );
  });
  await t.step("a value is inserted as written, never expanded again", () => {
    assert.equal(
      expandPlaceholders("{summary}", { summary: "{key} <!channel>" }),
      "{key} <!channel>",
    );
  });
  await t.step("unknown names are listed once; braces alone are text", () => {
    assert.deepEqual(
      unknownPlaceholders("{name} {name} {key} { key } {{x}} {}"),
      ["name", "x"],
    );
  });
});

Deno.test("changing a queue's saved replies", async (t) => {
  const form = { title: "", text: "", remove: false };
  await t.step("adds a new reply", () => {
    const done = changeSavedReplies([], {
      ...form,
      title: " VPN ",
      text: "Try {key} again",
    }, "n1");
    assert.ok(done.ok);
    assert.deepEqual(done.replies, [{
      id: "n1",
      title: "VPN",
      text: "Try {key} again",
    }]);
  });
  await t.step("names every problem under its field", () => {
    const done = changeSavedReplies([RESET], {
      ...form,
      title: "password RESET",
      text: "Dear {name}, {key}",
    }, "n1");
    assert.deepEqual(done, {
      ok: false,
      errors: {
        title: 'The queue already has a reply "Password reset".',
        text: "{name} is no ticket field: use {requester}, {key}, {summary}.",
      },
    });
  });
  await t.step("refuses what is too long, or a title or text missing", () => {
    const done = changeSavedReplies([], {
      ...form,
      title: "t".repeat(MAX_TITLE + 1),
      text: "x".repeat(MAX_TEXT + 1),
    }, "n1");
    assert.equal(done.ok, false);
    assert.match(String(!done.ok && done.errors.title), /At most 75/);
    assert.match(String(!done.ok && done.errors.text), /At most 3000/);
    const empty = changeSavedReplies([], form, "n1");
    assert.deepEqual(!empty.ok && Object.keys(empty.errors), ["title", "text"]);
  });
  await t.step("keeps at most 50 replies", () => {
    const full = Array.from({ length: MAX_SAVED_REPLIES }, (_, i) => ({
      id: `r${i}`,
      title: `Reply ${i}`,
      text: "x",
    }));
    const done = changeSavedReplies(full, {
      ...form,
      title: "One more",
      text: "y",
    }, "n1");
    assert.equal(done.ok, false);
    assert.match(String(!done.ok && done.errors.reply), /at most 50/);
    // Changing one of them is still fine.
    assert.ok(
      changeSavedReplies(full, { ...form, id: "r3", text: "z" }, "n").ok,
    );
  });
  await t.step("changes one: a blank field keeps what it was", () => {
    const done = changeSavedReplies([RESET], {
      ...form,
      id: "r1",
      text: "Done, {requester}.",
    }, "n1");
    assert.ok(done.ok);
    assert.deepEqual(done.replies, [{
      id: "r1",
      title: "Password reset",
      text: "Done, {requester}.",
    }]);
  });
  await t.step("removes one; a reply gone meanwhile is named", () => {
    const done = changeSavedReplies([RESET], {
      ...form,
      id: "r1",
      remove: true,
    }, "n1");
    assert.deepEqual(done, {
      ok: true,
      replies: [],
      removed: "Password reset",
    });
    const gone = changeSavedReplies([], { ...form, id: "r1" }, "n1");
    assert.equal(gone.ok, false);
  });
  await t.step("new ids never repeat one in use", () => {
    let n = 0;
    const id = newSavedReplyId([{ ...RESET, id: "000000" }], () => n++ / 10);
    assert.notEqual(id, "000000");
  });
});

Deno.test("recorded uses keep the newest twenty", () => {
  let uses: string[] = [];
  for (let i = 0; i < 25; i++) uses = recordUse(uses, "r1", 1000 + i);
  assert.equal(uses.length, 20);
  assert.deepEqual(parseUse(uses[0]), { replyId: "r1", at: 1005 });
  assert.equal(parseUse("junk"), undefined);
});

Deno.test("a list's digest changes with any change to it", () => {
  const a = listDigest([RESET]);
  assert.equal(a, listDigest([{ ...RESET }]));
  assert.notEqual(a, listDigest([]));
  assert.notEqual(a, listDigest([{ ...RESET, text: RESET.text + "." }]));
  assert.notEqual(a, listDigest([RESET, { ...RESET, id: "r2" }]));
});
