// The floor of a ticket's sync to JSM (dev/tools/bundle_floors.ts).
export { syncTicketToJsm } from "../../../use_cases/jsm/jsm_sync.ts";
