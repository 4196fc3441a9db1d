import { SlackFunction } from "deno-slack-sdk/mod.ts";
import ConfigureHelpdeskFunction from "./definition.ts";
import ticketActionTrigger from "../../triggers/ticket_action.ts";
import {
  getSettings,
  putSettings,
} from "../../slack/storage/settings_store.ts";
import { upsertTrigger } from "../../slack/operations/app_triggers.ts";
import {
  scheduleDigest,
  scheduleSweeps,
} from "../../slack/operations/scheduled_runs.ts";
import rateTicketTrigger from "../../triggers/rate_ticket.ts";
import { DEFAULT_TIME_ZONE } from "../../helpdesk/tickets/service_level_settings.ts";
import { tellPerson } from "../../slack/operations/tell_person.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { joinIfPublic } from "../../slack/operations/join_channel.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { setupNotice } from "../../slack/blocks/setup_notice.ts";
import { listStoredQueues, putQueue } from "../../slack/storage/queue_store.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
import {
  reactionTargets,
  syncReactionTriggers,
} from "../../slack/operations/reaction_triggers.ts";
import {
  DEFAULT_INTAKE_EMOJI,
  TICKET_MARK,
} from "../../helpdesk/tickets/message_ticket.ts";
import {
  helpdeskAdmins,
  mayChangeHelpdesk,
  nextHelpdeskAdmins,
} from "../../helpdesk/helpdesk_admins.ts";
import { onlyHelpdeskAdmins } from "../../slack/blocks/refusals.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/operations/acting_person.ts";

export default SlackFunction(
  ConfigureHelpdeskFunction,
  async ({ inputs, client }) => {
    const channel = inputs.triage_channel;
    const agentUsers = [...new Set<string>(inputs.agent_users ?? [])];
    const agentGroup = inputs.agent_usergroup || undefined;
    const admin = actingPerson(inputs.interactivity);
    if (!admin) return { error: NO_ACTING_PERSON };
    const refuse = async (problem: string) => {
      const message = `Helpdesk's settings were not changed. ${problem}`;
      await tellPerson(client, { user: admin }, message).catch(() => {});
      return { error: message };
    };
    try {
      // Nothing is checked, joined, posted or created before the person is
      // known to be allowed.
      const previous = await getSettings(client);
      if (!mayChangeHelpdesk(previous, admin)) {
        return await refuse(
          onlyHelpdeskAdmins(
            "change Helpdesk's settings",
            helpdeskAdmins(previous!),
          ),
        );
      }
      const admins = nextHelpdeskAdmins(inputs.admins, previous, admin);
      if (!admins.ok) return await refuse(admins.problem);
      if (agentUsers.length === 0 && !agentGroup) {
        return await refuse(
          "Helpdesk needs at least one agent: choose people, a user group, or both.",
        );
      }
      const emoji = intakeEmoji(inputs.intake_emoji);
      if (!emoji.ok) return await refuse(emoji.problem);
      const [auth] = await Promise.all([
        slackCall(client, "auth.test", {}),
        // A user group that doesn't exist (or a missing scope) fails here,
        // before anything is saved.
        agentGroup &&
        slackCall(client, "usergroups.users.list", { usergroup: agentGroup }),
        joinIfPublic(client, channel),
      ]);
      // Posting the notice proves Helpdesk can post cards there.
      const notice = await slackCall(client, "chat.postMessage", {
        channel,
        text: setupNotice({ agentUsers, agentGroup, admin }),
      });
      try {
        const nowMs = Date.now();
        // The default queue, if an admin ever edited it as a queue, gets
        // the same triage channel and agents; its other roles stay.
        const stored = await listStoredQueues(client);
        const queues = stored.map((queue) =>
          queue.id === DEFAULT_QUEUE_ID
            ? {
              ...queue,
              triage_channel: channel,
              members: [...agentUsers, ...(agentGroup ? [agentGroup] : [])],
              updated_by: admin,
              updated_at: Math.floor(nowMs / 1000),
            }
            : queue
        );
        const defaultQueue = queues.find((q) => q.id === DEFAULT_QUEUE_ID);
        if (defaultQueue) await putQueue(client, defaultQueue);
        const [action, rating, sweeps, digest] = await Promise
          .all([
            upsertTrigger(
              client,
              previous?.action_trigger_id,
              ticketActionTrigger,
            ),
            upsertTrigger(
              client,
              previous?.rating_trigger_id,
              rateTicketTrigger,
            ),
            scheduleSweeps(client, previous?.sweep_trigger_ids, nowMs),
            scheduleDigest(
              client,
              previous?.digest_trigger_id,
              previous?.time_zone ?? DEFAULT_TIME_ZONE,
              nowMs,
            ),
            // The queues are read again in each round (see there); the
            // triage channel and the emoji are the ones being saved.
            syncReactionTriggers(client, async () =>
              reactionTargets(
                await listStoredQueues(client),
                channel,
                emoji.value,
              )),
          ]);
        await putSettings(client, {
          // Service levels are set with their own shortcut and kept here.
          ...previous,
          rating_trigger_id: rating.id,
          rating_trigger_url: rating.shortcut_url,
          sweep_trigger_ids: sweeps.map((trigger) => trigger.id),
          digest_trigger_id: digest.id,
          triage_channel: channel,
          agent_users: agentUsers,
          agent_usergroup: agentGroup,
          workspace_url: auth.url,
          action_trigger_id: action.id,
          action_trigger_url: action.shortcut_url,
          intake_emoji: emoji.value,
          admins: admins.admins,
          updated_by: admin,
          updated_at: Math.floor(Date.now() / 1000),
        });
      } catch (error) {
        // The notice would claim a setup that did not happen.
        await slackCall(client, "chat.delete", { channel, ts: notice.ts })
          .catch(() => {});
        throw error;
      }
      return { outputs: {} };
    } catch (error) {
      console.error("configure_helpdesk failed", error);
      const message = `Helpdesk's settings were not changed. ${
        explainFailure(error)
      }`;
      await tellPerson(client, { user: admin }, message).catch(() => {});
      return { error: message };
    }
  },
);

/** An emoji name as Slack writes it, without colons: "ticket", "sos". */
function intakeEmoji(
  typed: string | undefined,
): { ok: true; value: string } | { ok: false; problem: string } {
  const value = (typed ?? "").trim().replace(/^:|:$/g, "").toLowerCase() ||
    DEFAULT_INTAKE_EMOJI;
  if (!/^[a-z0-9_+'-]{1,100}$/.test(value)) {
    return {
      ok: false,
      problem: `“${
        escapeMrkdwn(typed ?? "")
      }” is not an emoji name. Write it as Slack does, e.g. ticket or :sos:.`,
    };
  }
  if (value === TICKET_MARK) {
    return {
      ok: false,
      problem:
        `:${TICKET_MARK}: is how Helpdesk marks messages that became tickets; choose another emoji.`,
    };
  }
  return { ok: true, value };
}
