import assert from "node:assert/strict";
import { newTicketId, newTicketKey } from "./ticket_ids.ts";

Deno.test("keys are HD- and six Crockford base32 characters", () => {
  for (let i = 0; i < 500; i++) {
    assert.match(newTicketKey(), /^HD-[0-9A-HJKMNP-TV-Z]{6}$/);
  }
  const fixed = (n: number) => new Uint8Array(n).fill(31);
  assert.equal(newTicketKey(fixed), "HD-ZZZZZZ");
});

Deno.test("ids are 26 characters and sort by creation time", () => {
  const times = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000];
  const ids = times.map((t) => newTicketId(t));
  for (const id of ids) assert.equal(id.length, 26);
  assert.deepEqual([...ids].sort(), ids);
  const zeros = (n: number) => new Uint8Array(n);
  assert.equal(newTicketId(0, zeros), "0".repeat(26));
});
