// A tiny function for the runtime's own tests: it opens a form whose
// submission takes as long as the answer says ("slow" or "fast"), then
// refuses it with an error under the field.
import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";

export const SlowFormFunction = DefineFunction({
  callback_id: "slow_form",
  title: "Slow form",
  source_file: "slow_form.ts",
  input_parameters: {
    properties: { interactivity: { type: Schema.slack.types.interactivity } },
    required: ["interactivity"],
  },
});

/** How long "slow" takes; the test sets the runtime's deadline below it. */
export const SLOW_MS = 300;

export default SlackFunction(SlowFormFunction, async ({ inputs, client }) => {
  await client.views.open({
    interactivity_pointer: inputs.interactivity.interactivity_pointer,
    view: {
      type: "modal",
      callback_id: "slow_form",
      notify_on_close: true,
      title: { type: "plain_text", text: "Slow form" },
      submit: { type: "plain_text", text: "Send" },
      blocks: [{
        type: "input",
        block_id: "what",
        label: { type: "plain_text", text: "What" },
        element: { type: "plain_text_input", action_id: "what" },
      }],
    },
  });
  return { completed: false };
}).addViewSubmissionHandler("slow_form", async ({ view }) => {
  const what = String(view.state.values.what.what.value);
  if (what === "slow") await new Promise((r) => setTimeout(r, SLOW_MS));
  return { response_action: "errors", errors: { what: `Said ${what}` } };
}).addViewClosedHandler("slow_form", async ({ body, client }) => {
  await client.functions.completeSuccess({
    function_execution_id: body.function_data.execution_id,
    outputs: {},
  });
});
