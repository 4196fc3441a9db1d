// Ticket identity without a counter. Slack datastores have no atomic
// increment, so numbering by "read the last number, add one" would hand the
// same number to two tickets created at the same moment. Instead:
// - `id` is a ULID-style string: 48 bits of milliseconds then 80 random bits.
//   Unique without coordination, and ids sort by creation time.
// - `key` is what people type: a prefix and six Crockford base32 characters
//   (no I, L, O or U, so it reads aloud and survives retyping). Six characters
//   give 32^6 ≈ 1.07e9 keys. create_ticket looks the candidate up in the
//   ticket_lookup datastore in the same round trip as the settings read and
//   draws again on a hit, so a key already in use is never reused; only two
//   creations drawing the same key in the same instant could collide, about
//   k²/2.1e9 for k simultaneous creations (5e-6 for 100 at once).

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const KEY_PREFIX = "HD";
const KEY_LENGTH = 6;

export function newTicketId(nowMs: number, random = randomBytes): string {
  let time = "";
  let t = Math.floor(nowMs);
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + encodeRandom(random(16), 16);
}

export function newTicketKey(random = randomBytes): string {
  return `${KEY_PREFIX}-${encodeRandom(random(KEY_LENGTH), KEY_LENGTH)}`;
}

function encodeRandom(bytes: Uint8Array, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += CROCKFORD[bytes[i] & 31];
  return out;
}

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/**
 * What identifies one creation across its retries: what Slack gives again
 * when the same request is sent again.
 */
export const creationKeys = {
  /** A form: its modal keeps its view id across submissions. */
  view: (viewId: string) => `view:${viewId}`,
  /** A workflow step: one execution per step run. */
  execution: (executionId: string) => `execution:${executionId}`,
  /** A message turned into a ticket. */
  message: (channel: string, ts: string) => `message:${channel}:${ts}`,
};

/**
 * The id of the ticket a creation makes, derived from its creation key, so
 * that a retry finds what the first attempt saved instead of making a second
 * ticket. Same alphabet and length as newTicketId, without its time order.
 */
export async function ticketIdFor(creationKey: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(`helpdesk ticket ${creationKey}`),
  );
  return encodeRandom(new Uint8Array(digest), 26);
}
