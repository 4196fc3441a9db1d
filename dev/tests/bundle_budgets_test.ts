// Each function's own code, bundled as Slack's build hook bundles it
// (dev/tools/bundle_sizes.ts), stays within its budget
// (dev/tools/bundle_budgets.ts): a function pays for its bundle at every
// cold start.
import assert from "node:assert/strict";
import {
  bytesByPlace,
  kb,
  manifestFunctions,
  moduleSizes,
  ownCodeBundle,
  placeOf,
} from "../tools/bundle_sizes.ts";
import { BUNDLE_BUDGETS, GOAL } from "../tools/bundle_budgets.ts";
import { floorsHeld, measureFloors } from "../tools/bundle_floors.ts";

Deno.test("every function's own code stays within its bundle budget", async (t) => {
  const functions = manifestFunctions();
  await t.step("every function in the manifest has a budget", () => {
    assert.deepEqual(
      functions.map((f) => f.name).filter((name) => !BUNDLE_BUDGETS[name]),
      [],
    );
    for (const [name, budget] of Object.entries(BUNDLE_BUDGETS)) {
      assert.ok(
        functions.some((f) => f.name === name),
        `${name} has a budget but is not in the manifest`,
      );
      assert.ok(budget >= GOAL, `${name}: a budget under the goal`);
    }
  });
  // A few at a time: each is one `deno bundle` of well under a second.
  const measured = new Map<string, string>();
  for (let i = 0; i < functions.length; i += 4) {
    const batch = functions.slice(i, i + 4);
    const bundles = await Promise.all(
      batch.map((f) => ownCodeBundle(f.file)),
    );
    batch.forEach((f, j) => measured.set(f.name, bundles[j]));
  }
  for (const { name } of functions) {
    await t.step(name, () => {
      const bundle = measured.get(name)!;
      const bytes = new TextEncoder().encode(bundle).length;
      const budget = BUNDLE_BUDGETS[name];
      const largest = [...moduleSizes(bundle)].sort((a, b) => b[1] - a[1])
        .slice(0, 5).map(([path, size]) => `${path} ${kb(size)}`);
      assert.ok(
        bytes <= budget,
        `${name}: ${kb(bytes)} of own code, over its ${
          kb(budget)
        } budget; largest: ${largest.join(", ")}`,
      );
    });
  }
  // Why a function is over the goal: it does in one run work whose code
  // alone is over it (dev/tools/bundle_floors.ts). One that holds no such
  // floor carries code it never runs, to be cut; so does one whose floor
  // was cut under the goal.
  const floors = (await measureFloors()).filter((f) => f.bytes > GOAL);
  await t.step("every function over the goal holds a floor whole", () => {
    const unexplained = functions.filter(({ name }) => {
      const bundle = measured.get(name)!;
      return new TextEncoder().encode(bundle).length > GOAL &&
        floorsHeld(moduleSizes(bundle), floors).length === 0;
    }).map(({ name }) => name);
    assert.deepEqual(unexplained, []);
  });
});

Deno.test("a floor is held only when every module of it is", () => {
  const floor = {
    name: "a change",
    entry: "dev/tools/floors/x.ts",
    bytes: 0,
    modules: new Set(["slack/storage/ticket_lock.ts", "slack/blocks/card.ts"]),
    byPlace: bytesByPlace(new Map()),
  };
  assert.deepEqual(
    floorsHeld(
      new Set(["slack/storage/ticket_lock.ts", "slack/blocks/card.ts", "x"]),
      [floor],
    ),
    [floor],
  );
  assert.deepEqual(
    floorsHeld(new Set(["slack/storage/ticket_lock.ts", "x"]), [floor]),
    [],
  );
});

Deno.test("the bench page counts each byte of a bundle in one place", () => {
  assert.equal(
    placeOf("helpdesk/service_levels/holidays.ts"),
    "service levels",
  );
  assert.equal(
    placeOf("helpdesk/tickets/service_level_settings.ts"),
    "service levels",
  );
  assert.equal(placeOf("helpdesk/tickets/ticket_actions.ts"), "other rules");
  assert.equal(placeOf("slack/storage/ticket_lock.ts"), "slack/storage");
  assert.equal(placeOf("slack/api/slack_call.ts"), "slack/workspace, api");
  assert.equal(
    placeOf("triggers/created_by_app/rate_ticket.ts"),
    "the function and the rest",
  );
  const bundle = [
    "var helper = 1;",
    "// slack/blocks/ticket_card.ts",
    "function card() {}",
    "// helpdesk/service_levels/zoned_time.ts",
    "var zone = 2;",
    "export { card };",
  ].join("\n");
  const by = bytesByPlace(moduleSizes(bundle));
  assert.equal(
    Object.values(by).reduce((a, b) => a + b, 0),
    bundle.length + 1,
  );
  assert.equal(
    by["slack/blocks"],
    "// slack/blocks/ticket_card.ts\nfunction card() {}\n".length,
  );
  assert.equal(
    by["service levels"],
    "// helpdesk/service_levels/zoned_time.ts\nvar zone = 2;\nexport { card };\n"
      .length,
  );
  assert.equal(by["the function and the rest"], "var helper = 1;\n".length);
});
