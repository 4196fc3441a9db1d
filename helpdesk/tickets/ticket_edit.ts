// An agent edits a ticket's summary, description, priority and category.
// The form is checked with the same limits as a new ticket (ticket_input.ts),
// and applied to the ticket as it is when the edit is saved: a field the
// agent left as it was keeps whatever someone else saved meanwhile, and a
// field both changed is refused rather than silently overwritten.
import {
  isPriority,
  PRIORITIES,
  type Priority,
  PRIORITY_LABELS,
  type Ticket,
} from "./model.ts";
import { DEFAULT_CATEGORY, lengthProblem, oneLine } from "./ticket_input.ts";
import { type Actor, checkPermission } from "./roles.ts";

export const EDIT_FIELDS = [
  "summary",
  "description",
  "priority",
  "category",
] as const;
export type EditField = typeof EDIT_FIELDS[number];

export type TicketEdit = Pick<Ticket, EditField>;

export type EditForm = Partial<Record<EditField, string | null>>;

export type CheckedEdit =
  | { ok: true; value: TicketEdit }
  | { ok: false; problems: Partial<Record<EditField, string>> };

/** The form as typed: each problem under its own field, in plain words. */
export function validateEdit(form: EditForm): CheckedEdit {
  const problems: Partial<Record<EditField, string>> = {};
  const summary = oneLine(form.summary ?? "");
  const description = (form.description ?? "").trim();
  const category = oneLine(form.category ?? "") || DEFAULT_CATEGORY;
  const priority = (form.priority ?? "").trim().toLowerCase();
  const summaryProblem = summary
    ? lengthProblem("summary", summary)
    : "The summary is empty: say in a few words what is needed.";
  if (summaryProblem) problems.summary = summaryProblem;
  const descriptionProblem = lengthProblem("description", description);
  if (descriptionProblem) problems.description = descriptionProblem;
  const categoryProblem = lengthProblem("category", category);
  if (categoryProblem) problems.category = categoryProblem;
  if (!isPriority(priority)) {
    problems.priority = `Choose a priority: ${PRIORITIES.join(", ")}.`;
  }
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    value: { summary, description, priority: priority as Priority, category },
  };
}

/**
 * A short fingerprint of each field as the form showed it, carried in the
 * modal (whose metadata can't hold a 2,800-character description) so that
 * saving can tell which fields someone else changed meanwhile.
 */
export type SeenFields = Record<EditField, string>;

export function seenFields(ticket: TicketEdit): SeenFields {
  return Object.fromEntries(
    EDIT_FIELDS.map((field) => [field, fingerprint(ticket[field])]),
  ) as SeenFields;
}

/** FNV-1a, 32 bits, as hex: enough to notice a change, not a secret. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

export interface FieldChange {
  field: EditField;
  from: string;
  to: string;
}

export type EditOutcome =
  | { ok: true; ticket: Ticket; changes: FieldChange[] }
  | { ok: false; reason: string };

/** Whether the person may edit the ticket now; before the form opens, too. */
export function checkEditable(
  ticket: Ticket,
  actor: Actor,
): { ok: true } | { ok: false; reason: string } {
  const permission = checkPermission(actor, "edit", ticket);
  if (!permission.ok) return permission;
  if (ticket.status === "closed") {
    return {
      ok: false,
      reason:
        `${ticket.key} is closed: a closed ticket stays as it was. Nothing changed.`,
    };
  }
  if (ticket.approval === "pending") {
    return {
      ok: false,
      reason:
        `${ticket.key} is waiting for approval: it can be edited once approved, so approvers decide on what they read. Nothing changed.`,
    };
  }
  return { ok: true };
}

export function applyEdit(
  ticket: Ticket,
  edit: TicketEdit,
  seen: SeenFields,
  actor: Actor,
  now: number,
): EditOutcome {
  const editable = checkEditable(ticket, actor);
  if (!editable.ok) return editable;
  const changes: FieldChange[] = [];
  const clashes: EditField[] = [];
  for (const field of EDIT_FIELDS) {
    const typed = edit[field];
    const stored = ticket[field];
    // Left as the form showed it: whatever is stored now stays.
    if (fingerprint(typed) === seen[field] || typed === stored) continue;
    if (fingerprint(stored) !== seen[field]) {
      clashes.push(field);
      continue;
    }
    changes.push({ field, from: stored, to: typed });
  }
  if (clashes.length) {
    return {
      ok: false,
      reason: `The ${
        listOf(clashes)
      } of ${ticket.key} changed while you were editing. Nothing changed: close this form and edit it again to see what is there now.`,
    };
  }
  if (changes.length === 0) {
    return {
      ok: false,
      reason: `Nothing to save: the form says what ${ticket.key} already says.`,
    };
  }
  const next: Ticket = { ...ticket, updated_at: now };
  for (const { field, to } of changes) {
    if (field === "priority") next.priority = to as Priority;
    else next[field] = to;
  }
  // New targets warn afresh: a warning sent for the old ones says nothing
  // about the new deadlines.
  if (changes.some((c) => c.field === "priority" || c.field === "category")) {
    delete next.sla_notices;
  }
  return { ok: true, ticket: next, changes };
}

/**
 * The edit is already on the ticket: every field the agent changed holds
 * what they typed. A form sent again after its first sending was saved
 * (its answer lost) is done, not refused as "nothing to save".
 */
export function alreadyApplied(
  ticket: Ticket,
  edit: TicketEdit,
  seen: SeenFields,
): boolean {
  const changed = EDIT_FIELDS.filter((f) => fingerprint(edit[f]) !== seen[f]);
  return changed.length > 0 && changed.every((f) => edit[f] === ticket[f]);
}

/** "Normal → High" for a priority; the field's name for the rest. */
export function priorityChange(change: FieldChange): string | undefined {
  if (change.field !== "priority") return undefined;
  return `${PRIORITY_LABELS[change.from as Priority] ?? change.from} → ${
    PRIORITY_LABELS[change.to as Priority] ?? change.to
  }`;
}

function listOf(fields: readonly string[]): string {
  if (fields.length <= 1) return fields.join("");
  return `${fields.slice(0, -1).join(", ")} and ${fields.at(-1)}`;
}
