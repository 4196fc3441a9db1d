// Helpdesk's own bot user, as auth.test names it (docs.slack.dev/reference/
// methods/auth.test: `user_id`), asked once per client; and how Slack tells
// that a DM went to a bot, not a person.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall, SlackCallError } from "../api/slack_call.ts";

const botUsers = new WeakMap<object, Promise<string>>();

export function botUserOf(client: SlackAPIClient): Promise<string> {
  let known = botUsers.get(client);
  if (!known) {
    known = slackCall(client, "auth.test", {}).then((r) => String(r.user_id));
    botUsers.set(client, known);
    known.catch(() => botUsers.delete(client));
  }
  return known;
}

/**
 * Whether Slack refused a DM because its user is a bot: a bot token cannot
 * open a DM with a bot user (`cannot_dm_bot`; docs/platform.md). Helpdesk
 * has no users:read to tell other apps' bots among a channel's members, so
 * this refusal is how it learns one was not a person: nobody missed it.
 */
export function refusedAsBot(error: unknown): boolean {
  return error instanceof SlackCallError && error.code === "cannot_dm_bot";
}
