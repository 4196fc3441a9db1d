// Slack's Google Sheets connector, referenced by id: the SDK's mod.ts does not
// export DefineConnector, and the typed definitions live in deno_slack_hub,
// which is not on npm. Facts from Slack's connector reference: inputs
// spreadsheet_id, sheet_title, google_access_token, and columns, an object
// whose keys are column indexes as strings ("0", "1", …); outputs
// spreadsheet_url and spreadsheet_id among others.
export const GOOGLE_SHEETS_ADD_ROW =
  "A04MG80N5CY#/functions/add_spreadsheet_row";

/** The ticket log's columns in order: the sheet's header row. */
export const TICKET_LOG_COLUMNS = [
  "Key",
  "Summary",
  "Priority",
  "Category",
  "Requester (Slack id)",
  "Card",
] as const;
