// The file checks, with files on (HELPDESK_FILES=on): a small text file goes
// into a thread of a short-lived message in the triage channel the way
// Helpdesk copies every file (slack/workspace/file_copy.ts: files.
// getUploadURLExternal, a POST of the bytes to the upload URL, then files.
// completeUploadExternal with channel_id and thread_ts; docs.slack.dev, each
// method's page), is read back with files.info (its name, size and its share
// in that thread) and downloaded with the run's token as people's files are,
// then deleted (files.delete, files:write, an app's own files only).
// Slack shares an upload after scanning it, so the answer of files.
// completeUploadExternal often names no share yet (slackapi/bolt-js issue
// 2115, python-slack-sdk issue 1575): the thread and files.info are asked
// again a few times before the check says the file did not show.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall, SlackCallError } from "../../slack/api/slack_call.ts";
import { uploadToThread } from "../../slack/workspace/file_copy.ts";
import { type CheckupLine, fail, pass } from "./checkup_line.ts";
import {
  FILE_CLEANUP_CHECK,
  FILE_UPLOAD_CHECK,
  PARENT_TEXT,
  readBackLine,
  type Seen,
  TEST_FILE_NAME,
  uploadRefused,
} from "./file_check_lines.ts";

export {
  FILE_READ_CHECK,
  FILE_UPLOAD_CHECK,
  filesSkipped,
  TEST_FILE_NAME,
} from "./file_check_lines.ts";

/** How many times, how far apart, the thread and files.info are asked. */
export const SHARE_POLLS = { times: 10, apartMs: 300 };

export async function checkFiles(
  client: SlackAPIClient,
  channel: string,
  run: string,
  token?: string,
  polls = SHARE_POLLS,
): Promise<CheckupLine[]> {
  const parent = await slackCall(client, "chat.postMessage", {
    channel,
    text: PARENT_TEXT,
  });
  const thread = { channel, thread_ts: String(parent.ts) };
  const bytes = new TextEncoder().encode(
    `Helpdesk check-up ${run}: a test file, deleted again in a moment.\n`,
  );
  const lines: CheckupLine[] = [];
  let fileId: string | undefined;
  let reply: string | undefined;
  try {
    const started = Date.now();
    try {
      [fileId] = await uploadToThread(client, thread, [{
        name: TEST_FILE_NAME,
        bytes,
      }], "Helpdesk check-up: test file");
    } catch (error) {
      lines.push(uploadRefused(error, channel));
      return lines;
    }
    const seen = await watchShare(client, fileId, thread, polls);
    reply = seen.reply;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    lines.push(
      seen.reply
        ? pass(
          FILE_UPLOAD_CHECK,
          `A ${bytes.length}-byte test file went up with Slack's upload flow (files.getUploadURLExternal, then files.completeUploadExternal) and showed in its thread in <#${channel}> after ${seconds} s, as the files Helpdesk copies to a card's thread do.`,
        )
        : fail(
          FILE_UPLOAD_CHECK,
          `Slack took the upload, but after ${seconds} s the file had not shown in its thread in <#${channel}>.`,
          `Slack shares an upload once it has scanned it, which is usually quick. Run the check-up again in a few minutes; if the file still does not show, the files Helpdesk copies may not reach card threads: report it to Slack with the file's id (${fileId}).`,
        ),
      await readBackLine(token, seen, bytes, channel, seconds),
    );
  } finally {
    lines.push(...await cleanUp(client, thread, fileId, reply));
  }
  return lines;
}

async function watchShare(
  client: SlackAPIClient,
  fileId: string,
  thread: { channel: string; thread_ts: string },
  polls: typeof SHARE_POLLS,
): Promise<Seen> {
  const seen: Seen = {};
  const inThread = async () => {
    const replies = await slackCall(client, "conversations.replies", {
      channel: thread.channel,
      ts: thread.thread_ts,
      limit: 20,
    });
    seen.reply = (replies.messages ?? []).find((
      m: { ts?: string; files?: Array<{ id?: string }> },
    ) =>
      m.ts !== thread.thread_ts && (m.files ?? []).some((f) => f.id === fileId)
    )?.ts;
  };
  const info = async () => {
    try {
      const answer = await slackCall(client, "files.info", { file: fileId });
      seen.last = answer.file;
      if (sharedIn(answer.file, thread)) seen.file = answer.file;
    } catch (error) {
      // A 429 is asked again next round; anything else is the answer.
      if (!(error instanceof SlackCallError && error.code === "ratelimited")) {
        seen.refused = error;
      }
    }
  };
  // Both asked at once each round, so that a slow share fits the check's
  // time: about 10 rounds of one round trip and 300 ms at most.
  for (let round = 0; round < polls.times; round++) {
    if (round > 0) await new Promise((r) => setTimeout(r, polls.apartMs));
    await Promise.all([
      seen.reply ? undefined : inThread(),
      seen.file || seen.refused ? undefined : info(),
    ]);
    if (seen.reply && (seen.file || seen.refused)) break;
  }
  return seen;
}

/** Whether files.info names a share in that thread of that channel. */
function sharedIn(
  file: { shares?: Record<string, Record<string, unknown>> } | undefined,
  thread: { channel: string; thread_ts: string },
): boolean {
  const shares = [
    ...(file?.shares?.public?.[thread.channel] as unknown[] ?? []),
    ...(file?.shares?.private?.[thread.channel] as unknown[] ?? []),
  ] as Array<{ thread_ts?: string }>;
  return shares.some((s) => s.thread_ts === thread.thread_ts);
}

/**
 * Deletes the test file, then its thread reply and the message: a failed
 * line for whatever is left, saying where to delete it by hand.
 */
async function cleanUp(
  client: SlackAPIClient,
  thread: { channel: string; thread_ts: string },
  fileId: string | undefined,
  reply: string | undefined,
): Promise<CheckupLine[]> {
  const where =
    `the thread of Helpdesk's "Helpdesk check-up: a test file" message in <#${thread.channel}>`;
  const lines: CheckupLine[] = [];
  if (fileId) {
    try {
      await slackCall(client, "files.delete", { file: fileId });
    } catch (error) {
      const code = error instanceof SlackCallError ? error.code : String(error);
      lines.push(fail(
        FILE_CLEANUP_CHECK,
        `The test file ${TEST_FILE_NAME} could not be deleted (${code}).`,
        code === "missing_scope"
          ? `Helpdesk deletes it with files:write, the permission it uploads with, which it lacks. Delete ${TEST_FILE_NAME} in ${where} by hand.`
          : `Delete ${TEST_FILE_NAME} in ${where} by hand.`,
      ));
      // The message stays, so that the file is found where it says.
      return lines;
    }
  }
  for (const ts of [reply, thread.thread_ts]) {
    if (!ts) continue;
    try {
      await slackCall(client, "chat.delete", { channel: thread.channel, ts });
    } catch (error) {
      lines.push(fail(
        FILE_CLEANUP_CHECK,
        `A test message could not be deleted (${
          error instanceof SlackCallError ? error.code : String(error)
        }).`,
        `Delete ${where} by hand.`,
      ));
      break;
    }
  }
  return lines;
}
