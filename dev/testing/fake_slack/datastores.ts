// apps.datastore.* for the fake Slack Web API, on dynalite: a real DynamoDB
// implementation that runs in memory. Slack datastores are DynamoDB tables, so
// filter expressions, `limit` (items evaluated, not items returned) and
// cursors behave here as they do in Slack, empty pages with a cursor included.
//
// dynalite is a DynamoDB HTTP server; the fake calls its request checks and
// actions in process (dynalite_actions.ts) instead of over HTTP, the same
// code on the same JSON, because an HTTP round trip per item cost the tests
// several times what dynalite itself does.
import { type DynaliteStore, startStore } from "./dynalite_actions.ts";

export interface DatastoreSchema {
  name: string;
  primary_key: string;
  attributes: Record<string, unknown>;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type AttributeValue = Record<string, unknown>;
export type Item = Record<string, Json>;

/** Items a query may evaluate per call (Slack's documented maximum). */
export const MAX_QUERY_LIMIT = 1000;
/** Items per bulkPut (documented), bulkGet and bulkDelete (the CLI's own). */
export const MAX_BULK_ITEMS = 25;

export class DatastoreError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export class FakeDatastores {
  #store: DynaliteStore;
  #schemas: Map<string, DatastoreSchema>;

  private constructor(store: DynaliteStore, schemas: DatastoreSchema[]) {
    this.#store = store;
    this.#schemas = new Map(schemas.map((s) => [s.name, s]));
  }

  static async start(schemas: DatastoreSchema[]): Promise<FakeDatastores> {
    const stores = new FakeDatastores(startStore(), schemas);
    // All at once: each waits a moment to turn ACTIVE (#untilActive), and
    // every test starts a fake, so one after the other cost every test.
    await Promise.all(schemas.map(async (schema) => {
      await stores.#dynamo("CreateTable", {
        TableName: tableName(schema.name),
        AttributeDefinitions: [{
          AttributeName: schema.primary_key,
          AttributeType: "S",
        }],
        KeySchema: [{ AttributeName: schema.primary_key, KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      });
      await stores.#untilActive(tableName(schema.name));
    }));
    return stores;
  }

  close(): Promise<void> {
    return this.#store.close();
  }

  /** The datastore's primary key attribute. */
  primaryKey(datastore: string): string {
    return this.#schema(datastore).primary_key;
  }

  async put(datastore: string, item: Item): Promise<Item> {
    const schema = this.#schema(datastore);
    this.#checkItem(schema, item, true);
    await this.#dynamo("PutItem", {
      TableName: tableName(datastore),
      Item: marshalItem(item),
    });
    return item;
  }

  async get(datastore: string, id: string): Promise<Item> {
    this.#schema(datastore);
    const out = await this.#dynamo("GetItem", {
      TableName: tableName(datastore),
      Key: this.#key(datastore, id),
      ConsistentRead: true,
    });
    // Slack answers a missing id with an empty item, not an error.
    return out.Item ? unmarshalItem(out.Item as AttributeValue) : {};
  }

  async update(datastore: string, item: Item): Promise<Item> {
    const schema = this.#schema(datastore);
    this.#checkItem(schema, item, true);
    const names: Record<string, string> = {};
    const values: Record<string, AttributeValue> = {};
    const sets: string[] = [];
    Object.entries(item).forEach(([name, value], i) => {
      if (name === schema.primary_key) return;
      names[`#a${i}`] = name;
      values[`:v${i}`] = marshal(value);
      sets.push(`#a${i} = :v${i}`);
    });
    const request: Record<string, unknown> = {
      TableName: tableName(datastore),
      Key: this.#key(datastore, String(item[schema.primary_key])),
      ReturnValues: "ALL_NEW",
    };
    if (sets.length > 0) {
      request.UpdateExpression = `SET ${sets.join(", ")}`;
      request.ExpressionAttributeNames = names;
      request.ExpressionAttributeValues = values;
    }
    const out = await this.#dynamo("UpdateItem", request);
    return out.Attributes
      ? unmarshalItem(out.Attributes as AttributeValue)
      : item;
  }

  async delete(datastore: string, id: string): Promise<void> {
    this.#schema(datastore);
    await this.#dynamo("DeleteItem", {
      TableName: tableName(datastore),
      Key: this.#key(datastore, id),
    });
  }

  async bulkGet(datastore: string, ids: string[]): Promise<Item[]> {
    return (await Promise.all(ids.map((id) => this.get(datastore, id))))
      .filter((item) => Object.keys(item).length > 0);
  }

  async bulkPut(datastore: string, items: Item[]): Promise<void> {
    // Checked first, so a bad item refuses the call before any is written.
    const schema = this.#schema(datastore);
    for (const item of items) this.#checkItem(schema, item, true);
    await Promise.all(items.map((item) => this.put(datastore, item)));
  }

  async bulkDelete(datastore: string, ids: string[]): Promise<void> {
    await Promise.all(ids.map((id) => this.delete(datastore, id)));
  }

  /**
   * Writes many items straight into dynalite, 25 to a BatchWriteItem, for
   * seeding large histories in benchmarks; no Slack call is recorded.
   */
  async loadMany(datastore: string, items: Item[], parallel = 8) {
    const schema = this.#schema(datastore);
    const batches: Item[][] = [];
    for (let i = 0; i < items.length; i += 25) {
      batches.push(items.slice(i, i + 25));
    }
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        for (const item of batch) this.#checkItem(schema, item, true);
        let requests: unknown[] = batch.map((item) => ({
          PutRequest: { Item: marshalItem(item) },
        }));
        while (requests.length) {
          const out = await this.#dynamo("BatchWriteItem", {
            RequestItems: { [tableName(datastore)]: requests },
          });
          const left = out.UnprocessedItems as Record<string, unknown[]>;
          requests = left?.[tableName(datastore)] ?? [];
        }
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  }

  async query(datastore: string, request: QueryRequest): Promise<QueryPage> {
    this.#schema(datastore);
    const limit = request.limit ?? 100;
    // Slack documents a default of 100 and a maximum of 1,000 items
    // evaluated per call; DynamoDB also caps each page at 1 MB, which
    // dynalite applies too.
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) {
      throw new DatastoreError(
        "invalid_arguments",
        `limit must be between 1 and ${MAX_QUERY_LIMIT}`,
      );
    }
    const scan: Record<string, unknown> = {
      TableName: tableName(datastore),
      Limit: limit,
      ConsistentRead: true,
      ...filterOf(request),
    };
    if (request.cursor) scan.ExclusiveStartKey = decodeCursor(request.cursor);
    const out = await this.#dynamo("Scan", scan);
    const items = ((out.Items ?? []) as AttributeValue[]).map(unmarshalItem);
    const next = out.LastEvaluatedKey
      ? encodeCursor(out.LastEvaluatedKey)
      : undefined;
    return { items, next_cursor: next };
  }

  async count(datastore: string, request: QueryRequest): Promise<number> {
    this.#schema(datastore);
    let count = 0;
    let start: unknown;
    do {
      const out = await this.#dynamo("Scan", {
        TableName: tableName(datastore),
        Select: "COUNT",
        ...filterOf(request),
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      count += Number(out.Count ?? 0);
      start = out.LastEvaluatedKey;
    } while (start);
    return count;
  }

  // A new table is CREATING for a moment, even with createTableMs 0, and
  // refuses writes until it is ACTIVE.
  /** Every item of every datastore, to save the local workspace. */
  async dump(): Promise<Record<string, Item[]>> {
    const all: Record<string, Item[]> = {};
    for (const name of this.#schemas.keys()) {
      all[name] = [];
      let cursor: string | undefined;
      do {
        const page = await this.query(name, { limit: 1000, cursor });
        all[name].push(...page.items);
        cursor = page.next_cursor;
      } while (cursor);
    }
    return all;
  }

  async load(all: Record<string, Item[]>) {
    for (const [name, items] of Object.entries(all)) {
      if (!this.#schemas.has(name)) continue; // a datastore since removed
      for (const item of items) await this.put(name, item);
    }
  }

  async #untilActive(table: string) {
    for (let i = 0; i < 100; i++) {
      const out = await this.#dynamo("DescribeTable", { TableName: table });
      if ((out.Table as { TableStatus?: string })?.TableStatus === "ACTIVE") {
        return;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`table ${table} never became active`);
  }

  #schema(datastore: string): DatastoreSchema {
    const schema = this.#schemas.get(datastore);
    if (!schema) {
      throw new DatastoreError(
        "invalid_datastore",
        `no datastore named ${datastore} in the manifest`,
      );
    }
    return schema;
  }

  #key(datastore: string, id: string): Record<string, AttributeValue> {
    return { [this.#schema(datastore).primary_key]: { S: id } };
  }

  // Slack refuses items that don't fit the datastore's definition; so does
  // the fake, so a typo in an attribute name fails a test instead of
  // vanishing in production.
  #checkItem(schema: DatastoreSchema, item: Item, needsKey: boolean) {
    const id = item[schema.primary_key];
    if (needsKey && (typeof id !== "string" || id === "")) {
      throw new DatastoreError(
        "invalid_arguments",
        `item needs a string ${schema.primary_key}`,
      );
    }
    for (const name of Object.keys(item)) {
      if (!(name in schema.attributes)) {
        throw new DatastoreError(
          "datastore_error",
          `${schema.name} has no attribute ${name}`,
        );
      }
    }
  }

  async #dynamo(
    target: string,
    body: unknown,
  ): Promise<Record<string, unknown>> {
    const out = await this.#store.call(target, body);
    if (!out.ok) {
      // Expression mistakes come back as ValidationException, which Slack
      // reports as a datastore_error with DynamoDB's message.
      throw new DatastoreError(
        "datastore_error",
        `${target}: ${out.body.message}`,
      );
    }
    return out.body;
  }
}

export interface QueryRequest {
  expression?: string;
  expression_attributes?: Record<string, string>;
  expression_values?: Record<string, Json>;
  limit?: number;
  cursor?: string;
}

export interface QueryPage {
  items: Item[];
  next_cursor?: string;
}

function filterOf(request: QueryRequest): Record<string, unknown> {
  if (!request.expression) return {};
  const filter: Record<string, unknown> = {
    FilterExpression: request.expression,
  };
  if (request.expression_attributes) {
    filter.ExpressionAttributeNames = request.expression_attributes;
  }
  if (request.expression_values) {
    filter.ExpressionAttributeValues = Object.fromEntries(
      Object.entries(request.expression_values).map((
        [k, v],
      ) => [k, marshal(v)]),
    );
  }
  return filter;
}

function tableName(datastore: string): string {
  return `slack_datastore_${datastore}`;
}

function marshal(value: Json): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === "string") return { S: value };
  if (typeof value === "number") return { N: String(value) };
  if (typeof value === "boolean") return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(marshal) };
  return { M: marshalItem(value) };
}

function marshalItem(
  item: Record<string, Json>,
): Record<string, AttributeValue> {
  return Object.fromEntries(
    Object.entries(item).filter(([, v]) => v !== undefined).map((
      [k, v],
    ) => [k, marshal(v)]),
  );
}

function unmarshal(value: AttributeValue): Json {
  if ("S" in value) return value.S as string;
  if ("N" in value) return Number(value.N);
  if ("BOOL" in value) return value.BOOL as boolean;
  if ("NULL" in value) return null;
  if ("L" in value) return (value.L as AttributeValue[]).map(unmarshal);
  if ("M" in value) return unmarshalItem(value.M as AttributeValue);
  throw new Error(`unsupported attribute value ${JSON.stringify(value)}`);
}

function unmarshalItem(item: AttributeValue): Item {
  return Object.fromEntries(
    Object.entries(item).map(([k, v]) => [k, unmarshal(v as AttributeValue)]),
  );
}

function encodeCursor(key: unknown): string {
  return btoa(JSON.stringify(key));
}

function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(atob(cursor));
  } catch {
    throw new DatastoreError("invalid_cursor", "cursor is not one we issued");
  }
}
