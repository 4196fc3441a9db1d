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

/** What files need of a channel to tell whether the app may see it. */
interface ChannelAccess {
  is_private: boolean;
  members: Set<string>;
}

export const SLACK_MAX_FILE_BYTES = 1024 * 1024 * 1024;

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
  mode: "hosted";
  is_external: false;
  url_private: string;
  url_private_download: string;
  permalink: string;
}

export class FakeFiles {
  readonly byId = new Map<string, FakeFile>();
  /** Where upload and download URLs point: set by the server. */
  baseUrl = "https://files.slack.com/";
  /** The team's upload limit in bytes (admins may set one below Slack's). */
  maxUploadBytes = SLACK_MAX_FILE_BYTES;

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
    };
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
