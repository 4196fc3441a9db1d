import { SlackFunction } from "deno-slack-sdk/mod.ts";
import { failAndTell } from "../../slack/workspace/run_failure.ts";
import {
  finishRun,
  finishRunOnClose,
} from "../../slack/workspace/finish_run.ts";
import ConfigureServiceLevelsFunction, {
  SERVICE_LEVEL_VIEW_CALLBACK_ID,
} from "./definition.ts";
import {
  changeSettings,
  getSettings,
  NOT_CONFIGURED,
} from "../../slack/storage/settings_store.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { scheduleDigest } from "../../use_cases/settings/schedule_trigger.ts";
import { checkServiceLevelForm } from "../../helpdesk/tickets/service_level_settings.ts";
import {
  serviceLevelFormFrom,
  serviceLevelModal,
} from "../../slack/blocks/service_level_modal.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import { formError } from "../../slack/workspace/form_errors.ts";
import {
  helpdeskAdmins,
  isHelpdeskAdmin,
} from "../../helpdesk/helpdesk_admins.ts";
import { onlyHelpdeskAdmins } from "../../slack/blocks/refusals.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";
import { subjectOf } from "../../slack/blocks/saved_version.ts";
import {
  savedByOtherSince,
  type SavedVersion,
} from "../../helpdesk/saved_version.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";

/** Which save of the service levels a form opened on. */
const slaVersion = (settings: HelpdeskSettings): SavedVersion => ({
  at: settings.sla_updated_at ?? 0,
  by: settings.sla_updated_by,
});

const NOT_AN_ADMIN_ANY_MORE =
  "Only Helpdesk's admins can change the service levels, and you are not one of them now. Nothing was saved.";

export default SlackFunction(
  ConfigureServiceLevelsFunction,
  async ({ inputs, client }) => {
    const admin = actingPerson(inputs.interactivity);
    if (!admin) return { error: NO_ACTING_PERSON };
    try {
      const settings = await getSettings(client);
      if (!settings) {
        await tellPerson(client, { user: admin }, NOT_CONFIGURED);
        return { outputs: {} };
      }
      // Refused before the form opens, so nobody fills it in vain.
      if (!isHelpdeskAdmin(settings, admin)) {
        await tellPerson(
          client,
          { user: admin },
          onlyHelpdeskAdmins(
            "change the service levels",
            helpdeskAdmins(settings),
          ),
        );
        return { outputs: {} };
      }
      await slackCall(client, "views.open", {
        interactivity_pointer: inputs.interactivity.interactivity_pointer,
        view: serviceLevelModal(
          settings,
          SERVICE_LEVEL_VIEW_CALLBACK_ID,
          slaVersion(settings),
        ),
      });
      // Finished by the modal's submission or closing handler.
      return { completed: false as const };
    } catch (error) {
      return await failAndTell(client, error, {
        log: "configure_service_levels failed",
        tell: { user: admin },
      });
    }
  },
).addViewSubmissionHandler(
  SERVICE_LEVEL_VIEW_CALLBACK_ID,
  async ({ body, view, client }) => {
    const checked = checkServiceLevelForm(
      serviceLevelFormFrom(view.state.values ?? {}),
    );
    // Each problem under its own field; everything typed stays as typed.
    if (!checked.ok) {
      return { response_action: "errors", errors: checked.problems };
    }
    const admin = body.user.id;
    try {
      const settings = await getSettings(client);
      if (!settings) {
        return {
          response_action: "errors",
          errors: { targets: NOT_CONFIGURED },
        };
      }
      // Checked again: the list may have changed while the form was open.
      if (!isHelpdeskAdmin(settings, admin)) {
        return {
          response_action: "errors",
          errors: { targets: NOT_AN_ADMIN_ANY_MORE },
        };
      }
      // Opened on older values than someone else has saved since: saving
      // would put theirs back.
      if (
        savedByOtherSince(
          subjectOf(view.private_metadata),
          slaVersion(settings),
          admin,
        )
      ) {
        return {
          response_action: "errors",
          errors: {
            targets:
              "Another admin saved the service levels after you opened this form, so nothing was saved: close it and open the service levels again to see theirs.",
          },
        };
      }
      const now = Math.floor(Date.now() / 1000);
      const digest = await scheduleDigest(
        client,
        settings.digest_trigger_id,
        checked.value.time_zone,
        Date.now(),
      );
      // Only the service levels: what Configure Helpdesk saved meanwhile
      // is kept as it is now.
      await changeSettings(client, {
        ...checked.value,
        digest_trigger_id: digest.id,
        sla_updated_at: now,
        sla_updated_by: admin,
      });
    } catch (error) {
      console.error("saving service levels failed", error);
      return {
        response_action: "errors",
        errors: {
          targets: await formError(
            client,
            `Nothing was saved. ${explainFailure(error)}`,
          ),
        },
      };
    }
    await tellPerson(
      client,
      { user: admin },
      ":white_check_mark: Helpdesk's service levels are saved. Open tickets get their new deadlines within 15 minutes.",
    ).catch(() => {});
    await finishRun(client, body);
  },
).addViewClosedHandler(SERVICE_LEVEL_VIEW_CALLBACK_ID, finishRunOnClose);
