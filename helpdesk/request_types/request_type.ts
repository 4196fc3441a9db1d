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
  /** The last save, as stored (absent on a type not saved yet). */
  updated_by?: string;
  updated_at?: number;
}

export const DEFAULT_APPROVERS = ["${superusers}"];

export function approversOf(type: Pick<RequestType, "approvers">): string[] {
  return type.approvers.length ? type.approvers : DEFAULT_APPROVERS;
}

/** A type of `queueId` by its id or exactly its name (case and spacing aside). */
export function requestTypeByIdOrName(
  types: readonly RequestType[],
  queueId: string,
  text: string,
): RequestType | undefined {
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
