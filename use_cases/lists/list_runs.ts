// How a list shortcut's run goes (My tickets, Open tickets): the modal opens
// at once with "Reading the tickets…" (the interactivity pointer Slack gives
// expires within seconds, and reading tickets can take longer), then shows
// the list. The run stays open so the modal's buttons reach it, and ends
// when the modal is closed (finishRunOnClose). If reading fails, the modal
// says so, and the run ends.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  listFrame,
  loadingModal,
  note,
} from "../../slack/blocks/list_modal.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";

export async function openList(
  client: SlackAPIClient,
  list: {
    person: string;
    pointer: string;
    callbackId: string;
    title: string;
    show: (viewId: string) => Promise<void>;
  },
): Promise<{ completed: false } | { error: string }> {
  let viewId: string | undefined;
  try {
    const opened = await slackCall(client, "views.open", {
      interactivity_pointer: list.pointer,
      view: loadingModal(list.callbackId, list.title),
    });
    viewId = String(opened.view?.id);
    await list.show(viewId);
    return { completed: false };
  } catch (error) {
    console.error(`${list.callbackId} failed`, error);
    const message = failedList(list.title, error);
    const shown = viewId
      ? sayInList(client, { ...list, viewId }, [message])
      : tellPerson(client, { user: list.person }, message);
    await shown.catch((showing) =>
      console.warn(`${list.callbackId}: failure not shown`, showing)
    );
    return { error: message };
  }
}

const failedList = (title: string, error: unknown) =>
  `${title} could not be shown. ${explainFailure(error)}`;

/** The modal with only these notes: no line of a list it can't vouch for. */
function sayInList(
  client: SlackAPIClient,
  list: { viewId: string; callbackId: string; title: string },
  notes: string[],
) {
  return slackCall(client, "views.update", {
    view_id: list.viewId,
    view: listFrame(
      list.callbackId,
      list.title,
      { page: 0 },
      notes.map((text, i) =>
        note(
          i === notes.length - 1
            ? `:warning: ${text} Close this and try again.`
            : text,
        )
      ),
    ),
  });
}

/**
 * A click's redraw (another page, or the list after a change). When reading
 * the list fails, the modal says so, and what the click did, rather than
 * keep the lines from before it: a ticket just withdrawn would still show
 * as open, with its Withdraw button.
 */
export async function redrawList(
  client: SlackAPIClient,
  list: { viewId: string; callbackId: string; title: string },
  draw: () => Promise<void>,
  notice?: string,
): Promise<void> {
  try {
    await draw();
  } catch (error) {
    console.error(`${list.callbackId}: not redrawn`, error);
    await sayInList(client, list, [
      ...(notice ? [notice] : []),
      failedList(list.title, error),
    ]).catch((showing) =>
      console.warn(`${list.callbackId}: failure not shown`, showing)
    );
  }
}
