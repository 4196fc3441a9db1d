import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import ConfigureQueueFunction, {
  QUEUE_CHOICE_VIEW_CALLBACK_ID,
  QUEUE_VIEW_CALLBACK_ID,
} from "./definition.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import { settingsAndQueues } from "../../slack/storage/queue_store.ts";
import {
  checkQueueCreator,
  checkQueueEditor,
  editableQueues,
  noQueueToChange,
} from "../../use_cases/settings/queue_admin.ts";
import { saveQueue } from "../../use_cases/settings/queue_setup.ts";
import { listUsergroups } from "../../slack/workspace/usergroups.ts";
import {
  answerWithErrors,
  refused,
} from "../../use_cases/settings/settings_forms.ts";
import {
  finishRun,
  finishRunOnClose,
} from "../../slack/workspace/finish_run.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import {
  NEW_QUEUE,
  QUEUE_CHOICE_BLOCK,
  queueChoiceModal,
  queueModal,
  submittedQueueForm,
} from "../../slack/blocks/queue_modal.ts";
import { describeQueue } from "../../slack/blocks/queue_summary.ts";
import { channelMention } from "../../slack/blocks/mrkdwn.ts";
import { ViewState } from "../../slack/blocks/view_state.ts";
import { subjectOf } from "../../slack/blocks/saved_version.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { isHelpdeskAdmin } from "../../helpdesk/helpdesk_admins.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

/** The form opens on this save of the queue (a new one: none). */
const subjectFor = (queue: Queue | undefined) =>
  queue
    ? { id: queue.id, at: queue.updated_at ?? 0, by: queue.updated_by }
    : { at: 0 };

export default SlackFunction(
  ConfigureQueueFunction,
  async ({ inputs, client }) => {
    const admin = actingPerson(inputs.interactivity);
    if (!admin) return { error: NO_ACTING_PERSON };
    try {
      const [{ settings, queues }, groups] = await Promise.all([
        settingsAndQueues(client),
        listUsergroups(client),
      ]);
      if (!settings) {
        await tellPerson(client, { user: admin }, NOT_CONFIGURED);
        return { outputs: {} };
      }
      const mine = await editableQueues(client, settings, queues, admin);
      const canCreate = isHelpdeskAdmin(settings, admin);
      // Refused before the form opens, so nobody fills it in vain.
      if (!mine.length && !canCreate) {
        await tellPerson(
          client,
          { user: admin },
          noQueueToChange(settings, "change a queue"),
        );
        return { outputs: {} };
      }
      // Nothing to choose between: straight to that queue's form.
      const view = !canCreate && mine.length === 1
        ? queueModal(
          mine[0],
          groups,
          QUEUE_VIEW_CALLBACK_ID,
          subjectFor(mine[0]),
        )
        : queueChoiceModal(mine, canCreate, QUEUE_CHOICE_VIEW_CALLBACK_ID);
      await slackCall(client, "views.open", {
        interactivity_pointer: inputs.interactivity.interactivity_pointer,
        view,
      });
      // Finished by the modal's submission or closing handler.
      return { completed: false as const };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "configure_queue failed",
        tell: { user: admin },
        what: "Helpdesk couldn't show the queues.",
      });
    }
  },
).addViewSubmissionHandler(
  QUEUE_CHOICE_VIEW_CALLBACK_ID,
  async ({ body, view, client }) => {
    const admin = body.user.id;
    const choice = new ViewState(view.state.values).choice(QUEUE_CHOICE_BLOCK);
    const error = (text: string) => ({
      response_action: "errors" as const,
      errors: { [QUEUE_CHOICE_BLOCK]: text },
    });
    if (!choice) return error("Choose a queue.");
    try {
      const [{ settings, queues }, groups] = await Promise.all([
        settingsAndQueues(client),
        listUsergroups(client),
      ]);
      if (!settings) return error(NOT_CONFIGURED);
      // The choice comes from the person's client: checked again, as if
      // nothing had been offered.
      const queue = choice === NEW_QUEUE
        ? undefined
        : queues.find((q) => q.id === choice);
      if (choice !== NEW_QUEUE && !queue) {
        return error("That queue no longer exists; choose another one.");
      }
      const allowed = queue
        ? await checkQueueEditor(client, settings, queue, admin)
        : checkQueueCreator(settings, admin);
      if (!allowed.ok) {
        return await answerWithErrors(
          client,
          admin,
          refused(
            QUEUE_CHOICE_BLOCK,
            `The queue was not saved. ${allowed.reason}`,
          ),
        );
      }
      return {
        response_action: "update" as const,
        view: queueModal(
          queue,
          groups,
          QUEUE_VIEW_CALLBACK_ID,
          subjectFor(queue),
        ),
      };
    } catch (failure) {
      console.error("configure_queue: choosing a queue failed", failure);
      return await answerWithErrors(client, admin, {
        ok: false,
        errors: {
          [QUEUE_CHOICE_BLOCK]: `Helpdesk couldn't open that queue. ${
            explainFailure(failure)
          }`,
        },
      });
    }
  },
).addViewSubmissionHandler(
  QUEUE_VIEW_CALLBACK_ID,
  async ({ body, view, client }) => {
    // Whoever submits it, as Slack reports it.
    const admin = body.user.id;
    const saved = await saveQueue(
      client,
      admin,
      subjectOf(view.private_metadata),
      submittedQueueForm(new ViewState(view.state.values)),
    );
    if (!saved.ok) return await answerWithErrors(client, admin, saved);
    const invite = saved.uninvited.length
      ? `\n:warning: Invite @Helpdesk to ${
        saved.uninvited.map(channelMention).join(", ")
      } (\`/invite @Helpdesk\`): it can't join private channels by itself.`
      : "";
    const triggers = saved.triggersFailed
      ? `\n:warning: Its :ticket: and card reactions may not follow it yet: ${saved.triggersFailed} Saving any queue again brings them in step.`
      : "";
    await tellPerson(
      client,
      { user: admin },
      `:white_check_mark: Saved.\n${
        describeQueue(saved.queue)
      }${invite}${triggers}`,
    ).catch(() => {});
    await finishRun(client, body, { queue_id: saved.queue.id });
  },
).addViewClosedHandler(QUEUE_CHOICE_VIEW_CALLBACK_ID, finishRunOnClose)
  .addViewClosedHandler(QUEUE_VIEW_CALLBACK_ID, finishRunOnClose);
