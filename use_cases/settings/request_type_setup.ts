// Saving "Configure a request type": the type chosen when the form opened
// (by id, so changing its name renames it) or a new one in the queue
// chosen, checked for who may, for a save by someone else since, and field
// by field; then saved, or removed.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { RequestType } from "../../helpdesk/request_types/request_type.ts";
import {
  type RequestTypeField,
  type RequestTypeFormInput,
  requestTypeFromForm,
} from "../../helpdesk/request_types/request_type_form.ts";
import { savedByOtherSince } from "../../helpdesk/saved_version.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import {
  deleteRequestType,
  listRequestTypes,
  putRequestType,
  settingsAndQueues,
} from "../../slack/storage/queue_store.ts";
import { checkQueueEditor } from "./queue_admin.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  isPassing,
  onceMoreIfPassing,
} from "../../slack/api/passing_failures.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import type { ModalSubject } from "../../slack/blocks/saved_version.ts";
import {
  type FieldErrors,
  refused,
  type SaveProblems,
} from "./settings_forms.ts";

export type RequestTypeSave =
  | SaveProblems<RequestTypeField>
  | { ok: true; queue: Queue; type: RequestType; removed: boolean };

export async function saveRequestType(
  client: SlackAPIClient,
  admin: string,
  subject: ModalSubject,
  form: RequestTypeFormInput & { remove?: boolean },
): Promise<RequestTypeSave> {
  const problem = (text: string): RequestTypeSave => ({
    ok: false,
    errors: { name: text },
  });
  const [{ settings, queues }, types] = await Promise.all([
    settingsAndQueues(client),
    listRequestTypes(client),
  ]);
  if (!settings) return problem(escapeMrkdwn(NOT_CONFIGURED));
  const queue = queues.find((q) => q.id === subject.queue);
  const existing = subject.id
    ? types.find((t) => t.id === subject.id && t.queue_id === queue?.id)
    : undefined;
  if (!queue || (subject.id && !existing)) {
    return problem(
      `This ${
        queue ? "request type" : "queue"
      } no longer exists, so nothing was saved: close the form and run Configure a request type again.`,
    );
  }
  const allowed = await checkQueueEditor(client, settings, queue, admin);
  if (!allowed.ok) {
    return refused("name", `The request type was not saved. ${allowed.reason}`);
  }
  if (
    existing && savedByOtherSince(
      subject,
      { at: existing.updated_at ?? 0, by: existing.updated_by },
      admin,
    )
  ) {
    return problem(
      `Someone else saved “${
        escapeMrkdwn(existing.name)
      }” after you opened this form, so nothing was saved: close it and open the request type again to see their changes.`,
    );
  }
  try {
    if (existing && form.remove) {
      await deleteRequestType(client, existing.id);
      return { ok: true, queue, type: existing, removed: true };
    }
    const built = requestTypeFromForm(form, queue, types, existing?.id);
    if (!built.ok) {
      const errors: FieldErrors<RequestTypeField> = {};
      for (const [field, list] of Object.entries(built.problems)) {
        errors[field as RequestTypeField] = list!.map(escapeMrkdwn).join(" ");
      }
      return { ok: false, errors };
    }
    const now = Math.floor(Date.now() / 1000);
    // Asked again once after a passing failure: the same put twice is one
    // save, and a lost answer is not told as "not saved".
    await onceMoreIfPassing(() =>
      putRequestType(client, built.type, admin, now)
    );
    return { ok: true, queue, type: built.type, removed: false };
  } catch (error) {
    console.error("configure_request_type failed", error);
    return problem(
      `${
        isPassing(error)
          ? "Slack did not say whether the request type was saved."
          : "The request type was not saved."
      } ${explainFailure(error)}`,
    );
  }
}
