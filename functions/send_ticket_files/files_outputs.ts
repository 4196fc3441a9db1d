// Apart from the definition: the functions that put these out (open_ticket,
// update_ticket) would otherwise bundle this function's whole definition.
import { Schema } from "deno-slack-sdk/mod.ts";

/**
 * What the functions before this step put out for it (filesOutputs in
 * slack/workspace/files_step.ts): the request form and the card's buttons.
 */
export const FILES_OUTPUTS = {
  files: {
    type: Schema.types.array,
    items: { type: Schema.slack.types.file_id },
    title: "Files to pass on",
  },
  files_by: { type: Schema.slack.types.user_id, title: "Files added by" },
  files_to: {
    type: Schema.types.string,
    title: "Where the files go",
    description: "card (a form's) or requester (a reply's)",
  },
} as const;
