// The check-up's second step: runs the lines the first step left pending
// (the JSM line; the workflow steps line, step_chain_check.ts, which this
// step's running with the first step's findings proves) and rewrites the
// first step's message with every line, so the admin still reads one
// message with every finding. A check that fails or runs out of time fails
// on its line, as in the first step; if the findings arrived damaged or the
// message can't be rewritten, the admin is sent the new lines instead, so
// no finding is lost.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { explainFailure } from "../../slack/api/error_messages.ts";
import {
  checkupMessage,
  lineText,
} from "../../slack/blocks/checkup_message.ts";
import {
  bounded,
  CHECKUP_BUDGET_MS,
  type CheckupLine,
  fail,
} from "./checkup_line.ts";
import { checkJsm, JSM_CHECK } from "./jsm_check.ts";
import { jsmEnabled } from "../../integrations/deployment/deployment_options.ts";
import {
  checkStepChain,
  type ReportPlace,
  STEP_CHAIN_CHECK,
} from "./step_chain_check.ts";

export interface FollowupRequest {
  /** Who asked, as the first step found. */
  admin: string;
  /** The first step's message; undefined if its place did not arrive. */
  report: ReportPlace | undefined;
  /** The first step's lines, some pending; undefined if unreadable. */
  lines: CheckupLine[] | undefined;
  env: Record<string, string | undefined>;
  /** OAuth mode: the Atlassian token id the workflow hands the step. */
  jsmTokenId?: string;
  budgetMs?: number;
}

export type FollowupOutcome =
  | { kind: "rewritten"; lines: CheckupLine[] }
  | { kind: "told apart"; lines: CheckupLine[]; finished: CheckupLine[] };

export async function finishCheckup(
  client: SlackAPIClient,
  request: FollowupRequest,
): Promise<FollowupOutcome> {
  // Unreadable lines: the first step leaves the JSM line pending when JSM
  // is on, so that is what is left to check (besides the workflow steps
  // line, which this step always judges).
  const pendingChecks = request.lines
    ? request.lines.filter((l) => l.pending && l.check !== STEP_CHAIN_CHECK)
      .map((l) => l.check)
    : jsmEnabled(request.env)
    ? [JSM_CHECK]
    : [];
  const deadlineAt = Date.now() + (request.budgetMs ?? CHECKUP_BUDGET_MS);
  const chain = checkStepChain(request.lines, request.report);
  const finished = [
    ...(await Promise.all(
      pendingChecks.map((check) =>
        check === JSM_CHECK
          ? bounded(
            JSM_CHECK,
            deadlineAt,
            () => checkJsm(client, request.env, request.jsmTokenId, deadlineAt),
          )
          : fail(
            check,
            "No step of this check-up runs this check.",
            "Run the check-up again; Helpdesk may have been deployed while it ran.",
          )
      ),
    )).flat(),
    chain,
  ];
  // Findings that arrived whole, with their DM's place: that DM is
  // rewritten. Otherwise rewriting it could drop a line the first step
  // found, so the new lines come apart and the DM stays as it was.
  if (chain.ok && request.lines && request.report) {
    const lines = request.lines.flatMap((line) =>
      line.pending ? finished.filter((f) => f.check === line.check) : [line]
    );
    // A DM is rewritten through its D… channel, as chat.postMessage named
    // it, never the person's id; a workspace's edit window may refuse it
    // (edit_window_closed). Both per docs.slack.dev/reference/methods/
    // chat.update; any refusal sends the new lines apart.
    try {
      await slackCall(client, "chat.update", {
        channel: request.report.channel,
        ts: request.report.ts,
        ...checkupMessage(lines),
      });
      return { kind: "rewritten", lines };
    } catch (error) {
      console.error("check-up findings not rewritten", error);
      await tellApart(client, request.admin, finished, explainFailure(error));
      return { kind: "told apart", lines, finished };
    }
  }
  await tellApart(
    client,
    request.admin,
    finished,
    "the first step's findings did not reach this one intact.",
  );
  return { kind: "told apart", lines: finished, finished };
}

/** The lines the findings above could not take, in a DM of their own. */
async function tellApart(
  client: SlackAPIClient,
  admin: string,
  finished: readonly CheckupLine[],
  why: string,
) {
  await slackCall(client, "chat.postMessage", {
    channel: admin,
    text: `The check-up could not add its last ${
      finished.length === 1 ? "line" : "lines"
    } to its findings above: ${why}\n${finished.map(lineText).join("\n")}`,
    unfurl_links: false,
  });
}
