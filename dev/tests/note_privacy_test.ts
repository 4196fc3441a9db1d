// An internal note never reaches the ticket's own requester, whatever roles
// they hold in its queue (an HR agent who files a complaint about a
// colleague), wherever its card is (a public triage channel, a private one
// they are in or not) and whether or not the ticket is private. The queue's
// other agents still get it.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  openTestTicket,
  PEOPLE,
  PRIVATE_TRIAGE,
  startFakeSlack,
  TRIAGE,
} from "../testing/harness.ts";
import { BOT_USER_ID } from "../testing/fake_slack/workspace.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import { putQueue } from "../../slack/storage/queue_store.ts";
import { converse } from "../../use_cases/conversation/conversation.ts";
import {
  configureQueues,
  PEOPLE_QUEUE,
  ROLE_PEOPLE,
} from "../testing/queue_fixtures.ts";
import { putSettings } from "../../slack/storage/settings_store.ts";
import { saveSettings } from "../testing/settings_forms.ts";

const ROLES = ["owner", "members", "admins", "superusers"] as const;
type Role = typeof ROLES[number];

/** Every set of roles the requester might hold, none included. */
const roleSets: Role[][] = Array.from(
  { length: 2 ** ROLES.length },
  (_, bits) => ROLES.filter((_, i) => bits & (1 << i)),
);

const TRIAGES = [
  { name: "a public triage channel", channel: TRIAGE, requesterIn: true },
  {
    name: "a private triage channel the requester is in",
    channel: PRIVATE_TRIAGE,
    requesterIn: true,
  },
  {
    name: "a private triage channel the requester is not in",
    channel: PRIVATE_TRIAGE,
    requesterIn: false,
  },
];

/** Everything the requester can read: DMs, what they were shown, channels. */
function readableBy(slack: FakeSlack, user: string): string {
  const ws = slack.workspace;
  const channels = [...ws.channels.values()].filter((c) =>
    !c.is_private || c.members.has(user) || (c.is_im && c.user === user)
  ).map((c) => c.id);
  return JSON.stringify([
    ws.messages.filter((m) => channels.includes(m.channel)),
    ws.ephemerals.filter((e) => e.user === user),
  ]);
}

Deno.test("a note never reaches the requester, whatever their roles", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ owner: PEOPLE.admin }));
  const client = clientFor(slack);
  const privateTriage = slack.workspace.channels.get(PRIVATE_TRIAGE)!;
  let n = 0;
  for (const triage of TRIAGES) {
    for (const roles of roleSets) {
      for (const isPrivate of [false, true]) {
        const name = `${triage.name}, requester ${
          roles.join("+") || "with no role"
        }, ${isPrivate ? "private" : "not private"}`;
        await t.step(name, async () => {
          privateTriage.members = new Set([
            BOT_USER_ID,
            PEOPLE.agent,
            PEOPLE.otherAgent,
            ...(triage.requesterIn ? [PEOPLE.requester] : []),
          ]);
          const has = (role: Role) => roles.includes(role);
          await putQueue(client, {
            id: "default",
            name: "Helpdesk",
            triage_channel: triage.channel,
            intake_channels: [],
            owner: has("owner") ? PEOPLE.requester : PEOPLE.admin,
            members: [
              PEOPLE.agent,
              PEOPLE.otherAgent,
              ...(has("members") ? [PEOPLE.requester] : []),
            ],
            admins: has("admins") ? [PEOPLE.requester] : [],
            superusers: has("superusers") ? [PEOPLE.requester] : [],
          });
          const ticket = await openTestTicket(slack, { private: isPrivate });
          assert.equal(ticket.card_channel, triage.channel);
          const secret = `note-secret-${n++}`;
          const said = await converse(
            client,
            ticket.id,
            PEOPLE.agent,
            "note",
            `Between us: ${secret}`,
          );
          assert.ok(said.ok, said.ok ? "" : said.reason);
          assert.ok(
            !readableBy(slack, PEOPLE.requester).includes(secret),
            "the requester can read the note",
          );
          // Not lost: the other agent has it.
          assert.ok(readableBy(slack, PEOPLE.otherAgent).includes(secret));
        });
      }
    }
  }
});

Deno.test("saving a public triage channel warns who reads its threads", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  await putSettings(
    clientFor(slack),
    defaultSettings({ admins: [PEOPLE.admin] }),
  );
  const lastDm = (user: string) =>
    slack.workspace.dmsTo(user).at(-1)?.text ?? "";
  slack.workspace.channels.get(PRIVATE_TRIAGE)!.members.add(BOT_USER_ID);

  await t.step("Configure Helpdesk, public: warned", async () => {
    const saved = await saveSettings(slack, "helpdesk", PEOPLE.admin, {
      triage_channel: TRIAGE,
      agent_users: [PEOPLE.agent],
    });
    assert.ok(saved.done);
    assert.match(lastDm(PEOPLE.admin), /is public: anyone in the workspace/);
  });

  await t.step("Configure a queue, public: warned; private: not", async () => {
    const publicSave = await saveSettings(slack, "queue", ROLE_PEOPLE.owner, {
      triage_channel: TRIAGE,
    }, PEOPLE_QUEUE.id);
    assert.ok(publicSave.done);
    assert.match(lastDm(ROLE_PEOPLE.owner), /is public: anyone/);
    const privateSave = await saveSettings(
      slack,
      "queue",
      ROLE_PEOPLE.owner,
      { triage_channel: PRIVATE_TRIAGE },
      PEOPLE_QUEUE.id,
    );
    assert.ok(privateSave.done);
    assert.match(lastDm(ROLE_PEOPLE.owner), /Saved/);
    assert.doesNotMatch(lastDm(ROLE_PEOPLE.owner), /is public/);
    // Helpdesk is in that private channel already: not told to invite it
    // (conversations.join refuses a private channel either way).
    assert.doesNotMatch(lastDm(ROLE_PEOPLE.owner), /Invite @Helpdesk/);
  });
});
