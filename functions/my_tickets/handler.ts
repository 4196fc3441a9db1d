import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { clickAnsweredInTime } from "../../slack/workspace/answer_in_time.ts";
import MyTicketsFunction from "./definition.ts";
import { listClicked } from "./modals.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";
import { openMyTickets } from "../../use_cases/lists/my_tickets_list.ts";
import { finishRunOnClose } from "../../slack/workspace/finish_run.ts";
import {
  MY_TICKETS_ACTION,
  MY_TICKETS_VIEW,
} from "../../slack/blocks/my_tickets_view.ts";

export default SlackFunction(
  MyTicketsFunction,
  async ({ inputs, client }) => {
    const person = actingPerson(inputs.interactivity);
    if (!person) {
      console.warn("my_tickets refused: no interactor");
      return { error: NO_ACTING_PERSON };
    }
    return await openMyTickets(
      client,
      person,
      inputs.interactivity.interactivity_pointer,
    );
  },
).addBlockActionsHandler(
  new RegExp(`^${MY_TICKETS_ACTION}_`),
  clickAnsweredInTime(listClicked),
).addViewClosedHandler(MY_TICKETS_VIEW, finishRunOnClose);
