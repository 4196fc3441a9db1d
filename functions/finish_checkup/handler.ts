import { SlackFunction } from "deno-slack-sdk/mod.ts";
import FinishCheckupFunction from "./definition.ts";
import { finishCheckup } from "../../use_cases/checkup/checkup_followup.ts";
import { decodeLines } from "../../use_cases/checkup/checkup_line.ts";

export default SlackFunction(
  FinishCheckupFunction,
  async ({ inputs, client, env }) => {
    const { admin, report_channel, report_ts } = inputs;
    // The first step refused (not an admin): nobody to tell. Every other
    // input may arrive empty or damaged; the workflow steps line says so.
    if (!admin) return { outputs: {} };
    const outcome = await finishCheckup(client, {
      admin,
      report: report_channel && report_ts
        ? { channel: report_channel, ts: report_ts }
        : undefined,
      lines: decodeLines(inputs.lines ?? []),
      env,
      jsmTokenId: inputs.jsm_access_token,
    });
    const { lines } = outcome;
    return {
      outputs: {
        passed: lines.filter((l) => l.ok && !l.skipped && !l.pending).length,
        failed: lines.filter((l) => !l.ok).length,
      },
    };
  },
);
