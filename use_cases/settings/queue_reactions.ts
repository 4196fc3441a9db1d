// The step after "Configure a queue" saved a queue: the reaction triggers
// (:ticket: in intake channels, requesters' replies there, reactions on the
// cards in triage channels) brought in step with every queue, then the
// person who saved it told what was saved and whether its reactions follow.
//
// It is a step of its own so that the form's function, which must keep the
// modal's handlers (Slack sends a view_submission to the function that
// opened the view), does not bundle the triggers (about 13 KB), and so that
// the save answers the form without the trigger calls. Slack runs the next
// step once the form's run completes with its outputs; a run ended by
// closing the form has no queue, and nothing is done.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { settingsAndQueues } from "../../slack/storage/queue_store.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { reactionTargets, syncReactionTriggers } from "./reaction_triggers.ts";
import { queueSavedConfirmation } from "./queue_confirmation.ts";

/** What the form's run hands on: empty when nothing was saved. */
export interface QueueSaved {
  queueId?: string;
  savedBy?: string;
}

/** Whether a save was confirmed (false: nothing was saved). */
export async function followQueueSave(
  client: SlackAPIClient,
  saved: QueueSaved,
): Promise<boolean> {
  const { queueId, savedBy } = saved;
  if (!queueId || !savedBy) return false;
  const failed = await bringTriggersInStep(client);
  const triggers = failed
    ? `\n:warning: Its :ticket: and card reactions may not follow it yet: ${failed} Saving any queue again brings them in step.`
    : "";
  // The queue as saved, and which of its channels Helpdesk is not in; if
  // it can't be read, the save is still confirmed.
  const said = await settingsAndQueues(client)
    .then(({ queues }) => queues.find((q) => q.id === queueId))
    .then((queue) => queue && queueSavedConfirmation(client, queue))
    .catch((error) => console.warn("the saved queue not described", error));
  await tellPerson(
    client,
    { user: savedBy },
    `${said || ":white_check_mark: Saved."}${triggers}`,
  ).catch((error) => console.warn("the queue's save was not confirmed", error));
  return true;
}

/**
 * The reaction triggers brought in step with every queue, read again at
 * each round (another queue may have been saved since). The queue is saved
 * either way: why they could not follow, if they could not.
 */
async function bringTriggersInStep(
  client: SlackAPIClient,
): Promise<string | undefined> {
  try {
    const synced = await syncReactionTriggers(client, async () => {
      const now = await settingsAndQueues(client);
      if (!now.settings) throw new NotConfigured();
      return reactionTargets(
        now.queues,
        now.settings.triage_channel,
        now.settings.intake_emoji,
      );
    });
    // Every call answered, yet Slack's list still differs from the queues:
    // not said to follow.
    return synced.settled
      ? undefined
      : "Slack's list of Helpdesk's triggers still differed from the queues after several tries.";
  } catch (error) {
    if (error instanceof NotConfigured) return NOT_CONFIGURED;
    console.error("configure_queue: reaction triggers not synced", error);
    return explainFailure(error);
  }
}

/** Helpdesk's settings gone since the save: no triage channel to watch. */
class NotConfigured extends Error {}
