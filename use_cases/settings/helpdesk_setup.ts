// Saving "Configure Helpdesk": who may, whether someone else saved since the
// form opened, what the form says, then everything the settings need in
// Slack (the triage channel joined and posted in, the triggers behind the
// card and rating buttons, the schedules and the reaction triggers), and
// only then the settings themselves. A problem is filed under the field
// it is about and nothing is saved.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import ticketActionTrigger from "../../triggers/created_by_app/update_ticket.ts";
import rateTicketTrigger from "../../triggers/created_by_app/rate_ticket.ts";
import {
  changeSettings,
  getSettings,
  NOT_CONFIGURED,
} from "../../slack/storage/settings_store.ts";
import { listStoredQueues, putQueue } from "../../slack/storage/queue_store.ts";
import { upsertTrigger } from "./app_triggers.ts";
import { scheduleDigest, scheduleSweeps } from "./schedule_trigger.ts";
import { reactionTargets, syncReactionTriggers } from "./reaction_triggers.ts";
import { joinIfPublic } from "../../slack/workspace/join_channel.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  publicTriageWarning,
  setupNotice,
} from "../../slack/blocks/setup_notice.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { onlyHelpdeskAdmins } from "../../slack/blocks/refusals.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { DEFAULT_TIME_ZONE } from "../../helpdesk/service_levels/zoned_time.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
import {
  helpdeskAdmins,
  mayChangeHelpdesk,
} from "../../helpdesk/helpdesk_admins.ts";
import {
  checkHelpdeskForm,
  type HelpdeskChoices,
  type HelpdeskField,
  type HelpdeskForm,
} from "../../helpdesk/helpdesk_form.ts";
import {
  savedByOtherSince,
  type SavedVersion,
} from "../../helpdesk/saved_version.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import {
  refused,
  type SaveProblems,
  type SaveResult,
} from "./settings_forms.ts";

export { NOT_CONFIGURED };

/** May this person open Configure Helpdesk? A refusal names who may. */
export function helpdeskEditorRefusal(
  settings: HelpdeskSettings | undefined,
  person: string,
): string | undefined {
  return mayChangeHelpdesk(settings, person) ? undefined : onlyHelpdeskAdmins(
    "change Helpdesk's settings",
    helpdeskAdmins(settings!),
  );
}

/** The version of the settings a Configure Helpdesk form opens on. */
export function helpdeskVersion(
  settings: HelpdeskSettings | undefined,
): SavedVersion {
  return settings
    ? { at: settings.updated_at, by: settings.updated_by || undefined }
    : { at: 0 };
}

export async function saveHelpdeskSettings(
  client: SlackAPIClient,
  admin: string,
  form: HelpdeskForm,
  opened: SavedVersion,
): Promise<SaveResult<HelpdeskField>> {
  // Nothing is checked, joined, posted or created before the person is
  // known to be allowed.
  const previous = await getSettings(client);
  const checked = checkSave(previous, admin, form, opened);
  if (!checked.ok) return checked;
  const choice = checked.value;
  const access = await checkSlackAccess(client, choice);
  if (!access.ok) return access;
  const notice = await postSetupNotice(client, choice, admin);
  if (!notice.ok) return notice;
  try {
    await syncDefaultQueue(client, choice, admin);
    const triggers = await setUpTriggers(client, previous, choice);
    await storeHelpdeskSettings(client, choice, triggers, {
      admin,
      workspaceUrl: access.workspaceUrl,
    });
  } catch (error) {
    console.error("configure_helpdesk failed", error);
    // The notice would claim a setup that did not happen.
    await slackCall(client, "chat.delete", {
      channel: choice.triage_channel,
      ts: notice.ts,
    }).catch((deletion) =>
      console.warn("setup notice not deleted after a failed setup", deletion)
    );
    // The default queue, triggers or the settings may have been written
    // (a put's answer lost after the write): never "not changed".
    return problem(
      "triage_channel",
      `Slack failed part way, so Helpdesk's settings may be only partly saved: submit this form again. ${
        explainFailure(error)
      }`,
    );
  }
  if (access.publicTriage) {
    await tellPerson(
      client,
      { user: admin },
      publicTriageWarning(choice.triage_channel),
    ).catch((error) => console.warn("public triage not warned of", error));
  }
  return { ok: true };
}

const problem = (field: HelpdeskField, text: string) => ({
  ok: false as const,
  errors: { [field]: text },
});

/** Who may, whether someone else saved since, and what the form says. */
function checkSave(
  previous: HelpdeskSettings | undefined,
  admin: string,
  form: HelpdeskForm,
  opened: SavedVersion,
): { ok: true; value: HelpdeskChoices } | SaveProblems<HelpdeskField> {
  const refusal = helpdeskEditorRefusal(previous, admin);
  if (refusal) {
    return refused(
      "triage_channel",
      `Helpdesk's settings were not changed. ${refusal}`,
    );
  }
  if (savedByOtherSince(opened, helpdeskVersion(previous), admin)) {
    return problem(
      "triage_channel",
      "Another admin saved Helpdesk's settings after you opened this form, so nothing was saved: close it and run Configure Helpdesk again to see theirs.",
    );
  }
  const checked = checkHelpdeskForm(form, previous, admin);
  if (checked.ok) return checked;
  const errors: Partial<Record<HelpdeskField, string>> = {};
  for (const [field, text] of Object.entries(checked.problems)) {
    errors[field as HelpdeskField] = escapeMrkdwn(text);
  }
  return { ok: false, errors };
}

/**
 * What Slack must allow before anything is saved: the workspace (its
 * URL), the agents' user group, and the triage channel, joined if public.
 */
async function checkSlackAccess(
  client: SlackAPIClient,
  choice: HelpdeskChoices,
): Promise<
  | { ok: true; workspaceUrl: string; publicTriage: boolean }
  | SaveProblems<HelpdeskField>
> {
  const group = choice.agent_usergroup;
  const [auth, groupCheck, joined] = await Promise.allSettled([
    slackCall(client, "auth.test", {}),
    // A user group that doesn't exist (or a missing scope) fails here,
    // before anything is saved.
    group && slackCall(client, "usergroups.users.list", { usergroup: group }),
    joinIfPublic(client, choice.triage_channel),
  ]);
  if (groupCheck.status === "rejected") {
    return problem("agent_usergroup", explainFailure(groupCheck.reason));
  }
  if (joined.status === "rejected") {
    return problem("triage_channel", explainFailure(joined.reason));
  }
  if (auth.status === "rejected") {
    return problem("triage_channel", nothingSaved(auth.reason));
  }
  // Joined by Helpdesk itself: a public channel.
  return { ok: true, workspaceUrl: auth.value.url, publicTriage: joined.value };
}

/** Posting the notice proves Helpdesk can post cards there. */
async function postSetupNotice(
  client: SlackAPIClient,
  choice: HelpdeskChoices,
  admin: string,
): Promise<{ ok: true; ts: string } | SaveProblems<HelpdeskField>> {
  try {
    const { ts } = await slackCall(client, "chat.postMessage", {
      channel: choice.triage_channel,
      text: setupNotice({
        agentUsers: choice.agent_users,
        agentGroup: choice.agent_usergroup,
        admin,
      }),
    });
    return { ok: true, ts };
  } catch (error) {
    return problem("triage_channel", explainFailure(error));
  }
}

/**
 * The default queue, if an admin ever edited it as a queue, gets the same
 * triage channel and agents; its other roles stay.
 */
async function syncDefaultQueue(
  client: SlackAPIClient,
  choice: HelpdeskChoices,
  admin: string,
) {
  const stored = await listStoredQueues(client);
  const defaultQueue = stored.find((q) => q.id === DEFAULT_QUEUE_ID);
  if (!defaultQueue) return;
  const group = choice.agent_usergroup;
  await putQueue(client, {
    ...defaultQueue,
    triage_channel: choice.triage_channel,
    members: [...choice.agent_users, ...(group ? [group] : [])],
    updated_by: admin,
    updated_at: Math.floor(Date.now() / 1000),
  });
}

/**
 * The triggers behind the card and rating buttons, the schedules and the
 * reaction triggers, created or updated at once.
 */
async function setUpTriggers(
  client: SlackAPIClient,
  previous: HelpdeskSettings | undefined,
  choice: HelpdeskChoices,
) {
  const nowMs = Date.now();
  const [action, rating, sweeps, digest] = await Promise.all([
    upsertTrigger(client, previous?.action_trigger_id, ticketActionTrigger),
    upsertTrigger(client, previous?.rating_trigger_id, rateTicketTrigger),
    scheduleSweeps(client, previous?.sweep_trigger_ids, nowMs),
    scheduleDigest(
      client,
      previous?.digest_trigger_id,
      previous?.time_zone ?? DEFAULT_TIME_ZONE,
      nowMs,
    ),
    // The queues are read again in each round (see there); the triage
    // channel and the emoji are the ones being saved.
    syncReactionTriggers(client, async () =>
      reactionTargets(
        await listStoredQueues(client),
        choice.triage_channel,
        choice.intake_emoji,
      )),
  ]);
  return { action, rating, sweeps, digest };
}

/**
 * Only this form's own fields: the service levels, saved with their own
 * form meanwhile, are kept as they are now.
 */
async function storeHelpdeskSettings(
  client: SlackAPIClient,
  choice: HelpdeskChoices,
  { action, rating, sweeps, digest }: Awaited<
    ReturnType<typeof setUpTriggers>
  >,
  by: { admin: string; workspaceUrl: string },
) {
  await changeSettings(client, {
    rating_trigger_id: rating.id,
    rating_trigger_url: rating.shortcut_url,
    sweep_trigger_ids: sweeps.map((trigger) => trigger.id),
    digest_trigger_id: digest.id,
    triage_channel: choice.triage_channel,
    agent_users: choice.agent_users,
    agent_usergroup: choice.agent_usergroup,
    workspace_url: by.workspaceUrl,
    action_trigger_id: action.id,
    action_trigger_url: action.shortcut_url,
    intake_emoji: choice.intake_emoji,
    admins: choice.admins,
    retention_days: choice.retention_days,
    updated_by: by.admin,
    updated_at: Math.floor(Date.now() / 1000),
  });
}

function nothingSaved(error: unknown): string {
  return `Helpdesk's settings were not changed. ${explainFailure(error)}`;
}
