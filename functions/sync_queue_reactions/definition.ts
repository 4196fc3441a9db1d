import { DefineFunction, Schema } from "deno-slack-sdk/mod.ts";

export const SYNC_QUEUE_REACTIONS_CALLBACK_ID = "sync_queue_reactions";

/**
 * The step after "Configure a queue": the reaction triggers follow every
 * queue's channels, then whoever saved the queue is told what was saved and
 * whether its reactions follow. Does nothing when no queue was saved (the
 * form closed, or refused before it opened).
 */
export default DefineFunction({
  callback_id: SYNC_QUEUE_REACTIONS_CALLBACK_ID,
  title: "Bring Helpdesk's reactions in step with its queues",
  description:
    "After a queue is saved: :ticket: and card reactions follow every queue's channels, and whoever saved it is told",
  source_file: "functions/sync_queue_reactions/handler.ts",
  input_parameters: {
    properties: {
      queue_id: {
        type: Schema.types.string,
        title: "Queue id",
        description: "The queue saved; empty: nothing was saved",
      },
      saved_by: { type: Schema.slack.types.user_id, title: "Saved by" },
    },
    required: [],
  },
  output_parameters: {
    properties: {
      confirmed: {
        type: Schema.types.boolean,
        title: "A save was confirmed",
      },
    },
    required: [],
  },
});
