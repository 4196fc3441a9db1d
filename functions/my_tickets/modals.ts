// The list modal's buttons and menus: each click answered by this same run
// (it stays open until the modal is closed), redrawn by the lists use case.
import type { BlockActionsHandler } from "../modal_handlers.ts";
import { clickInMyTickets } from "../../use_cases/lists/my_tickets_list.ts";

export const listClicked: BlockActionsHandler = async (
  { action, body, client },
) => {
  const viewId = body.view?.id;
  if (typeof viewId !== "string" || !viewId) return;
  await clickInMyTickets(client, {
    viewId,
    person: body.user.id,
    privateMetadata: body.view?.private_metadata,
    actionId: action.action_id,
    value: typeof action.value === "string" ? action.value : undefined,
  });
};
