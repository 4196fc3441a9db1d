import { SlackFunction } from "deno-slack-sdk/mod.ts";
import RunCheckupFunction from "./definition.ts";
import {
  actingPerson,
  NO_ACTING_PERSON,
} from "../../slack/workspace/acting_person.ts";
import { runCheckup } from "../../use_cases/checkup/checkup.ts";
import { encodeLines } from "../../use_cases/checkup/checkup_line.ts";

export default SlackFunction(
  RunCheckupFunction,
  async ({ inputs, client, env, token }) => {
    const admin = actingPerson(inputs.interactivity);
    if (!admin) {
      console.warn("run_checkup refused: no interactor");
      return { error: NO_ACTING_PERSON };
    }
    const outcome = await runCheckup(client, {
      admin,
      // One interactivity pointer per shortcut click: this run's own name.
      run: inputs.interactivity.interactivity_pointer ?? crypto.randomUUID(),
      env,
      token,
    });
    // Refused: no report for the next step to finish.
    if (outcome.kind === "refused") return { outputs: {} };
    const { lines, report } = outcome;
    const failed = lines.filter((line) => !line.ok).length;
    const passed = lines.filter((l) => l.ok && !l.skipped && !l.pending)
      .length;
    return {
      outputs: {
        passed,
        failed,
        admin,
        report_channel: report.channel,
        report_ts: report.ts,
        lines: encodeLines(lines),
      },
    };
  },
);
