// Conversations, messages, people and views for the fake Slack Web API, with
// the response shapes and error codes of Slack's method reference.
import { type Args, requireString, SlackError } from "./slack_error.ts";
import { blockKitProblems } from "./block_kit_limits.ts";
import {
  BOT_ID,
  BOT_USER_ID,
  type FakeChannel,
  type FakeMessage,
  type FakeWorkspace,
} from "./workspace.ts";
import type { MethodHandler } from "./method_handler.ts";

export function messagingMethods(
  ws: FakeWorkspace,
): Array<[string, MethodHandler]> {
  return [
    ["auth.test", () => ({
      url: ws.url,
      team: ws.domain,
      team_id: ws.teamId,
      user: "helpdesk",
      user_id: BOT_USER_ID,
      bot_id: BOT_ID,
    })],

    ["chat.postMessage", (args, caller) => {
      const channel = postableChannel(ws, requireString(args, "channel"));
      const content = messageContent(args);
      const threadTs = args.thread_ts as string | undefined;
      if (threadTs) {
        const parent = ws.findMessage(channel.id, threadTs);
        if (!parent) throw new SlackError("thread_not_found");
        parent.reply_count = (parent.reply_count ?? 0) + 1;
      }
      const message: FakeMessage = {
        channel: channel.id,
        ts: ws.nextTs(),
        thread_ts: threadTs,
        user: BOT_USER_ID,
        bot_id: BOT_ID,
        posted_by_token: caller.token,
        ...content,
      };
      ws.messages.push(message);
      return { channel: channel.id, ts: message.ts, message: toApi(message) };
    }],

    ["chat.update", (args) => {
      const channelId = requireString(args, "channel");
      const ts = requireString(args, "ts");
      if (/^[UW]/.test(channelId)) throw new SlackError("channel_not_found");
      const channel = existingChannel(ws, channelId);
      if (channel.is_archived) throw new SlackError("is_inactive");
      const message = ws.findMessage(channel.id, ts);
      if (!message) throw new SlackError("message_not_found");
      if (message.user !== BOT_USER_ID) {
        throw new SlackError("cant_update_message");
      }
      // "The message cannot be edited due to the team message edit
      // settings" (docs.slack.dev/reference/methods/chat.update). Whether
      // apps' own messages are spared is not said, so they are not here.
      // An ephemeral is never among the messages: message_not_found.
      const window = ws.editWindowSeconds;
      if (window !== undefined && Date.now() / 1000 - Number(ts) >= window) {
        throw new SlackError("edit_window_closed");
      }
      Object.assign(message, messageContent(args, message), {
        edited: { user: BOT_USER_ID, ts: ws.nextTs() },
      });
      return {
        channel: channel.id,
        ts,
        text: message.text,
        message: toApi(message),
      };
    }],

    ["chat.delete", (args) => {
      const channel = existingChannel(ws, requireString(args, "channel"));
      const ts = requireString(args, "ts");
      const i = ws.messages.findIndex((m) =>
        m.channel === channel.id && m.ts === ts
      );
      if (i === -1) throw new SlackError("message_not_found");
      ws.messages.splice(i, 1);
      return { channel: channel.id, ts };
    }],

    ["chat.postEphemeral", (args) => {
      const channel = postableChannel(ws, requireString(args, "channel"));
      const user = requireString(args, "user");
      if (!ws.users.has(user)) throw new SlackError("user_not_found");
      if (!channel.members.has(user)) {
        throw new SlackError("user_not_in_channel");
      }
      const content = messageContent(args);
      const message_ts = ws.nextTs();
      ws.ephemerals.push({
        channel: channel.id,
        user,
        text: content.text,
        blocks: content.blocks,
        thread_ts: args.thread_ts as string | undefined,
        message_ts,
      });
      return { message_ts };
    }],

    ["chat.getPermalink", (args) => {
      const channel = existingChannel(ws, requireString(args, "channel"));
      const ts = requireString(args, "message_ts");
      const message = ws.findMessage(channel.id, ts);
      if (!message) throw new SlackError("message_not_found");
      return {
        channel: channel.id,
        permalink: ws.permalink(channel.id, ts, message.thread_ts),
      };
    }],

    ["conversations.join", (args) => {
      const channel = existingChannel(ws, requireString(args, "channel"));
      if (channel.is_archived) throw new SlackError("is_archived");
      if (channel.is_private || channel.is_im) {
        throw new SlackError("method_not_supported_for_channel_type");
      }
      const already = channel.members.has(BOT_USER_ID);
      channel.members.add(BOT_USER_ID);
      return {
        channel: channelInfo(channel),
        ...(already
          ? {
            warning: "already_in_channel",
            response_metadata: { warnings: ["already_in_channel"] },
          }
          : {}),
      };
    }],

    ["conversations.info", (args) => {
      const channel = existingChannel(ws, requireString(args, "channel"));
      return { channel: channelInfo(channel) };
    }],

    ["users.info", (args) => {
      const user = ws.users.get(requireString(args, "user"));
      if (!user) throw new SlackError("user_not_found");
      return { user: { team_id: ws.teamId, ...user } };
    }],

    // Slack lists enabled groups only unless include_disabled; the fake's
    // groups are all enabled. Names are made from handles.
    ["usergroups.list", () => ({
      usergroups: [...ws.usergroups.keys()].map((id) => {
        const handle = ws.usergroupHandles.get(id) ?? id.toLowerCase();
        return {
          id,
          team_id: ws.teamId,
          is_usergroup: true,
          name: handle,
          handle,
          date_delete: 0,
        };
      }),
    })],

    ["usergroups.users.list", (args) => {
      const users = ws.usergroups.get(requireString(args, "usergroup"));
      if (!users) throw new SlackError("no_such_subteam");
      return { users };
    }],

    ["views.open", (args, caller) => openView(ws, args, caller.token)],
    ["views.push", (args, caller) => openView(ws, args, caller.token)],
    ["views.update", (args) => {
      const id = requireString(args, "view_id");
      const open = ws.views.find((v) => v.id === id);
      if (!open || open.closed) throw new SlackError("not_found");
      const problems = viewProblems(args.view);
      if (problems.length) throw invalid(problems);
      open.view = args.view as Record<string, unknown>;
      return { view: { id, ...open.view } };
    }],

    // The function runtime reports completion here; tests read it back.
    ["functions.completeSuccess", (args) => {
      requireString(args, "function_execution_id");
      return {};
    }],
    ["functions.completeError", (args) => {
      requireString(args, "function_execution_id");
      requireString(args, "error");
      return {};
    }],
  ];
}

export function existingChannel(
  ws: FakeWorkspace,
  id: string,
): FakeChannel {
  const channel = ws.channels.get(id);
  // A private channel the bot is not in is invisible to it.
  if (!channel || (channel.is_private && !channel.members.has(BOT_USER_ID))) {
    throw new SlackError("channel_not_found");
  }
  return channel;
}

/** Where chat.postMessage may post: a member channel, or a person's DM. */
export function postableChannel(ws: FakeWorkspace, id: string): FakeChannel {
  if (/^[UW]/.test(id)) {
    const user = ws.users.get(id);
    if (!user || user.deleted) throw new SlackError("channel_not_found");
    // A bot token cannot open a DM with a bot user, its own included: Slack
    // answers cannot_dm_bot (conversations.open, as Slack support told
    // HubSpot/slack-client#90: "a dm between two bots can not exist";
    // reported from conversations.open in yokonsan/claude-in-slack-api#8).
    // Posting to a bot's user id opens that DM, so it is refused alike.
    if (user.is_bot) throw new SlackError("cannot_dm_bot");
    return ws.imWith(id);
  }
  const channel = existingChannel(ws, id);
  if (channel.is_archived) throw new SlackError("is_archived");
  if (!channel.members.has(BOT_USER_ID)) throw new SlackError("not_in_channel");
  return channel;
}

function messageContent(args: Args, previous?: FakeMessage) {
  const text = args.text as string | undefined;
  const blocks = args.blocks as unknown[] | undefined;
  if (!previous && !text && !blocks) throw new SlackError("no_text");
  if ((text ?? "").length > 40_000) throw new SlackError("msg_too_long");
  if (blocks !== undefined) {
    const problems = blockKitProblems(blocks);
    if (problems.length) throw invalid(problems);
  }
  return {
    text: text ?? previous?.text ?? "",
    blocks: blocks ?? previous?.blocks,
    // chat.update keeps the metadata unless given some; an empty object
    // removes it (docs.slack.dev/reference/methods/chat.update).
    metadata: metadataOf(args.metadata ?? previous?.metadata),
  };
}

function metadataOf(metadata: unknown) {
  return metadata && Object.keys(metadata).length ? metadata : undefined;
}

function openView(ws: FakeWorkspace, args: Args, token?: string) {
  if (!args.trigger_id && !args.interactivity_pointer) {
    throw new SlackError("invalid_arguments", {
      response_metadata: { messages: ["missing trigger_id"] },
    });
  }
  const exchanged = (args.trigger_id ?? args.interactivity_pointer) as string;
  if (ws.pointers.expired(exchanged)) {
    throw new SlackError("expired_trigger_id");
  }
  const problems = viewProblems(args.view);
  if (problems.length) throw invalid(problems);
  const id = ws.nextId("V");
  const view = args.view as Record<string, unknown>;
  ws.views.push({
    id,
    view,
    opened_by_pointer: args.interactivity_pointer as string | undefined,
    opened_by_token: token,
  });
  return { view: { id, ...view } };
}

function viewProblems(view: unknown): string[] {
  const v = view as Record<string, unknown> | undefined;
  if (!v || v.type !== "modal") return ["view must be a modal"];
  const title = (v.title as { text?: string } | undefined)?.text ?? "";
  const problems = blockKitProblems(v.blocks ?? [], "view");
  if (!title || title.length > 24) {
    problems.push("title must be 1-24 characters");
  }
  if (String(v.private_metadata ?? "").length > 3000) {
    problems.push("private_metadata must be at most 3000 characters");
  }
  // Slack's view object: submit and close up to 24 characters, metadata up
  // to 3,000, callback_id up to 255.
  for (const button of ["submit", "close"] as const) {
    const text = (v[button] as { text?: string } | undefined)?.text;
    if (text !== undefined && (!text || text.length > 24)) {
      problems.push(`${button} must be 1-24 characters`);
    }
  }
  if (String(v.private_metadata ?? "").length > 3000) {
    problems.push("private_metadata must be at most 3000 characters");
  }
  if (String(v.callback_id ?? "").length > 255) {
    problems.push("callback_id must be at most 255 characters");
  }
  return problems;
}

function invalid(problems: string[]) {
  return new SlackError("invalid_blocks", {
    errors: problems,
    response_metadata: { messages: problems },
  });
}

function channelInfo(channel: FakeChannel) {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.is_private && !channel.is_im,
    is_private: channel.is_private,
    is_im: channel.is_im ?? false,
    is_archived: channel.is_archived ?? false,
    is_member: channel.members.has(BOT_USER_ID),
    ...(channel.user ? { user: channel.user } : {}),
  };
}

/** A message as the Web API returns it (history, replies, post answers). */
export function toApi(message: FakeMessage) {
  return {
    type: "message",
    text: message.text,
    blocks: message.blocks,
    user: message.user,
    bot_id: message.bot_id,
    ts: message.ts,
    thread_ts: message.thread_ts,
    metadata: message.metadata,
    reply_count: message.reply_count,
    files: message.files,
    reactions: message.reactions?.filter((r) => r.users.length).map((r) => ({
      name: r.name,
      users: [...r.users],
      count: r.users.length,
    })),
  };
}
