// How much of the project's own code each function's bundle may hold
// (measured by bundle_sizes.ts; dev/tests/bundle_budgets_test.ts fails past
// it). The goal is 60 KB: a function at or under it has that budget. The
// others have their size when the budgets were set, rounded up to a whole
// KB, so that they can only shrink: lower a budget when a function gets
// smaller, and never raise one to let a change in.
const KB = 1024;

export const GOAL = 60 * KB;

export const BUNDLE_BUDGETS: Readonly<Record<string, number>> = {
  card_reaction: 118 * KB,
  choose_report_scope: GOAL,
  configure_helpdesk: 83 * KB,
  configure_queue: 85 * KB,
  configure_request_type: GOAL,
  configure_service_levels: GOAL,
  create_ticket: 123 * KB,
  jsm_update: 112 * KB,
  message_to_ticket: 131 * KB,
  my_tickets: 133 * KB,
  open_ticket: 130 * KB,
  open_tickets: 64 * KB,
  post_report: 68 * KB,
  rate_ticket: 112 * KB,
  record_jira_issue: GOAL,
  requester_message: 123 * KB,
  retry_jsm_syncs: 106 * KB,
  run_checkup: 86 * KB,
  service_level_sweep: 176 * KB,
  sync_ticket_to_jsm: 102 * KB,
  update_ticket: 189 * KB,
};
