import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import ConfigureHelpdeskFunction, {
  HELPDESK_VIEW_CALLBACK_ID,
} from "./definition.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import {
  helpdeskEditorRefusal,
  helpdeskVersion,
  saveHelpdeskSettings,
} from "../../use_cases/settings/helpdesk_setup.ts";
import { listUsergroups } from "../../slack/workspace/usergroups.ts";
import { answerWithErrors } from "../../use_cases/settings/settings_forms.ts";
import {
  finishRun,
  finishRunOnClose,
} from "../../slack/workspace/finish_run.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import {
  helpdeskModal,
  submittedHelpdeskForm,
} from "../../slack/blocks/helpdesk_modal.ts";
import { ViewState } from "../../slack/blocks/view_state.ts";
import { subjectOf } from "../../slack/blocks/saved_version.ts";
import { helpdeskFormFrom } from "../../helpdesk/helpdesk_form.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";

export default SlackFunction(
  ConfigureHelpdeskFunction,
  async ({ inputs, client }) => {
    const admin = actingPerson(inputs.interactivity);
    if (!admin) return { error: NO_ACTING_PERSON };
    try {
      const [settings, groups] = await Promise.all([
        getSettings(client),
        listUsergroups(client),
      ]);
      // Refused before the form opens, so nobody fills it in vain.
      const refusal = helpdeskEditorRefusal(settings, admin);
      if (refusal) {
        await tellPerson(client, { user: admin }, refusal);
        return { outputs: {} };
      }
      await slackCall(client, "views.open", {
        interactivity_pointer: inputs.interactivity.interactivity_pointer,
        view: helpdeskModal(
          helpdeskFormFrom(settings, admin),
          groups,
          HELPDESK_VIEW_CALLBACK_ID,
          helpdeskVersion(settings),
        ),
      });
      // Finished by the modal's submission or closing handler.
      return { completed: false as const };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "configure_helpdesk failed",
        tell: { user: admin },
        what: "Helpdesk couldn't show its settings.",
      });
    }
  },
).addViewSubmissionHandler(
  HELPDESK_VIEW_CALLBACK_ID,
  async ({ body, view, client }) => {
    // Whoever submits it, as Slack reports it.
    const admin = body.user.id;
    const result = await saveHelpdeskSettings(
      client,
      admin,
      submittedHelpdeskForm(new ViewState(view.state.values)),
      subjectOf(view.private_metadata),
    );
    if (!result.ok) return await answerWithErrors(client, admin, result);
    await finishRun(client, body);
  },
).addViewClosedHandler(HELPDESK_VIEW_CALLBACK_ID, finishRunOnClose);
