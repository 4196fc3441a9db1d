// What the "Configure a request type" form hands over, checked as a whole.
import type { Queue } from "../queues/queue.ts";
import {
  entriesFromText,
  expandEntries,
  RoleMacroError,
} from "../queues/role_entries.ts";
import { parseFormFields } from "./form_fields.ts";
import {
  approversOf,
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
}

export function requestTypeFromForm(
  input: RequestTypeFormInput,
  queue: Queue,
): { ok: true; type: RequestType } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const name = input.name.replace(/\s+/g, " ").trim();
  if (!name) problems.push("Give the request type a name.");
  if (name.length > 60) {
    problems.push("Request type names can be up to 60 characters.");
  }
  const description = (input.description ?? "").trim();
  if (description.length > 150) {
    problems.push("Keep the description under 150 characters.");
  }
  const spec = (input.fields ?? "").trim();
  const parsed = parseFormFields(spec);
  if (!parsed.ok) problems.push(...parsed.problems);
  const approvers = entriesFromText(input.approvers ?? "");
  problems.push(...approvers.problems);
  const type: RequestType = {
    id: requestTypeId(queue.id, name),
    queue_id: queue.id,
    name,
    description,
    fields: parsed.ok ? parsed.fields : [],
    fields_spec: spec,
    needs_approval: input.needs_approval === true,
    approvers: approvers.entries,
    private: input.private === true,
  };
  if (type.needs_approval && approvers.problems.length === 0) {
    try {
      // `${initiator}` approving their own request is no approval at all.
      const who = expandEntries(approversOf(type), queue);
      if (who.users.size + who.usergroups.size + who.channels.size === 0) {
        problems.push(
          `Nobody would approve these requests: the approvers (${
            approversOf(type).join(", ")
          }) are empty in the ${queue.name} queue. Name approvers or set its superusers.`,
        );
      }
    } catch (error) {
      if (!(error instanceof RoleMacroError)) throw error;
      problems.push(`In the approvers: ${error.message}`);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, type };
}
