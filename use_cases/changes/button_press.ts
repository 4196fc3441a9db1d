// A click on a ticket's button as update_ticket hands it to a use case, and
// what the use case hands back for the run to return.
import type { Ticket } from "../../helpdesk/tickets/model.ts";

/** One click: on which ticket, by whom, and the pointer a modal opens with. */
export interface ButtonPress {
  ticketId: string;
  actor: string;
  pointer: string;
  /** The deployment carries files (HELPDESK_FILES=on): forms offer them. */
  files?: boolean;
}

/** The run's outputs, or kept open for a modal whose handlers finish it. */
export type PressResult =
  | { outputs: { status?: string } }
  | { completed: false };

export const KEPT_OPEN = { completed: false as const };

/** The ticket's status as the run's output, when there is a ticket. */
export const statusOf = (ticket: Ticket | undefined) => ({
  outputs: ticket ? { status: ticket.status } : {},
});
