// The list modal's buttons and menus: each click answered by this same run
// (it stays open until the modal is closed), redrawn by the lists use case.
import type { BlockActionsHandler } from "../modal_handlers.ts";
import { clickInOpenTickets } from "../../use_cases/lists/open_tickets_list.ts";

export const listClicked: BlockActionsHandler = async (
  { action, body, client },
) => {
  const viewId = body.view?.id;
  if (typeof viewId !== "string" || !viewId) return;
  await clickInOpenTickets(client, {
    viewId,
    person: body.user.id,
    privateMetadata: body.view?.private_metadata,
    actionId: action.action_id,
    value: typeof action.value === "string" ? action.value : undefined,
    selectedOption: typeof action.selected_option?.value === "string"
      ? action.selected_option.value
      : undefined,
  });
};
