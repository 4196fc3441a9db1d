// "Edit…" on a card: the form opens filled in with the ticket as it is,
// for the queue's agents only; saving applies what the agent changed to the
// ticket as it is then (under its lock, see change_under_lock.ts), and the
// change shows on the card and in its thread like any other. A new priority
// gets new deadlines: publishChange recomputes them on every save.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  alreadyApplied,
  applyEdit,
  checkEditable,
  type EditField,
  type EditForm,
  validateEdit,
} from "../../helpdesk/tickets/ticket_edit.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { editMetadata, editModal } from "../../slack/blocks/edit_modal.ts";
import { editSummary } from "../../slack/blocks/ticket_change_messages.ts";
import { formError } from "../../slack/workspace/form_errors.ts";
import { changeUnderLock } from "./change_under_lock.ts";
import { rolesInQueue } from "./queue_agents.ts";
import { loadQueuedTicket } from "../../slack/workspace/queued_ticket.ts";

export type Opened =
  | { ok: true }
  | { ok: false; reason: string; ticket?: Ticket };

/** Checked before the form opens, so nobody types an edit in vain. */
export async function openEditForm(
  client: SlackAPIClient,
  ticketId: string,
  actorId: string,
  interactivityPointer: string,
  callbackId: string,
): Promise<Opened> {
  const loaded = await loadQueuedTicket(client, ticketId);
  if (!loaded.ok) return loaded;
  const [isAgent] = await rolesInQueue(client, loaded, [actorId]).of(
    loaded.ticket,
  );
  const editable = checkEditable(loaded.ticket, { userId: actorId, isAgent });
  if (!editable.ok) return { ...editable, ticket: loaded.ticket };
  await slackCall(client, "views.open", {
    interactivity_pointer: interactivityPointer,
    view: editModal(loaded.ticket, callbackId),
  });
  return { ok: true };
}

export type Saved =
  | { ok: true; ticket: Ticket; notShown: unknown[] }
  | { ok: false; errors: Partial<Record<EditField, string>> };

/**
 * The submitted form: each problem under its field, plain text, nothing
 * lost; or the edit saved and shown.
 */
export async function saveEdit(
  client: SlackAPIClient,
  submitted: { form: EditForm; privateMetadata?: string },
  actorId: string,
  now = Math.floor(Date.now() / 1000),
): Promise<Saved> {
  const checked = validateEdit(submitted.form);
  if (!checked.ok) return { ok: false, errors: checked.problems };
  const metadata = editMetadata(submitted.privateMetadata);
  if (!metadata) {
    return {
      ok: false,
      errors: { summary: "This form lost its ticket: close it and try again." },
    };
  }
  const loaded = await loadQueuedTicket(client, metadata.ticketId);
  if (!loaded.ok) {
    return {
      ok: false,
      errors: { summary: await formError(client, loaded.reason) },
    };
  }
  const roles = rolesInQueue(client, loaded, [actorId]);
  // Sent again after its first sending was saved (the answer lost): done.
  if (
    alreadyApplied(loaded.ticket, checked.value, metadata.seen) &&
    (await roles.of(loaded.ticket))[0]
  ) {
    return { ok: true, ticket: loaded.ticket, notShown: [] };
  }
  const result = await changeUnderLock(
    client,
    loaded.settings,
    loaded.ticket,
    async (latest) => {
      const [isAgent] = await roles.of(latest);
      const outcome = applyEdit(
        latest,
        checked.value,
        metadata.seen,
        { userId: actorId, isAgent },
        now,
      );
      if (!outcome.ok) return outcome;
      return {
        ok: true,
        change: {
          ticket: outcome.ticket,
          actorId,
          summary: editSummary(latest, outcome.changes, actorId),
        },
      };
    },
    { now, actorId },
  );
  if (!result.ok) {
    // Shown under the first field, in words: field errors are plain text.
    const reason = await formError(client, result.reason, {
      people: { [actorId]: "you" },
    });
    return { ok: false, errors: { summary: reason } };
  }
  return result;
}
