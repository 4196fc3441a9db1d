import { SlackFunction } from "deno-slack-sdk/mod.ts";
import FinishCheckupFunction from "./definition.ts";
import { finishCheckup } from "../../use_cases/checkup/checkup_followup.ts";
import { decodeLines } from "../../use_cases/checkup/checkup_line.ts";

export default SlackFunction(
  FinishCheckupFunction,
  async ({ inputs, client, env }) => {
    const { admin, report_channel, report_ts } = inputs;
    // The first step refused (not an admin) or posted nothing: no findings
    // to finish, and nobody to tell.
    if (!admin || !report_channel || !report_ts) return { outputs: {} };
    const outcome = await finishCheckup(client, {
      admin,
      report: { channel: report_channel, ts: report_ts },
      lines: decodeLines(inputs.lines ?? []),
      env,
      jsmTokenId: inputs.jsm_access_token,
    });
    if (outcome.kind === "nothing pending") return { outputs: {} };
    const { lines } = outcome;
    return {
      outputs: {
        passed: lines.filter((l) => l.ok && !l.skipped && !l.pending).length,
        failed: lines.filter((l) => !l.ok).length,
      },
    };
  },
);
