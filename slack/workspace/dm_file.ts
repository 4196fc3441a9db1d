// A file the app made, sent to one person's DM with Slack's upload flow
// (docs.slack.dev, files.getUploadURLExternal then a POST of the bytes to
// the upload_url it returns, then files.completeUploadExternal with the
// channel to share it in). A DM's channel id comes from a message posted to
// the user id (chat.postMessage opens it; no im:write needed), so a short
// note goes first and the file follows in the same DM. An upload that fails
// for a passing reason (Slack busy, a 5xx from the upload URL) is started
// over once with a new upload URL; Slack drops an upload never completed.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";

/** Slack's answers that mean "try again", not "never". */
const PASSING = new Set([
  "ratelimited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "http_500",
  "http_502",
  "http_503",
  "http_504",
]);

export function isPassingFailure(error: unknown): boolean {
  return error instanceof SlackCallError ? PASSING.has(error.code) : true;
}

async function uploadBytes(
  client: SlackAPIClient,
  file: { name: string; bytes: Uint8Array },
): Promise<string> {
  const got = await slackCall(client, "files.getUploadURLExternal", {
    filename: file.name,
    length: file.bytes.length,
  });
  const posted = await fetch(String(got.upload_url), {
    method: "POST",
    body: file.bytes.slice(),
  });
  await posted.body?.cancel();
  if (!posted.ok) {
    throw new SlackCallError("files.upload", `http_${posted.status}`);
  }
  return String(got.file_id);
}

/**
 * Posts `note` to the person's DM, then shares the file there. Throws the
 * last failure when the file could not be shared (the note is then all
 * they got: the caller tells them what happened).
 */
export async function sendFileByDm(
  client: SlackAPIClient,
  user: string,
  note: string,
  file: { name: string; title: string; bytes: Uint8Array },
): Promise<{ fileId: string }> {
  const dm = await slackCall(client, "chat.postMessage", {
    channel: user,
    text: note,
  });
  for (let attempt = 1;; attempt++) {
    try {
      const id = await uploadBytes(client, file);
      await slackCall(client, "files.completeUploadExternal", {
        files: [{ id, title: file.title }],
        channel_id: String(dm.channel),
      });
      return { fileId: id };
    } catch (error) {
      if (attempt >= 2 || !isPassingFailure(error)) throw error;
    }
  }
}
