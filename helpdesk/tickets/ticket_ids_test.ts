import assert from "node:assert/strict";
import {
  creationKeys,
  KEY_PREFIX,
  newTicketId,
  newTicketKey,
  ticketIdFor,
} from "./ticket_ids.ts";

const KEY = /^HD-[0-9A-HJKMNP-TV-Z]{6}$/;
const ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** A stand-in for crypto that returns the given bytes, recording the sizes. */
function fixedRandom(bytes: number[]) {
  const sizes: number[] = [];
  const random = (n: number) => {
    sizes.push(n);
    return Uint8Array.from({ length: n }, (_, i) => bytes[i % bytes.length]);
  };
  return { random, sizes };
}

Deno.test("keys are HD- and six Crockford base32 characters", () => {
  assert.equal(KEY_PREFIX, "HD");
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const key = newTicketKey();
    assert.match(key, KEY);
    seen.add(key);
  }
  assert.ok(seen.size > 990, `only ${seen.size} distinct keys of 1000`);
});

Deno.test("keys from an injected random function are deterministic", () => {
  const { random, sizes } = fixedRandom([0, 1, 2, 3, 4, 5]);
  assert.equal(newTicketKey(random), "HD-012345");
  assert.deepEqual(sizes, [6]);
  // Every byte maps into the alphabet: only the low five bits count.
  assert.equal(newTicketKey(fixedRandom([31]).random), "HD-ZZZZZZ");
  assert.equal(
    newTicketKey(fixedRandom([255, 32, 18, 20, 22, 27]).random),
    "HD-Z0JMPV",
  );
  for (let b = 0; b < 256; b++) {
    assert.match(newTicketKey(fixedRandom([b]).random), KEY);
  }
});

Deno.test("ids are 26 characters: time then randomness", () => {
  for (let i = 0; i < 200; i++) assert.match(newTicketId(Date.now()), ID);
  const { random, sizes } = fixedRandom([...Array(16).keys()]);
  // The ULID specification's own example time.
  assert.equal(
    newTicketId(1469918176385, random),
    "01ARYZ6S41" + "0123456789ABCDEF",
  );
  assert.deepEqual(sizes, [16]);
  const zeros = fixedRandom([0]).random;
  assert.equal(newTicketId(0, zeros), "0".repeat(26));
  assert.equal(newTicketId(31.9, zeros), "000000000Z" + "0".repeat(16));
  assert.equal(newTicketId(32, zeros), "0000000010" + "0".repeat(16));
});

Deno.test("the same inputs give the same id", () => {
  const bytes = [7, 200, 13, 99];
  assert.equal(
    newTicketId(1_700_000_000_123, fixedRandom(bytes).random),
    newTicketId(1_700_000_000_123, fixedRandom(bytes).random),
  );
});

Deno.test("ids created at increasing times sort in creation order", () => {
  const times = [
    0,
    1,
    31,
    32,
    1023,
    1024,
    1_700_000_000_000,
    1_700_000_000_001,
    1_700_000_001_000,
    1_800_000_000_000,
    2 ** 48 - 1,
  ];
  // Random parts that fall as time rises: the time must still decide.
  const ids = times.map((t, i) => newTicketId(t, fixedRandom([31 - i]).random));
  for (let i = 1; i < ids.length; i++) {
    assert.ok(ids[i - 1] < ids[i], `${ids[i - 1]} < ${ids[i]}`);
  }
  assert.deepEqual([...ids].reverse().sort(), ids);

  const real: string[] = [];
  for (let t = 1_700_000_000_000; t < 1_700_000_000_000 + 5000; t += 37) {
    real.push(newTicketId(t));
  }
  assert.deepEqual([...real].sort(), real);
});

Deno.test("a creation key always gives the same ticket id, and keys differ", async () => {
  const form = await ticketIdFor(creationKeys.view("V0FORM"));
  assert.match(form, ID);
  assert.equal(await ticketIdFor(creationKeys.view("V0FORM")), form);
  const others = await Promise.all([
    ticketIdFor(creationKeys.view("V0FORM2")),
    ticketIdFor(creationKeys.execution("V0FORM")),
    ticketIdFor(creationKeys.message("C1", "1700000000.000100")),
    ticketIdFor(creationKeys.message("C1", "1700000000.000101")),
  ]);
  assert.equal(new Set([form, ...others]).size, 5);
});
