// The "Configure Helpdesk" modal, opened on what is saved (a fresh install:
// the editor as its first admin), and read back from its submission.
import type { ModalView } from "@slack/types";
import type { HelpdeskForm } from "../../helpdesk/helpdesk_form.ts";
import {
  channelInput,
  textInput,
  type UsergroupChoice,
  usergroupInput,
  usersInput,
} from "./settings_inputs.ts";
import type { InputState } from "./view_state.ts";
import { MIN_RETENTION_DAYS } from "../../helpdesk/tickets/retention_period.ts";
import { type SavedVersion, versionMetadata } from "./saved_version.ts";

export function helpdeskModal(
  form: HelpdeskForm,
  groups: readonly UsergroupChoice[],
  callbackId: string,
  opened: SavedVersion,
): ModalView {
  const group = usergroupInput(
    "agent_usergroup",
    "Agent user group",
    groups,
    form.agent_usergroup,
    { optional: true, hint: "Its members are agents too." },
  );
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    private_metadata: versionMetadata(opened),
    title: { type: "plain_text", text: "Configure Helpdesk" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "context",
        elements: [{
          type: "mrkdwn",
          text:
            "New tickets are posted in the triage channel, where agents claim and resolve them.",
        }],
      },
      channelInput("triage_channel", "Triage channel", form.triage_channel, {
        hint: "Private? Invite @Helpdesk there first.",
      }),
      usersInput("agent_users", "Agents", form.agent_users, {
        optional: true,
        hint: "People who work on tickets.",
      }),
      ...(group ? [group] : []),
      textInput("intake_emoji", "Ticket emoji", form.intake_emoji, {
        hint:
          "On a message in a queue's intake channel, this reaction opens a ticket.",
        maxLength: 100,
      }),
      usersInput("admins", "Helpdesk admins", form.admins, {
        hint:
          "Who may change these settings, the service levels and every queue. Keep yourself in it.",
      }),
      textInput(
        "retention_days",
        "Keep closed tickets for",
        form.retention_days,
        {
          optional: true,
          hint:
            `Days. Closed tickets older than this are purged, their messages replaced; the report's figures stay. Blank: kept for ever. At least ${MIN_RETENTION_DAYS}.`,
          maxLength: 5,
        },
      ),
    ],
  };
}

export function submittedHelpdeskForm(state: InputState): HelpdeskForm {
  return {
    triage_channel: state.choice("triage_channel"),
    agent_users: state.list("agent_users"),
    agent_usergroup: state.choice("agent_usergroup"),
    intake_emoji: state.text("intake_emoji"),
    admins: state.list("admins"),
    retention_days: state.text("retention_days"),
  };
}
