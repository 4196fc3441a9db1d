// Who holds which role in a queue, answered from Slack: people are listed,
// user groups and channels are asked for their members (once per run each),
// so changes in Slack take effect without touching Helpdesk's settings.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import {
  expandEntries,
  expandRole,
  type Principals,
  type RoleName,
} from "../../helpdesk/queues/role_entries.ts";
import type { HolderRole } from "../../helpdesk/queues/queue_permissions.ts";
import { slackCall } from "../api/slack_call.ts";
import { botUserOf } from "./bot_user.ts";

/** Each queue role and the person-role it gives. */
const HELD: Array<[RoleName, HolderRole]> = [
  ["owner", "owner"],
  ["members", "member"],
  ["admins", "admin"],
  ["superusers", "superuser"],
  ["initiator", "initiator"],
];

/** The roles whose holders are agents (see helpdesk/queues/queue_permissions.ts). */
const AGENT_MACROS = ["${owner}", "${members}", "${admins}", "${superusers}"];

/** At most this many DMs go out for one ticket (approvers, agents). */
export const MAX_RECIPIENTS = 25;

/**
 * User group and channel members read in one run, shareable between the
 * directories of several queues: asking who may change which of many queues
 * reads each group and channel once, not once per queue (usergroups.users.list
 * is Tier 2, about 20 a minute).
 */
export interface MemberCache {
  groups: Map<string, Promise<Set<string>>>;
  channels: Map<string, Promise<Set<string>>>;
}

export function newMemberCache(): MemberCache {
  return { groups: new Map(), channels: new Map() };
}

// Each run has its own client (its own token), so members read through it
// are read once per run, by every directory of the run: a change that checks
// roles, then names the agents to notify, asks Slack once per group.
const runCaches = new WeakMap<SlackAPIClient, MemberCache>();

/** The member lists already read in this run (by this client). */
export function runMemberCache(client: SlackAPIClient): MemberCache {
  let cache = runCaches.get(client);
  if (!cache) {
    cache = newMemberCache();
    runCaches.set(client, cache);
  }
  return cache;
}

/**
 * The roles a person holds in a queue. Apart from QueueDirectory's people
 * (who to tell) because esbuild bundles a class whole: the settings forms
 * and the report only ask who may. `rolesOf` gives every role the person
 * holds and throws RoleMacroError on bad settings; the members of each user
 * group and channel are read once per run.
 */
export class QueueRoles {
  readonly #groups: MemberCache["groups"];
  readonly #channels: MemberCache["channels"];

  constructor(
    protected client: SlackAPIClient,
    readonly queue: Queue,
    /** The ticket's requester, for `${initiator}`. */
    protected initiator?: string,
    /** The request type's approvers, when it needs approval. */
    private approvers?: readonly string[],
    cache: MemberCache = runMemberCache(client),
  ) {
    this.#groups = cache.groups;
    this.#channels = cache.channels;
  }

  async rolesOf(userId: string): Promise<Set<HolderRole>> {
    const roles = new Set<HolderRole>();
    const checks = HELD.map(async ([name, held]) => {
      const principals = expandRole(name, this.queue, this.initiator);
      if (await this.includes(principals, userId)) roles.add(held);
    });
    if (this.approvers) {
      const approvers = this.approverPrincipals();
      checks.push(
        this.includes(approvers, userId).then((yes) => {
          if (yes) roles.add("approver");
        }),
      );
    }
    await Promise.all(checks);
    return roles;
  }

  approverPrincipals(): Principals {
    return expandEntries(this.approvers ?? [], this.queue, this.initiator);
  }

  private async includes(p: Principals, userId: string): Promise<boolean> {
    if (p.users.has(userId)) return true;
    const lists = await this.memberLists(p);
    return lists.some((list) => list.has(userId));
  }

  protected memberLists(p: Principals): Promise<Set<string>[]> {
    return Promise.all([
      ...[...p.usergroups].map((g) => this.groupMembers(g)),
      ...[...p.channels].map((c) => this.channelMembers(c)),
    ]);
  }

  private groupMembers(id: string): Promise<Set<string>> {
    let members = this.#groups.get(id);
    if (!members) {
      members = slackCall(this.client, "usergroups.users.list", {
        usergroup: id,
      }).then((r) => new Set<string>(r.users ?? []));
      this.#groups.set(id, members);
      // A failed read (a 429) is not kept: a later check asks again.
      members.catch(() => this.#groups.delete(id));
    }
    return members;
  }

  protected channelMembers(id: string): Promise<Set<string>> {
    let members = this.#channels.get(id);
    if (!members) {
      members = this.#readChannel(id);
      this.#channels.set(id, members);
      members.catch(() => this.#channels.delete(id));
    }
    return members;
  }

  async #readChannel(id: string): Promise<Set<string>> {
    const members = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await slackCall(this.client, "conversations.members", {
        channel: id,
        limit: 1000,
        cursor,
      });
      for (const member of page.members ?? []) members.add(member);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return members;
  }
}

/** A queue's roles and the people who hold them. */
export class QueueDirectory extends QueueRoles {
  async peopleOf(principals: Principals): Promise<string[]> {
    // The people of a role, user groups and channels opened up, capped.
    // (Said in here: esbuild bundles the comments above a class member.)
    // A channel's members include Helpdesk's own bot user (it is in its
    // triage channels): no person, so left out before the cap, neither DMed
    // (Slack would refuse: cannot_dm_bot) nor counted. auth.test is asked
    // once a run, only when a channel is read, beside the channels, so no
    // round trip is added; should it fail, the bot stays in and its DM's
    // refusal tells it apart (refusedAsBot), as it does other apps' bots:
    // without users:read, Helpdesk can't tell them.
    const self = principals.channels.size
      ? botUserOf(this.client).catch(() => "")
      : "";
    const people = new Set(principals.users);
    for (const list of await this.memberLists(principals)) {
      for (const id of list) people.add(id);
    }
    people.delete(await self);
    return [...people].slice(0, MAX_RECIPIENTS);
  }

  async agents(): Promise<string[]> {
    // Everyone who works the queue's tickets.
    return await this.peopleOf(
      expandEntries(AGENT_MACROS, this.queue, this.initiator),
    );
  }

  async inChannel(channelId: string, userId: string): Promise<boolean> {
    // Whether the person is in the channel (read once per run).
    return (await this.channelMembers(channelId)).has(userId);
  }
}
