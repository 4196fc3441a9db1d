// A queue: a triage channel, the people who work it, and where its tickets
// may come from. Plain data; slack/storage/queue_store.ts reads and writes it.
import type { QueueRoles } from "./role_entries.ts";
import type { HelpdeskSettings } from "../settings.ts";

export const DEFAULT_QUEUE_ID = "default";
export const DEFAULT_QUEUE_NAME = "Helpdesk";

export interface Queue extends QueueRoles {
  id: string;
  name: string;
  triage_channel: string;
  intake_channels: string[];
  /**
   * The queue's own holidays, as typed (service_levels/holidays.ts); its
   * tickets' clocks also stop on the desk's.
   */
  holidays?: string;
  /** When its holidays last changed: deadlines computed before are redone. */
  sla_updated_at?: number;
  updated_by?: string;
  updated_at?: number;
}

/**
 * The queue "Configure Helpdesk" describes, for a workspace whose admins
 * never edited it as a queue: its agents are the members, and whoever set
 * Helpdesk up owns it and is its superuser, so approvals have someone.
 */
export function defaultQueueFromSettings(settings: HelpdeskSettings): Queue {
  const owner = settings.owner ?? settings.updated_by;
  return {
    id: DEFAULT_QUEUE_ID,
    name: DEFAULT_QUEUE_NAME,
    triage_channel: settings.triage_channel,
    intake_channels: [],
    owner,
    members: [
      ...settings.agent_users,
      ...(settings.agent_usergroup ? [settings.agent_usergroup] : []),
    ],
    admins: [],
    superusers: ["${owner}"],
  };
}

/** A name as an id part: lower case, words joined by "-". */
export function nameSlug(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(
    /^-+|-+$/g,
    "",
  );
}
