import assert from "node:assert/strict";
import { formatAge } from "./age.ts";

Deno.test("formatAge rounds down to the largest sensible unit", async (t) => {
  const cases: Array<[number, string]> = [
    [-30, "just now"],
    [0, "just now"],
    [59.9, "just now"],
    [60, "1 min ago"],
    [119, "1 min ago"],
    [3599, "59 min ago"],
    [3600, "1 h ago"],
    [7200, "2 h ago"],
    [48 * 3600 - 1, "47 h ago"],
    [48 * 3600, "2 d ago"],
    [365 * 86400, "365 d ago"],
  ];
  for (const [seconds, expected] of cases) {
    await t.step(`${seconds} s → ${expected}`, () => {
      assert.equal(formatAge(seconds), expected);
    });
  }
});
