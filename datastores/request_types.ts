import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/**
 * One item per request type, edited with the "Configure a request type"
 * workflow. `fields` is the admin's text (helpdesk/request_types/form_fields.ts),
 * re-read each time so the form shows it back as written.
 */
export default DefineDatastore({
  name: "request_types",
  primary_key: "id",
  attributes: {
    id: { type: Schema.types.string },
    queue_id: { type: Schema.types.string },
    name: { type: Schema.types.string },
    description: { type: Schema.types.string },
    fields: { type: Schema.types.string },
    needs_approval: { type: Schema.types.boolean },
    /** Entries as for queue roles; `${superusers}` when none were given. */
    approvers: {
      type: Schema.types.array,
      items: { type: Schema.types.string },
    },
    private: { type: Schema.types.boolean },
    /** public, internal (the default) or none: see request_type.ts. */
    private_jsm: { type: Schema.types.string },
    updated_by: { type: Schema.slack.types.user_id },
    updated_at: { type: Schema.slack.types.timestamp },
  },
});
