// The "Service levels" modal: targets, business hours, when to warn, who
// breaches escalate to, and when resolved tickets close. Opened with the
// current settings filled in; a problem is shown under its own field and
// nothing typed is lost.
import type { InputBlock, ModalView, PlainTextInput } from "@slack/types";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { type SavedVersion, versionMetadata } from "./saved_version.ts";
import type { InputState } from "./view_state.ts";
import {
  DEFAULT_AUTO_CLOSE_DAYS,
  DEFAULT_REOPEN_DAYS,
  DEFAULT_TIME_ZONE,
  DEFAULT_WARN_PERCENT,
  type FormField,
  type ServiceLevelForm,
} from "../../helpdesk/tickets/service_level_settings.ts";
import {
  DEFAULT_SLA_POLICY,
  formatTargets,
} from "../../helpdesk/service_levels/sla_policy.ts";

type TextField = Exclude<FormField, "owner">;

const TEXT_FIELDS: {
  field: TextField;
  label: string;
  hint: string;
  multiline?: boolean;
  optional?: boolean;
}[] = [
  {
    field: "targets",
    label: "Targets by priority",
    hint:
      'First response / resolution, e.g. "urgent 30m/4h". Units m, h, d (a business day when business hours are set); "-" for none.',
    multiline: true,
  },
  {
    field: "request_types",
    label: "Targets by category",
    hint:
      'Optional, one category per line, e.g. "Access: urgent 15m/1h". They replace the priority targets they name.',
    multiline: true,
    optional: true,
  },
  {
    field: "business_hours",
    label: "Business hours",
    hint: 'e.g. "Mon-Fri 09:00-17:00". Empty: the clocks run around the clock.',
    optional: true,
  },
  {
    field: "holidays",
    label: "Holidays",
    hint:
      'Days on which no time counts, one per line: "2026-12-25 Christmas", "2026-12-24 to 2026-12-31 Winter break". With business hours only; each queue can add its own.',
    multiline: true,
    optional: true,
  },
  {
    field: "time_zone",
    label: "Time zone",
    hint: "For business hours and the weekly digest, e.g. Europe/Paris",
  },
  {
    field: "warn_percent",
    label: "Warn at (% of the target used)",
    hint: "The assignee, or the agents, are warned once at this point.",
  },
  {
    field: "auto_close_days",
    label: "Close resolved tickets after (days)",
    hint: "Unless the requester reopens them. 0 never closes them.",
  },
  {
    field: "reopen_days",
    label: "Reopen closed tickets within (days)",
    hint:
      "The requester can reopen a closed ticket for this many days; after that they open a new one. 0 never.",
  },
];

export const OWNER_BLOCK = "owner";

export function serviceLevelModal(
  settings: HelpdeskSettings,
  callbackId: string,
  opened: SavedVersion,
): ModalView {
  const current: Record<TextField, string> = {
    targets: settings.sla_targets ??
      formatTargets(DEFAULT_SLA_POLICY.byPriority),
    request_types: settings.sla_request_types ?? "",
    business_hours: settings.business_hours ?? "",
    holidays: settings.holidays ?? "",
    time_zone: settings.time_zone ?? DEFAULT_TIME_ZONE,
    warn_percent: String(settings.sla_warn_percent ?? DEFAULT_WARN_PERCENT),
    auto_close_days: String(
      settings.auto_close_days ?? DEFAULT_AUTO_CLOSE_DAYS,
    ),
    reopen_days: String(settings.reopen_days ?? DEFAULT_REOPEN_DAYS),
  };
  const owner = settings.owner ?? settings.updated_by;
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    private_metadata: versionMetadata(opened),
    title: { type: "plain_text", text: "Service levels" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      ...TEXT_FIELDS.map((spec): InputBlock => {
        const element: PlainTextInput = {
          type: "plain_text_input",
          action_id: spec.field,
          ...(spec.multiline ? { multiline: true } : {}),
          ...(current[spec.field]
            ? { initial_value: current[spec.field] }
            : {}),
        };
        return {
          type: "input",
          block_id: spec.field,
          label: { type: "plain_text", text: spec.label },
          hint: { type: "plain_text", text: spec.hint },
          ...(spec.optional ? { optional: true } : {}),
          element,
        };
      }),
      {
        type: "input",
        block_id: OWNER_BLOCK,
        label: { type: "plain_text", text: "Escalate breaches to" },
        hint: {
          type: "plain_text",
          text: "The owner gets a DM whenever a ticket misses a target.",
        },
        element: {
          type: "users_select",
          action_id: OWNER_BLOCK,
          ...(owner ? { initial_user: owner } : {}),
        },
      },
    ],
  };
}

/**
 * The form's values from a view submission's state. An empty field reads
 * as absent, as Slack sends it (null), so each gets its default.
 */
export function submittedServiceLevelForm(state: InputState): ServiceLevelForm {
  const text = (field: TextField) => state.text(field) || undefined;
  return {
    targets: text("targets"),
    request_types: text("request_types"),
    business_hours: text("business_hours"),
    holidays: text("holidays"),
    time_zone: text("time_zone"),
    warn_percent: text("warn_percent"),
    auto_close_days: text("auto_close_days"),
    reopen_days: text("reopen_days"),
    owner: state.choice(OWNER_BLOCK),
  };
}
