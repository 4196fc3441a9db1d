// apps.datastore.* for the fake Slack Web API: Slack's request and response
// shapes on top of the dynalite-backed FakeDatastores.
import { DatastoreError, type FakeDatastores } from "./datastores.ts";
import { type Args, requireString, SlackError } from "./slack_error.ts";
import type { MethodHandler } from "./server.ts";

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
      items: await stores.bulkGet(ds, args.ids as string[]),
      failed_items: [],
    })),
    method("bulkPut", async (ds, args) => {
      const items = args.items as Item[];
      if (items.length > 25) {
        throw new DatastoreError("invalid_arguments", "at most 25 items");
      }
      await stores.bulkPut(ds, items);
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
