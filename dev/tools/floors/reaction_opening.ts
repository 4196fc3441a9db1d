// The floor of opening a ticket from a :ticket: reaction
// (dev/tools/bundle_floors.ts).
export { openUntypedTicket } from "../../../use_cases/opening/open_ticket.ts";
