import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import ConfigureRequestTypeFunction, {
  TYPE_CHOICE_VIEW_CALLBACK_ID,
  TYPE_VIEW_CALLBACK_ID,
} from "./definition.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import {
  listRequestTypes,
  settingsAndQueues,
} from "../../slack/storage/queue_store.ts";
import {
  checkQueueEditor,
  editableQueues,
  noQueueToChange,
} from "../../use_cases/settings/queue_admin.ts";
import { saveRequestType } from "../../use_cases/settings/request_type_setup.ts";
import {
  answerWithErrors,
  refused,
  type SaveProblems,
} from "../../use_cases/settings/settings_forms.ts";
import {
  finishRun,
  finishRunOnClose,
} from "../../slack/workspace/finish_run.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import {
  queueOfNewType,
  requestTypeChoiceModal,
  requestTypeModal,
  submittedRequestTypeForm,
  TYPE_CHOICE_BLOCK,
} from "../../slack/blocks/request_type_modal.ts";
import { describeRequestType } from "../../slack/blocks/request_type_summary.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { ViewState } from "../../slack/blocks/view_state.ts";
import { subjectOf } from "../../slack/blocks/saved_version.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  ConfigureRequestTypeFunction,
  async ({ inputs, client }) => {
    const admin = actingPerson(inputs.interactivity);
    if (!admin) return { error: NO_ACTING_PERSON };
    try {
      const [{ settings, queues }, types] = await Promise.all([
        settingsAndQueues(client),
        listRequestTypes(client),
      ]);
      if (!settings) {
        await tellPerson(client, { user: admin }, NOT_CONFIGURED);
        return { outputs: {} };
      }
      const mine = await editableQueues(client, settings, queues, admin);
      // Refused before the form opens, so nobody fills it in vain.
      if (!mine.length) {
        await tellPerson(
          client,
          { user: admin },
          noQueueToChange(settings, "change its request types"),
        );
        return { outputs: {} };
      }
      await slackCall(client, "views.open", {
        interactivity_pointer: inputs.interactivity.interactivity_pointer,
        view: requestTypeChoiceModal(
          mine,
          types,
          TYPE_CHOICE_VIEW_CALLBACK_ID,
        ),
      });
      // Finished by the modal's submission or closing handler.
      return { completed: false as const };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "configure_request_type failed",
        tell: { user: admin },
        what: "Helpdesk couldn't show the request types.",
      });
    }
  },
).addViewSubmissionHandler(
  TYPE_CHOICE_VIEW_CALLBACK_ID,
  async ({ body, view, client }) => {
    const admin = body.user.id;
    const choice = new ViewState(view.state.values).choice(TYPE_CHOICE_BLOCK);
    const error = (text: string): SaveProblems<typeof TYPE_CHOICE_BLOCK> => ({
      ok: false,
      errors: { [TYPE_CHOICE_BLOCK]: text },
    });
    if (!choice) {
      return await answerWithErrors(client, admin, error("Choose one."));
    }
    try {
      const [{ settings, queues }, types] = await Promise.all([
        settingsAndQueues(client),
        listRequestTypes(client),
      ]);
      if (!settings) {
        return await answerWithErrors(
          client,
          admin,
          error(escapeMrkdwn(NOT_CONFIGURED)),
        );
      }
      // The choice comes from the person's client: checked again, as if
      // nothing had been offered.
      const newIn = queueOfNewType(choice);
      const type = newIn ? undefined : types.find((t) => t.id === choice);
      const queue = queues.find((q) => q.id === (newIn ?? type?.queue_id));
      if (!queue) {
        return await answerWithErrors(
          client,
          admin,
          error("That no longer exists; choose another one."),
        );
      }
      const allowed = await checkQueueEditor(client, settings, queue, admin);
      if (!allowed.ok) {
        return await answerWithErrors(
          client,
          admin,
          refused(
            TYPE_CHOICE_BLOCK,
            `The request type was not saved. ${allowed.reason}`,
          ),
        );
      }
      return {
        response_action: "update" as const,
        view: requestTypeModal(queue, type, TYPE_VIEW_CALLBACK_ID, {
          queue: queue.id,
          id: type?.id,
          at: type?.updated_at ?? 0,
          by: type?.updated_by,
        }),
      };
    } catch (failure) {
      console.error("configure_request_type: choosing failed", failure);
      return await answerWithErrors(
        client,
        admin,
        error(`Helpdesk couldn't open it. ${explainFailure(failure)}`),
      );
    }
  },
).addViewSubmissionHandler(
  TYPE_VIEW_CALLBACK_ID,
  async ({ body, view, client }) => {
    // Whoever submits it, as Slack reports it.
    const admin = body.user.id;
    const saved = await saveRequestType(
      client,
      admin,
      subjectOf(view.private_metadata),
      submittedRequestTypeForm(new ViewState(view.state.values)),
    );
    if (!saved.ok) return await answerWithErrors(client, admin, saved);
    const queueName = escapeMrkdwn(saved.queue.name);
    await tellPerson(
      client,
      { user: admin },
      saved.removed
        ? `:wastebasket: Removed the request type “${
          escapeMrkdwn(saved.type.name)
        }” from the ${queueName} queue. Its tickets stay as they are.`
        : `:white_check_mark: Saved.\n${
          describeRequestType(saved.type, saved.queue)
        }`,
    ).catch(() => {});
    await finishRun(client, body, { request_type_id: saved.type.id });
  },
).addViewClosedHandler(TYPE_CHOICE_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewClosedHandler(TYPE_VIEW_CALLBACK_ID, finishRunOnClose);
