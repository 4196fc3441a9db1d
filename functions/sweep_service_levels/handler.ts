import { SlackFunction } from "deno-slack-sdk/mod.ts";
import SweepServiceLevelsFunction from "./definition.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import { sweepServiceLevels } from "../../slack/operations/service_level_sweep.ts";
import { repairStalledTickets } from "../../slack/operations/ticket_repair.ts";
import {
  DEFAULT_AUTO_CLOSE_DAYS,
  policyFromSettings,
} from "../../helpdesk/tickets/service_level_settings.ts";

/** After the SLA work's 10 s, within `slack run`'s 15 s. */
const REPAIR_BUDGET_MS = 3_000;

export default SlackFunction(
  SweepServiceLevelsFunction,
  async ({ client }) => {
    const settings = await getSettings(client);
    // Scheduled before setup finished, or after the settings were removed:
    // nothing to check yet, and nobody to tell.
    if (!settings) {
      return {
        outputs: { examined: 0, notices: 0, auto_closed: 0, finished: true },
      };
    }
    const report = await sweepServiceLevels(
      client,
      settings,
      Math.floor(Date.now() / 1000),
      {
        policy: policyFromSettings(settings),
        autoCloseDays: settings.auto_close_days ?? DEFAULT_AUTO_CLOSE_DAYS,
      },
    );
    for (const failure of report.failures) {
      console.error(`SLA notice for ${failure.key} failed`, failure.error);
    }
    // Then what earlier runs left half-done: tickets saved but never shown,
    // cards whose redraw failed.
    const repairUntil = Date.now() + REPAIR_BUDGET_MS;
    const repaired = await repairStalledTickets(
      client,
      settings,
      Math.floor(Date.now() / 1000),
      () => Date.now() >= repairUntil,
    );
    for (const failure of repaired.failures) {
      console.error(`${failure.key} not repaired`, failure.error);
    }
    return {
      outputs: {
        examined: report.examined,
        notices: report.notices,
        auto_closed: report.autoClosed,
        finished: report.finished,
      },
    };
  },
);
