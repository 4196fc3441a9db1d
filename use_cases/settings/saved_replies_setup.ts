// "Saved replies": which queue's list opens for whom (its owner and admins,
// and Helpdesk's admins for any queue), and the save of one change, checked
// again as if nothing had been offered and refused when someone else saved
// the list since the form opened.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { mayDo } from "../../helpdesk/queues/queue_permissions.ts";
import {
  helpdeskAdmins,
  isHelpdeskAdmin,
} from "../../helpdesk/helpdesk_admins.ts";
import {
  changeSavedReplies,
  listDigest,
  newSavedReplyId,
  type SavedReply,
  type SavedReplyForm,
} from "../../helpdesk/queues/saved_replies.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { settingsAndQueues } from "../../slack/storage/queue_store.ts";
import {
  putSavedReplies,
  savedRepliesOf,
} from "../../slack/storage/saved_reply_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { onceMoreIfPassing } from "../../slack/api/passing_failures.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import {
  type MemberCache,
  newMemberCache,
  QueueRoles,
} from "../../slack/workspace/queue_directory.ts";
import {
  QUEUE_CHOICE_BLOCK,
  queueChoiceModal,
} from "../../slack/blocks/queue_modal.ts";
import {
  savedRepliesModal,
  type SavedRepliesSubject,
} from "../../slack/blocks/saved_replies_modal.ts";
import { people } from "../../slack/blocks/refusals.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { refused, type SaveProblems } from "./settings_forms.ts";
import type { EditorCheck } from "./queue_admin.ts";

export interface SavedReplyViews {
  choice: string;
  form: string;
}

/** May this person change the queue's saved replies? */
export async function checkSavedReplyEditor(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  queue: Queue,
  person: string,
  cache?: MemberCache,
): Promise<EditorCheck> {
  if (isHelpdeskAdmin(settings, person)) return { ok: true };
  const roles = await new QueueRoles(
    client,
    queue,
    undefined,
    undefined,
    cache,
  ).rolesOf(person);
  return mayDo(roles, "edit_saved_replies") ? { ok: true } : {
    ok: false,
    reason: `In the ${
      escapeMrkdwn(queue.name)
    } queue, only its owner and admins, and Helpdesk's admins (${
      people(helpdeskAdmins(settings))
    }), can change its saved replies.`,
  };
}

async function editable(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  queues: readonly Queue[],
  person: string,
): Promise<Queue[]> {
  const cache = newMemberCache();
  const checks = await Promise.all(
    queues.map((q) =>
      checkSavedReplyEditor(client, settings, q, person, cache)
    ),
  );
  return queues.filter((_, i) => checks[i].ok);
}

async function formFor(
  client: SlackAPIClient,
  queue: Queue,
  callbackId: string,
) {
  const replies = await savedRepliesOf(client, queue.id);
  return savedRepliesModal(queue, replies, callbackId, {
    queue: queue.id,
    digest: listDigest(replies),
  });
}

/**
 * Opens the picker of the queues whose saved replies the person may change
 * (or that one queue's form). False: they were told why not.
 */
export async function openSavedRepliesForm(
  client: SlackAPIClient,
  person: string,
  pointer: string,
  views: SavedReplyViews,
): Promise<boolean> {
  const { settings, queues } = await settingsAndQueues(client);
  if (!settings) {
    await tellPerson(client, { user: person }, NOT_CONFIGURED);
    return false;
  }
  const mine = await editable(client, settings, queues, person);
  if (!mine.length) {
    await tellPerson(
      client,
      { user: person },
      `Only a queue's owner and admins can change its saved replies, and Helpdesk's admins (${
        people(helpdeskAdmins(settings))
      }) any queue's. You hold none of those roles in any queue.`,
    );
    return false;
  }
  const view = mine.length === 1
    ? await formFor(client, mine[0], views.form)
    : queueChoiceModal(mine, false, views.choice);
  await slackCall(client, "views.open", {
    interactivity_pointer: pointer,
    view,
  });
  return true;
}

export type SavedRepliesChoice =
  | { ok: true; view: Awaited<ReturnType<typeof formFor>> }
  | SaveProblems<typeof QUEUE_CHOICE_BLOCK>;

/** The chosen queue's form, or why it can't open. */
export async function chooseSavedRepliesQueue(
  client: SlackAPIClient,
  person: string,
  choice: string | undefined,
  formView: string,
): Promise<SavedRepliesChoice> {
  const problem = (text: string): SavedRepliesChoice => ({
    ok: false,
    errors: { [QUEUE_CHOICE_BLOCK]: text },
  });
  if (!choice) return problem("Choose a queue.");
  try {
    const { settings, queues } = await settingsAndQueues(client);
    if (!settings) return problem(NOT_CONFIGURED);
    const queue = queues.find((q) => q.id === choice);
    if (!queue) return problem("That queue no longer exists; choose another.");
    const allowed = await checkSavedReplyEditor(
      client,
      settings,
      queue,
      person,
    );
    if (!allowed.ok) return refused(QUEUE_CHOICE_BLOCK, allowed.reason);
    return { ok: true, view: await formFor(client, queue, formView) };
  } catch (failure) {
    console.error("saved_replies: choosing a queue failed", failure);
    return problem(
      `Helpdesk couldn't open that queue. ${explainFailure(failure)}`,
    );
  }
}

export type SavedRepliesSave =
  | {
    ok: true;
    queue: Queue;
    replies: SavedReply[];
    saved?: SavedReply;
    removed?: string;
  }
  | SaveProblems<"reply" | "title" | "text">;

/** One change to a queue's saved replies, by whoever submits the form. */
export async function saveSavedReply(
  client: SlackAPIClient,
  person: string,
  subject: SavedRepliesSubject,
  form: SavedReplyForm,
  now = Math.floor(Date.now() / 1000),
): Promise<SavedRepliesSave> {
  const { settings, queues } = await settingsAndQueues(client);
  const queue = queues.find((q) => q.id === subject.queue);
  if (!settings || !queue) {
    return {
      ok: false,
      errors: { title: "This queue no longer exists; nothing was saved." },
    };
  }
  const allowed = await checkSavedReplyEditor(client, settings, queue, person);
  if (!allowed.ok) return refused("title", allowed.reason);
  const replies = await savedRepliesOf(client, queue.id);
  if (listDigest(replies) !== subject.digest) {
    return {
      ok: false,
      errors: {
        title:
          "These saved replies changed since this form opened; nothing was saved. Close it and open Saved replies again.",
      },
    };
  }
  const changed = changeSavedReplies(replies, form, newSavedReplyId(replies));
  if (!changed.ok) return { ok: false, errors: changed.errors };
  // Asked again once after a passing failure: the same list put twice is
  // one save, and a lost answer would have the same form refused next as
  // changed by someone else.
  await onceMoreIfPassing(() =>
    putSavedReplies(client, queue.id, changed.replies, person, now)
  );
  return { ...changed, queue };
}

/** What the person is told once a change is saved. */
export async function confirmSavedReply(
  client: SlackAPIClient,
  person: string,
  saved: Extract<SavedRepliesSave, { ok: true }>,
) {
  const what = saved.removed !== undefined
    ? `removed "${escapeMrkdwn(saved.removed)}" from`
    : `saved "${escapeMrkdwn(saved.saved?.title ?? "")}" in`;
  await tellPerson(
    client,
    { user: person },
    `:white_check_mark: You ${what} the saved replies of *${
      escapeMrkdwn(saved.queue.name)
    }* (${saved.replies.length} now).`,
  ).catch((error) => console.warn("saved reply not confirmed", error));
}
