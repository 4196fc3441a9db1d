// The check-up's two steps as the workflow runs them: the first DMs its
// findings with the JSM line pending, the second checks JSM and rewrites
// that same message, so the admin reads one message with every line. When
// the second step can't finish, nothing the first found is hidden.
import assert from "node:assert/strict";
import runCheckup from "../run_checkup/handler.ts";
import handler from "./handler.ts";
import {
  functionContext,
  interactivityOf,
  PEOPLE,
} from "../../dev/testing/harness.ts";
import {
  assertCheckupPassed,
  configuredWorkspace,
} from "../../dev/testing/checkup_fixtures.ts";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { clientFor } from "../../dev/testing/harness.ts";
import { finishCheckup } from "../../use_cases/checkup/checkup_followup.ts";
import { pass } from "../../use_cases/checkup/checkup_line.ts";
import { stepChainPending } from "../../use_cases/checkup/step_chain_check.ts";
import { handOver } from "../../dev/testing/next_step.ts";
import RunCheckupWorkflow from "../../workflows/run_checkup.ts";
import RunCheckupFunction from "../run_checkup/definition.ts";
import FinishCheckupFunction from "./definition.ts";

/** The first step's outputs, all absent when it refused. */
type Outputs = {
  admin?: string;
  report_channel?: string;
  report_ts?: string;
  lines?: string[];
  passed?: number;
  failed?: number;
};

/** The first step, as the check-up's shortcut starts it. */
async function firstStep(
  slack: FakeSlack,
  env: Record<string, string>,
  who: string = PEOPLE.admin,
): Promise<Outputs> {
  const result = await runCheckup(
    functionContext("run_checkup", slack, {
      interactivity: interactivityOf(who),
    }, env),
  );
  assert.equal(result.error, undefined);
  return result.outputs as Outputs;
}

/**
 * The second step, given the first step's outputs as the workflow does
 * (held to what run_checkup declares, mapped as workflows/run_checkup.ts
 * maps them), then `damaged` on the way if a test says so.
 */
async function secondStep(
  slack: FakeSlack,
  first: Outputs,
  env: Record<string, string>,
  damaged: (inputs: Outputs) => Outputs = (inputs) => inputs,
) {
  const inputs = handOver(
    RunCheckupWorkflow,
    0,
    RunCheckupFunction,
    { ...first },
    FinishCheckupFunction,
  );
  return await handler(
    functionContext("finish_checkup", slack, damaged(inputs), env),
  );
}

const checkupDms = (slack: FakeSlack) =>
  slack.workspace.dmsTo(PEOPLE.admin).filter((m) =>
    (m.text ?? "").startsWith("Helpdesk check-up")
  );

Deno.test("the check-up with JSM on: one message, finished by its second step", async (t) => {
  await using slack = await configuredWorkspace();
  await using jsm = await startFakeJsm();

  await t.step(
    "the first step leaves the JSM line pending, saying so",
    async () => {
      const first = await firstStep(slack, jsm.apiTokenEnv());
      const [dm] = checkupDms(slack);
      assert.equal(dm.ts, first.report_ts);
      assert.match(dm.text ?? "", /, 2 still running\./);
      const shown = JSON.stringify(dm.blocks);
      assert.match(
        shown,
        /:hourglass_flowing_sand: \*Jira Service Management\*: Being checked by the check-up's next step/,
      );
      assert.match(
        shown,
        /If it does not change within a minute:\* That step did not finish: run the check-up again/,
      );
      assert.equal(
        (first.lines as string[]).length,
        12,
        "every line goes to the next step",
      );
    },
  );

  await t.step(
    "the second step rewrites that message with the JSM line",
    async () => {
      slack.workspace.messages.length = 0;
      const first = await firstStep(slack, jsm.apiTokenEnv());
      const result = await secondStep(slack, first, jsm.apiTokenEnv());
      const dms = checkupDms(slack);
      assert.equal(dms.length, 1, "one message");
      assert.equal(dms[0].ts, first.report_ts);
      // Ten lines checked, files and thread replies (none passed on yet)
      // skipped, none still running. (The triggers line may fail here: this
      // workspace has no JSM webhook trigger.)
      assert.match(
        dms[0].text ?? "",
        /10 checks (?:passed|failed), 2 skipped\./,
      );
      assert.match(
        JSON.stringify(dms[0].blocks),
        /:white_check_mark: \*Jira Service Management\*: Reachable, and the api token may read service desk IT Help/,
      );
      assert.doesNotMatch(JSON.stringify(dms[0].blocks), /hourglass/);
      const outputs = result.outputs as Outputs;
      assert.equal(
        Number(outputs.passed) + Number(outputs.failed),
        10,
        "every line but the skipped ones counted",
      );
    },
  );

  await t.step(
    "a token Atlassian refuses: the JSM line fails in it",
    async () => {
      slack.workspace.messages.length = 0;
      const env = jsm.apiTokenEnv({ JSM_API_TOKEN: "expired" });
      const first = await firstStep(slack, env);
      await secondStep(slack, first, env);
      const dms = checkupDms(slack);
      assert.equal(dms.length, 1);
      assert.match(dms[0].text ?? "", /checks failed/);
      assert.match(
        JSON.stringify(dms[0].blocks),
        /:x: \*Jira Service Management\*: JSM did not answer the check as it should\.\\n\*What to do:\* .*HTTP 401/,
      );
    },
  );

  for (const [what, body] of [["empty", ""], ["without the desk", {}]]) {
    await t.step(
      `a 200 ${what}: the JSM line does not pass on it`,
      async () => {
        slack.workspace.messages.length = 0;
        // What answered is not the service desk asked for (a proxy, or a
        // host that is not JSM): reachable, but neither the credentials nor
        // the id are proven.
        jsm.fail("/rest/servicedeskapi/servicedesk/1", { status: 200, body });
        const env = jsm.apiTokenEnv();
        const first = await firstStep(slack, env);
        await secondStep(slack, first, env);
        const shown = JSON.stringify(checkupDms(slack)[0].blocks);
        assert.doesNotMatch(
          shown,
          /:white_check_mark: \*Jira Service Management/,
        );
        assert.match(
          shown,
          /:x: \*Jira Service Management\*: JSM answered, but not with service desk 1\./,
        );
      },
    );
  }

  await t.step(
    "the message gone: the JSM line comes in a DM of its own",
    async () => {
      slack.workspace.messages.length = 0;
      const first = await firstStep(slack, jsm.apiTokenEnv());
      slack.workspace.messages.length = 0;
      await secondStep(slack, first, jsm.apiTokenEnv());
      const [told] = slack.workspace.dmsTo(PEOPLE.admin);
      assert.match(
        told.text ?? "",
        /^The check-up could not add its last lines to its findings above: .*message_not_found/s,
      );
      assert.match(
        told.text ?? "",
        /:white_check_mark: \*Jira Service Management\*: Reachable/,
      );
    },
  );

  await t.step(
    "lines that did not come through: the JSM line comes apart",
    async () => {
      slack.workspace.messages.length = 0;
      const first = await firstStep(slack, jsm.apiTokenEnv());
      await secondStep(
        slack,
        first,
        jsm.apiTokenEnv(),
        (inputs) => ({ ...inputs, lines: ["not a line"] }),
      );
      const dms = slack.workspace.dmsTo(PEOPLE.admin);
      assert.equal(dms.length, 2);
      assert.match(dms[0].text ?? "", /, 2 still running\./, "left as it was");
      assert.match(
        dms[1].text ?? "",
        /the first step's findings did not reach this one intact\.\n:white_check_mark: \*Jira Service Management\*/,
      );
      assert.match(
        dms[1].text ?? "",
        /:x: \*Workflow steps\*: The second step ran, but the first step's findings reached it unreadable\./,
      );
    },
  );
});

Deno.test("the workflow steps line: the second step proves the hand-over", async (t) => {
  await using slack = await configuredWorkspace();
  const advice =
    /\*What to do:\* Run the check-up again\. If this line fails again, Slack is not handing a workflow step's results to its next step here, and Configure a queue's confirmation/;

  await t.step(
    "the first step shows it running, saying what to do",
    async () => {
      const first = await firstStep(slack, {});
      const [dm] = checkupDms(slack);
      assertCheckupPassed(dm, 8, 2, 1);
      assert.match(
        JSON.stringify(dm.blocks),
        /:hourglass_flowing_sand: \*Workflow steps\*: Being checked by the check-up's next step.*If it does not change within a minute:\* Slack did not run the check-up's second step with this step's findings/,
      );
      const last = JSON.parse((first.lines as string[]).at(-1)!);
      assert.equal(last.check, "Workflow steps", "the last line of all");
    },
  );

  await t.step(
    "JSM off: the second step rewrites the same DM, the line passing",
    async () => {
      slack.workspace.messages.length = 0;
      const first = await firstStep(slack, {});
      slack.clearCalls();
      const result = await secondStep(slack, first, {});
      assert.deepEqual(slack.calls.map((c) => c.method), ["chat.update"]);
      const dms = checkupDms(slack);
      assert.equal(dms.length, 1, "one message");
      assert.equal(dms[0].ts, first.report_ts);
      assertCheckupPassed(dms[0], 9, 2);
      assert.match(
        JSON.stringify(dms[0].blocks),
        /:white_check_mark: \*Workflow steps\*: The second step ran with the first step's findings \(11 lines, as a list of texts\) and the place of this DM, all intact\./,
      );
      const outputs = result.outputs as Outputs;
      assert.equal(Number(outputs.passed) + Number(outputs.failed), 9);
    },
  );

  await t.step("the first step refused: no call", async () => {
    const first = await firstStep(slack, {}, PEOPLE.agent);
    assert.deepEqual(first, {});
    slack.clearCalls();
    const result = await secondStep(slack, first, {});
    assert.deepEqual(result.outputs, {});
    assert.equal(slack.calls.length, 0);
  });

  // What arrived, and what the line then says arrived.
  const damaged: Array<[string, (first: Outputs) => Outputs, RegExp]> = [
    [
      "inputs empty but the admin",
      (first) => ({ admin: first.admin }),
      /findings reached it empty\./,
    ],
    [
      "lines not a list",
      (first) => ({ ...first, lines: "[]" as unknown as string[] }),
      /findings reached it unreadable\./,
    ],
    [
      "a line cut off",
      (first) => ({ ...first, lines: first.lines!.slice(0, -1) }),
      /findings reached it incomplete \(10 lines, not ending with this one\)\./,
    ],
    [
      "a line damaged",
      (first) => ({
        ...first,
        lines: [
          ...first.lines!.slice(0, 2),
          '{"check":',
          ...first.lines!.slice(3),
        ],
      }),
      /findings reached it unreadable\./,
    ],
    [
      "the DM's timestamp damaged",
      (first) => ({ ...first, report_ts: "yesterday" }),
      /findings reached it without the place of their DM\./,
    ],
    [
      "the DM's channel missing",
      (first) => ({ ...first, report_channel: undefined }),
      /findings reached it without the place of their DM\./,
    ],
  ];
  for (const [what, damage, found] of damaged) {
    await t.step(
      `${what}: the line fails with its advice, the DM left as it was`,
      async () => {
        slack.workspace.messages.length = 0;
        const first = await firstStep(slack, {});
        const result = await secondStep(slack, first, {}, damage);
        const [dm, told, ...more] = slack.workspace.dmsTo(PEOPLE.admin);
        assert.deepEqual(more, []);
        assert.match(dm.text ?? "", /, 1 still running\./, "left as it was");
        assert.match(
          told.text ?? "",
          /^The check-up could not add its last line to its findings above: the first step's findings did not reach this one intact\.\n:x: \*Workflow steps\*: The second step ran, but the first step's findings /,
        );
        assert.match(told.text ?? "", found);
        assert.match(told.text ?? "", advice);
        assert.equal((result.outputs as Outputs).failed, 1);
      },
    );
  }

  await t.step(
    "a pending line no step runs fails, saying so, in the same message",
    async () => {
      slack.workspace.messages.length = 0;
      const first = await firstStep(slack, {});
      const outcome = await finishCheckup(clientFor(slack), {
        admin: PEOPLE.admin,
        report: {
          channel: String(first.report_channel),
          ts: String(first.report_ts),
        },
        lines: [
          pass("Slack permissions", "All 13 granted."),
          { check: "Something new", ok: true, pending: true, found: "…" },
          stepChainPending(),
        ],
        env: {},
      });
      assert.equal(outcome.kind, "rewritten");
      const [dm] = checkupDms(slack);
      assert.match(
        JSON.stringify(dm.blocks),
        /:x: \*Something new\*: No step of this check-up runs this check\./,
      );
    },
  );
});
