import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import ConfigureRequestTypeFunction from "../functions/configure_request_type/definition.ts";

/** "Configure a request type": what a queue can be asked for, and how. */
const ConfigureRequestTypeWorkflow = DefineWorkflow({
  callback_id: "configure_request_type",
  title: "Configure a request type",
  description: "Add, change or remove a request type of a Helpdesk queue",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
      // Set by triggers made before the function took the person from
      // the interactivity; accepted so they still start, and ignored.
      admin: { type: Schema.slack.types.user_id },
    },
    required: ["interactivity"],
  },
});

const form = ConfigureRequestTypeWorkflow.addStep(
  Schema.slack.functions.OpenForm,
  {
    title: "Request type",
    description:
      "The request form asks for a summary, details and priority, then this type's own questions.",
    submit_label: "Save",
    interactivity: ConfigureRequestTypeWorkflow.inputs.interactivity,
    fields: {
      elements: [
        { name: "queue_name", title: "Queue", type: Schema.types.string },
        { name: "name", title: "Request type", type: Schema.types.string },
        {
          name: "description",
          title: "Description",
          description: "Shown under its name in the request form",
          type: Schema.types.string,
        },
        {
          name: "fields",
          title: "Questions",
          description:
            "One per line: “Label: type”, type text, long text, select(A, B), user or date; * after the label makes it required",
          type: Schema.types.string,
          long: true,
        },
        {
          name: "needs_approval",
          title: "Needs approval",
          type: Schema.types.boolean,
        },
        {
          name: "approvers",
          title: "Approvers",
          description: "Empty means ${superusers}; e.g. ${owner}, ${admins}",
          type: Schema.types.string,
        },
        {
          name: "private",
          title: "Private (HR, security)",
          description: "The triage card shows only its key",
          type: Schema.types.boolean,
        },
        { name: "remove", title: "Remove it", type: Schema.types.boolean },
      ],
      required: ["queue_name", "name"],
    },
  },
);

ConfigureRequestTypeWorkflow.addStep(ConfigureRequestTypeFunction, {
  queue_name: form.outputs.fields.queue_name,
  name: form.outputs.fields.name,
  description: form.outputs.fields.description,
  fields: form.outputs.fields.fields,
  needs_approval: form.outputs.fields.needs_approval,
  approvers: form.outputs.fields.approvers,
  private: form.outputs.fields.private,
  remove: form.outputs.fields.remove,
  // The person who submitted the form, as Slack reports it.
  interactivity: form.outputs.interactivity,
});

export default ConfigureRequestTypeWorkflow;
