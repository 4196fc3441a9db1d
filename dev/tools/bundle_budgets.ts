// How much of the project's own code each function's bundle may hold
// (measured by bundle_sizes.ts; dev/tests/bundle_budgets_test.ts fails past
// it). The goal is 60 KB: a function at or under it has that budget. The
// others have their size when the budgets were set, rounded up to a whole
// KB, so that they can only shrink: lower a budget when a function gets
// smaller, and never raise one to let a change in.
const KB = 1024;

export const GOAL = 60 * KB;

export const BUNDLE_BUDGETS: Readonly<Record<string, number>> = {
  card_reaction: 103 * KB,
  choose_report_scope: GOAL,
  configure_helpdesk: 77 * KB,
  configure_queue: 80 * KB,
  configure_request_type: GOAL,
  configure_service_levels: GOAL,
  create_ticket: 108 * KB,
  jsm_update: 96 * KB,
  message_to_ticket: 119 * KB,
  my_tickets: 118 * KB,
  open_ticket: 115 * KB,
  open_tickets: GOAL,
  post_report: GOAL,
  rate_ticket: 96 * KB,
  record_jira_issue: GOAL,
  requester_message: 114 * KB,
  retry_jsm_syncs: 91 * KB,
  run_checkup: 81 * KB,
  service_level_sweep: 160 * KB,
  sync_ticket_to_jsm: 86 * KB,
  update_ticket: 174 * KB,
};
