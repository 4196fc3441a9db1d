// Slack's file methods for the fake Web API (see files.ts for the sources),
// and the two plain HTTP endpoints behind them: the upload URL that takes a
// file's bytes, and url_private_download that gives them back to the bot.
import { requireString, SlackError } from "./slack_error.ts";
import { BOT_ID, BOT_USER_ID, type FakeWorkspace } from "./workspace.ts";
import type { MethodHandler } from "./method_handler.ts";
import { postableChannel } from "./messaging_methods.ts";

export function fileMethods(ws: FakeWorkspace): Array<[string, MethodHandler]> {
  const files = ws.files;
  return [
    ["files.getUploadURLExternal", (args) => {
      const filename = requireString(args, "filename");
      const length = Number(args.length);
      if (!Number.isInteger(length) || length <= 0) {
        throw new SlackError("missing_argument");
      }
      if (length > files.maxUploadBytes) {
        throw new SlackError("file_upload_size_restricted");
      }
      // Slack types an upload by its name, as its client shows it.
      const mimetype = typeByName(filename);
      if (files.uploadPolicy === "none") {
        throw new SlackError("file_uploads_disabled");
      }
      if (
        files.uploadPolicy === "images_only" && !mimetype.startsWith("image/")
      ) {
        throw new SlackError("file_uploads_except_images_disabled");
      }
      const file = files.add(BOT_USER_ID, {
        name: filename,
        mimetype,
        bytes: new Uint8Array(),
      });
      file.size = length;
      file.bytes = undefined;
      file.pending = true;
      return {
        upload_url: `${files.baseUrl}upload/v1/${file.id}`,
        file_id: file.id,
      };
    }],

    ["files.completeUploadExternal", (args) => {
      const list = args.files;
      if (!Array.isArray(list) || list.length === 0) {
        throw new SlackError("invalid_arguments", {
          response_metadata: { messages: ["missing required field: files"] },
        });
      }
      const chosen = list.map((entry) => {
        const { id, title } = entry as { id?: unknown; title?: unknown };
        const file = typeof id === "string" ? files.byId.get(id) : undefined;
        // Never uploaded, or not one of this app's uploads.
        if (!file || !file.pending || !file.bytes) {
          throw new SlackError("file_not_found");
        }
        const extension = file.name.split(".").pop()!.toLowerCase();
        if (files.allowedTypes && !files.allowedTypes.includes(extension)) {
          throw new SlackError("file_type_not_allowed");
        }
        return { file, title: typeof title === "string" ? title : undefined };
      });
      const channelId = args.channel_id as string | undefined;
      const threadTs = args.thread_ts as string | undefined;
      // Slack checks channel_id against a pattern of channel ids: a user id
      // is refused with these words (seen in PostHog/posthog pull 47718).
      // Slack's pattern also wants 8 or more characters after the letter;
      // the fake's own short ids (C1) stand for real ones, so only the
      // letter and the alphabet are checked here.
      if (channelId !== undefined && !/^[CGDZ][A-Z0-9]+$/.test(channelId)) {
        throw new SlackError("invalid_arguments", {
          response_metadata: {
            messages: [
              "[ERROR] input must match regex pattern: ^[CGDZ][A-Z0-9]{8,}$ [json-pointer:/channel_id]",
            ],
          },
        });
      }
      const channel = channelId ? postableChannel(ws, channelId) : undefined;
      if (threadTs && !channel) {
        throw new SlackError("invalid_arguments", {
          response_metadata: { messages: ["thread_ts needs channel_id"] },
        });
      }
      if (channel && threadTs && !ws.findMessage(channel.id, threadTs)) {
        throw new SlackError("thread_not_found");
      }
      for (const { file, title } of chosen) {
        file.pending = false;
        if (title) file.title = title;
      }
      // The answer is made before the files are shared, as Slack's often
      // is (files.ts): no channel, no share yet.
      const answer = {
        files: chosen.map(({ file }) => files.object(file)),
      };
      if (channel) {
        const text = String(args.initial_comment ?? "");
        files.later(() => {
          const live = chosen.filter(({ file }) => !file.deleted);
          if (live.length === 0) return;
          const ts = ws.nextTs();
          for (const { file } of live) {
            files.share(file, {
              channel: channel.id,
              ts,
              thread_ts: threadTs,
              user: BOT_USER_ID,
            });
          }
          if (threadTs) {
            const parent = ws.findMessage(channel.id, threadTs);
            if (parent) parent.reply_count = (parent.reply_count ?? 0) + 1;
          }
          ws.messages.push({
            channel: channel.id,
            ts,
            thread_ts: threadTs,
            user: BOT_USER_ID,
            bot_id: BOT_ID,
            text,
            files: live.map(({ file }) => files.object(file)),
          });
        });
      }
      return answer;
    }],

    ["files.info", (args) => {
      const file = files.byId.get(requireString(args, "file"));
      if (!file || !files.readableByApp(file)) {
        throw new SlackError(file?.deleted ? "file_deleted" : "file_not_found");
      }
      return { file: files.object(file) };
    }],

    ["files.delete", (args) => {
      const file = files.byId.get(requireString(args, "file"));
      if (file?.deleted) throw new SlackError("file_deleted");
      if (!file || !files.readableByApp(file)) {
        throw new SlackError("file_not_found");
      }
      if (file.user !== BOT_USER_ID) throw new SlackError("cant_delete_file");
      file.deleted = true;
      file.bytes = undefined;
      // The messages that carried it keep a tombstone in its place.
      for (const message of ws.messages) {
        message.files = message.files?.map((f) =>
          f.id === file.id ? { ...f, mode: "tombstone" } : f
        );
      }
      return {};
    }],
  ];
}

/**
 * The upload URL's POST and url_private_download's GET; undefined for any
 * other path. The upload takes raw bytes or a multipart `file`; a body
 * longer than the `length` asked for is refused (what Slack does then is not
 * documented; the fake refuses rather than store a different file).
 */
export async function fileTransfer(
  ws: FakeWorkspace,
  request: Request,
  path: string,
  /** The token holds files:read, which viewing a file's bytes takes. */
  mayRead = true,
): Promise<Response | undefined> {
  const files = ws.files;
  const upload = path.match(/^\/upload\/v1\/([^/]+)$/);
  if (upload && request.method === "POST") {
    const file = files.byId.get(upload[1]);
    if (!file?.pending || file.bytes) {
      return new Response("Not Found", { status: 404 });
    }
    const bytes = await uploadedBytes(request);
    if (bytes.length !== file.size) {
      return new Response(
        `length ${bytes.length} is not the ${file.size} bytes asked for`,
        { status: 400 },
      );
    }
    file.bytes = bytes;
    return new Response(`OK - ${bytes.length}`, { status: 200 });
  }
  if (path.startsWith("/files-pri/") && request.method === "GET") {
    const token = request.headers.get("authorization")?.replace(
      /^Bearer /,
      "",
    );
    const file = token && mayRead ? files.download(path) : undefined;
    if (!token || !file?.bytes) {
      return new Response(SIGN_IN_PAGE, {
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    }
    return new Response(file.bytes.slice(), {
      status: 200,
      headers: { "content-type": file.mimetype },
    });
  }
  return undefined;
}

const SIGN_IN_PAGE =
  "<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in to Slack</body></html>";

async function uploadedBytes(request: Request): Promise<Uint8Array> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("multipart/form-data")) {
    const form = await request.formData();
    const part = form.get("file") ?? form.get("filename");
    if (part instanceof File) return new Uint8Array(await part.arrayBuffer());
    return new TextEncoder().encode(String(part ?? ""));
  }
  return new Uint8Array(await request.arrayBuffer());
}

const TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  txt: "text/plain",
  log: "text/plain",
  pdf: "application/pdf",
};

function typeByName(name: string): string {
  const extension = name.includes(".")
    ? name.split(".").pop()!.toLowerCase()
    : "";
  return TYPES[extension] ?? "application/octet-stream";
}
