// apps.datastore.* for the fake Slack Web API: Slack's request and response
// shapes on top of the dynalite-backed FakeDatastores.
import {
  DatastoreError,
  type FakeDatastores,
  MAX_BULK_ITEMS,
} from "./datastores.ts";
import { type Args, requireString, SlackError } from "./slack_error.ts";
import type { MethodHandler } from "./method_handler.ts";

type Item = Parameters<FakeDatastores["put"]>[1];

export function datastoreMethods(
  stores: FakeDatastores,
): Array<[string, MethodHandler]> {
  const method = (
    name: string,
    run: (datastore: string, args: Args) => Promise<Record<string, unknown>>,
  ): [string, MethodHandler] => [
    `apps.datastore.${name}`,
    async (args) => {
      const datastore = requireString(args, "datastore");
      try {
        return { datastore, ...await run(datastore, args) };
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
    method("put", async (ds, args) => ({
      item: await stores.put(ds, args.item as Item),
    })),
    method("update", async (ds, args) => ({
      item: await stores.update(ds, args.item as Item),
    })),
    method("get", async (ds, args) => ({
      item: await stores.get(ds, requireString(args, "id")),
    })),
    method("delete", async (ds, args) => {
      await stores.delete(ds, requireString(args, "id"));
      return {};
    }),
    method("bulkGet", async (ds, args) => ({
      items: await stores.bulkGet(ds, bulkList<string>(args, "ids")),
      failed_items: [],
    })),
    method("bulkPut", async (ds, args) => {
      await stores.bulkPut(ds, bulkList<Item>(args, "items"));
      return { failed_items: [] };
    }),
    method("bulkDelete", async (ds, args) => {
      await stores.bulkDelete(ds, bulkList<string>(args, "ids"));
      return { failed_items: [] };
    }),
    method("query", async (ds, args) => {
      const page = await stores.query(ds, args);
      return {
        items: page.items,
        ...(page.next_cursor
          ? { response_metadata: { next_cursor: page.next_cursor } }
          : {}),
      };
    }),
    method("count", async (ds, args) => ({
      count: await stores.count(ds, args),
    })),
  ];
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
