// "This solved it" actions, as plain data: only Helpdesk's own shape passes.
import assert from "node:assert/strict";
import { parseSelfSolve, selfSolveAction } from "./suggestions.ts";

Deno.test("a This solved it action names a ticket key, or is none", () => {
  assert.deepEqual(parseSelfSolve(selfSolveAction("HD-7QX2")), {
    suggestedKey: "HD-7QX2",
  });
  for (
    const forged of [
      "self_solve:<!channel>",
      "self_solve:HD-1:extra",
      "claim",
      "",
      undefined,
      null,
      42,
      { action: "self_solve:HD-1" },
    ]
  ) {
    assert.equal(parseSelfSolve(forged), undefined, String(forged));
  }
});
