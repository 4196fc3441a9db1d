// What a working Helpdesk has, for the check-up to compare the workspace
// with. Kept in step with the manifest's bot scopes and with triggers/ by
// dev/tests/checkup_expectations_test.ts: a function bundle can't read the
// manifest or the trigger files themselves.

/** The manifest's botScopes (manifest.ts). */
export const EXPECTED_BOT_SCOPES: readonly string[] = [
  "channels:history",
  "channels:join",
  "channels:read",
  "chat:write",
  "datastore:read",
  "datastore:write",
  "groups:history",
  "groups:read",
  "reactions:read",
  "reactions:write",
  "triggers:read",
  "triggers:write",
  "usergroups:read",
];

/** A trigger someone creates with `slack trigger create` (triggers/*.ts). */
export interface ShortcutTrigger {
  workflow: string;
  file: string;
  /** Only in deployments with this integration on. */
  only?: "jsm" | "jira_cloud";
}

export const SHORTCUT_TRIGGERS: readonly ShortcutTrigger[] = [
  { workflow: "configure_helpdesk", file: "triggers/configure_helpdesk.ts" },
  { workflow: "configure_queue", file: "triggers/configure_queue.ts" },
  {
    workflow: "configure_request_type",
    file: "triggers/configure_request_type.ts",
  },
  {
    workflow: "configure_service_levels",
    file: "triggers/configure_service_levels.ts",
  },
  { workflow: "erase_person", file: "triggers/erase_person.ts" },
  { workflow: "helpdesk_report", file: "triggers/helpdesk_report.ts" },
  { workflow: "jsm_update", file: "triggers/jsm_update.ts", only: "jsm" },
  { workflow: "my_tickets", file: "triggers/my_tickets.ts" },
  {
    workflow: "open_jira_issue",
    file: "triggers/open_jira_issue.ts",
    only: "jira_cloud",
  },
  { workflow: "open_ticket", file: "triggers/open_ticket.ts" },
  { workflow: "open_tickets", file: "triggers/open_tickets.ts" },
  { workflow: "run_checkup", file: "triggers/run_checkup.ts" },
  { workflow: "saved_replies", file: "triggers/saved_replies.ts" },
];
