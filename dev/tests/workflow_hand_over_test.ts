// Helpdesk's two-step workflows as the tests run their next steps
// (dev/testing/next_step.ts): the first step's outputs are held to what its
// function declares, as Slack holds them, and reach the next step under the
// names the workflow maps them to.
import assert from "node:assert/strict";
import { handOver } from "../testing/next_step.ts";
import ConfigureQueueWorkflow from "../../workflows/configure_queue.ts";
import ConfigureQueueFunction from "../../functions/configure_queue/definition.ts";
import SyncQueueReactionsFunction from "../../functions/sync_queue_reactions/definition.ts";
import RunCheckupWorkflow from "../../workflows/run_checkup.ts";
import RunCheckupFunction from "../../functions/run_checkup/definition.ts";
import FinishCheckupFunction from "../../functions/finish_checkup/definition.ts";
import { helpdeskManifest } from "../../manifest.ts";
import {
  type DeploymentOptions,
  deploymentOptions,
} from "../../integrations/deployment/deployment_options.ts";
import type { WorkflowStep } from "../local/runtime/workflow_runner.ts";

const queueHandOver = (outputs: Record<string, unknown>) =>
  handOver(
    ConfigureQueueWorkflow,
    0,
    ConfigureQueueFunction,
    outputs,
    SyncQueueReactionsFunction,
  );

Deno.test("Configure a queue hands its saved queue to the sync step", async (t) => {
  await t.step("under the names the workflow maps", () => {
    assert.deepEqual(
      queueHandOver({ queue_id: "q1", saved_by: "U1" }),
      { queue_id: "q1", saved_by: "U1" },
    );
  });

  await t.step("a form closed unsaved hands on nothing, and it runs", () => {
    assert.deepEqual(queueHandOver({}), {});
  });

  await t.step("outputs Slack would refuse fail, saying which", () => {
    assert.throws(
      () => queueHandOver({ queue_id: 7 }),
      /^Error: parameter_validation_failed: #\/functions\/configure_queue: output queue_id is not of type string$/,
    );
    assert.throws(
      () => queueHandOver({ queue: "q1" }),
      /output queue is not declared/,
    );
  });

  await t.step("a step that is not the workflow's next one is refused", () => {
    assert.throws(
      () =>
        handOver(
          ConfigureQueueWorkflow,
          0,
          ConfigureQueueFunction,
          {},
          FinishCheckupFunction,
        ),
      /step 1 does not run finish_checkup/,
    );
  });
});

Deno.test("the check-up hands its lines, as a list of texts, to its second step", () => {
  const outputs = {
    passed: 1,
    failed: 0,
    admin: "U1",
    report_channel: "D1",
    report_ts: "1.2",
    lines: ['{"check":"a"}', '{"check":"b"}'],
  };
  const inputs = handOver(
    RunCheckupWorkflow,
    0,
    RunCheckupFunction,
    outputs,
    FinishCheckupFunction,
  );
  assert.deepEqual(inputs, {
    admin: "U1",
    report_channel: "D1",
    report_ts: "1.2",
    lines: ['{"check":"a"}', '{"check":"b"}'],
  });
  assert.throws(
    () =>
      handOver(
        RunCheckupWorkflow,
        0,
        RunCheckupFunction,
        { ...outputs, lines: [{ check: "a" }] },
        FinishCheckupFunction,
      ),
    /output lines item 0 is not of type string/,
  );
});

Deno.test("no step requires an input an earlier step's output gives", async (t) => {
  // A step's output may be left out (a form closed unsaved, a refusal), and
  // a required input fed by it failed Slack's own sample at run time
  // (slack-samples/deno-simple-survey issue 24; docs/platform.md).
  const settings: Array<[string, Record<string, string>]> = [
    ["nothing on", {}],
    ["JSM and files on", {
      JSM_AUTH: "api_token",
      JSM_SITE: "https://acme.atlassian.net/",
      HELPDESK_FILES: "on",
    }],
    ["JSM by OAuth", { JSM_AUTH: "oauth", JSM_OAUTH_CLIENT_ID: "client-1" }],
  ];
  for (const [what, env] of settings) {
    await t.step(what, () => {
      const options = deploymentOptions(env);
      assert.ok(options.ok, JSON.stringify(options));
      const manifest: {
        workflows: Record<string, { steps: WorkflowStep[] }>;
        functions: Record<
          string,
          { input_parameters?: { required?: string[] } }
        >;
      } = JSON.parse(
        JSON.stringify(helpdeskManifest(options.value as DeploymentOptions)),
      );
      let chained = 0;
      for (const [workflow, { steps }] of Object.entries(manifest.workflows)) {
        for (const step of steps) {
          const id = step.function_id.replace(/^#\/functions\//, "");
          const required = manifest.functions[id]?.input_parameters?.required ??
            [];
          for (const [input, value] of Object.entries(step.inputs)) {
            if (!/\{\{\s*steps\./.test(String(value))) continue;
            chained += 1;
            assert.ok(
              !required.includes(input),
              `${workflow}: ${id} requires ${input}, fed by ${value}`,
            );
          }
        }
      }
      assert.ok(chained > 0, "some step takes an earlier step's output");
    });
  }
});
