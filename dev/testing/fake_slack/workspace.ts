// The state behind the fake Slack Web API: people, channels, user groups and
// the messages the app posted. Tests seed it, the app changes it through HTTP,
// and tests read it back to assert what a person in Slack would see.
import { FakeFiles, type FileObject } from "./files.ts";
import { IssuedPointers } from "./interactive_deadline.ts";

export interface FakeUser {
  id: string;
  name: string;
  real_name?: string;
  is_bot?: boolean;
  deleted?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_archived?: boolean;
  is_im?: boolean;
  /** For DMs: the person on the other side. */
  user?: string;
  members: Set<string>;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks?: unknown[];
  user: string;
  bot_id?: string;
  metadata?: unknown;
  reply_count?: number;
  edited?: { user: string; ts: string };
  reactions?: Array<{ name: string; users: string[] }>;
  /** Files it carries, as Slack shows them on the message. */
  files?: FileObject[];
  /** The token that posted it: Slack routes its buttons to that execution. */
  posted_by_token?: string;
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  message_ts: string;
}

export interface FakeView {
  id: string;
  view: Record<string, unknown>;
  opened_by_pointer?: string;
  /** The person it is open for. */
  user?: string;
  /** Which function execution opened it, to route its submission back. */
  opened_by_token?: string;
  closed?: boolean;
}

export interface WorkspaceSeed {
  teamId?: string;
  domain?: string;
  users?: FakeUser[];
  channels?: Array<Omit<FakeChannel, "members"> & { members?: string[] }>;
  usergroups?: Record<string, string[]>;
  /** A user group's handle, as people mention it: "it-team" for @it-team. */
  usergroupHandles?: Record<string, string>;
}

export const BOT_USER_ID = "UHELPDESKBOT";
export const BOT_ID = "BHELPDESK";

/**
 * Behaviours of the platform that Helpdesk relies on but no source promises
 * (docs/platform.md). Each can be switched to the wrong way round, so that
 * the check-up's line on it is seen to fail (use_cases/checkup/). The
 * order of a reply's timestamps in message_posted is FakeSlack's
 * threadEventOrder.
 */
export interface PlatformBehaviour {
  /**
   * Two reactions.add of one emoji by one user: the second gets
   * already_reacted (documented, and what the ticket lock rests on). False:
   * every add succeeds, as a platform without that exclusivity would.
   */
  exclusiveReactions: boolean;
}

export class FakeWorkspace {
  readonly platform: PlatformBehaviour = {
    exclusiveReactions: true,
  };
  readonly teamId: string;
  readonly domain: string;
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly usergroups = new Map<string, string[]>();
  readonly usergroupHandles = new Map<string, string>();
  readonly messages: FakeMessage[] = [];
  /** Interactivity pointers and trigger_ids handed out, with their clock. */
  readonly pointers = new IssuedPointers();
  readonly ephemerals: FakeEphemeral[] = [];
  /**
   * The team's message edit setting: seconds a message stays editable
   * (chat.update then answers edit_window_closed); unset, any time, as
   * Slack's default.
   */
  editWindowSeconds?: number;
  readonly views: FakeView[] = [];
  readonly files = new FakeFiles(
    (prefix) => this.nextId(prefix),
    () => this.teamId,
    (id) => this.channels.get(id),
    BOT_USER_ID,
  );
  #clock = 1_700_000_000_000_000n; // microseconds, so ts values stay unique
  #ids = 0;

  constructor(seed: WorkspaceSeed = {}) {
    this.teamId = seed.teamId ?? "T0HELPDESK";
    this.domain = seed.domain ?? "helpdesk-test";
    this.addUser({ id: BOT_USER_ID, name: "helpdesk", is_bot: true });
    for (const user of seed.users ?? []) this.addUser(user);
    for (const channel of seed.channels ?? []) {
      this.channels.set(channel.id, {
        ...channel,
        members: new Set(channel.members ?? []),
      });
    }
    for (const [id, members] of Object.entries(seed.usergroups ?? {})) {
      this.usergroups.set(id, members);
    }
    for (const [id, handle] of Object.entries(seed.usergroupHandles ?? {})) {
      this.usergroupHandles.set(id, handle);
    }
  }

  get url(): string {
    return `https://${this.domain}.slack.com/`;
  }

  addUser(user: FakeUser) {
    this.users.set(user.id, user);
  }

  /** Slack ts: seconds and six digits, unique and increasing. */
  nextTs(): string {
    const now = BigInt(Date.now()) * 1000n;
    this.#clock = now > this.#clock ? now : this.#clock + 1n;
    const s = this.#clock.toString();
    return `${s.slice(0, -6)}.${s.slice(-6)}`;
  }

  nextId(prefix: string): string {
    this.#ids += 1;
    return `${prefix}${this.#ids.toString(36).toUpperCase().padStart(8, "0")}`;
  }

  /** Everything, as JSON, to keep the local workspace across restarts. */
  snapshot() {
    return {
      users: [...this.users.values()],
      channels: [...this.channels.values()].map((c) => ({
        ...c,
        members: [...c.members],
      })),
      usergroups: Object.fromEntries(this.usergroups),
      usergroupHandles: Object.fromEntries(this.usergroupHandles),
      messages: this.messages,
      ephemerals: this.ephemerals,
      views: this.views,
      files: this.files.snapshot(),
      clock: this.#clock.toString(),
      ids: this.#ids,
    };
  }

  restore(snapshot: ReturnType<FakeWorkspace["snapshot"]>) {
    this.users.clear();
    for (const user of snapshot.users) this.users.set(user.id, user);
    this.channels.clear();
    for (const c of snapshot.channels) {
      this.channels.set(c.id, { ...c, members: new Set(c.members) });
    }
    this.usergroups.clear();
    for (const [id, members] of Object.entries(snapshot.usergroups)) {
      this.usergroups.set(id, members);
    }
    // Older saved states have no handles: the seed's stay.
    for (
      const [id, handle] of Object.entries(snapshot.usergroupHandles ?? {})
    ) {
      this.usergroupHandles.set(id, handle);
    }
    this.messages.splice(0, Infinity, ...snapshot.messages);
    this.ephemerals.splice(0, Infinity, ...snapshot.ephemerals);
    this.views.splice(0, Infinity, ...snapshot.views);
    // Older saved states have no files.
    this.files.restore(snapshot.files);
    this.#clock = BigInt(snapshot.clock);
    this.#ids = snapshot.ids;
  }

  /** A person's message, as the local workspace's people post them. */
  postAs(
    user: string,
    channel: string,
    text: string,
    threadTs?: string,
    files: Array<{ name: string; mimetype?: string; bytes: Uint8Array }> = [],
  ): FakeMessage {
    const message: FakeMessage = {
      channel,
      ts: this.nextTs(),
      thread_ts: threadTs,
      user,
      text,
    };
    if (files.length) {
      message.files = files.map((f) => {
        const file = this.files.add(user, f);
        this.files.share(file, {
          channel,
          ts: message.ts,
          thread_ts: threadTs,
          user,
        });
        return this.files.object(file);
      });
    }
    if (threadTs) {
      const parent = this.findMessage(channel, threadTs);
      if (parent) parent.reply_count = (parent.reply_count ?? 0) + 1;
    }
    this.messages.push(message);
    return message;
  }

  /** Adds a reaction; false when the person had already added it. */
  react(channel: string, ts: string, name: string, user: string): boolean {
    const message = this.findMessage(channel, ts);
    if (!message) throw new Error(`no message ${ts} in ${channel}`);
    message.reactions ??= [];
    let reaction = message.reactions.find((r) => r.name === name);
    if (!reaction) message.reactions.push(reaction = { name, users: [] });
    if (reaction.users.includes(user)) return false;
    reaction.users.push(user);
    return true;
  }

  /** The DM between the bot and a person, created on first use as Slack does. */
  imWith(userId: string): FakeChannel {
    for (const channel of this.channels.values()) {
      if (channel.is_im && channel.user === userId) return channel;
    }
    const im: FakeChannel = {
      id: `D${userId.slice(1)}`,
      name: userId,
      is_private: true,
      is_im: true,
      user: userId,
      members: new Set([userId, BOT_USER_ID]),
    };
    this.channels.set(im.id, im);
    return im;
  }

  /** Top-level messages and replies in a channel, oldest first. */
  messagesIn(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  /** The bot's DM to a person, oldest first. */
  dmsTo(userId: string): FakeMessage[] {
    const im = [...this.channels.values()].find((c) =>
      c.is_im && c.user === userId
    );
    return im ? this.messagesIn(im.id) : [];
  }

  findMessage(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  repliesTo(channel: string, threadTs: string): FakeMessage[] {
    return this.messages.filter((m) =>
      m.channel === channel && m.thread_ts === threadTs && m.ts !== threadTs
    );
  }

  permalink(channel: string, ts: string, threadTs?: string): string {
    const base = `${this.url}archives/${channel}/p${ts.replace(".", "")}`;
    return threadTs && threadTs !== ts
      ? `${base}?thread_ts=${threadTs}&cid=${channel}`
      : base;
  }
}
