// A tiny function for the runtime's own tests: it posts a question with a
// plain button, stays open, and completes when the button is clicked.
import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";

export const AskFunction = DefineFunction({
  callback_id: "ask",
  title: "Ask",
  source_file: "ask_function.ts",
  input_parameters: {
    properties: { channel: { type: Schema.slack.types.channel_id } },
    required: ["channel"],
  },
  output_parameters: {
    properties: { answer: { type: Schema.types.string } },
    required: ["answer"],
  },
});

export default SlackFunction(AskFunction, async ({ inputs, client }) => {
  await client.chat.postMessage({
    channel: inputs.channel,
    text: "Ready?",
    blocks: [{
      type: "actions",
      block_id: "question",
      elements: [{
        type: "button",
        action_id: "yes",
        value: "yes",
        text: { type: "plain_text", text: "Yes" },
      }],
    }],
  });
  return { completed: false };
}).addBlockActionsHandler("yes", async ({ action, body, client }) => {
  await client.chat.update({
    channel: body.container.channel_id,
    ts: body.container.message_ts,
    text: `<@${body.user.id}> said ${action.value}`,
    blocks: [],
  });
  await client.functions.completeSuccess({
    function_execution_id: body.function_data.execution_id,
    outputs: { answer: action.value },
  });
});
