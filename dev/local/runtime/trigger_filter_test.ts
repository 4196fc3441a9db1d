import assert from "node:assert/strict";
import { matchesFilter } from "./trigger_filter.ts";
import { cardReactionTrigger } from "../../../triggers/created_by_app/card_reaction.ts";

Deno.test("the card reaction trigger's filter passes only its reactions", () => {
  const { filter } = cardReactionTrigger(["C1"]).event;
  const passes = (reaction: string) =>
    matchesFilter(filter as Parameters<typeof matchesFilter>[0], { reaction });
  assert.equal(passes("eyes"), true);
  assert.equal(passes("white_check_mark"), true);
  assert.equal(passes("tada"), false);
});

Deno.test("statements, quotes, NOT and AND", () => {
  const root = {
    operator: "AND" as const,
    inputs: [
      { statement: "{{data.user_id}} != 'U1'" },
      {
        operator: "NOT" as const,
        inputs: [{ statement: '{{data.text}} CONTAINS "secret"' }],
      },
      { statement: "{{data.count}} >= 3" },
    ],
  };
  assert.equal(
    matchesFilter({ root }, { user_id: "U2", text: "hello", count: 3 }),
    true,
  );
  assert.equal(
    matchesFilter({ root }, { user_id: "U1", text: "hello", count: 3 }),
    false,
  );
  assert.equal(
    matchesFilter({ root }, { user_id: "U2", text: "a secret", count: 3 }),
    false,
  );
  assert.equal(
    matchesFilter({ root }, { user_id: "U2", text: "hello", count: 2 }),
    false,
  );
  assert.throws(
    () => matchesFilter({ root: { statement: "nonsense" } }, {}),
    /can't read/,
  );
});
