// Merge into… and Unmerge… on the local runtime from the app's real
// manifest: two people report one problem, an agent merges the second card
// into the first from its button and modal, as the local workspace page
// does, and gives it back.
import assert from "node:assert/strict";
import { LocalRuntime } from "./local_runtime.ts";
import {
  configureHelpdesk,
  fillForm,
  openView,
} from "../../testing/runtime_forms.ts";
import openTicketTrigger from "../../../triggers/open_ticket.ts";
import { PEOPLE, startFakeSlack, TRIAGE } from "../../testing/harness.ts";
import { buttonOn, shownText } from "../../testing/blocks_read.ts";
import type { FakeSlack } from "../../testing/fake_slack/server.ts";

function cardAbout(slack: FakeSlack, words: string) {
  return slack.workspace.messagesIn(TRIAGE).find((m) =>
    m.text.startsWith("HD-") && m.text.includes(words)
  )!;
}

Deno.test("Merge into… and Unmerge… on the local runtime", async (t) => {
  await using slack = await startFakeSlack();
  const runtime = new LocalRuntime(slack);
  await configureHelpdesk(runtime);
  for (
    const [who, summary] of [
      [PEOPLE.requester, "Printer on 3 jams"],
      [PEOPLE.bystander, "3rd floor printer jams again"],
    ] as const
  ) {
    const opened = await fillForm(
      runtime,
      openTicketTrigger,
      who,
      "Open a ticket",
      {
        summary,
        priority: "normal",
      },
    );
    assert.equal(opened.ok, true, JSON.stringify(opened));
  }
  const kept = cardAbout(slack, "Printer on 3 jams");
  const keptKey = kept.text.slice(0, 9);

  await t.step(
    "the modal offers the look-alike; merging shows on both cards",
    async () => {
      const dup = cardAbout(slack, "jams again");
      const run = await runtime.clickButton(
        TRIAGE,
        dup.ts,
        buttonOn(dup, "Merge into…"),
        PEOPLE.agent,
      );
      const form = await openView(
        runtime,
        PEOPLE.agent,
        `Merge ${dup.text.slice(0, 9)}`,
      );
      assert.match(JSON.stringify(form.view), new RegExp(keptKey));
      assert.equal(
        await runtime.submitView(form.id, PEOPLE.agent, {
          alike_ticket: keptKey,
        }),
        undefined,
      );
      assert.equal((await run!.done).ok, true);
      assert.match(
        shownText(slack.workspace.findMessage(TRIAGE, dup.ts)!),
        new RegExp(`Merged into <[^|]+\\|${keptKey}> as a duplicate`),
      );
      assert.match(
        shownText(slack.workspace.findMessage(TRIAGE, kept.ts)!),
        new RegExp(`For <@${PEOPLE.requester}>, <@${PEOPLE.bystander}>`),
      );
      assert.match(
        slack.workspace.dmsTo(PEOPLE.bystander).at(-1)!.text,
        /agents merged them/,
      );
    },
  );

  await t.step("Unmerge… on the kept card gives it back", async () => {
    const now = slack.workspace.findMessage(TRIAGE, kept.ts)!;
    const dup = cardAbout(slack, "jams again");
    const run = await runtime.clickButton(
      TRIAGE,
      kept.ts,
      buttonOn(now, "Unmerge…"),
      PEOPLE.agent,
    );
    const form = await openView(
      runtime,
      PEOPLE.agent,
      `Unmerge from ${keptKey}`,
    );
    assert.equal(
      await runtime.submitView(form.id, PEOPLE.agent, {
        merged_ticket: dup.text.slice(0, 9),
      }),
      undefined,
    );
    assert.equal((await run!.done).ok, true);
    assert.doesNotMatch(
      shownText(slack.workspace.findMessage(TRIAGE, dup.ts)!),
      /Merged into/,
    );
  });
});
