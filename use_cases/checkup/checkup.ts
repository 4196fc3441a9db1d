// The Helpdesk check-up: examines the workspace Helpdesk runs in, line by
// line, and DMs the admin who asked what holds and what to do about what
// does not. It proves in a real workspace what the tests can only prove on
// the fakes (docs/platform.md). Every check runs at once, each bounded by
// one deadline, so the whole fits a function's time (60 s deployed, 15 s
// under `slack run`); a check that runs out of time fails, saying so.
//
// The JSM line is the workflow's next step (checkup_followup.ts): this step
// posts the findings with that line pending, and the next one rewrites the
// same message with its result. Its connection and its errors explained
// (about 24 KB of code) would take this function past 60 KB. The workflow
// steps line is always pending here: the next step's running with these
// findings is what it proves (step_chain_check.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { settingsAndQueues } from "../../slack/storage/queue_store.ts";
import {
  helpdeskAdmins,
  mayChangeHelpdesk,
} from "../../helpdesk/helpdesk_admins.ts";
import { jsmEnabled } from "../../integrations/deployment/deployment_options.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import {
  checkupMessage,
  checkupRefusal,
} from "../../slack/blocks/checkup_message.ts";
import {
  bounded,
  CHECKUP_BUDGET_MS,
  type CheckupLine,
  fail,
  pending,
} from "./checkup_line.ts";
import { checkScopes, SCOPES_CHECK } from "./scope_check.ts";
import {
  checkShards,
  checkTriggers,
  listAppTriggers,
  SHARDS_CHECK,
  TRIGGERS_CHECK,
} from "./trigger_check.ts";
import { checkMembership, MEMBERSHIP_CHECK } from "./membership_check.ts";
import {
  checkScratchMessage,
  LOCK_CHECK,
  METADATA_CHECK,
} from "./scratch_message_checks.ts";
import { checkDatastore, DATASTORE_CHECK } from "./datastore_check.ts";
import { checkThreadOrder, THREAD_ORDER_CHECK } from "./thread_order_check.ts";
import { JSM_CHECK } from "./jsm_check_name.ts";
import { stepChainPending } from "./step_chain_check.ts";
import { checkClickTime, CLICK_CHECK } from "./click_time_check.ts";
import {
  checkFiles,
  FILE_READ_CHECK,
  FILE_UPLOAD_CHECK,
  filesSkipped,
} from "./file_checks.ts";
import { filesEnabled } from "../../integrations/deployment/deployment_options.ts";

export interface CheckupRequest {
  /** Who asked: the shortcut's user. */
  admin: string;
  /** Tells this run's scratch items and message apart from others'. */
  run: string;
  env: Record<string, string | undefined>;
  /** The run's token: the file check downloads its test file with it. */
  token?: string;
  budgetMs?: number;
}

/** The DM the findings went in, which the next step rewrites. */
export interface CheckupReport {
  channel: string;
  ts: string;
}

export type CheckupOutcome =
  | { kind: "refused"; admins: string[] }
  | { kind: "reported"; lines: CheckupLine[]; report: CheckupReport };

export async function runCheckup(
  client: SlackAPIClient,
  request: CheckupRequest,
): Promise<CheckupOutcome> {
  const { settings, queues } = await settingsAndQueues(client);
  // Before Helpdesk is configured, anyone may: as with Configure Helpdesk.
  if (!mayChangeHelpdesk(settings, request.admin)) {
    const admins = helpdeskAdmins(settings!);
    await slackCall(client, "chat.postMessage", {
      channel: request.admin,
      ...checkupRefusal(admins),
    });
    return { kind: "refused", admins };
  }
  const deadlineAt = Date.now() + (request.budgetMs ?? CHECKUP_BUDGET_MS);
  const checks: Array<Promise<CheckupLine | CheckupLine[]>> = [
    bounded(SCOPES_CHECK, deadlineAt, () => checkScopes(client)),
    bounded(CLICK_CHECK, deadlineAt, () => checkClickTime(client)),
  ];
  if (!settings) {
    checks.push(Promise.resolve(fail(
      "Configured",
      "Helpdesk is not configured yet, so its triggers, channels and lock can't be checked.",
      'Run the "Configure Helpdesk" shortcut to choose the triage channel and the agents, then run the check-up again.',
    )));
  } else {
    const listed = listAppTriggers(client);
    const integrations = {
      jsm: jsmEnabled(request.env),
      jiraCloud: !!request.env.JIRA_CLOUD_DOMAIN?.trim(),
    };
    checks.push(
      bounded(
        TRIGGERS_CHECK,
        deadlineAt,
        async () => checkTriggers(await listed, settings, integrations),
      ),
      bounded(
        SHARDS_CHECK,
        deadlineAt,
        async () => checkShards(await listed, settings, queues),
      ),
      bounded(
        MEMBERSHIP_CHECK,
        deadlineAt,
        () => checkMembership(client, settings, queues),
      ),
      bounded(
        `${METADATA_CHECK}, ${LOCK_CHECK}`,
        deadlineAt,
        () => checkScratchMessage(client, settings.triage_channel, request.run),
      ),
      bounded(
        DATASTORE_CHECK,
        deadlineAt,
        () => checkDatastore(client, request.run),
      ),
      bounded(THREAD_ORDER_CHECK, deadlineAt, () => checkThreadOrder(client)),
    );
    checks.push(
      filesEnabled(request.env)
        ? bounded(
          `${FILE_UPLOAD_CHECK}, ${FILE_READ_CHECK}`,
          deadlineAt,
          () =>
            checkFiles(
              client,
              settings.triage_channel,
              request.run,
              request.token,
            ),
        )
        : Promise.resolve(filesSkipped()),
    );
    if (integrations.jsm) checks.push(Promise.resolve(pending(JSM_CHECK)));
  }
  // Last, whatever the integrations: the next step's running proves it.
  const lines = [...(await Promise.all(checks)).flat(), stepChainPending()];
  const posted = await slackCall(client, "chat.postMessage", {
    channel: request.admin,
    ...checkupMessage(lines),
    unfurl_links: false,
  });
  return {
    kind: "reported",
    lines,
    report: { channel: String(posted.channel), ts: String(posted.ts) },
  };
}
