// Reading conversations and reacting, for the fake Slack Web API: what the
// :ticket: intake and the queue roles need, with the error codes of Slack's
// method reference (a channel Helpdesk is not in can't be read; a private
// one is invisible to it).
import { type Args, requireString, SlackError } from "./slack_error.ts";
import {
  BOT_USER_ID,
  type FakeChannel,
  type FakeMessage,
  type FakeWorkspace,
} from "./workspace.ts";
import type { MethodHandler } from "./method_handler.ts";
import { existingChannel, toApi } from "./messaging_methods.ts";

export function conversationMethods(
  ws: FakeWorkspace,
): Array<[string, MethodHandler]> {
  return [
    ["conversations.history", (args) => {
      const channel = readableChannel(ws, requireString(args, "channel"));
      const topLevel = ws.messagesIn(channel.id).filter((m) =>
        !m.thread_ts || m.thread_ts === m.ts
      );
      const window = inWindow(topLevel, args);
      // "Maximum of 999"; fewer may come back before the end (the method's
      // page: docs.slack.dev/reference/methods/conversations.history).
      const limit = Math.min(Number(args.limit ?? 100) || 100, 999);
      const start = pageStart(args.cursor);
      const more = start + limit < window.length;
      // Slack returns message metadata only when asked for it.
      const metadata = args.include_all_metadata === true ||
        args.include_all_metadata === "true";
      return {
        messages: window.slice(start, start + limit).map((m) => ({
          ...toApi(m),
          metadata: metadata ? m.metadata : undefined,
        })),
        has_more: more,
        ...(more
          ? { response_metadata: { next_cursor: String(start + limit) } }
          : {}),
      };
    }],

    ["conversations.replies", (args) => {
      const channel = readableChannel(ws, requireString(args, "channel"));
      const ts = requireString(args, "ts");
      const parent = ws.findMessage(channel.id, ts);
      if (!parent) throw new SlackError("thread_not_found");
      const thread = [parent, ...ws.repliesTo(channel.id, ts)];
      // Slack always returns the parent first, whatever the window.
      const rest = inWindow(thread.slice(1), args).reverse();
      return {
        messages: [parent, ...rest].slice(0, Number(args.limit ?? 1000) || 1000)
          .map(toApi),
        has_more: false,
      };
    }],

    ["conversations.members", (args) => {
      const channel = existingChannel(ws, requireString(args, "channel"));
      const members = [...channel.members];
      const limit = Number(args.limit ?? 100) || 100;
      const start = Number(args.cursor ?? 0) || 0;
      const next = start + limit < members.length ? String(start + limit) : "";
      return {
        members: members.slice(start, start + limit),
        response_metadata: { next_cursor: next },
      };
    }],

    ["reactions.add", (args) => {
      const { channel, message, name } = reactionTarget(ws, args);
      if (
        !ws.react(channel.id, message.ts, name, BOT_USER_ID) &&
        ws.platform.exclusiveReactions
      ) {
        throw new SlackError("already_reacted");
      }
      return {};
    }],

    // Who reacted how to one message. Slack lists only some of the people
    // of a reaction unless `full` is set (`count` says how many there are);
    // the fake keeps the first few, so code that needs them all must ask.
    ["reactions.get", (args) => {
      const channel = readableChannel(ws, requireString(args, "channel"));
      const message = ws.findMessage(
        channel.id,
        requireString(args, "timestamp"),
      );
      if (!message) throw new SlackError("message_not_found");
      const full = args.full === true || args.full === "true";
      const shown = toApi(message);
      return {
        type: "message",
        channel: channel.id,
        message: {
          ...shown,
          reactions: shown.reactions?.map((r) =>
            full ? r : { ...r, users: r.users.slice(0, PARTIAL_REACTORS) }
          ),
        },
      };
    }],

    ["reactions.remove", (args) => {
      const { message, name } = reactionTarget(ws, args);
      const reaction = message.reactions?.find((r) => r.name === name);
      if (!reaction?.users.includes(BOT_USER_ID)) {
        throw new SlackError("no_reaction");
      }
      reaction.users = reaction.users.filter((u) => u !== BOT_USER_ID);
      // Slack shows no reaction nobody has any more.
      if (reaction.users.length === 0) {
        message.reactions = message.reactions!.filter((r) => r !== reaction);
      }
      return {};
    }],
  ];
}

/** How many people a reaction lists without `full` (an assumption: Slack
 * documents that the list may be partial, not its length). */
const PARTIAL_REACTORS = 3;

function readableChannel(ws: FakeWorkspace, id: string): FakeChannel {
  const channel = existingChannel(ws, id);
  if (!channel.members.has(BOT_USER_ID)) throw new SlackError("not_in_channel");
  return channel;
}

function reactionTarget(ws: FakeWorkspace, args: Args) {
  const channel = readableChannel(ws, requireString(args, "channel"));
  const message = ws.findMessage(channel.id, requireString(args, "timestamp"));
  if (!message) throw new SlackError("message_not_found");
  return { channel, message, name: requireString(args, "name") };
}

/** Where a page starts: the fake's cursors are offsets; others are refused. */
function pageStart(cursor: unknown): number {
  if (cursor === undefined || cursor === "") return 0;
  if (!/^\d+$/.test(String(cursor))) throw new SlackError("invalid_cursor");
  return Number(cursor);
}

/** A timestamp bound as Slack takes it ("1712345678.000100"), or refused. */
function bound(args: Args, name: "oldest" | "latest", none: number): number {
  const value = args[name];
  if (value === undefined || value === "") return none;
  if (!/^\d+(\.\d+)?$/.test(String(value))) {
    throw new SlackError(`invalid_ts_${name}`);
  }
  return Number(value);
}

/** Messages between oldest and latest (inclusive when asked), newest first. */
function inWindow(messages: FakeMessage[], args: Args): FakeMessage[] {
  const inclusive = args.inclusive === true || args.inclusive === "true";
  const oldest = bound(args, "oldest", -Infinity);
  const latest = bound(args, "latest", Infinity);
  return messages.filter((m) => {
    const ts = Number(m.ts);
    return inclusive
      ? ts >= oldest && ts <= latest
      : ts > oldest && ts < latest;
  }).reverse();
}
