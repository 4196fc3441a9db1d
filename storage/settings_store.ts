// Helpdesk's configuration, one datastore item written by the "Configure
// Helpdesk" workflow and read by every function that needs the triage channel
// or the list of agents.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import SettingsDatastore from "../datastores/settings.ts";
import { slackCall } from "../slack_api/slack_call.ts";

export const SETTINGS_ID = "helpdesk";

export interface HelpdeskSettings {
  triage_channel: string;
  agent_users: string[];
  agent_usergroup?: string;
  workspace_url: string;
  action_trigger_id?: string;
  action_trigger_url?: string;
  reaction_trigger_id?: string;
  sla_targets?: string;
  sla_request_types?: string;
  business_hours?: string;
  time_zone?: string;
  sla_warn_percent?: number;
  owner?: string;
  sla_updated_at?: number;
  auto_close_days?: number;
  sweep_trigger_ids?: string[];
  digest_trigger_id?: string;
  rating_trigger_id?: string;
  rating_trigger_url?: string;
  /** The reaction that turns a message into a ticket, without colons. */
  intake_emoji?: string;
  /** The event trigger for it on the queues' intake channels. */
  intake_trigger_id?: string;
  updated_by: string;
  updated_at: number;
}

export const NOT_CONFIGURED =
  'Helpdesk is not set up yet: an admin needs to run the "Configure Helpdesk" shortcut to choose the triage channel and the agents.';

export async function getSettings(
  client: SlackAPIClient,
): Promise<HelpdeskSettings | undefined> {
  const { item } = await slackCall(client, "apps.datastore.get", {
    datastore: SettingsDatastore.name,
    id: SETTINGS_ID,
  });
  if (!item?.triage_channel) return undefined;
  return {
    triage_channel: item.triage_channel,
    agent_users: item.agent_users ?? [],
    agent_usergroup: item.agent_usergroup || undefined,
    workspace_url: item.workspace_url ?? "",
    action_trigger_id: item.action_trigger_id || undefined,
    action_trigger_url: item.action_trigger_url || undefined,
    reaction_trigger_id: item.reaction_trigger_id || undefined,
    sla_targets: item.sla_targets || undefined,
    sla_request_types: item.sla_request_types || undefined,
    business_hours: item.business_hours || undefined,
    time_zone: item.time_zone || undefined,
    sla_warn_percent: item.sla_warn_percent ?? undefined,
    owner: item.owner || undefined,
    sla_updated_at: item.sla_updated_at ?? undefined,
    auto_close_days: item.auto_close_days ?? undefined,
    sweep_trigger_ids: item.sweep_trigger_ids?.length
      ? item.sweep_trigger_ids
      : undefined,
    digest_trigger_id: item.digest_trigger_id || undefined,
    rating_trigger_id: item.rating_trigger_id || undefined,
    rating_trigger_url: item.rating_trigger_url || undefined,
    intake_emoji: item.intake_emoji || undefined,
    intake_trigger_id: item.intake_trigger_id || undefined,
    updated_by: item.updated_by,
    updated_at: item.updated_at,
  };
}

export async function putSettings(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
) {
  await slackCall(client, "apps.datastore.put", {
    datastore: SettingsDatastore.name,
    item: {
      id: SETTINGS_ID,
      ...Object.fromEntries(
        Object.entries(settings).filter(([, v]) => v !== undefined),
      ),
    },
  });
}
