// Whether a JSM webhook run may read the attachments it was told about:
// files on (HELPDESK_FILES=on, which grants files:write), and a JSM client
// for this run (jsm_connection.ts; in OAuth mode the developer's token the
// workflow step passes in).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { filesEnabled } from "../../integrations/deployment/deployment_options.ts";
import { connectToJsm, JSM_BUDGET_MS } from "./jsm_connection.ts";
import type { JsmFilesAccess } from "./jsm_inbound.ts";

export async function jsmFilesAccess(
  client: SlackAPIClient,
  env: Record<string, string | undefined>,
  tokenId: string | undefined,
): Promise<JsmFilesAccess> {
  if (!filesEnabled(env)) {
    return { problem: "files are off (HELPDESK_FILES)" };
  }
  const connected = await connectToJsm(client, env, tokenId, {
    deadlineMs: JSM_BUDGET_MS,
  });
  return connected.ok ? { jsm: connected.jsm } : { problem: connected.problem };
}
