// Who counts as an agent: a configured user, or a member of the configured
// user group. The group is read from Slack each time, so changes in Slack's
// own user group settings take effect without reconfiguring Helpdesk.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { HelpdeskSettings } from "../storage/settings_store.ts";
import { slackCall } from "../slack_api/slack_call.ts";

export class AgentDirectory {
  #groupMembers?: Promise<Set<string>>;

  constructor(
    private client: SlackAPIClient,
    private settings: HelpdeskSettings,
  ) {}

  async isAgent(userId: string): Promise<boolean> {
    if (this.settings.agent_users.includes(userId)) return true;
    if (!this.settings.agent_usergroup) return false;
    // One call per run however many people are checked.
    this.#groupMembers ??= slackCall(this.client, "usergroups.users.list", {
      usergroup: this.settings.agent_usergroup,
    }).then((r) => new Set<string>(r.users ?? []));
    return (await this.#groupMembers).has(userId);
  }
}
