// A modal's file field: Block Kit's file_input element, in an optional
// input block. Sources (docs.slack.dev, "File input element"): it works only
// in an input block of a modal, needs the app to hold files:read, takes at
// most 10 files (max_files, 1–10) of at most 10 MB each, and the submission's
// view state lists the uploaded files as file objects under `files`, each
// with its id (see ViewState.files). Offered only when the deployment turns
// files on (HELPDESK_FILES=on): without files:read Slack refuses the view.
import type { InputBlock } from "@slack/types";

export const FILES_BLOCK = "files";

/** Slack's ceiling for one file_input element. */
export const FILE_INPUT_MAX_FILES = 10;

export function filesField(label: string, hint: string): InputBlock {
  return {
    type: "input",
    block_id: FILES_BLOCK,
    optional: true,
    label: { type: "plain_text", text: label },
    hint: { type: "plain_text", text: hint },
    element: {
      type: "file_input",
      action_id: FILES_BLOCK,
      max_files: FILE_INPUT_MAX_FILES,
    },
  };
}
