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
 * A thread to upload into: files.completeUploadExternal takes a channel id
 * only (C, G, D or Z…), so a person reached by their user id gets a DM
 * line (`header`) first, whose thread then carries the files.
 */
export async function uploadPlace(
  client: SlackAPIClient,
  side: { channel: string; thread_ts?: string },
  header: string,
): Promise<{ channel: string; thread_ts: string }> {
  if (side.thread_ts && /^[CGDZ]/.test(side.channel)) {
    return { channel: side.channel, thread_ts: side.thread_ts };
  }
  const posted = await slackCall(client, "chat.postMessage", {
    channel: side.channel,
    text: header,
  });
  return { channel: String(posted.channel), thread_ts: String(posted.ts) };
}
