// The workspace's user groups, for the settings modals' group pickers
// (Block Kit has no user group picker of its own). usergroups.list needs
// usergroups:read, which Helpdesk has for agents by group.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "../api/slack_call.ts";
import type { UsergroupChoice } from "../blocks/settings_inputs.ts";

export async function listUsergroups(
  client: SlackAPIClient,
): Promise<UsergroupChoice[]> {
  const answer = await slackCall(client, "usergroups.list", {});
  const groups = Array.isArray(answer.usergroups) ? answer.usergroups : [];
  return groups.flatMap((group: Record<string, unknown>) =>
    typeof group.id === "string" && !group.date_delete
      ? [{
        id: group.id,
        handle: typeof group.handle === "string" ? group.handle : undefined,
        name: typeof group.name === "string" ? group.name : undefined,
      }]
      : []
  );
}
