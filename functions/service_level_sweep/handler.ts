import { SlackFunction } from "deno-slack-sdk/mod.ts";
import ServiceLevelSweepFunction from "./definition.ts";
import { runScheduledChecks } from "../../use_cases/schedule/scheduled_run.ts";

export default SlackFunction(
  ServiceLevelSweepFunction,
  async ({ client }) => {
    const report = await runScheduledChecks(
      client,
      Math.floor(Date.now() / 1000),
    );
    for (const failure of report.failures) {
      console.error(`${failure.key}: scheduled work failed`, failure.error);
    }
    if (report.indexing) {
      console.log(
        `indexing existing tickets: ${report.walked} read this run; the next run goes on`,
      );
    }
    return {
      outputs: {
        examined: report.examined,
        notices: report.notices,
        auto_closed: report.autoClosed,
        finished: report.finished,
        jsm_due: report.jsmDue,
      },
    };
  },
);
