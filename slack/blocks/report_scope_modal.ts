// The "Helpdesk report" modal: which queues (one, or all those the person
// may see) and how many days. Queue names are typed by admins: plain text
// here, shown as typed.
import type { ModalView } from "@slack/types";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { MAX_OPTIONS, option } from "./settings_inputs.ts";
import type { ViewState } from "./view_state.ts";

export const SCOPE_BLOCK = "queue";
export const DAYS_BLOCK = "days";
/** The choice for every queue the person may see. */
export const ALL_QUEUES = "all";
export const REPORT_DAYS = [7, 30, 90];

export function reportScopeModal(
  queues: readonly Queue[],
  everything: boolean,
  callbackId: string,
): ModalView {
  const all = option(ALL_QUEUES, everything ? "All queues" : "All my queues");
  const days = REPORT_DAYS.map((d) => option(String(d), `The last ${d} days`));
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
    ],
  };
}

/** The chosen queue ("" for all) and days (7 unless a listed choice). */
export function chosenScope(state: ViewState): { queue: string; days: number } {
  const queue = state.choice(SCOPE_BLOCK);
  const days = Number(state.choice(DAYS_BLOCK));
  return {
    queue: queue && queue !== ALL_QUEUES ? queue : "",
    days: REPORT_DAYS.includes(days) ? days : REPORT_DAYS[0],
  };
}
