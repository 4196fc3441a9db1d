// Posts its input text: the runtime's tests fire it from event and scheduled
// triggers and read the message back.
import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";

export const EchoFunction = DefineFunction({
  callback_id: "echo",
  title: "Echo",
  source_file: "echo_function.ts",
  input_parameters: {
    properties: {
      channel: { type: Schema.slack.types.channel_id },
      text: { type: Schema.types.string },
    },
    required: ["channel", "text"],
  },
});

export default SlackFunction(EchoFunction, async ({ inputs, client }) => {
  await client.chat.postMessage({
    channel: inputs.channel,
    text: `echo: ${inputs.text}`,
  });
  return { outputs: {} };
});
