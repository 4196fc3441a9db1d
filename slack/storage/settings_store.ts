// Helpdesk's configuration, one datastore item written by the "Configure
// Helpdesk" workflow and read by every function that needs the triage channel
// or the list of agents.
import { SettingsDatastore } from "./datastore_refs.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { getItem, putItem, type StoredItem } from "./datastore.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";

export const SETTINGS_ID = "helpdesk";

type SettingsItem = StoredItem<typeof SettingsDatastore>;

export const NOT_CONFIGURED =
  'Helpdesk is not set up yet: an admin needs to run the "Configure Helpdesk" shortcut to choose the triage channel and the agents.';

export async function getSettings(
  client: SlackAPIClient,
): Promise<HelpdeskSettings | undefined> {
  const item = await getItem(client, SettingsDatastore, SETTINGS_ID);
  if (!item?.triage_channel) return undefined;
  return {
    triage_channel: item.triage_channel,
    agent_users: item.agent_users ?? [],
    agent_usergroup: item.agent_usergroup || undefined,
    workspace_url: item.workspace_url ?? "",
    action_trigger_id: item.action_trigger_id || undefined,
    action_trigger_url: item.action_trigger_url || undefined,
    sla_targets: item.sla_targets || undefined,
    sla_request_types: item.sla_request_types || undefined,
    business_hours: item.business_hours || undefined,
    holidays: item.holidays || undefined,
    time_zone: item.time_zone || undefined,
    sla_warn_percent: item.sla_warn_percent ?? undefined,
    owner: item.owner || undefined,
    sla_updated_at: item.sla_updated_at ?? undefined,
    sla_updated_by: item.sla_updated_by || undefined,
    auto_close_days: item.auto_close_days ?? undefined,
    reopen_days: item.reopen_days ?? undefined,
    sweep_trigger_ids: item.sweep_trigger_ids?.length
      ? item.sweep_trigger_ids
      : undefined,
    digest_trigger_id: item.digest_trigger_id || undefined,
    rating_trigger_id: item.rating_trigger_id || undefined,
    rating_trigger_url: item.rating_trigger_url || undefined,
    intake_emoji: item.intake_emoji || undefined,
    admins: item.admins?.length ? item.admins : undefined,
    retention_days: item.retention_days || undefined,
    updated_by: item.updated_by ?? "",
    updated_at: item.updated_at ?? 0,
  };
}

export async function putSettings(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
) {
  const item: SettingsItem = { id: SETTINGS_ID, ...settings };
  await putItem(
    client,
    SettingsDatastore,
    Object.fromEntries(
      Object.entries(item).filter(([, v]) => v !== undefined),
    ) as SettingsItem,
  );
}

/**
 * Sets some of the settings, keeping the others as they are stored now:
 * read just before writing, so that two forms saving different fields
 * (Configure Helpdesk and the service levels) don't put back each other's
 * old values. Slack datastores have no conditional write: two saves in the
 * same instant still leave the last one written. A field given as
 * undefined is removed.
 */
export async function changeSettings(
  client: SlackAPIClient,
  fields: Partial<HelpdeskSettings>,
): Promise<HelpdeskSettings> {
  const latest = await getSettings(client);
  const next = { ...latest, ...fields } as HelpdeskSettings;
  await putSettings(client, next);
  return next;
}
