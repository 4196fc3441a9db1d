import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/**
 * Report figures filed by UTC day, so a report for the last N days reads
 * N + 1 items instead of scanning every ticket ever opened. A day's item
 * holds one row per ticket with something to count that day (opened, first
 * response, resolved, rated), each row the ticket's figures as of its last
 * filing; a ticket's row sits in every day it has counted in (tickets'
 * report_days), so a reopened ticket leaves no stale row behind. Only the
 * scheduled run writes here.
 *
 * Items stay under Slack's 400 KB: a busy day spills into "2026-11-26#1",
 * "#2"…, and the day's first item says how many parts there are.
 */
export default DefineDatastore({
  name: "report_days",
  primary_key: "id",
  attributes: {
    id: { type: Schema.types.string },
    /** JSON rows, see helpdesk/reports/report_rows.ts. */
    rows: { type: Schema.types.array, items: { type: Schema.types.string } },
    parts: { type: Schema.types.integer },
    updated_at: { type: Schema.slack.types.timestamp },
  },
});
