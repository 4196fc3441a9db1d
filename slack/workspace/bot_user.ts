// Helpdesk's own bot user, as auth.test names it (docs.slack.dev/reference/
// methods/auth.test: `user_id`), asked once per client.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "../api/slack_call.ts";

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
