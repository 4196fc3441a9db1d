// Merge into… and Unmerge… on the local runtime from the app's real
// manifest: two people report one problem, an agent merges the second card
// into the first from its button and modal, as the local workspace page
// does, and gives it back.
import assert from "node:assert/strict";
import { LocalRuntime } from "./local_runtime.ts";
import configureTrigger from "../../../triggers/configure_helpdesk.ts";
import openTicketTrigger from "../../../triggers/open_ticket.ts";
import {
  GENERAL,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../testing/harness.ts";
import { shownText } from "../../testing/blocks_read.ts";
import type { FakeSlack } from "../../testing/fake_slack/server.ts";

async function openView(runtime: LocalRuntime, user: string, title: string) {
  for (let i = 0; i < 400; i++) {
    const view = runtime.openViews(user).findLast((v) =>
      (v.view.title as { text: string }).text === title
    );
    if (view) return view;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no "${title}" modal for ${user}`);
}

function cardAbout(slack: FakeSlack, words: string) {
  return slack.workspace.messagesIn(TRIAGE).find((m) =>
    m.text.startsWith("HD-") && m.text.includes(words)
  )!;
}

function buttonOn(message: { blocks?: unknown[] }, label: string): string {
  const found = ((message.blocks ?? []) as Array<{ elements?: unknown[] }>)
    .flatMap((b) => (b.elements ?? []) as Array<Record<string, unknown>>)
    .find((e) => (e.text as { text?: string } | undefined)?.text === label);
  assert.ok(found, `offers ${label}`);
  return String(found.action_id);
}

Deno.test("Merge into… and Unmerge… on the local runtime", async (t) => {
  await using slack = await startFakeSlack();
  const runtime = new LocalRuntime(slack);
  const fill = async (
    trigger: Parameters<LocalRuntime["fire"]>[0],
    user: string,
    title: string,
    answers: Record<string, unknown>,
  ) => {
    const run = runtime.fire(trigger, { user_id: user, channel_id: GENERAL });
    const form = await openView(runtime, user, title);
    assert.equal(await runtime.submitView(form.id, user, answers), undefined);
    return await run.done;
  };
  await fill(configureTrigger, PEOPLE.admin, "Configure Helpdesk", {
    triage_channel: TRIAGE,
    agent_users: [PEOPLE.agent],
    intake_emoji: "ticket",
    admins: [PEOPLE.admin],
  });
  for (
    const [who, summary] of [
      [PEOPLE.requester, "Printer on 3 jams"],
      [PEOPLE.bystander, "3rd floor printer jams again"],
    ] as const
  ) {
    const opened = await fill(openTicketTrigger, who, "Open a ticket", {
      summary,
      priority: "normal",
    });
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
