// A person filling in the app's forms on the local runtime (dev/local/runtime):
// a modal found by its title once it shows (not while a list still reads its
// tickets), a shortcut fired from #general with its form filled in, and
// Helpdesk configured that way by its admin.
import assert from "node:assert/strict";
import type { LocalRuntime } from "../local/runtime/local_runtime.ts";
import configureTrigger from "../../triggers/configure_helpdesk.ts";
import { GENERAL, PEOPLE, TRIAGE } from "./harness.ts";
import { shownText } from "./blocks_read.ts";

/** The latest modal titled `title` open for `user`, once it shows. */
export async function openView(
  runtime: LocalRuntime,
  user: string,
  title: string,
) {
  for (let i = 0; i < 400; i++) {
    const view = runtime.openViews(user).findLast((v) =>
      (v.view.title as { text: string }).text === title &&
      !shownText(v.view).includes("Reading the tickets")
    );
    if (view) return view;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no "${title}" modal for ${user}`);
}

/**
 * `user` runs the shortcut from #general and sends its form, titled
 * `title`, with `answers` (which must be taken); the run's outcome.
 */
export async function fillForm(
  runtime: LocalRuntime,
  trigger: Parameters<LocalRuntime["fire"]>[0],
  user: string,
  title: string,
  answers: Record<string, unknown>,
) {
  const run = runtime.fire(trigger, { user_id: user, channel_id: GENERAL });
  const form = await openView(runtime, user, title);
  assert.equal(await runtime.submitView(form.id, user, answers), undefined);
  return await run.done;
}

/** The admin configures Helpdesk: triage, one agent, :ticket:, themselves. */
export function configureHelpdesk(runtime: LocalRuntime) {
  return fillForm(
    runtime,
    configureTrigger,
    PEOPLE.admin,
    "Configure Helpdesk",
    {
      triage_channel: TRIAGE,
      agent_users: [PEOPLE.agent],
      intake_emoji: "ticket",
      admins: [PEOPLE.admin],
    },
  );
}
