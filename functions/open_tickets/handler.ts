import { SlackFunction } from "deno-slack-sdk/mod.ts";
import OpenTicketsFunction from "./definition.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";
import {
  openTicketsAction,
  showOpenTickets,
} from "../../use_cases/lists/open_tickets_list.ts";
import { openList } from "../../use_cases/lists/list_runs.ts";
import { finishRunOnClose } from "../../slack/workspace/finish_run.ts";
import {
  OPEN_TICKETS_ACTION,
  OPEN_TICKETS_TITLE,
  OPEN_TICKETS_VIEW,
} from "../../slack/blocks/open_tickets_view.ts";

export default SlackFunction(
  OpenTicketsFunction,
  async ({ inputs, client }) => {
    const person = actingPerson(inputs.interactivity);
    if (!person) {
      console.warn("open_tickets refused: no interactor");
      return { error: NO_ACTING_PERSON };
    }
    return await openList(client, {
      person,
      pointer: inputs.interactivity.interactivity_pointer,
      callbackId: OPEN_TICKETS_VIEW,
      title: OPEN_TICKETS_TITLE,
      show: (viewId) => showOpenTickets(client, viewId, person, { page: 0 }),
    });
  },
).addBlockActionsHandler(
  new RegExp(`^${OPEN_TICKETS_ACTION}_`),
  openTicketsAction,
).addViewClosedHandler(OPEN_TICKETS_VIEW, finishRunOnClose);
