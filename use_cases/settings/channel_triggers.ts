// Event triggers that watch a set of channels, kept in step with that set.
// Slack takes at most 20 `channel_ids` per event trigger (an update with
// more fails with invalid_arguments, "no more than 20 items allowed"), so a
// set of channels is spread over as many triggers ("shards") as it needs.
//
// Slack's own list of the app's triggers (workflows.triggers.list with
// is_owner) is the record of which shards exist, not an id saved in a
// datastore: a shard created by a run that failed before saving anything,
// or by two admins saving queues at the same moment, is still found, and the
// next run updates or deletes it. Nothing is left behind listening.
//
// A channel stays in the shard that already watches it, so that while shards
// are being updated no channel is briefly watched by none (a lost reaction)
// or by two (a doubled one). New channels fill free room first, then new
// shards; shards left with no channel are deleted last.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { deleteTrigger, upsertTrigger } from "./app_triggers.ts";

/** Slack's limit on one event trigger's channel_ids. */
export const CHANNELS_PER_TRIGGER = 20;

export interface Shard {
  id: string;
  channels: string[];
}

export interface ShardPlan {
  /** Existing triggers to update with these channels. */
  keep: Shard[];
  /** New triggers to create, by their channels. */
  create: string[][];
  /** Existing triggers to delete. */
  remove: string[];
}

/**
 * Spreads `wanted` over the existing shards and new ones, moving no channel
 * that an existing shard already watches. Pure; ids sort the shards so
 * every run plans alike.
 */
export function planShards(
  existing: readonly Shard[],
  wanted: readonly string[],
  max = CHANNELS_PER_TRIGGER,
): ShardPlan {
  const want = new Set(wanted);
  const taken = new Set<string>();
  const shards = [...existing]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((shard) => {
      const channels: string[] = [];
      for (const channel of shard.channels) {
        if (channels.length === max) break;
        if (want.has(channel) && !taken.has(channel)) {
          channels.push(channel);
          taken.add(channel);
        }
      }
      return { id: shard.id, channels };
    });
  const waiting = [...want].filter((c) => !taken.has(c)).sort();
  // Shards still watching something fill up first, then empty ones.
  for (const filling of [true, false]) {
    for (const shard of shards) {
      if ((shard.channels.length > 0) !== filling) continue;
      while (shard.channels.length < max && waiting.length > 0) {
        shard.channels.push(waiting.shift()!);
      }
    }
  }
  const create: string[][] = [];
  while (waiting.length > 0) create.push(waiting.splice(0, max));
  return {
    keep: shards.filter((s) => s.channels.length > 0),
    create,
    remove: shards.filter((s) => s.channels.length === 0).map((s) => s.id),
  };
}

/** One kind of channel trigger: which workflow, and its definition. */
export interface ChannelTriggerKind {
  /** The workflow's callback_id: how Helpdesk tells its shards apart. */
  workflowCallbackId: string;
  definition(channels: [string, ...string[]]): object;
}

/** A trigger as workflows.triggers.list describes it (the fields used). */
export interface ListedTrigger {
  id: string;
  type?: string;
  workflow?: { callback_id?: string } | string;
  event_type?: string;
  channel_ids?: string[];
  event?: { channel_ids?: string[] };
}

/** Every trigger this app owns, all pages. */
export async function listOwnTriggers(
  client: SlackAPIClient,
): Promise<ListedTrigger[]> {
  const all: ListedTrigger[] = [];
  let cursor: string | undefined;
  do {
    const page = await slackCall(client, "workflows.triggers.list", {
      is_owner: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...(page.triggers ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return all;
}

/** The listed triggers that are shards of `kind`. */
export function shardsOf(
  listed: readonly ListedTrigger[],
  kind: ChannelTriggerKind,
): Shard[] {
  return listed
    .filter((t) =>
      t.type === "event" && callbackIdOf(t) === kind.workflowCallbackId
    )
    .map((t) => ({
      id: t.id,
      channels: t.channel_ids ?? t.event?.channel_ids ?? [],
    }));
}

function callbackIdOf(trigger: ListedTrigger): string | undefined {
  const workflow = trigger.workflow;
  if (typeof workflow === "string") {
    return workflow.replace(/^.*#\/workflows\//, "");
  }
  return workflow?.callback_id;
}

export interface ShardSync {
  /** The shards now watching, each with its channels. */
  shards: Shard[];
  created: number;
  updated: number;
  deleted: number;
}

/**
 * Makes the shards of `kind` watch exactly `channels`. Every shard is
 * updated (the definition may have changed, e.g. the emoji), new ones are
 * created, empty ones deleted after. Every call is tried even when one
 * fails; the first failure is thrown at the end, and the next run, which
 * lists again, finishes the job.
 */
export async function syncChannelTriggers(
  client: SlackAPIClient,
  kind: ChannelTriggerKind,
  channels: readonly string[],
  existing: readonly Shard[],
): Promise<ShardSync> {
  const plan = planShards(existing, channels);
  const define = (c: string[]) => kind.definition(c as [string, ...string[]]);
  const placed = await Promise.allSettled([
    ...plan.keep.map((shard) =>
      upsertTrigger(client, shard.id, define(shard.channels)).then(
        (trigger) => ({ id: trigger.id, channels: shard.channels }),
      )
    ),
    ...plan.create.map((shardChannels) =>
      upsertTrigger(client, undefined, define(shardChannels)).then(
        (trigger) => ({ id: trigger.id, channels: shardChannels }),
      )
    ),
  ]);
  // Deleting waits for the others: nothing is ever watched by no shard.
  const removed = await Promise.allSettled(
    plan.remove.map((id) => deleteTrigger(client, id)),
  );
  const failure = [...placed, ...removed].find((r) => r.status === "rejected");
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return {
    shards: placed.map((r) => (r as PromiseFulfilledResult<Shard>).value),
    created: plan.create.length,
    updated: plan.keep.length,
    deleted: plan.remove.length,
  };
}
