// apps.datastore.* for the fake Slack Web API: Slack's request and response
// shapes on top of the dynalite-backed FakeDatastores.
import {
  DatastoreError,
  type FakeDatastores,
  MAX_BULK_ITEMS,
} from "./datastores.ts";
import { type Args, requireString, SlackError } from "./slack_error.ts";
import type { Caller, MethodHandler } from "./method_handler.ts";
import { StaleReads } from "./stale_reads.ts";

type Item = Parameters<FakeDatastores["put"]>[1];

export function datastoreMethods(
  stores: FakeDatastores,
  stale: StaleReads = new StaleReads(),
): Array<[string, MethodHandler]> {
  // In the stale-reads mode, each write keeps the version it replaces.
  const keyOf = (ds: string) => stores.primaryKey(ds);
  const beforeWrite = async (ds: string, ids: string[]) => {
    if (!stale.mode) return;
    for (const id of ids) stale.replaced(ds, id, await stores.get(ds, id));
  };
  const seen = (ds: string, item: Item, caller: Caller): Item => {
    const id = item[keyOf(ds)];
    return typeof id === "string" ? stale.read(ds, id, item, caller) : item;
  };
  const method = (
    name: string,
    run: (
      datastore: string,
      args: Args,
      caller: Caller,
    ) => Promise<Record<string, unknown>>,
  ): [string, MethodHandler] => [
    `apps.datastore.${name}`,
    async (args, caller) => {
      const datastore = requireString(args, "datastore");
      try {
        return { datastore, ...await run(datastore, args, caller) };
      } catch (error) {
        if (error instanceof DatastoreError) {
          throw new SlackError(error.code, {
            errors: [{ code: error.code, message: error.message }],
          });
        }
        throw error;
      }
    },
  ];
  return [
    method("put", async (ds, args) => {
      await beforeWrite(ds, idsOf(ds, [args.item]));
      return { item: await stores.put(ds, args.item as Item) };
    }),
    method("update", async (ds, args) => {
      await beforeWrite(ds, idsOf(ds, [args.item]));
      return { item: await stores.update(ds, args.item as Item) };
    }),
    method("get", async (ds, args, caller) => {
      const id = requireString(args, "id");
      return { item: stale.read(ds, id, await stores.get(ds, id), caller) };
    }),
    method("delete", async (ds, args) => {
      const id = requireString(args, "id");
      await beforeWrite(ds, [id]);
      await stores.delete(ds, id);
      return {};
    }),
    method("bulkGet", async (ds, args, caller) => {
      const ids = bulkList<string>(args, "ids");
      // Each read is checked as the real bulkGet checks it (stores.get
      // refuses an unknown datastore), even if all are stale.
      const items = await Promise.all(
        ids.map(async (id) =>
          stale.read(ds, id, await stores.get(ds, id), caller)
        ),
      );
      return {
        items: items.filter((item) => Object.keys(item).length > 0),
        failed_items: [],
      };
    }),
    method("bulkPut", async (ds, args) => {
      const items = bulkList<Item>(args, "items");
      await beforeWrite(ds, idsOf(ds, items));
      await stores.bulkPut(ds, items);
      return { failed_items: [] };
    }),
    method("bulkDelete", async (ds, args) => {
      const ids = bulkList<string>(args, "ids");
      await beforeWrite(ds, ids);
      await stores.bulkDelete(ds, ids);
      return { failed_items: [] };
    }),
    method("query", async (ds, args, caller) => {
      const page = await stores.query(ds, args);
      return {
        // An item the filter matched now may answer an older version.
        items: page.items.map((item) => seen(ds, item, caller)),
        ...(page.next_cursor
          ? { response_metadata: { next_cursor: page.next_cursor } }
          : {}),
      };
    }),
    method("count", async (ds, args) => ({
      count: await stores.count(ds, args),
    })),
  ];

  function idsOf(ds: string, items: unknown[]): string[] {
    return items.flatMap((item) => {
      const id = (item as Item | undefined)?.[keyOf(ds)];
      return typeof id === "string" ? [id] : [];
    });
  }
}

/**
 * bulkPut takes at most 25 items (Slack's reference says so); bulkGet and
 * bulkDelete document no cap, and the fake holds them to the same 25 the
 * Slack CLI sends, so code that relies on more fails here first.
 */
function bulkList<T>(args: Args, name: string): T[] {
  const list = args[name];
  if (!Array.isArray(list) || list.length === 0) {
    throw new DatastoreError("invalid_arguments", `${name} must be a list`);
  }
  if (list.length > MAX_BULK_ITEMS) {
    throw new DatastoreError(
      "invalid_arguments",
      `at most ${MAX_BULK_ITEMS} ${name} a call`,
    );
  }
  return list as T[];
}
