import { SlackFunction } from "deno-slack-sdk/mod.ts";
import ConfigureQueueFunction from "./definition.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import {
  putQueue,
  settingsAndQueues,
} from "../../slack/storage/queue_store.ts";
import {
  DEFAULT_QUEUE_ID,
  queueIdFromName,
} from "../../helpdesk/queues/queue.ts";
import {
  describeQueue,
  queueFromForm,
} from "../../helpdesk/queues/queue_form.ts";
import {
  checkQueueEditor,
  queueNamed,
  refuseAdmin,
} from "../../slack/operations/queue_admin.ts";
import {
  reactionTargets,
  syncReactionTriggers,
} from "../../slack/operations/reaction_triggers.ts";
import { tellPerson } from "../../slack/operations/tell_person.ts";
import { joinIfPublic } from "../../slack/operations/join_channel.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";

export default SlackFunction(
  ConfigureQueueFunction,
  async ({ inputs, client }) => {
    const admin = inputs.admin;
    const fail = refuseAdmin(client, admin, "The queue");
    try {
      const { settings, queues } = await settingsAndQueues(client);
      if (!settings) return await fail(NOT_CONFIGURED);
      const existing = queueNamed(queues, inputs.name);
      // New queues are made by those who may change the default queue.
      const guard = existing ??
        queues.find((q) => q.id === DEFAULT_QUEUE_ID)!;
      const allowed = await checkQueueEditor(client, guard, admin);
      if (!allowed.ok) return await fail(allowed.reason);
      const id = existing?.id ?? queueIdFromName(inputs.name);
      if (!id) {
        return await fail("Give the queue a name with letters or digits.");
      }
      const built = queueFromForm(inputs, id, queues);
      if (!built.ok) return await fail(built.problems.join(" "));
      const now = Math.floor(Date.now() / 1000);
      const queue = { ...built.queue, updated_by: admin, updated_at: now };
      // Public channels are joined so cards can be posted and reacted-to
      // messages read; private ones need an invitation, said below.
      const channels = [queue.triage_channel, ...queue.intake_channels];
      const joined = await Promise.all(
        channels.map((c) => joinIfPublic(client, c)),
      );
      const uninvited = channels.filter((_, i) => !joined[i]);
      await putQueue(client, queue);
      // Read again when syncing: another queue may have been saved since.
      await syncReactionTriggers(client, async () => {
        const now = await settingsAndQueues(client);
        const current = now.settings ?? settings;
        return reactionTargets(
          now.queues,
          current.triage_channel,
          current.intake_emoji,
        );
      });
      const invite = uninvited.length
        ? `\n:warning: Invite @Helpdesk to ${
          uninvited.map((c) => `<#${c}>`).join(", ")
        } (\`/invite @Helpdesk\`): it can't join private channels by itself.`
        : "";
      await tellPerson(
        client,
        { user: admin },
        `:white_check_mark: Saved.\n${describeQueue(queue)}${invite}`,
      ).catch(() => {});
      return { outputs: { queue_id: id } };
    } catch (error) {
      console.error("configure_queue failed", error);
      return await fail(explainFailure(error));
    }
  },
);
