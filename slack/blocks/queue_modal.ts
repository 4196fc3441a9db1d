// The "Configure a queue" modal: first which queue (the ones the person may
// change, and a new one for Helpdesk's admins), then that queue's form,
// opened on what is saved.
import type { InputBlock, ModalView } from "@slack/types";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import {
  MAX_QUEUE_NAME,
  queueFormFrom,
  type QueueFormInput,
} from "../../helpdesk/queues/queue_form.ts";
import {
  channelInput,
  channelsInput,
  MAX_OPTIONS,
  option,
  textInput,
  type UsergroupChoice,
  usergroupInput,
  userInput,
  usersInput,
} from "./settings_inputs.ts";
import type { InputState } from "./view_state.ts";
import { type ModalSubject, versionMetadata } from "./saved_version.ts";

export const QUEUE_CHOICE_BLOCK = "queue";
/** The picker's value for a queue that doesn't exist yet. */
export const NEW_QUEUE = "new";

export function queueChoiceModal(
  queues: readonly Queue[],
  canCreate: boolean,
  callbackId: string,
): ModalView {
  const sorted = [...queues].sort((a, b) => a.name.localeCompare(b.name));
  const options = [
    ...(canCreate ? [option(NEW_QUEUE, "A new queue")] : []),
    ...sorted.map((q) => option(q.id, q.name)),
  ].slice(0, MAX_OPTIONS);
  const block: InputBlock = {
    type: "input",
    block_id: QUEUE_CHOICE_BLOCK,
    label: { type: "plain_text", text: "Which queue?" },
    element: {
      type: "static_select",
      action_id: QUEUE_CHOICE_BLOCK,
      options,
      ...(options.length === 1 ? { initial_option: options[0] } : {}),
    },
  };
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    title: { type: "plain_text", text: "Configure a queue" },
    submit: { type: "plain_text", text: "Next" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [block],
  };
}

/** The queue's form; `queue` undefined for a new one. */
export function queueModal(
  queue: Queue | undefined,
  groups: readonly UsergroupChoice[],
  callbackId: string,
  subject: ModalSubject,
): ModalView {
  const form: Partial<QueueFormInput> = queue ? queueFormFrom(queue) : {};
  const group = usergroupInput(
    "member_group",
    "Member user group",
    groups,
    form.member_group,
    { optional: true, hint: "Its members are members of the queue too." },
  );
  const intro = queue
    ? "Change the name to rename the queue: its tickets and request types stay with it."
    : "A new queue: its tickets get their own triage channel and people.";
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    private_metadata: versionMetadata(subject),
    title: { type: "plain_text", text: queue ? "Change a queue" : "New queue" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      { type: "context", elements: [{ type: "mrkdwn", text: intro }] },
      textInput("name", "Queue name", form.name, { maxLength: MAX_QUEUE_NAME }),
      channelInput("triage_channel", "Triage channel", form.triage_channel, {
        hint: "Its cards go here. Private? Invite @Helpdesk first.",
      }),
      channelsInput(
        "intake_channels",
        "Intake channels",
        form.intake_channels,
        {
          optional: true,
          hint: "A :ticket: reaction on a message here opens a ticket.",
        },
      ),
      userInput("owner", "Owner", form.owner, { optional: true }),
      usersInput("member_people", "Members", form.member_people, {
        optional: true,
        hint: "The agents who work its tickets.",
      }),
      ...(group ? [group] : []),
      channelsInput(
        "member_channels",
        "Member channels",
        form.member_channels,
        {
          optional: true,
          hint: "Everyone in these channels is a member.",
        },
      ),
      usersInput("admin_people", "Admins", form.admin_people, {
        optional: true,
        hint: "May change this queue and its request types.",
      }),
      usersInput("superuser_people", "Superusers", form.superuser_people, {
        optional: true,
        hint: "Approve requests unless a request type names others.",
      }),
      textInput("role_rules", "Role rules", form.role_rules, {
        optional: true,
        multiline: true,
        hint:
          "One per line, e.g. “superusers: ${admins}” or “members: ${owner}”; roles may use ${owner}, ${members}, ${admins}, ${superusers} and ${initiator}.",
      }),
      textInput("holidays", "Holidays", form.holidays, {
        optional: true,
        multiline: true,
        hint:
          "This queue's own days off, one per line, e.g. “2026-12-26 Boxing Day”; Helpdesk's holidays count too. Only with business hours (Helpdesk service levels).",
      }),
    ],
  };
}

export function submittedQueueForm(state: InputState): QueueFormInput {
  return {
    name: state.text("name"),
    triage_channel: state.choice("triage_channel") ?? "",
    intake_channels: state.list("intake_channels"),
    owner: state.choice("owner"),
    member_people: state.list("member_people"),
    member_group: state.choice("member_group"),
    member_channels: state.list("member_channels"),
    admin_people: state.list("admin_people"),
    superuser_people: state.list("superuser_people"),
    role_rules: state.text("role_rules"),
    holidays: state.text("holidays"),
  };
}
