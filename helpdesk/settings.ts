// Helpdesk's settings as the rules see them: one record, written by the
// "Configure Helpdesk" and service-level shortcuts, read by every function
// that needs the triage channel, the agents or the service levels.
// slack/storage/settings_store.ts reads and writes it.

export interface HelpdeskSettings {
  triage_channel: string;
  agent_users: string[];
  agent_usergroup?: string;
  workspace_url: string;
  action_trigger_id?: string;
  action_trigger_url?: string;
  sla_targets?: string;
  sla_request_types?: string;
  business_hours?: string;
  /** Dates on which no time counts, as typed (service_levels/holidays.ts). */
  holidays?: string;
  time_zone?: string;
  sla_warn_percent?: number;
  owner?: string;
  sla_updated_at?: number;
  /** Who saved the service levels last. */
  sla_updated_by?: string;
  auto_close_days?: number;
  /** A closed ticket can be reopened for this many days; 0 never. */
  reopen_days?: number;
  sweep_trigger_ids?: string[];
  digest_trigger_id?: string;
  rating_trigger_id?: string;
  rating_trigger_url?: string;
  /** The reaction that turns a message into a ticket, without colons. */
  intake_emoji?: string;
  /** As stored; read them with helpdeskAdmins() (helpdesk_admins.ts). */
  admins?: string[];
  /**
   * Closed tickets are purged this many days after they closed; absent or
   * 0: never (see helpdesk/tickets/retention.ts).
   */
  retention_days?: number;
  updated_by: string;
  updated_at: number;
}
