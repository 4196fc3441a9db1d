// What the file checks report (file_checks.ts runs them): each line says
// what was proven, or what failed and what an admin should do about it,
// naming the scope that is missing and why Helpdesk needs it.
import { SlackCallError } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { downloadFile, filesOf } from "../../slack/workspace/file_copy.ts";
import { type CheckupLine, fail, pass, skip } from "./checkup_line.ts";

export const FILE_UPLOAD_CHECK = "File upload";
export const FILE_READ_CHECK = "File read-back";
export const FILE_CLEANUP_CHECK = "Test file removed";
export const FILES_CHECK = "Files";

export const TEST_FILE_NAME = "helpdesk-checkup.txt";
export const PARENT_TEXT =
  "Helpdesk check-up: a test file follows in this thread; both are deleted again in a moment. Please ignore them.";

const DEPLOY_AGAIN =
  "Run `slack deploy` again with HELPDESK_FILES=on and have a workspace admin approve the permissions it asks for (docs/setup.md says why Helpdesk needs each).";

/** With files off: nothing to prove, and the report says so. */
export function filesSkipped(): CheckupLine {
  return skip(
    FILES_CHECK,
    "Skipped: files are off in this deployment (HELPDESK_FILES is not on), so Helpdesk copies no files with tickets. With HELPDESK_FILES=on the check-up uploads, reads back and deletes a test file here.",
  );
}

export interface Seen {
  /** The thread reply that carries the file, once it shows. */
  reply?: string;
  /** files.info's file, once it names the share in the thread. */
  file?: Record<string, unknown>;
  /** files.info's last answer, shared there or not. */
  last?: Record<string, unknown>;
  /** Why files.info could not be read. */
  refused?: unknown;
}

export async function readBackLine(
  token: string | undefined,
  seen: Seen,
  bytes: Uint8Array,
  channel: string,
  seconds: string,
): Promise<CheckupLine> {
  if (seen.refused) {
    const error = seen.refused;
    if (error instanceof SlackCallError && error.code === "missing_scope") {
      return fail(
        FILE_READ_CHECK,
        "Slack refused files.info: Helpdesk lacks files:read.",
        `Helpdesk needs files:read to read the files people add to requests and replies, and Slack shows no form with a file field without it. ${DEPLOY_AGAIN}`,
      );
    }
    return fail(
      FILE_READ_CHECK,
      `files.info could not read the test file back (${
        error instanceof SlackCallError ? error.code : String(error)
      }).`,
      explainFailure(error),
    );
  }
  const file = seen.file ?? seen.last ?? {};
  const name = String(file.name ?? "");
  const size = Number(file.size ?? -1);
  if (name !== TEST_FILE_NAME || size !== bytes.length) {
    return fail(
      FILE_READ_CHECK,
      `files.info gave back "${name}" of ${size} bytes, not the "${TEST_FILE_NAME}" of ${bytes.length} bytes just uploaded.`,
      "Helpdesk could copy files under the wrong name or size. Report it to Slack with this line.",
    );
  }
  if (!seen.file) {
    return fail(
      FILE_READ_CHECK,
      `After ${seconds} s files.info still named no share of the test file in its thread in <#${channel}>.`,
      "Slack shares an upload once it has scanned it. Run the check-up again in a few minutes; if it keeps failing, report it to Slack with this line.",
    );
  }
  const found =
    `files.info gave back its name (${TEST_FILE_NAME}), its size (${bytes.length} bytes) and its share in that thread of <#${channel}>`;
  if (!token) return pass(FILE_READ_CHECK, `${found}.`);
  const [readable] = filesOf({ files: [file] });
  let read: Uint8Array;
  try {
    if (!readable) throw new Error("no url_private_download");
    read = await downloadFile(token, readable);
  } catch (error) {
    return fail(
      FILE_READ_CHECK,
      `${found}, but downloading it with the run's token failed (${
        error instanceof Error ? error.message : String(error)
      }).`,
      "Helpdesk reads the files people add this way to copy them. Run on Slack reaches only the manifest's outgoing domains, and HELPDESK_FILES=on adds files.slack.com: run `slack deploy` again with it on. If it keeps failing, report it to Slack.",
    );
  }
  if (!sameBytes(read, bytes)) {
    return fail(
      FILE_READ_CHECK,
      `${found}, but the ${read.length} bytes downloaded are not the ${bytes.length} uploaded.`,
      "Helpdesk could copy files that differ from what people added. Report it to Slack with this line.",
    );
  }
  return pass(
    FILE_READ_CHECK,
    `${found}, and its bytes downloaded unchanged with the run's token, as Helpdesk reads the files people add.`,
  );
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** The line for an upload Slack refused, by which step refused it and why. */
export function uploadRefused(error: unknown, channel: string): CheckupLine {
  if (!(error instanceof SlackCallError)) {
    return fail(
      FILE_UPLOAD_CHECK,
      `The test file's bytes could not be sent to Slack's upload URL (${
        error instanceof Error ? error.message : String(error)
      }).`,
      "Run on Slack reaches only the manifest's outgoing domains, and HELPDESK_FILES=on adds files.slack.com: run `slack deploy` again with it on.",
    );
  }
  const refused = (found: string, todo: string) =>
    fail(FILE_UPLOAD_CHECK, found, todo);
  switch (error.code) {
    case "missing_scope":
      return refused(
        `Slack refused the upload (${error.method}): Helpdesk lacks ${
          error.details.needed ?? "files:write"
        }.`,
        `Helpdesk needs files:write to copy the files people add into card threads and to requesters. ${DEPLOY_AGAIN}`,
      );
    case "file_uploads_disabled":
      return refused(
        "This workspace does not allow file uploads (file_uploads_disabled).",
        "Helpdesk can't copy any file into card threads or to requesters here. Ask a Slack admin to allow file uploads, or deploy with HELPDESK_FILES=off so that no one expects files to travel.",
      );
    case "file_uploads_except_images_disabled":
    case "file_type_not_allowed":
      return refused(
        `This workspace refused a text file (${error.code}): it allows only some kinds of file to be uploaded.`,
        "Helpdesk can copy only the kinds of file the workspace allows (a screenshot, perhaps, but not a log). Ask a Slack admin to allow the kinds agents need.",
      );
    default:
      if (error.method === "files.upload") {
        return refused(
          `Slack's upload URL answered ${
            error.code.replace("http_", "HTTP ")
          }.`,
          "Run the check-up again in a minute; if it keeps failing, report it to Slack.",
        );
      }
      return refused(
        `Slack refused the upload into <#${channel}> (${error.method}: ${error.code}).`,
        explainFailure(error),
      );
  }
}
