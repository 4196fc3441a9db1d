import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/**
 * What the Helpdesk check-up (use_cases/checkup/) writes and reads: its own
 * scratch items for the read-your-writes check (deleted after), and what
 * Helpdesk saw of the platform on its own, e.g. the order in which Slack
 * named the timestamps of the last requester reply it passed on.
 */
export default DefineDatastore({
  name: "checkups",
  primary_key: "id",
  attributes: {
    /** "thread_order", or "scratch:<execution id>" while a check-up runs. */
    id: { type: Schema.types.string },
    /** What was seen or written, as JSON or a plain string. */
    value: { type: Schema.types.string },
    recorded_at: { type: Schema.slack.types.timestamp },
  },
});
