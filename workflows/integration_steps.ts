// Steps that exist only when the deployment turns an integration on (see
// integrations/deployment/deployment_options.ts), shared by the workflows that add them.
import type { DeploymentOptions } from "../integrations/deployment/deployment_options.ts";
import SyncTicketToJsmFunction from "../functions/sync_ticket_to_jsm/definition.ts";
import SendTicketFilesFunction from "../functions/send_ticket_files/definition.ts";

/** No integrations: what triggers and functions see of each workflow. */
export const NO_INTEGRATIONS: DeploymentOptions = { jsm: { mode: "off" } };

/**
 * The Atlassian token input of a JSM step: in OAuth mode, the token of the
 * collaborator who ran `slack external-auth add`, so nobody who opens a
 * ticket is asked to sign in to Atlassian. API tokens come from the env.
 */
export function jsmTokenInput(options: DeploymentOptions) {
  return options.jsm.mode === "oauth"
    ? { jsm_access_token: { credential_source: "DEVELOPER" as const } }
    : {};
}

export const jsmOn = (options: DeploymentOptions) => options.jsm.mode !== "off";

/**
 * The JSM sync after a step that made or changed a ticket, when JSM is on.
 * An absent ticket_id (nothing was made or changed) makes the step skip.
 * After a change to an existing ticket, `changed` keeps the step from
 * creating a request (see create_if_missing).
 */
export function addJsmSyncStep(
  workflow: { addStep: AddStep },
  options: DeploymentOptions,
  ticketId: unknown,
  after: "made" | "changed" = "made",
) {
  if (!jsmOn(options)) return;
  workflow.addStep(SyncTicketToJsmFunction, {
    ticket_id: ticketId,
    ...(after === "changed" ? { create_if_missing: false } : {}),
    ...jsmTokenInput(options),
  });
}

/**
 * With files on: the step that copies a form's or a reply's files after the
 * run that took the words, before the JSM sync so it attaches them.
 */
export function addFilesStep(
  workflow: { addStep: AddStep },
  options: DeploymentOptions,
  ticketId: unknown,
  outputs: { files?: unknown; files_by?: unknown; files_to?: unknown },
) {
  if (!options.files) return;
  workflow.addStep(SendTicketFilesFunction, {
    ticket_id: ticketId,
    files: outputs.files,
    added_by: outputs.files_by,
    to: outputs.files_to,
  });
}

type AddStep = (
  fn: typeof SyncTicketToJsmFunction | typeof SendTicketFilesFunction,
  // deno-lint-ignore no-explicit-any
  inputs: any,
) => unknown;
