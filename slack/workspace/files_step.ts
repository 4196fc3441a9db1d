// What a run that took a form's or a reply's words hands the next step,
// send_ticket_files, so the files are copied after the words in a run of
// their own (a modal's submission has 3 seconds). Declared by each such
// function as FILES_OUTPUTS (send_ticket_files/files_outputs.ts); the
// workflows wire them to the step.
/** The outputs for `files`, none when there are none. */
export function filesOutputs(
  files: readonly string[],
  by: string,
  to: "card" | "requester",
): Record<string, unknown> {
  return files.length ? { files: [...files], files_by: by, files_to: to } : {};
}
