// Copying files from one Slack message to a thread, with Slack's current
// upload flow (docs.slack.dev, files.getUploadURLExternal and
// files.completeUploadExternal: get an upload URL per file, POST the bytes
// to it, then complete them together into one message in the thread).
// Copies rather than shares: the bot can't share a person's file elsewhere
// (files.share is gone), and a link to a file in a requester's channel or
// DM shows nothing to agents who are not in it. Reading a file takes the
// function's token in an Authorization header (docs.slack.dev, "Downloading
// files"); without access Slack answers its sign-in page, not the file.
// Uploads and downloads go to files.slack.com, an outgoing domain the
// manifest names when files are on.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";
import type { MessageFile } from "../../helpdesk/tickets/ticket_files.ts";

/** The files on a message as conversations.history/replies return it. */
export function filesOf(message: { files?: unknown }): MessageFile[] {
  if (!Array.isArray(message.files)) return [];
  return message.files.flatMap((f) => {
    const file = f as Partial<MessageFile> & { mode?: string };
    // Tombstones of deleted files and external links have nothing to copy.
    if (
      typeof file.id !== "string" ||
      typeof file.url_private_download !== "string" ||
      file.mode === "tombstone" || file.mode === "external"
    ) return [];
    return [{
      id: file.id,
      name: String(file.name ?? file.id),
      size: Number(file.size ?? 0),
      mimetype: String(file.mimetype ?? "application/octet-stream"),
      url_private_download: file.url_private_download,
    }];
  });
}

export class FileUnreadable extends Error {
  constructor(readonly file: MessageFile, why: string) {
    super(`${file.id} not readable: ${why}`);
  }
}

/** The file's bytes, read with the run's token. */
export async function downloadFile(
  token: string,
  file: MessageFile,
): Promise<Uint8Array> {
  const response = await fetch(file.url_private_download, {
    headers: { authorization: `Bearer ${token}` },
  });
  const type = response.headers.get("content-type") ?? "";
  // No access looks like success with Slack's sign-in page for a body.
  if (!response.ok || type.startsWith("text/html")) {
    await response.body?.cancel();
    throw new FileUnreadable(file, `HTTP ${response.status} ${type}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Slack's refusal of a copy, which a retry would only repeat (the team's
 * size limit, uploads off): not a rate limit, nor Slack failing for a
 * moment (the 5xx-like codes of slack/api/passing_failures.ts, an upload
 * URL's HTTP 5xx), which are the run's to fail and a retry's to copy.
 */
export const refusedForGood = (error: unknown) =>
  error instanceof SlackCallError &&
  !/^(ratelimited|internal_error|fatal_error|service_unavailable|request_timeout|http_5)/
    .test(error.code);

/** Uploads the files and shares them in one reply in the thread. */
export async function uploadToThread(
  client: SlackAPIClient,
  thread: { channel: string; thread_ts: string },
  files: { name: string; bytes: Uint8Array }[],
  comment: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
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
    ids.push(String(got.file_id));
  }
  await slackCall(client, "files.completeUploadExternal", {
    files: ids.map((id, i) => ({ id, title: files[i].name })),
    channel_id: thread.channel,
    thread_ts: thread.thread_ts,
    initial_comment: comment,
  });
  return ids;
}

/**
 * The files uploaded where `side` is: into its thread, or, for a person
 * reached by their user id (files.completeUploadExternal takes a channel id
 * only: C, G, D or Z…) or a DM with no thread yet, into the thread of a
 * `header` line posted first. Should the upload then fail, that line would
 * announce files that never came: it is rewritten to `notSent` before the
 * failure is thrown.
 */
export async function uploadUnderHeader(
  client: SlackAPIClient,
  side: { channel: string; thread_ts?: string },
  files: { name: string; bytes: Uint8Array }[],
  texts: { header: string; notSent: string },
): Promise<string[]> {
  if (side.thread_ts && /^[CGDZ]/.test(side.channel)) {
    return await uploadToThread(
      client,
      { channel: side.channel, thread_ts: side.thread_ts },
      files,
      texts.header,
    );
  }
  const posted = await slackCall(client, "chat.postMessage", {
    channel: side.channel,
    text: texts.header,
  });
  const place = {
    channel: String(posted.channel),
    thread_ts: String(posted.ts),
  };
  try {
    return await uploadToThread(client, place, files, texts.header);
  } catch (error) {
    await takeBackHeader(client, place, texts.notSent);
    throw error;
  }
}

/** A line that said files follow, rewritten when they did not come. */
export async function takeBackHeader(
  client: SlackAPIClient,
  place: { channel: string; thread_ts: string },
  notSent: string,
) {
  await slackCall(client, "chat.update", {
    channel: place.channel,
    ts: place.thread_ts,
    text: notSent,
  }).catch((error) =>
    console.warn(`${place.channel}/${place.thread_ts}: header stays`, error)
  );
}
