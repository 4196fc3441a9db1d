// Queues are known by a stable id, given when the queue is made and never
// changed; a name only finds a queue when it is exactly that queue's name.
// Two queues never share a name, nor a name that reads the same once
// punctuation and case are gone ("IT" and "it!"), so a name can never mean
// another queue, and a rename is an edit of one queue, never a takeover.
import { nameSlug, type Queue } from "./queue.ts";

/** Case and runs of spaces don't make a different name. */
export function sameName(a: string, b: string): boolean {
  return normalName(a).toLowerCase() === normalName(b).toLowerCase();
}

export function normalName(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

/** The queue with exactly this name, whatever the case and spacing. */
export function queueNamed(
  queues: readonly Queue[],
  name: string,
): Queue | undefined {
  return queues.find((q) => sameName(q.name, name));
}

/**
 * The queue a workflow names: its id, or exactly its name (case and
 * spacing aside). Empty finds nothing; the caller means the default one.
 */
export function queueByIdOrName(
  queues: readonly Queue[],
  text: string,
): Queue | undefined {
  const wanted = normalName(text);
  if (!wanted) return undefined;
  return queues.find((q) => q.id === wanted) ?? queueNamed(queues, wanted);
}

/**
 * The queue (other than `exceptId`) whose name this name would be confused
 * with: the same name, or the same letters and digits.
 */
export function nameClash(
  queues: readonly Queue[],
  name: string,
  exceptId?: string,
): Queue | undefined {
  const slug = nameSlug(name);
  return queues.find((q) =>
    q.id !== exceptId &&
    (sameName(q.name, name) || (slug !== "" && nameSlug(q.name) === slug))
  );
}

/**
 * The id of a new queue: its name's slug (or "queue" for a name with no
 * latin letters or digits), with -2, -3… when a queue already has that id
 * (one renamed since it was made).
 */
export function newQueueId(queues: readonly Queue[], name: string): string {
  const slug = nameSlug(name) || "queue";
  const taken = new Set(queues.map((q) => q.id));
  if (!taken.has(slug)) return slug;
  for (let n = 2;; n++) {
    if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
  }
}
