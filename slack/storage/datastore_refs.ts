// What storage needs of each datastore when it runs: its name and primary
// key. The definitions in datastores/ (every attribute's schema) are for the
// manifest and for the item types, which are erased when a function is
// bundled; imported as values, they put about 20 KB of schemas into every
// function's bundle. dev/tests/datastore_refs_test.ts keeps these in step with them.
import type { Datastore } from "./datastore.ts";
import type CheckupsDefinition from "../../datastores/checkups.ts";
import type JsmEventsDefinition from "../../datastores/jsm_events.ts";
import type LocksDefinition from "../../datastores/locks.ts";
import type QueuesDefinition from "../../datastores/queues.ts";
import type ReportDaysDefinition from "../../datastores/report_days.ts";
import type RequestTypesDefinition from "../../datastores/request_types.ts";
import type SettingsDefinition from "../../datastores/settings.ts";
import type TicketLookupDefinition from "../../datastores/ticket_lookup.ts";
import type TicketWorkDefinition from "../../datastores/ticket_work.ts";
import type TicketsDefinition from "../../datastores/tickets.ts";

/** A datastore as storage reads and writes it, typed by its definition. */
// Marked free of side effects so that a bundle keeps only the datastores
// its function reads or writes (esbuild keeps a call it cannot prove pure).
/* @__NO_SIDE_EFFECTS__ */
function ref<D extends Datastore>(
  name: string,
  primaryKey: D["definition"]["primary_key"],
): D {
  // Only name and primary_key are read at run time (datastore.ts); the
  // rest of D is types.
  return { name, definition: { primary_key: primaryKey } } as unknown as D;
}

export const CheckupsDatastore = ref<typeof CheckupsDefinition>(
  "checkups",
  "id",
);
export const JsmEventsDatastore = ref<typeof JsmEventsDefinition>(
  "jsm_events",
  "id",
);
export const LocksDatastore = ref<typeof LocksDefinition>("locks", "id");
export const QueuesDatastore = ref<typeof QueuesDefinition>("queues", "id");
export const ReportDaysDatastore = ref<typeof ReportDaysDefinition>(
  "report_days",
  "id",
);
export const RequestTypesDatastore = ref<typeof RequestTypesDefinition>(
  "request_types",
  "id",
);
export const SettingsDatastore = ref<typeof SettingsDefinition>(
  "settings",
  "id",
);
export const TicketLookupDatastore = ref<typeof TicketLookupDefinition>(
  "ticket_lookup",
  "lookup",
);
export const TicketWorkDatastore = ref<typeof TicketWorkDefinition>(
  "ticket_work",
  "id",
);
export const TicketsDatastore = ref<typeof TicketsDefinition>("tickets", "id");
