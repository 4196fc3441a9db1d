// dynalite's own request handling, without its HTTP server: the same type
// checks, validations and actions its server runs for a request
// (dynalite/index.js, httpHandler), called with the request's JSON and
// answering what the server would send: the action's output, or the error
// body with its HTTP status. Requests and answers go through JSON as they
// would over HTTP, so nobody shares an object with the store.
import { createRequire } from "node:module";

// dynalite is CommonJS and exports only its server; its parts are required
// from the installed package (the version deno.npm.jsonc pins).
const require = createRequire(import.meta.resolve("dynalite"));

type Callback = (error: DynaliteError | null, data?: unknown) => void;
type Action = (store: unknown, data: unknown, cb: Callback) => void;
interface ActionChecks {
  types: unknown;
  custom?: unknown;
}
interface DynaliteError extends Error {
  statusCode?: number;
  body?: Record<string, unknown>;
}

const db = require("./db") as {
  create(options: Record<string, number>): {
    lifecycleManager: { gracefulClose(cb: (e?: Error) => void): void };
  };
};
const validations = require("./validations") as {
  checkTypes(data: unknown, types: unknown): unknown;
  checkValidations(
    data: unknown,
    types: unknown,
    custom: unknown,
    store: unknown,
  ): void;
};

/** The operations FakeDatastores uses. */
const OPERATIONS = [
  "BatchWriteItem",
  "CreateTable",
  "DeleteItem",
  "DescribeTable",
  "GetItem",
  "PutItem",
  "Scan",
  "UpdateItem",
] as const;

const ACTIONS = new Map(OPERATIONS.map((operation) => {
  const name = operation[0].toLowerCase() + operation.slice(1);
  return [operation as string, {
    run: require(`./actions/${name}`) as Action,
    checks: require(`./validations/${name}`) as ActionChecks,
  }];
}));

export type DynaliteAnswer =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; status: number; body: Record<string, unknown> };

export interface DynaliteStore {
  call(target: string, request: unknown): Promise<DynaliteAnswer>;
  close(): Promise<void>;
}

/** An empty in-memory DynamoDB; tables are ACTIVE as soon as made. */
export function startStore(): DynaliteStore {
  const store = db.create({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  return {
    call(target, request) {
      const action = ACTIONS.get(target);
      if (!action) throw new Error(`dynalite_actions.ts lacks ${target}`);
      return new Promise((resolve, reject) => {
        const failed = (error: DynaliteError) => {
          if (error.statusCode === undefined) return reject(error);
          resolve({
            ok: false,
            status: error.statusCode,
            body: error.body ?? {},
          });
        };
        try {
          const data = validations.checkTypes(
            JSON.parse(JSON.stringify(request)),
            action.checks.types,
          );
          validations.checkValidations(
            data,
            action.checks.types,
            action.checks.custom,
            store,
          );
          action.run(store, data, (error, out) => {
            if (error) return failed(error);
            resolve({ ok: true, body: JSON.parse(JSON.stringify(out ?? {})) });
          });
        } catch (error) {
          failed(error as DynaliteError);
        }
      });
    },
    close() {
      return new Promise((resolve, reject) =>
        store.lifecycleManager.gracefulClose((error) =>
          error ? reject(error) : resolve()
        )
      );
    },
  };
}
