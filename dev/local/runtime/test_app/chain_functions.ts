// Two steps for the runtime's step-chaining tests: `give` ends with the
// outputs its input names (a JSON text, so a test can hand over what a
// function should not), `take` posts the inputs it got, as JSON.
import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";

export const GiveFunction = DefineFunction({
  callback_id: "give",
  title: "Give",
  source_file: "give_function.ts",
  input_parameters: {
    properties: { outputs: { type: Schema.types.string } },
    required: ["outputs"],
  },
});

export const give = SlackFunction(
  GiveFunction,
  // deno-lint-ignore require-await
  async ({ inputs }) => ({ outputs: JSON.parse(inputs.outputs) }),
);

export const TakeFunction = DefineFunction({
  callback_id: "take",
  title: "Take",
  source_file: "take_function.ts",
  input_parameters: {
    properties: { channel: { type: Schema.slack.types.channel_id } },
    required: ["channel"],
  },
});

export const take = SlackFunction(
  TakeFunction,
  async ({ inputs, client }) => {
    await client.chat.postMessage({
      channel: inputs.channel,
      text: JSON.stringify(inputs),
    });
    return { outputs: {} };
  },
);
