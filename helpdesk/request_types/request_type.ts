// A request type: what someone asks a queue for (a laptop, a new hire's
// access, a security incident), with its own questions, whether it needs an
// approval first, and whether its details are private to the queue.
import type { FormField } from "./form_fields.ts";
import { nameSlug } from "../queues/queue.ts";

export interface RequestType {
  id: string;
  queue_id: string;
  name: string;
  description: string;
  fields: FormField[];
  /** The admin's text the fields were parsed from. */
  fields_spec: string;
  needs_approval: boolean;
  /** Role entries; empty means `${superusers}`. */
  approvers: string[];
  private: boolean;
  /**
   * What JSM gets of a private ticket's conversation (see
   * helpdesk/tickets/jsm_comments.ts); absent means "internal".
   */
  private_jsm?: PrivateJsmMirror;
  /** The last save, as stored (absent on a type not saved yet). */
  updated_by?: string;
  updated_at?: number;
}

/**
 * A request type without its questions parsed: all that opening, approving
 * and showing a ticket read of it. Only the request form and the settings
 * ask the questions, so only they bundle the parser (form_fields.ts).
 */
export type RequestTypeRules = Omit<RequestType, "fields">;

export const DEFAULT_APPROVERS = ["${superusers}"];

/**
 * How a private ticket's words are mirrored to its JSM request: as public
 * comments (JSM shows them to the customer), as internal comments (JSM's
 * agents only), or not at all.
 */
export const PRIVATE_JSM_MIRRORS = ["public", "internal", "none"] as const;
export type PrivateJsmMirror = typeof PRIVATE_JSM_MIRRORS[number];

export function isPrivateJsmMirror(value: unknown): value is PrivateJsmMirror {
  return (PRIVATE_JSM_MIRRORS as readonly unknown[]).includes(value);
}

export function approversOf(type: Pick<RequestType, "approvers">): string[] {
  return type.approvers.length ? type.approvers : DEFAULT_APPROVERS;
}

/** A type of `queueId` by its id or exactly its name (case and spacing aside). */
export function requestTypeByIdOrName<T extends RequestTypeRules>(
  types: readonly T[],
  queueId: string,
  text: string,
): T | undefined {
  const wanted = text.replace(/\s+/g, " ").trim().toLowerCase();
  if (!wanted) return undefined;
  const own = types.filter((t) => t.queue_id === queueId);
  return own.find((t) => t.id.toLowerCase() === wanted) ??
    own.find((t) =>
      t.name.replace(/\s+/g, " ").trim().toLowerCase() === wanted
    );
}

/** Ids are the queue and the name, so a name is unique within its queue. */
export function requestTypeId(queueId: string, name: string): string {
  return `${queueId}/${nameSlug(name)}`;
}
