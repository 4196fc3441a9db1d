// A forged submission longer than any Slack text input takes (3,000
// characters) is refused under its field and nothing is saved, so the form
// never reopens on a value Slack would refuse to show.
import assert from "node:assert/strict";
import {
  clientFor,
  defaultSettings,
  PEOPLE,
  startFakeSlack,
} from "../testing/harness.ts";
import {
  configureQueues,
  PEOPLE_QUEUE,
  ROLE_PEOPLE,
} from "../testing/queue_fixtures.ts";
import { putSettings } from "../../slack/storage/settings_store.ts";
import { saveSettings } from "../testing/settings_forms.ts";

const HOLIDAYS = Array.from(
  { length: 250 },
  (_, i) => `2027-${String(1 + (i % 12)).padStart(2, "0")}-01 Day ${i}`,
).join("\n");

Deno.test("forged text longer than Slack's inputs is refused, nothing saved", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  await putSettings(
    clientFor(slack),
    defaultSettings({ admins: [PEOPLE.admin] }),
  );
  assert.ok(HOLIDAYS.length > 3000);
  for (
    const [name, form, answers, choice] of [
      ["a queue's holidays", "queue", { holidays: HOLIDAYS }, PEOPLE_QUEUE.id],
      [
        "a queue's role rules",
        "queue",
        { role_rules: `\${owner}: ${"x".repeat(3100)}` },
        PEOPLE_QUEUE.id,
      ],
      ["Helpdesk's holidays", "service_levels", { holidays: HOLIDAYS }],
    ] as const
  ) {
    await t.step(name, async () => {
      const before = await slack.datastores.dump();
      const field = Object.keys(answers)[0];
      const outcome = await saveSettings(
        slack,
        form,
        form === "queue" ? ROLE_PEOPLE.owner : PEOPLE.admin,
        answers,
        choice,
      );
      assert.equal(outcome.done, false);
      assert.match(
        outcome.done ? "" : outcome.errors[field] ?? "",
        /Keep it under 3000 characters/,
      );
      assert.deepEqual(await slack.datastores.dump(), before);
    });
  }
});
