// The "Configure a request type" form both ways: a stored type as the form
// shows it, and what the form hands back checked as a whole, each problem
// filed under its field. A type keeps its id when renamed (tickets point at
// it), and names are unique within a queue like queue names are.
import type { Queue } from "../queues/queue.ts";
import {
  entriesFromText,
  expandEntries,
  RoleMacroError,
} from "../queues/role_entries.ts";
import { entryAsText } from "../queues/queue_form.ts";
import { sameName } from "../queues/queue_names.ts";
import { nameSlug } from "../queues/queue.ts";
import { parseFormFields } from "./form_fields.ts";
import {
  approversOf,
  isPrivateJsmMirror,
  type PrivateJsmMirror,
  type RequestType,
  requestTypeId,
} from "./request_type.ts";

export interface RequestTypeFormInput {
  name: string;
  description?: string;
  fields?: string;
  needs_approval?: boolean;
  approvers?: string;
  private?: boolean;
  private_jsm?: string;
}

export type RequestTypeField = keyof RequestTypeFormInput;

export const MAX_REQUEST_TYPE_NAME = 60;
export const MAX_REQUEST_TYPE_DESCRIPTION = 150;

export type RequestTypeFormCheck =
  | { ok: true; type: RequestType }
  | { ok: false; problems: Partial<Record<RequestTypeField, string[]>> };

/**
 * The type the form describes, saved under `id` (the type being edited),
 * or under a new id from its name. `others` are the queue's other types,
 * whose names it must not take.
 */
export function requestTypeFromForm(
  input: RequestTypeFormInput,
  queue: Queue,
  others: readonly RequestType[],
  id?: string,
): RequestTypeFormCheck {
  const problems: Partial<Record<RequestTypeField, string[]>> = {};
  const add = (field: RequestTypeField, problem: string) =>
    (problems[field] ??= []).push(problem);
  const name = input.name.replace(/\s+/g, " ").trim();
  if (!name) add("name", "Give the request type a name.");
  if (name.length > MAX_REQUEST_TYPE_NAME) {
    add(
      "name",
      `Request type names can be up to ${MAX_REQUEST_TYPE_NAME} characters.`,
    );
  }
  const siblings = others.filter((t) => t.queue_id === queue.id && t.id !== id);
  const clash = name && siblings.find((t) =>
    sameName(t.name, name) ||
    (nameSlug(name) !== "" && nameSlug(t.name) === nameSlug(name))
  );
  if (clash) {
    add(
      "name",
      `“${name}” is too close to the ${queue.name} queue's request type “${clash.name}”: names must differ in more than case, spaces or punctuation.`,
    );
  }
  const description = (input.description ?? "").trim();
  if (description.length > MAX_REQUEST_TYPE_DESCRIPTION) {
    add(
      "description",
      `Keep the description under ${MAX_REQUEST_TYPE_DESCRIPTION} characters.`,
    );
  }
  const spec = (input.fields ?? "").trim();
  const parsed = parseFormFields(spec);
  if (!parsed.ok) parsed.problems.forEach((p) => add("fields", p));
  const approvers = entriesFromText(input.approvers ?? "");
  approvers.problems.forEach((p) => add("approvers", p));
  const type: RequestType = {
    id: id ?? newRequestTypeId(queue.id, name, others),
    queue_id: queue.id,
    name,
    description,
    fields: parsed.ok ? parsed.fields : [],
    fields_spec: spec,
    needs_approval: input.needs_approval === true,
    approvers: approvers.entries,
    private: input.private === true,
    ...(input.private === true
      ? { private_jsm: privateJsmOf(input.private_jsm) }
      : {}),
  };
  if (type.needs_approval && approvers.problems.length === 0) {
    try {
      // `${initiator}` approving their own request is no approval at all.
      const who = expandEntries(approversOf(type), queue);
      if (who.users.size + who.usergroups.size + who.channels.size === 0) {
        add(
          "approvers",
          `Nobody would approve these requests: the approvers (${
            approversOf(type).join(", ")
          }) are empty in the ${queue.name} queue. Name approvers or set its superusers.`,
        );
      }
    } catch (error) {
      if (!(error instanceof RoleMacroError)) throw error;
      add("approvers", error.message);
    }
  }
  return Object.keys(problems).length
    ? { ok: false, problems }
    : { ok: true, type };
}

/** A bad or missing choice (a forged form) keeps the words internal. */
function privateJsmOf(value: unknown): PrivateJsmMirror {
  return isPrivateJsmMirror(value) ? value : "internal";
}

/** A stored type as the form's fields. */
export function requestTypeFormFrom(
  type: RequestType,
): Required<RequestTypeFormInput> {
  return {
    name: type.name,
    description: type.description,
    fields: type.fields_spec,
    needs_approval: type.needs_approval,
    approvers: type.approvers.map(entryAsText).join(", "),
    private: type.private,
    private_jsm: type.private_jsm ?? "internal",
  };
}

/**
 * A new type's id: its queue and its name, with -2, -3… when a type (one
 * renamed since it was made) already has that id.
 */
export function newRequestTypeId(
  queueId: string,
  name: string,
  types: readonly RequestType[],
): string {
  // A name with no latin letters or digits has no slug: "type" stands in.
  const base = requestTypeId(queueId, nameSlug(name) ? name : "type");
  const taken = new Set(types.map((t) => t.id));
  if (!taken.has(base)) return base;
  for (let n = 2;; n++) {
    if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}
