// What the check-up tests share: a workspace configured as an admin would
// (a queue with an intake channel, the triage channel, every trigger), a
// check-up run straight through its use cases (both of its workflow's
// steps), and its report's lines read by name.
import assert from "node:assert/strict";
import { clientFor, PEOPLE, startFakeSlack, TRIAGE } from "./harness.ts";
import { configureQueues } from "./queue_fixtures.ts";
import { saveSettings } from "./settings_forms.ts";
import { createCliTriggers } from "./cli_triggers.ts";
import type { FakeSlack } from "./fake_slack/server.ts";
import {
  type CheckupRequest,
  runCheckup,
} from "../../use_cases/checkup/checkup.ts";
import {
  type CheckupLine,
  decodeLines,
  encodeLines,
} from "../../use_cases/checkup/checkup_line.ts";
import { finishCheckup } from "../../use_cases/checkup/checkup_followup.ts";
import { CLICK_CHECK } from "../../use_cases/checkup/click_time_check.ts";
import { handOver } from "./next_step.ts";
import RunCheckupWorkflow from "../../workflows/run_checkup.ts";
import RunCheckupFunction from "../../functions/run_checkup/definition.ts";
import FinishCheckupFunction from "../../functions/finish_checkup/definition.ts";

/**
 * A healthy workspace, its calls so far forgotten. With `scopes`, the fake
 * grants only those (without, it checks none).
 */
export async function configuredWorkspace(
  scopes?: readonly string[],
): Promise<FakeSlack> {
  const slack = await startFakeSlack();
  await configureQueues(slack);
  const saved = await saveSettings(slack, "helpdesk", PEOPLE.admin, {
    triage_channel: TRIAGE,
    agent_users: [PEOPLE.agent],
  });
  assert.equal(saved.done, true, JSON.stringify(saved));
  await createCliTriggers(slack);
  if (scopes) slack.grantScopes(scopes);
  slack.clearCalls();
  return slack;
}

/**
 * The lines of a check-up the admin runs (env empty unless given): its first
 * step, then its second, given the first's lines as the workflow passes them
 * (a JSON text each, through next_step.ts's hand-over). Nothing is left pending, and the DM shows them all.
 */
export async function checkupLines(
  slack: FakeSlack,
  request: Partial<CheckupRequest> & { jsmTokenId?: string } = {},
): Promise<CheckupLine[]> {
  const { jsmTokenId, ...asked } = request;
  const env = asked.env ?? {};
  const outcome = await runCheckup(clientFor(slack), {
    admin: PEOPLE.admin,
    run: crypto.randomUUID(),
    env,
    ...asked,
  });
  assert.equal(outcome.kind, "reported");
  if (outcome.kind !== "reported") return [];
  // Handed over as the workflow does, held to what run_checkup declares.
  const handed = handOver(RunCheckupWorkflow, 0, RunCheckupFunction, {
    admin: PEOPLE.admin,
    report_channel: outcome.report.channel,
    report_ts: outcome.report.ts,
    lines: encodeLines(outcome.lines),
  }, FinishCheckupFunction);
  const finished = await finishCheckup(clientFor(slack), {
    admin: String(handed.admin),
    report: {
      channel: String(handed.report_channel),
      ts: String(handed.report_ts),
    },
    lines: decodeLines(handed.lines as string[]),
    env,
    jsmTokenId,
    budgetMs: asked.budgetMs,
  });
  assert.equal(finished.kind, "rewritten", "the findings' DM is rewritten");
  const { lines } = finished;
  assert.deepEqual(lines.filter((l) => l.pending), [], "nothing left pending");
  const shown = slack.workspace.findMessage(
    outcome.report.channel,
    outcome.report.ts,
  );
  assert.ok(shown, "the findings' DM is still there");
  for (const line of lines) {
    assert.ok(
      JSON.stringify(shown.blocks).includes(
        JSON.stringify(`*${line.check}*`).slice(1, -1),
      ),
      `the DM shows ${line.check}`,
    );
  }
  return lines;
}

/** The report's line for `check`; the test fails if there is none. */
export function checkLine(lines: CheckupLine[], check: string): CheckupLine {
  const found = lines.find((l) => l.check === check);
  assert.ok(found, `no line "${check}" in ${lines.map((l) => l.check)}`);
  return found;
}

/** The line for `check`, which must have failed and say what to do. */
export function failedCheck(lines: CheckupLine[], check: string): CheckupLine {
  const found = checkLine(lines, check);
  assert.equal(found.ok, false, `${check} passed: ${found.found}`);
  assert.ok(found.todo, `${check} says what to do`);
  return found;
}

/**
 * The check-up's DM says every one of its `checked` checks passed (and
 * `skipped` skipped, `running` still running: the first step's DM, before
 * the second rewrites it, has the workflow steps line running), but for the
 * time to answer a click. That line times round trips to the fake on this
 * machine, so on one too busy to answer auth.test within a fifteenth of
 * Slack's 3 s it fails, truthfully; only it may, and then it alone.
 * `checked` undefined: any number.
 */
export function assertCheckupPassed(
  report: { text?: string; blocks?: unknown },
  checked?: number,
  skipped = 0,
  running = 0,
) {
  const text = report.text ?? "";
  const summary =
    /^Helpdesk check-up: (?:all (\d+) checks passed|(\d+) of (\d+) checks failed)(?:, (\d+) skipped)?(?:, (\d+) still running)?\./
      .exec(text);
  assert.ok(summary, `not a check-up's summary: ${text}`);
  const [, allPassed, failedCount, ofChecked, skippedCount, runningCount] =
    summary;
  if (checked !== undefined) {
    assert.equal(Number(allPassed ?? ofChecked), checked, text);
  }
  assert.equal(Number(runningCount ?? 0), running, text);
  assert.equal(Number(skippedCount ?? 0), skipped, text);
  const failed = [
    ...JSON.stringify(report.blocks ?? []).matchAll(/:x: \*([^*]+)\*/g),
  ]
    .map(([, check]) => check);
  assert.equal(failed.length, Number(failedCount ?? 0), text);
  assert.deepEqual(failed.filter((check) => check !== CLICK_CHECK), [], text);
}
