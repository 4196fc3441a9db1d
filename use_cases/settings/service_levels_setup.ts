// "Service levels": the form opens on what is saved, for Helpdesk's admins
// only (refused before it opens, so nobody fills it in vain); a save is
// checked field by field, then for who may and for a save by someone else
// since, and writes only the service levels onto the settings read just
// before, so what Configure Helpdesk saved meanwhile is kept.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  changeSettings,
  getSettings,
  NOT_CONFIGURED,
} from "../../slack/storage/settings_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  isPassing,
  onceMoreIfPassing,
} from "../../slack/api/passing_failures.ts";
import { formError } from "../../slack/workspace/form_errors.ts";
import { tellPerson } from "../../slack/workspace/tell_person.ts";
import { serviceLevelModal } from "../../slack/blocks/service_level_modal.ts";
import { onlyHelpdeskAdmins } from "../../slack/blocks/refusals.ts";
import type { ModalSubject } from "../../slack/blocks/saved_version.ts";
import {
  checkServiceLevelForm,
  type FormField,
  type ServiceLevelForm,
} from "../../helpdesk/tickets/service_level_settings.ts";
import {
  helpdeskAdmins,
  isHelpdeskAdmin,
} from "../../helpdesk/helpdesk_admins.ts";
import {
  savedByOtherSince,
  type SavedVersion,
} from "../../helpdesk/saved_version.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { scheduleDigest } from "./schedule_trigger.ts";

/** Which save of the service levels a form opened on. */
const slaVersion = (settings: HelpdeskSettings): SavedVersion => ({
  at: settings.sla_updated_at ?? 0,
  by: settings.sla_updated_by,
});

const NOT_AN_ADMIN_ANY_MORE =
  "Only Helpdesk's admins can change the service levels, and you are not one of them now. Nothing was saved.";

const SAVED_BY_ANOTHER =
  "Another admin saved the service levels after you opened this form, so nothing was saved: close it and open the service levels again to see theirs.";

/** False: the person was told why not, and nothing opened. */
export async function openServiceLevelsForm(
  client: SlackAPIClient,
  admin: string,
  pointer: string,
  formView: string,
): Promise<boolean> {
  const settings = await getSettings(client);
  if (!settings) {
    await tellPerson(client, { user: admin }, NOT_CONFIGURED);
    return false;
  }
  if (!isHelpdeskAdmin(settings, admin)) {
    await tellPerson(
      client,
      { user: admin },
      onlyHelpdeskAdmins(
        "change the service levels",
        helpdeskAdmins(settings),
      ),
    );
    return false;
  }
  await slackCall(client, "views.open", {
    interactivity_pointer: pointer,
    view: serviceLevelModal(settings, formView, slaVersion(settings)),
  });
  return true;
}

/** Problems in plain text, by field, as Slack shows them under each. */
export type ServiceLevelsSave =
  | { ok: true }
  | { ok: false; errors: Partial<Record<FormField, string>> };

export async function saveServiceLevels(
  client: SlackAPIClient,
  admin: string,
  opened: ModalSubject,
  form: ServiceLevelForm,
): Promise<ServiceLevelsSave> {
  const checked = checkServiceLevelForm(form);
  // Each problem under its own field; everything typed stays as typed.
  if (!checked.ok) return { ok: false, errors: checked.problems };
  const refused = (text: string): ServiceLevelsSave => ({
    ok: false,
    errors: { targets: text },
  });
  let moved = false;
  try {
    const settings = await getSettings(client);
    if (!settings) return refused(NOT_CONFIGURED);
    // Checked again: the list may have changed while the form was open.
    if (!isHelpdeskAdmin(settings, admin)) {
      return refused(NOT_AN_ADMIN_ANY_MORE);
    }
    // Opened on older values than someone else has saved since: saving
    // would put theirs back.
    if (savedByOtherSince(opened, slaVersion(settings), admin)) {
      return refused(SAVED_BY_ANOTHER);
    }
    const now = Math.floor(Date.now() / 1000);
    const digest = await scheduleDigest(
      client,
      settings.digest_trigger_id,
      checked.value.time_zone,
      Date.now(),
    );
    moved = true;
    // Read and written again once after a passing failure: the same fields
    // on the latest settings, so a lost answer is not told as "not saved".
    await onceMoreIfPassing(() =>
      changeSettings(client, {
        ...checked.value,
        digest_trigger_id: digest.id,
        sla_updated_at: now,
        sla_updated_by: admin,
      })
    );
  } catch (error) {
    console.error("saving service levels failed", error);
    // The digest's schedule moved, or the put may have landed.
    const maybe = moved || isPassing(error);
    return refused(
      await formError(
        client,
        `${
          maybe
            ? "Helpdesk's service levels may be only partly saved: submit this form again."
            : "Nothing was saved."
        } ${explainFailure(error)}`,
      ),
    );
  }
  await tellPerson(
    client,
    { user: admin },
    ":white_check_mark: Helpdesk's service levels are saved. Open tickets get their new deadlines within 15 minutes.",
  ).catch((error) =>
    console.warn("the service levels' save was not confirmed", error)
  );
  return { ok: true };
}
