// Where retention and erasures stand, as items of the settings datastore
// (an app has at most 10 datastores, all taken): "retention" holds the
// catch-up walk that files an existing install's closed tickets into the
// closed-tickets index (closed_index.ts); "erasure/<user id>" one person's
// erasure, from the admin's request to the receipt. Each is JSON in `job`,
// written by one scheduled run at a time (the request itself excepted).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { SettingsDatastore } from "./datastore_refs.ts";
import { getItem, itemPages, putItem } from "./datastore.ts";
import type { Erasure } from "../../helpdesk/tickets/erasure.ts";

export type { Erasure };

export const RETENTION_ID = "retention";
const ERASURE_PREFIX = "erasure/";
export const erasureId = (user: string) => `${ERASURE_PREFIX}${user}`;

export interface CatchUp {
  /** Where the walk goes on; absent at its start. */
  cursor?: string;
  /** Every ticket stored before this version has been looked at. */
  done?: boolean;
}

function parse<T>(text: unknown): T | undefined {
  if (typeof text !== "string" || !text) return undefined;
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" ? value as T : undefined;
  } catch {
    return undefined;
  }
}

export async function getCatchUp(client: SlackAPIClient): Promise<CatchUp> {
  const item = await getItem(client, SettingsDatastore, RETENTION_ID);
  return parse<CatchUp>(item?.job) ?? {};
}

export async function putCatchUp(client: SlackAPIClient, state: CatchUp) {
  await putItem(client, SettingsDatastore, {
    id: RETENTION_ID,
    job: JSON.stringify(state),
  });
}

export async function putErasure(client: SlackAPIClient, erasure: Erasure) {
  await putItem(client, SettingsDatastore, {
    id: erasureId(erasure.user),
    job: JSON.stringify(erasure),
  });
}

export async function getErasure(
  client: SlackAPIClient,
  user: string,
): Promise<Erasure | undefined> {
  const item = await getItem(client, SettingsDatastore, erasureId(user));
  return parse<Erasure>(item?.job);
}

/** Erasures not done yet, oldest request first (the settings items are few). */
export async function pendingErasures(
  client: SlackAPIClient,
): Promise<Erasure[]> {
  const found: Erasure[] = [];
  for await (const page of itemPages(client, SettingsDatastore)) {
    for (const item of page) {
      if (!String(item.id).startsWith(ERASURE_PREFIX)) continue;
      const erasure = parse<Erasure>(item.job);
      if (erasure && erasure.stage !== "done") found.push(erasure);
    }
  }
  return found.sort((a, b) => a.requested_at - b.requested_at);
}
