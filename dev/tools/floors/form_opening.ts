// The floor of opening a ticket from the form or a workflow step
// (dev/tools/bundle_floors.ts).
export { openTicket } from "../../../use_cases/opening/open_ticket.ts";
