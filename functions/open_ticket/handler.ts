import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import OpenTicketFunction from "./definition.ts";
import {
  CHOOSE_TYPE_VIEW,
  chooseTypeView,
  DESCRIPTION_BLOCK,
  DETAILS_VIEW,
  detailsView,
  GENERAL_REQUEST,
  INPUT_ACTION,
  PRIORITY_BLOCK,
  requestTypeIdFrom,
  SUMMARY_BLOCK,
  TYPE_BLOCK,
} from "../../slack/blocks/request_form.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import {
  getRequestType,
  listRequestTypes,
  settingsAndQueues,
} from "../../slack/storage/queue_store.ts";
import {
  openTicket,
  SettingsProblem,
} from "../../use_cases/opening/open_ticket.ts";
import { failRunOnClose, finishRun } from "../../slack/workspace/finish_run.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  DEFAULT_CATEGORY,
  validateNewTicket,
} from "../../helpdesk/tickets/ticket_input.ts";
import { readAnswers } from "../../helpdesk/request_types/form_fields.ts";
import { openingFailure } from "../../use_cases/opening/finish_opening.ts";
import { creationKeys } from "../../helpdesk/tickets/ticket_ids.ts";
import { jsmEnabled } from "../../integrations/deployment/deployment_options.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";
import { formError } from "../../slack/workspace/form_errors.ts";

type Values = Record<string, Record<string, Record<string, unknown>>>;

// Closing the form opens no ticket, so the run ends in error: the steps
// after it (JSM sync, the ticket log row) must not run on nothing.
const cancelled = failRunOnClose(
  "The form was closed without opening a ticket.",
);

export default SlackFunction(
  OpenTicketFunction,
  async ({ inputs, client }) => {
    const requester = actingPerson(inputs.interactivity);
    if (!requester) return { error: NO_ACTING_PERSON };
    try {
      const [{ settings, queues }, types] = await Promise.all([
        settingsAndQueues(client),
        listRequestTypes(client),
      ]);
      if (!settings) {
        await tellPerson(client, { user: requester }, NOT_CONFIGURED);
        return { error: NOT_CONFIGURED };
      }
      const known = types.filter((t) =>
        queues.some((q) => q.id === t.queue_id)
      );
      await slackCall(client, "views.open", {
        interactivity_pointer: inputs.interactivity.interactivity_pointer,
        // Without request types there is nothing to choose: straight to it.
        view: known.length
          ? chooseTypeView(queues, known)
          : detailsView(undefined),
      });
      return { completed: false };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "open_ticket failed",
        tell: { user: requester },
        what: "Helpdesk couldn't show the form.",
      });
    }
  },
).addViewSubmissionHandler(
  CHOOSE_TYPE_VIEW,
  async ({ view, client }) => {
    const choice = (view.state.values as Values)?.[TYPE_BLOCK]?.[INPUT_ACTION]
      ?.selected_option as { value?: string } | undefined;
    if (!choice?.value) {
      return {
        response_action: "errors",
        errors: { [TYPE_BLOCK]: "Choose what you need." },
      };
    }
    if (choice.value === GENERAL_REQUEST) {
      return { response_action: "update", view: detailsView(undefined) };
    }
    const type = await getRequestType(client, choice.value);
    if (!type) {
      return {
        response_action: "errors",
        errors: {
          [TYPE_BLOCK]:
            "That request type was just removed; choose another one.",
        },
      };
    }
    return { response_action: "update", view: detailsView(type) };
  },
).addViewSubmissionHandler(
  DETAILS_VIEW,
  async ({ body, view, inputs, client, env }) => {
    const values = (view.state.values ?? {}) as Values;
    const typeId = requestTypeIdFrom(view.private_metadata);
    const type = typeId ? await getRequestType(client, typeId) : undefined;
    if (typeId && !type) {
      return {
        response_action: "errors",
        errors: {
          [SUMMARY_BLOCK]:
            "This request type was removed while you wrote; cancel and start again.",
        },
      };
    }
    const text = (block: string) =>
      String(values[block]?.[INPUT_ACTION]?.value ?? "");
    const priority = (values[PRIORITY_BLOCK]?.[INPUT_ACTION]?.selected_option as
      | { value?: string }
      | undefined)?.value;
    const validated = validateNewTicket({
      summary: text(SUMMARY_BLOCK),
      description: text(DESCRIPTION_BLOCK),
      priority,
      category: type?.name ?? DEFAULT_CATEGORY,
      // Whoever submits the form, as Slack reports it.
      requester: body.user.id,
      source_channel: inputs.channel,
    });
    const answers = readAnswers(type?.fields ?? [], values);
    if (!validated.ok || !answers.ok) {
      return {
        response_action: "errors",
        errors: {
          ...(answers.ok ? {} : answers.errors),
          ...(validated.ok
            ? {}
            : { [SUMMARY_BLOCK]: validated.problems.join(" ") }),
        },
      };
    }
    try {
      const { ticket, cardLink } = await openTicket(
        client,
        validated.value,
        "form",
        Date.now(),
        {
          // The form keeps its view id when submitted again after an error.
          creationKey: creationKeys.view(view.id),
          syncToJsm: jsmEnabled(env),
          requestType: type,
          answers: answers.answers,
        },
      );
      try {
        await finishRun(client, body, {
          ticket_id: ticket.id,
          ticket_key: ticket.key,
          card_permalink: cardLink,
          summary: ticket.summary,
          priority: ticket.priority,
          category: ticket.request_type_name ?? ticket.category,
        });
      } catch (error) {
        // The ticket is open; only this form's run did not end.
        console.error("the request form's run did not finish", error);
        return {
          response_action: "errors",
          errors: {
            [SUMMARY_BLOCK]:
              `${ticket.key} is open, but Slack didn't close this form. Submit again to close it: nothing is opened twice.`,
          },
        };
      }
    } catch (error) {
      if (!(error instanceof SettingsProblem)) {
        console.error("opening the request failed", error);
      }
      // Shown in the form, which stays open with everything typed so far.
      return {
        response_action: "errors",
        errors: {
          [SUMMARY_BLOCK]: error instanceof SettingsProblem
            ? error.message
            : await formError(
              client,
              openingFailure(
                error,
                "Submit again to finish: nothing is opened twice.",
              ),
              { people: { [body.user.id]: "you" } },
            ),
        },
      };
    }
  },
).addViewClosedHandler(CHOOSE_TYPE_VIEW, cancelled)
  .addViewClosedHandler(DETAILS_VIEW, cancelled);
