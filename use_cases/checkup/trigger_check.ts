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
import { DEFAULT_INTAKE_EMOJI } from "../../helpdesk/tickets/reaction_marks.ts";
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
  const emoji = targets.emoji ?? DEFAULT_INTAKE_EMOJI;
  const kinds = [
    [
      "the intake emoji",
      intakeTriggerKind(emoji),
      targets.intakeChannels,
      emoji,
    ],
    [
      "requesters' replies",
      REQUESTER_MESSAGES_KIND,
      targets.intakeChannels,
      undefined,
    ],
    [
      "card reactions",
      CARD_REACTIONS_KIND,
      targets.triageChannels,
      undefined,
    ],
  ] as const;
  const problems: string[] = [];
  let triggers = 0;
  for (const [what, kind, wanted, reaction] of kinds) {
    const shards = shardsOf(listed, kind);
    const stale = shards.filter((shard) =>
      !filterIsCurrent(listed.find((t) => t.id === shard.id), reaction)
    );
    if (stale.length) {
      problems.push(
        `${what}: ${stale.length} of ${shards.length} triggers are out of date (${
          reaction ? `not for :${reaction}:, or ` : ""
        }not leaving out Helpdesk's own posts and reactions)`,
      );
    }
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

/**
 * Whether a listed trigger's filter is what Helpdesk makes today: it leaves
 * out Helpdesk's own bot user (triggers/created_by_app/own_events.ts) and,
 * for the intake trigger, names the intake emoji. A listing that shows no
 * filter says nothing either way.
 */
function filterIsCurrent(
  trigger: ListedTrigger | undefined,
  emoji: string | undefined,
): boolean {
  const filter = (trigger as { event?: { filter?: unknown } } | undefined)
    ?.event?.filter;
  if (filter === undefined) return true;
  const text = JSON.stringify(filter);
  return text.includes("{{data.user_id}} != ") &&
    (emoji === undefined || text.includes(`{{data.reaction}} == ${emoji}"`));
}

const capitalized = (text: string) => text[0].toUpperCase() + text.slice(1);
