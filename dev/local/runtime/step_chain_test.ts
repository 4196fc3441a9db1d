// A workflow's next step, as the local runtime runs it: the previous step's
// outputs reach its inputs when they are what the function declares, and
// the run fails, saying why, when they are not or a required input is left
// empty (step_parameters.ts says which of that the sources state).
import assert from "node:assert/strict";
import { LocalRuntime } from "./local_runtime.ts";
import { FakeSlack } from "../../testing/fake_slack/server.ts";
import { BOT_USER_ID } from "../../testing/fake_slack/workspace.ts";

const GIVEN = {
  properties: {
    names: { type: "array", items: { type: "string" } },
    count: { type: "integer" },
    who: { type: "slack#/types/user_id" },
  },
  required: ["count"],
};

function app(takeRequires: string[] = ["channel"]) {
  return {
    root: new URL("./test_app/", import.meta.url),
    manifest: {
      functions: {
        give: {
          source_file: "give_function.ts",
          input_parameters: {
            properties: { outputs: { type: "string" } },
            required: ["outputs"],
          },
          output_parameters: GIVEN,
        },
        take: {
          source_file: "take_function.ts",
          input_parameters: {
            properties: { channel: { type: "slack#/types/channel_id" } },
            required: takeRequires,
          },
          output_parameters: { properties: {}, required: [] },
        },
      },
      workflows: {
        chain: {
          steps: [
            {
              id: "0",
              function_id: "#/functions/give",
              inputs: { outputs: "{{inputs.outputs}}" },
            },
            {
              id: "1",
              function_id: "#/functions/take",
              inputs: {
                channel: "C1",
                names: "{{steps.0.names}}",
                count: "{{steps.0.count}}",
                who: "{{steps.0.who}}",
              },
            },
          ],
        },
      },
    },
  };
}

async function chain(
  outputs: Record<string, unknown>,
  takeRequires?: string[],
) {
  const slack = await FakeSlack.start({
    workspace: {
      users: [{ id: "U1", name: "one" }],
      channels: [{
        id: "C1",
        name: "c",
        is_private: false,
        members: [BOT_USER_ID, "U1"],
      }],
    },
  });
  try {
    const runtime = new LocalRuntime(slack, app(takeRequires));
    const done = await runtime.startWorkflow("chain", {
      outputs: JSON.stringify(outputs),
    }).done;
    const taken = slack.workspace.messagesIn("C1")
      .map((m) => JSON.parse(m.text ?? ""));
    return { done, taken };
  } finally {
    await slack.close();
  }
}

Deno.test("a step's outputs reach the next step's inputs", async (t) => {
  await t.step("an array of strings item for item, in order", async () => {
    const { done, taken } = await chain({
      names: ["b", "a", "b"],
      count: 3,
      who: "U1",
    });
    assert.equal(done.ok, true, JSON.stringify(done));
    assert.deepEqual(taken, [{
      channel: "C1",
      names: ["b", "a", "b"],
      count: 3,
      who: "U1",
    }]);
  });

  await t.step(
    "optional outputs left out: the next step runs, those inputs empty",
    async () => {
      const { done, taken } = await chain({ count: 0 });
      assert.equal(done.ok, true, JSON.stringify(done));
      assert.deepEqual(taken, [{ channel: "C1", count: 0 }]);
    },
  );
});

Deno.test("outputs that are not what the function declares fail the run", async (t) => {
  const refused: Array<[string, Record<string, unknown>, string]> = [
    [
      "a required output missing",
      { names: [] },
      "required output count is missing",
    ],
    ["a wrong type", { count: "3" }, "output count is not of type integer"],
    [
      "an array item of the wrong type",
      { count: 1, names: ["a", 2] },
      "output names item 1 is not of type string",
    ],
    [
      "an output not declared",
      { count: 1, extra: "x" },
      "output extra is not declared",
    ],
  ];
  for (const [what, outputs, problem] of refused) {
    await t.step(`${what}: refused, and the next step never runs`, async () => {
      const { done, taken } = await chain(outputs);
      assert.deepEqual(done, {
        ok: false,
        error: `parameter_validation_failed: #/functions/give: ${problem}`,
      });
      assert.deepEqual(taken, []);
    });
  }
});

Deno.test("a required input left empty by the step before fails the run", async () => {
  const { done, taken } = await chain({ count: 1 }, ["channel", "who"]);
  assert.deepEqual(done, {
    ok: false,
    error: "#/functions/take is missing required inputs: who",
  });
  assert.deepEqual(taken, []);
});
