import { SlackFunction } from "deno-slack-sdk/mod.ts";
import ConfigureQueueFunction from "./definition.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import {
  putQueue,
  settingsAndQueues,
} from "../../slack/storage/queue_store.ts";
import { queueFromForm } from "../../helpdesk/queues/queue_form.ts";
import {
  nameClash,
  newQueueId,
  normalName,
  queueNamed,
} from "../../helpdesk/queues/queue_names.ts";
import {
  checkQueueCreator,
  checkQueueEditor,
  refuseAdmin,
} from "../../slack/operations/queue_admin.ts";
import {
  reactionTargets,
  syncReactionTriggers,
} from "../../slack/operations/reaction_triggers.ts";
import {
  describeQueue,
  queueFormProblems,
  queueList,
} from "../../slack/blocks/queue_summary.ts";
import { channelMention, escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/operations/acting_person.ts";
import { tellPerson } from "../../slack/operations/tell_person.ts";
import { joinIfPublic } from "../../slack/operations/join_channel.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";

export default SlackFunction(
  ConfigureQueueFunction,
  async ({ inputs, client }) => {
    const admin = actingPerson(inputs.interactivity);
    if (!admin) return { error: NO_ACTING_PERSON };
    const fail = refuseAdmin(client, admin, "The queue");
    try {
      const { settings, queues } = await settingsAndQueues(client);
      if (!settings) return await fail(escapeMrkdwn(NOT_CONFIGURED));
      const typed = normalName(inputs.name);
      const rename = normalName(inputs.new_name ?? "");
      if (!typed) return await fail("Give the queue a name.");
      // A name finds a queue only when it is exactly that queue's name.
      const existing = queueNamed(queues, typed);
      if (!existing && rename) {
        return await fail(
          `There is no queue called “${escapeMrkdwn(typed)}” to rename. ${
            queueList(queues)
          }`,
        );
      }
      const allowed = existing
        ? await checkQueueEditor(client, settings, existing, admin)
        : checkQueueCreator(settings, admin);
      if (!allowed.ok) return await fail(allowed.reason);
      const name = existing ? rename || existing.name : typed;
      const clash = nameClash(queues, name, existing?.id);
      if (clash) {
        return await fail(
          `“${escapeMrkdwn(name)}” is too close to the name of the ${
            escapeMrkdwn(clash.name)
          } queue: queue names must differ in more than case, spaces or punctuation.`,
        );
      }
      const id = existing?.id ?? newQueueId(queues, name);
      const built = queueFromForm({ ...inputs, name }, id, queues);
      if (!built.ok) {
        return await fail(queueFormProblems(built.problems, built.conflicts));
      }
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
          uninvited.map(channelMention).join(", ")
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
