// After "Configure a queue" saved a queue: its reaction triggers brought in
// step with every queue, and the save confirmed (use_cases/settings/
// queue_reactions.ts says why this is a step of its own).
import { SlackFunction } from "deno-slack-sdk/mod.ts";
import SyncQueueReactionsFunction from "./definition.ts";
import { followQueueSave } from "../../use_cases/settings/queue_reactions.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";

export default SlackFunction(
  SyncQueueReactionsFunction,
  async ({ inputs, client }) => {
    try {
      const confirmed = await followQueueSave(client, {
        queueId: inputs.queue_id,
        savedBy: inputs.saved_by,
      });
      return { outputs: { confirmed } };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "sync_queue_reactions failed",
        ...(inputs.saved_by ? { tell: { user: inputs.saved_by } } : {}),
        what:
          "The queue is saved, but its :ticket: and card reactions may not follow it yet (saving any queue again brings them in step).",
      });
    }
  },
);
