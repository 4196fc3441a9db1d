// With JSM on, one read of the configured service desk proves that JSM is
// reachable from Slack's runtime (outgoingDomains), that the credentials
// work (a classic, scoped or OAuth token), and that the ids are right.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { connectToJsm } from "../jsm/jsm_connection.ts";
import { explainJsmError } from "../../integrations/jsm/jsm_errors.ts";
import { checkAccess } from "../../integrations/jsm/service_desk.ts";
import { type CheckupLine, fail, pass } from "./checkup_line.ts";
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";
import { JSM_CHECK } from "./jsm_check_name.ts";

export { JSM_CHECK };

export async function checkJsm(
  client: SlackAPIClient,
  env: Record<string, string | undefined>,
  tokenId: string | undefined,
  deadlineAt: number,
): Promise<CheckupLine> {
  const connection = await connectToJsm(client, env, tokenId, { deadlineAt });
  if (!connection.ok) {
    return fail(
      JSM_CHECK,
      "Helpdesk can't connect to JSM.",
      escapeMrkdwn(connection.problem),
    );
  }
  try {
    const { serviceDesk } = await checkAccess(connection.jsm);
    if (!serviceDesk) {
      return fail(
        JSM_CHECK,
        `JSM answered, but not with service desk ${
          escapeMrkdwn(connection.jsm.serviceDeskId)
        }.`,
        "Check that JSM_SITE (or JSM_BASE_URL, a proxy) leads to your Atlassian site and that JSM_SERVICE_DESK_ID is its service desk's id (docs/jsm-and-connectors.md).",
      );
    }
    return pass(
      JSM_CHECK,
      `Reachable, and the ${
        connection.config.auth.kind.replace("_", " ")
      } may read service desk ${serviceDesk}.`,
    );
  } catch (error) {
    return fail(
      JSM_CHECK,
      "JSM did not answer the check as it should.",
      // What JSM said is quoted in it: escaped, so it can't ping anyone.
      escapeMrkdwn(explainJsmError(error, connection.config)),
    );
  }
}
