// Every trigger Helpdesk needs is there and starts the right workflow: the
// ones it makes itself (card buttons, ratings, the scheduled runs, and one
// reaction or reply trigger per 20 channels: use_cases/settings/) and the
// shortcuts people create with `slack trigger create`. The listing is all of
// the app's triggers (workflows.triggers.list without is_owner), since a
// shortcut may belong to whichever collaborator created it.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { type ListedTrigger, shardsOf } from "../settings/channel_triggers.ts";
import {
  CARD_REACTIONS_KIND,
  intakeTriggerKind,
  reactionTargets,
  REQUESTER_MESSAGES_KIND,
} from "../settings/reaction_triggers.ts";
import { type CheckupLine, fail, pass } from "./checkup_line.ts";
import { SHORTCUT_TRIGGERS } from "./expected_setup.ts";

export const TRIGGERS_CHECK = "Triggers";
export const SHARDS_CHECK = "Channels watched";

const SAVE_SETTINGS =
  'Open "Configure Helpdesk" and save it as it is: that makes the triggers Helpdesk keeps itself again.';

export async function listAppTriggers(
  client: SlackAPIClient,
): Promise<ListedTrigger[]> {
  const all: ListedTrigger[] = [];
  let cursor: string | undefined;
  do {
    const page = await slackCall(client, "workflows.triggers.list", {
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...(page.triggers ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return all;
}

function workflowOf(trigger: ListedTrigger): string | undefined {
  const workflow = trigger.workflow;
  if (typeof workflow === "string") {
    return workflow.replace(/^.*#\/workflows\//, "");
  }
  return workflow?.callback_id;
}

export interface Integrations {
  jsm: boolean;
  jiraCloud: boolean;
}

/** The triggers Helpdesk made itself, and the shortcuts people create. */
export function checkTriggers(
  listed: readonly ListedTrigger[],
  settings: HelpdeskSettings,
  integrations: Integrations,
): CheckupLine {
  const byId = new Map(listed.map((t) => [t.id, t]));
  const problems: string[] = [];
  const own: Array<[string, string | undefined, string]> = [
    ["the card buttons", settings.action_trigger_id, "update_ticket"],
    ["the rating buttons", settings.rating_trigger_id, "rate_ticket"],
    ["the weekly digest", settings.digest_trigger_id, "weekly_digest"],
    ...(settings.sweep_trigger_ids ?? []).map((id): [
      string,
      string,
      string,
    ] => ["the service-level checks", id, "service_level_sweep"]),
  ];
  if (!settings.sweep_trigger_ids?.length) {
    own.push(["the service-level checks", undefined, "service_level_sweep"]);
  }
  for (const [what, id, workflow] of own) {
    const trigger = id ? byId.get(id) : undefined;
    if (!trigger) problems.push(`the trigger of ${what} is missing`);
    else if (workflowOf(trigger) !== workflow) {
      problems.push(`the trigger of ${what} starts ${workflowOf(trigger)}`);
    }
  }
  const ownMissing = problems.length > 0;
  const workflows = new Set(listed.map(workflowOf));
  const shortcuts = SHORTCUT_TRIGGERS.filter((s) =>
    s.only === undefined ||
    (s.only === "jsm" ? integrations.jsm : integrations.jiraCloud)
  );
  const absent = shortcuts.filter((s) => !workflows.has(s.workflow));
  if (problems.length === 0 && absent.length === 0) {
    return pass(
      TRIGGERS_CHECK,
      `${own.length} triggers Helpdesk keeps itself and ${shortcuts.length} shortcuts, each starting its workflow.`,
    );
  }
  const found = [
    ...problems,
    ...absent.map((s) => `no trigger starts ${s.workflow}`),
  ].join("; ");
  const todo = [
    ...(ownMissing ? [SAVE_SETTINGS] : []),
    ...(absent.length
      ? [
        `Create ${absent.length === 1 ? "it" : "them"} with ${
          absent.map((s) => `\`slack trigger create --trigger-def ${s.file}\``)
            .join(", ")
        }.`,
      ]
      : []),
  ].join(" ");
  return fail(TRIGGERS_CHECK, `${capitalized(found)}.`, todo);
}

/** The reaction and reply triggers watch every channel they should, once. */
export function checkShards(
  listed: readonly ListedTrigger[],
  settings: HelpdeskSettings,
  queues: readonly Queue[],
): CheckupLine {
  const targets = reactionTargets(
    queues,
    settings.triage_channel,
    settings.intake_emoji,
  );
  const kinds = [
    [
      "the intake emoji",
      intakeTriggerKind(targets.emoji),
      targets.intakeChannels,
    ],
    ["requesters' replies", REQUESTER_MESSAGES_KIND, targets.intakeChannels],
    ["card reactions", CARD_REACTIONS_KIND, targets.triageChannels],
  ] as const;
  const problems: string[] = [];
  let triggers = 0;
  for (const [what, kind, wanted] of kinds) {
    const shards = shardsOf(listed, kind);
    triggers += shards.length;
    const watched = shards.flatMap((s) => s.channels);
    const unwatched = wanted.filter((c) => !watched.includes(c));
    const twice = [
      ...new Set(watched.filter((c, i) => watched.indexOf(c) !== i)),
    ];
    if (unwatched.length) {
      problems.push(
        `${what}: nothing watches ${
          unwatched.map((c) => `<#${c}>`).join(", ")
        }`,
      );
    }
    if (twice.length) {
      problems.push(
        `${what}: ${twice.map((c) => `<#${c}>`).join(", ")} watched twice`,
      );
    }
  }
  if (problems.length > 0) {
    return fail(
      SHARDS_CHECK,
      `${capitalized(problems.join("; "))}.`,
      SAVE_SETTINGS,
    );
  }
  return pass(
    SHARDS_CHECK,
    `${targets.intakeChannels.length} intake and ${targets.triageChannels.length} triage channels, each watched once, by ${triggers} triggers (at most 20 channels each).`,
  );
}

const capitalized = (text: string) => text[0].toUpperCase() + text.slice(1);
