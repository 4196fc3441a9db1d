// A trigger a person creates with `slack trigger create --trigger-def`.
// Helpdesk creates the ones in created_by_app/ itself; they are not here.
import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import HelpdeskReportWorkflow from "../workflows/helpdesk_report.ts";

/**
 * The on-demand report. Create it with
 *   slack trigger create --trigger-def triggers/helpdesk_report.ts
 * and bookmark it in the triage channel.
 */
const trigger: Trigger<typeof HelpdeskReportWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "Helpdesk report",
  description: "Tickets, response times, SLA attainment and ratings this week",
  workflow: `#/workflows/${HelpdeskReportWorkflow.definition.callback_id}`,
  inputs: {
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
    channel: { value: TriggerContextData.Shortcut.channel_id },
  },
};

export default trigger;
