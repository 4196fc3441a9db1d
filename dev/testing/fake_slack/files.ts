// Files in the fake Slack workspace: what people attach to messages and what
// the app uploads with Slack's external upload flow. Sources (docs.slack.dev
// method reference): files.getUploadURLExternal (filename and length
// required; `missing_argument` when length is 0; a team's size restriction
// answers `file_upload_size_restricted`), the POST of the bytes to the
// returned upload_url (raw or multipart, answered HTTP 200), then
// files.completeUploadExternal (`files` [{id,title}], `channel_id`,
// `thread_ts` of a parent, `initial_comment`), which shares them in one
// message. files.info answers `file_not_found` for an id it can't give the
// caller. "Downloading files" (docs.slack.dev/messaging/working-with-files):
// url_private_download needs the bot token in an Authorization header;
// without it Slack answers its sign-in page (HTML, status 200), not the file.
// Slack's per-file ceiling is 1 GB (slack.com/help/articles/201330736).
//
// Where the fake is no more generous than Slack:
// - Sharing is asynchronous: files.completeUploadExternal shares its files
//   after a scan, so its answer often carries no shares yet (`channels: []`,
//   `shares: {}`), and the message shows a moment later (a Slack maintainer
//   in slackapi/bolt-js issue 2115: "poll files.info"; such an answer in
//   slackapi/python-slack-sdk issue 1575). The fake always answers without
//   shares, and with `shareDelayMs` it shares that much later too.
// - files.info names where a file is shared: `channels` (public), `groups`
//   (private), `ims`, and `shares.public|private[channel]` with each share's
//   `ts` and, in a thread, `thread_ts` (the file object, objs_file, of
//   Slack's Web API spec: slackapi/slack-api-specs, web-api/
//   slack_web_openapi_v2.json).
// - A team may turn uploads off or allow only images: getUploadURLExternal
//   answers `file_uploads_disabled` or `file_uploads_except_images_disabled`
//   (its method page's errors); a team that allows only some types refuses
//   the others with `file_type_not_allowed` ("based on the team's
//   allowed_file_upload_types preference", files.completeUploadExternal).
// - files.delete (files:write) deletes the app's own files only: another's
//   is `cant_delete_file`, a deleted one `file_deleted`, one it can't see
//   `file_not_found` (docs.slack.dev, files.delete); the messages that
//   carried it keep a tombstone in its place.
// - A modal's file_input takes files of at most 10 MB (docs.slack.dev,
//   "File input element"): a person can't pick a bigger one, so the fake
//   refuses to hand one to the app.

/** What files need of a channel to tell whether the app may see it. */
interface ChannelAccess {
  name: string;
  is_private: boolean;
  is_im?: boolean;
  members: Set<string>;
}

export const SLACK_MAX_FILE_BYTES = 1024 * 1024 * 1024;
/** What one file of a modal's file_input may weigh. */
export const FILE_INPUT_MAX_BYTES = 10 * 1024 * 1024;

/** What a team lets its members and apps upload (an admin's setting). */
export type UploadPolicy = "all" | "images_only" | "none";

/** One message that shares a file: where, and in which thread. */
export interface FileShare {
  channel: string;
  ts: string;
  thread_ts?: string;
  /** Who shared it. */
  user: string;
}

export interface FakeFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  size: number;
  /** Who uploaded it. */
  user: string;
  created: number;
  /** Undefined until the bytes are posted to the upload URL. */
  bytes?: Uint8Array;
  /** Channels it is shared in. */
  shares: string[];
  /** The messages that share it (older saved states have none). */
  posts?: FileShare[];
  /** An upload not yet completed (files.completeUploadExternal). */
  pending?: boolean;
  /**
   * The app may read it though it is shared nowhere it can see: what a
   * modal's file_input hands the app that opened the form.
   */
  grantedToApp?: boolean;
  deleted?: boolean;
}

/** A file as messages and files.info show it. */
export interface FileObject {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  user: string;
  created: number;
  /** "tombstone" once deleted, in the messages that carried it. */
  mode: "hosted" | "tombstone";
  is_external: false;
  url_private: string;
  url_private_download: string;
  permalink: string;
  channels: string[];
  groups: string[];
  ims: string[];
  shares: {
    public?: Record<string, ShareInfo[]>;
    private?: Record<string, ShareInfo[]>;
  };
}

interface ShareInfo {
  ts: string;
  thread_ts?: string;
  channel_name: string;
  team_id: string;
  share_user_id: string;
}

export class FakeFiles {
  readonly byId = new Map<string, FakeFile>();
  /** Where upload and download URLs point: set by the server. */
  baseUrl = "https://files.slack.com/";
  /** The team's upload limit in bytes (admins may set one below Slack's). */
  maxUploadBytes = SLACK_MAX_FILE_BYTES;
  /** The team's upload setting; "all" unless a test says otherwise. */
  uploadPolicy: UploadPolicy = "all";
  /**
   * The extensions the team's allowed_file_upload_types lets through, all
   * when absent (files.completeUploadExternal: `file_type_not_allowed`).
   */
  allowedTypes?: readonly string[];
  /**
   * How long after files.completeUploadExternal its files are shared: the
   * message shows and files.info names the channel only then (0: at once,
   * though the method's own answer never names a share).
   */
  shareDelayMs = 0;
  /** Shares waiting for their time: run by `settle` before each call. */
  readonly #due: Array<{ at: number; share: () => void }> = [];

  constructor(
    private readonly nextId: (prefix: string) => string,
    private readonly teamId: () => string,
    private readonly channel: (id: string) => ChannelAccess | undefined,
    private readonly botUserId: string,
  ) {}

  /** A file a person attaches (shared once a message carries it). */
  add(
    user: string,
    file: { name: string; mimetype?: string; bytes: Uint8Array },
    options: { grantedToApp?: boolean } = {},
  ): FakeFile {
    if (options.grantedToApp && file.bytes.length > FILE_INPUT_MAX_BYTES) {
      throw new Error(
        `${file.name}: a file field takes files of at most 10 MB (docs.slack.dev, "File input element")`,
      );
    }
    const made: FakeFile = {
      id: this.nextId("F"),
      name: file.name,
      title: file.name,
      mimetype: file.mimetype ?? "application/octet-stream",
      size: file.bytes.length,
      user,
      created: Math.floor(Date.now() / 1000),
      bytes: file.bytes,
      shares: [],
      grantedToApp: options.grantedToApp,
    };
    this.byId.set(made.id, made);
    return made;
  }

  /** Whether the bot may see and download it. */
  readableByApp(file: FakeFile): boolean {
    if (file.deleted || file.pending) return false;
    if (file.user === this.botUserId || file.grantedToApp) return true;
    return file.shares.some((id) => {
      const c = this.channel(id);
      return c !== undefined &&
        (!c.is_private || c.members.has(this.botUserId));
    });
  }

  /** Records a message that shares the file in a channel. */
  share(file: FakeFile, post: FileShare) {
    if (!file.shares.includes(post.channel)) file.shares.push(post.channel);
    (file.posts ??= []).push(post);
  }

  /** Runs `share` at once, or after shareDelayMs (see `settle`). */
  later(share: () => void) {
    if (this.shareDelayMs <= 0) share();
    else this.#due.push({ at: Date.now() + this.shareDelayMs, share });
  }

  /** Carries out the shares whose time has come. */
  settle() {
    const now = Date.now();
    for (let i = 0; i < this.#due.length;) {
      if (this.#due[i].at <= now) this.#due.splice(i, 1)[0].share();
      else i++;
    }
  }

  object(file: FakeFile): FileObject {
    const base = `${this.baseUrl}files-pri/${this.teamId()}-${file.id}/`;
    const name = encodeURIComponent(file.name);
    return {
      id: file.id,
      name: file.name,
      title: file.title,
      mimetype: file.mimetype,
      filetype: file.name.includes(".")
        ? file.name.split(".").pop()!.toLowerCase()
        : "binary",
      size: file.size,
      user: file.user,
      created: file.created,
      mode: "hosted",
      is_external: false,
      url_private: `${base}${name}`,
      url_private_download: `${base}download/${name}`,
      permalink: `${this.baseUrl}files/${file.user}/${file.id}/${name}`,
      ...this.#where(file),
    };
  }

  /** The channels and share messages files.info names. */
  #where(file: FakeFile) {
    const where: Pick<FileObject, "channels" | "groups" | "ims" | "shares"> = {
      channels: [],
      groups: [],
      ims: [],
      shares: {},
    };
    for (const id of file.shares) {
      const channel = this.channel(id);
      if (!channel) continue;
      const kind = channel.is_im
        ? "ims"
        : channel.is_private
        ? "groups"
        : "channels";
      where[kind].push(id);
      const side = channel.is_private || channel.is_im ? "private" : "public";
      const shares = where.shares[side] ??= {};
      shares[id] = (file.posts ?? []).filter((p) => p.channel === id).map((
        p,
      ) => ({
        ts: p.ts,
        ...(p.thread_ts ? { thread_ts: p.thread_ts } : {}),
        channel_name: channel.name,
        team_id: this.teamId(),
        share_user_id: p.user,
      }));
    }
    return where;
  }

  /** The bytes at a url_private(_download) path, if the app may read them. */
  download(path: string): FakeFile | undefined {
    const match = path.match(/^\/files-pri\/[^-/]+-([^/]+)\//);
    const file = match ? this.byId.get(match[1]) : undefined;
    return file && this.readableByApp(file) ? file : undefined;
  }

  snapshot() {
    return [...this.byId.values()].map((f) => ({
      ...f,
      bytes: f.bytes ? toBase64(f.bytes) : undefined,
    }));
  }

  restore(files: ReturnType<FakeFiles["snapshot"]> | undefined) {
    this.byId.clear();
    for (const f of files ?? []) {
      this.byId.set(f.id, {
        ...f,
        bytes: f.bytes
          ? Uint8Array.from(atob(f.bytes), (c) => c.charCodeAt(0))
          : undefined,
      });
    }
  }
}

function toBase64(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}
