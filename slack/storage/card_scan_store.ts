// Where the scheduled run's look for cards of tickets never saved stands in
// each triage channel (use_cases/schedule/unsaved_cards.ts): the item
// "card-scan:<channel>" in `locks`, its scan_cursor either "<oldest>" (read
// up to there) or "<oldest> <latest> <end>" while the window from oldest to
// end is read, newest first, down to latest. Message timestamps, as Slack
// writes them: kept as strings, compared as numbers.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { LocksDatastore } from "./datastore_refs.ts";
import { bulkGetItems, putItem } from "./datastore.ts";

export interface ScanPlace {
  oldest: string;
  latest?: string;
  end?: string;
}

const idOf = (channel: string) => `card-scan:${channel}`;

export async function readScanPlaces(
  client: SlackAPIClient,
  channels: readonly string[],
): Promise<Map<string, ScanPlace>> {
  const items = await bulkGetItems(client, LocksDatastore, channels.map(idOf));
  const places = new Map<string, ScanPlace>();
  for (const item of items) {
    const [oldest, latest, end] = String(item.scan_cursor ?? "").split(" ");
    if (!Number(oldest)) continue;
    places.set(String(item.id).slice(idOf("").length), {
      oldest,
      ...(Number(latest) && Number(end) ? { latest, end } : {}),
    });
  }
  return places;
}

export async function saveScanPlace(
  client: SlackAPIClient,
  channel: string,
  place: ScanPlace,
) {
  await putItem(client, LocksDatastore, {
    id: idOf(channel),
    scan_cursor: [place.oldest, place.latest, place.end].filter(Boolean)
      .join(" "),
  });
}
