// A trigger a person creates with `slack trigger create --trigger-def`.
// Helpdesk creates the ones in created_by_app/ itself; they are not here.
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";

/**
 * The "Open a Jira issue" shortcut, when JIRA_CLOUD_DOMAIN and JIRA_PROJECT
 * are set (the workflow exists only then). Create it with
 *   slack trigger create --trigger-def triggers/open_jira_issue.ts
 * A link trigger is the only kind a workflow with an end-user connector
 * step can have.
 */
const trigger: Trigger = {
  type: TriggerTypes.Shortcut,
  name: "Open a Jira issue",
  description: "A Helpdesk ticket with a Jira Cloud issue",
  workflow: "#/workflows/open_jira_issue",
  inputs: {
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
    requester: { value: TriggerContextData.Shortcut.user_id },
    channel: { value: TriggerContextData.Shortcut.channel_id },
  },
};

export default trigger;
