// The "Helpdesk report" modal: which queues (one, or all those the person
// may see) and how many days. Queue names are typed by admins: plain text
// here, shown as typed.
import type { KnownBlock, ModalView } from "@slack/types";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { MAX_OPTIONS, option } from "./settings_inputs.ts";
import type { ViewState } from "./view_state.ts";

export const SCOPE_BLOCK = "queue";
export const DAYS_BLOCK = "days";
export const FROM_BLOCK = "from_day";
export const TO_BLOCK = "to_day";
export const EXPORT_BLOCK = "export_csv";
/** The "Over" choice that reads the two dates instead. */
export const DATE_RANGE = "range";
/** The choice for every queue the person may see. */
export const ALL_QUEUES = "all";
export const REPORT_DAYS = [7, 30, 90];

/**
 * `exportable`: the person may have a CSV of the tickets (Helpdesk's admins
 * and queue owners, with exports on); the report step checks again.
 */
export function reportScopeModal(
  queues: readonly Queue[],
  everything: boolean,
  callbackId: string,
  exportable = false,
): ModalView {
  const all = option(ALL_QUEUES, everything ? "All queues" : "All my queues");
  const days = [
    ...REPORT_DAYS.map((d) => option(String(d), `The last ${d} days`)),
    option(DATE_RANGE, "Between the dates below"),
  ];
  const day = (block: string, label: string): KnownBlock => ({
    type: "input",
    block_id: block,
    optional: true,
    label: { type: "plain_text", text: label },
    element: { type: "datepicker", action_id: block },
  });
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    title: { type: "plain_text", text: "Helpdesk report" },
    submit: { type: "plain_text", text: "Show" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: SCOPE_BLOCK,
        label: { type: "plain_text", text: "Which queues" },
        element: {
          type: "static_select",
          action_id: SCOPE_BLOCK,
          initial_option: all,
          options: [
            all,
            ...[...queues].sort((a, b) => a.name.localeCompare(b.name))
              .map((q) => option(q.id, q.name)),
          ].slice(0, MAX_OPTIONS),
        },
      },
      {
        type: "input",
        block_id: DAYS_BLOCK,
        label: { type: "plain_text", text: "Over" },
        element: {
          type: "static_select",
          action_id: DAYS_BLOCK,
          initial_option: days[0],
          options: days,
        },
      },
      day(FROM_BLOCK, "From (a UTC day)"),
      day(TO_BLOCK, "To (included)"),
      ...(exportable
        ? [{
          type: "input",
          block_id: EXPORT_BLOCK,
          optional: true,
          label: { type: "plain_text", text: "Export" },
          element: {
            type: "checkboxes",
            action_id: EXPORT_BLOCK,
            options: [
              option("yes", "Also send me these tickets as a CSV file"),
            ],
          },
        } as KnownBlock]
        : []),
    ],
  };
}

export interface ChosenScope {
  queue: string;
  days: number;
  /** The dates typed, when "Between the dates below" was chosen. */
  range?: { from: string; to: string };
  exportCsv: boolean;
}

/** The chosen queue ("" for all), days (7 unless a listed choice) or dates. */
export function chosenScope(state: ViewState): ChosenScope {
  const queue = state.choice(SCOPE_BLOCK);
  const over = state.choice(DAYS_BLOCK);
  const days = Number(over);
  return {
    queue: queue && queue !== ALL_QUEUES ? queue : "",
    days: REPORT_DAYS.includes(days) ? days : REPORT_DAYS[0],
    ...(over === DATE_RANGE
      ? { range: { from: state.date(FROM_BLOCK), to: state.date(TO_BLOCK) } }
      : {}),
    exportCsv: state.checked(EXPORT_BLOCK),
  };
}
