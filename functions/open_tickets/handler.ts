import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { clickAnsweredInTime } from "../../slack/workspace/answer_in_time.ts";
import OpenTicketsFunction from "./definition.ts";
import { listClicked } from "./modals.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";
import { openOpenTickets } from "../../use_cases/lists/open_tickets_list.ts";
import { finishRunOnClose } from "../../slack/workspace/finish_run.ts";
import {
  OPEN_TICKETS_ACTION,
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
    return await openOpenTickets(
      client,
      person,
      inputs.interactivity.interactivity_pointer,
    );
  },
).addBlockActionsHandler(
  new RegExp(`^${OPEN_TICKETS_ACTION}_`),
  clickAnsweredInTime(listClicked),
).addViewClosedHandler(OPEN_TICKETS_VIEW, finishRunOnClose);
