// A ticket for tests of pure code: every field set, overridable.
import type { Ticket } from "../../helpdesk/tickets/model.ts";

export function sampleTicket(extra: Partial<Ticket> = {}): Ticket {
  return {
    id: "01TICKETID",
    key: "HD-ABC123",
    summary: "Laptop won't boot",
    description: "",
    priority: "normal",
    category: "General",
    status: "new",
    requester: "UREQ",
    source: "form",
    created_at: 1_800_000_000,
    updated_at: 1_800_000_000,
    ...extra,
  };
}
