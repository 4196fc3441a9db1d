// Service-level notices follow the ticket's queue: warnings mention its
// assignee or its own members, breaches go to its own owner, and a private
// ticket's words reach nobody outside its queue. And a burst of notices in
// one channel is delivered at Slack's posting rate, each ticket's thread
// keeping its own reply.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../testing/harness.ts";
import {
  configureQueues,
  PEOPLE_QUEUE,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../testing/queue_fixtures.ts";
import {
  openComplaint,
  openGeneral,
  PRIVATE_TEXT,
} from "../testing/queue_actions.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import {
  historyTickets,
  queueOf,
  seedHistory,
} from "../testing/history_fixtures.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import { putQueue } from "../../slack/storage/queue_store.ts";
import { runScheduledChecks } from "../../use_cases/schedule/scheduled_run.ts";
import { POSTS_PER_CHANNEL } from "../../use_cases/schedule/sla_announcements.ts";
import { withServiceLevels } from "../../helpdesk/tickets/service_levels.ts";
import { DEFAULT_SLA_POLICY } from "../../helpdesk/service_levels/sla_policy.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

const H = 3600;
const HELPDESK_OWNER = PEOPLE.admin;

/** The ticket as if opened `ago` seconds before now, its deadlines moved. */
async function aged(
  slack: FakeSlack,
  ticket: Ticket,
  now: number,
  ago: number,
) {
  const moved = withServiceLevels(
    { ...ticket, created_at: now - ago, updated_at: now - ago },
    DEFAULT_SLA_POLICY,
    now - ago,
  );
  await putTicket(clientFor(slack), moved);
  return await storedTicket(slack, ticket.id);
}

const run = (slack: FakeSlack, now: number, channelIntervalMs = 1) =>
  runScheduledChecks(clientFor(slack), now, { channelIntervalMs });

const thread = (slack: FakeSlack, t: Ticket) =>
  slack.workspace.repliesTo(t.card_channel!, t.card_ts!).map((m) => m.text);

Deno.test("SLA notices go to the ticket's own queue", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  await configure(
    slack,
    defaultSettings({ owner: HELPDESK_OWNER }),
  );
  const now = Math.floor(Date.now() / 1000);
  const ws = slack.workspace;

  await t.step(
    "a warning mentions the queue's members, not another queue's agents",
    async () => {
      const ticket = await aged(slack, await openGeneral(slack), now, 3.5 * H);
      await run(slack, now);
      const [warning] = thread(slack, ticket);
      assert.match(warning, /needs a first response by/);
      // People team: its member, its user group, the people in its channel.
      assert.match(warning, /<!subteam\^SAGENTS>/);
      assert.match(warning, /<@UAGENTONE>/);
      assert.match(warning, /<@UCHANMEMBER>/);
      // The default queue's other agent has no role in the People team.
      assert.doesNotMatch(warning, /UAGENTTWO/);
    },
  );

  await t.step(
    "a breach goes to the queue's owner, not Helpdesk's",
    async () => {
      const ticket = await aged(slack, await openGeneral(slack), now, 5 * H);
      const before = {
        owner: ws.dmsTo(ROLE_PEOPLE.owner).length,
        helpdesk: ws.dmsTo(HELPDESK_OWNER).length,
      };
      await run(slack, now);
      assert.match(thread(slack, ticket)[0], /Escalated to <@UQOWNER>\./);
      const dms = ws.dmsTo(ROLE_PEOPLE.owner).slice(before.owner);
      assert.equal(dms.length, 1);
      assert.match(dms[0].text, /because you own the People team queue/);
      assert.equal(ws.dmsTo(HELPDESK_OWNER).length, before.helpdesk);
    },
  );

  await t.step(
    "a private ticket's owner, who is in its queue, reads its summary",
    async () => {
      const ticket = await aged(slack, await openComplaint(slack), now, 2 * H);
      const before = ws.dmsTo(ROLE_PEOPLE.owner).length;
      await run(slack, now); // high priority: 1 h to a first response
      assert.match(
        thread(slack, ticket)[0],
        /missed its first-response target/,
      );
      assert.doesNotMatch(
        JSON.stringify(ws.messagesIn(PEOPLE_TRIAGE)),
        /shouts/,
      );
      const [dm] = ws.dmsTo(ROLE_PEOPLE.owner).slice(before);
      assert.match(dm.text, new RegExp(`“${PRIVATE_TEXT}”`));
    },
  );

  await t.step(
    "a stand-in owner outside the queue gets the breach without the private text",
    async () => {
      // The People team loses its owner: Helpdesk's owner stands in, and has
      // no role in that queue.
      await putQueue(clientFor(slack), { ...PEOPLE_QUEUE, owner: undefined });
      const ticket = await aged(slack, await openComplaint(slack), now, 2 * H);
      const before = ws.dmsTo(HELPDESK_OWNER).length;
      await run(slack, now);
      assert.match(thread(slack, ticket)[0], /Escalated to <@UADMIN>\./);
      const [dm] = ws.dmsTo(HELPDESK_OWNER).slice(before);
      assert.match(
        dm.text,
        new RegExp(`${ticket.key}>? \\(a private request\\)`),
      );
      assert.match(dm.text, /the People team queue has no owner/);
      assert.doesNotMatch(dm.text, /shouts|manager/);
    },
  );
});

Deno.test("a burst of notices in one channel goes out at one post a second", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ owner: HELPDESK_OWNER }));
  const now = Math.floor(Date.now() / 1000);
  // 20 tickets whose first response was due long ago: the schedule was off.
  const tickets: Ticket[] = [];
  for (let i = 0; i < 20; i++) {
    tickets.push(await aged(slack, await openTestTicket(slack), now, 6 * H));
  }
  slack.clearCalls();
  const postsTo = (channel: string) =>
    slack.callsTo("chat.postMessage").filter((c) => c.args.channel === channel);

  await t.step(
    "one summary per queue at once, with everyone to act named once",
    async () => {
      const report = await run(slack, now, 40);
      assert.deepEqual(
        [report.notices, report.summaries, report.followUps, report.owed],
        [20, 1, POSTS_PER_CHANNEL - 1, 20 - (POSTS_PER_CHANNEL - 1)],
      );
      const posts = postsTo(TRIAGE);
      assert.equal(posts.length, POSTS_PER_CHANNEL);
      const summary = String(posts[0].args.text);
      assert.match(
        summary,
        /^:rotating_light: 20 service-level notices for the Helpdesk queue came due at once/,
      );
      assert.equal(posts[0].args.thread_ts, undefined, "in the channel itself");
      assert.equal(summary.match(/<!subteam\^SAGENTS>/g)!.length, 1);
      // At Slack's posting rate: six posts spread over five intervals (40
      // ms here, a second in production). Arrival times are the fake's, and
      // a loaded machine can hold the first post back by tens of ms, so the
      // span is asked to be well above what unpaced posts take (a few ms)
      // and above what half the interval would give, not exactly 200 ms.
      const starts = posts.map((c) => c.startedAt);
      const span = starts.at(-1)! - starts[0];
      assert.ok(span >= 5 * 40 * 0.6, `${span} ms for six posts`);
      // The owner: one DM for all twenty breaches.
      assert.equal(postsTo(HELPDESK_OWNER).length, 1);
      assert.match(
        String(postsTo(HELPDESK_OWNER)[0].args.text),
        /^:rotating_light: 20 tickets missed their targets/,
      );
    },
  );

  await t.step(
    "the following runs post the rest of the thread replies, each once",
    async () => {
      let runs = 0;
      for (; runs < 10; runs++) {
        slack.clearCalls();
        const report = await run(slack, now + 60 * (runs + 1));
        assert.ok(postsTo(TRIAGE).length <= POSTS_PER_CHANNEL);
        assert.equal(report.notices, 0, "nothing announced twice");
        if (report.owed === 0) break;
      }
      assert.equal(runs, 2, "15 replies at 6 a run");
      for (const ticket of tickets) {
        const replies = thread(slack, ticket);
        assert.equal(replies.length, 1, ticket.key);
        assert.match(replies[0], /Announced with other tickets in a summary/);
        assert.deepEqual(
          (await storedTicket(slack, ticket.id)).sla_thread_owed,
          undefined,
        );
      }
    },
  );
});

Deno.test("500 notices at once after an outage: announced as fast as they can be recorded, every reply within the posting rate", async () => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ owner: HELPDESK_OWNER }));
  const now = Math.floor(Date.now() / 1000);
  const shape = { total: 500, open: 500, due: 500, queues: 1, perDay: 275 };
  const tickets = historyTickets(now, shape);
  await seedHistory(slack, tickets, shape, now, "indexed");
  const channel = queueOf(0).triage_channel;

  let runs = 0;
  let announced = 0;
  const announcedBy: number[] = [];
  for (; runs < 200; runs++) {
    slack.clearCalls();
    // At the same moment each time, so no new notice comes due meanwhile.
    const report = await run(slack, now, 0);
    const posts = slack.callsTo("chat.postMessage").filter((c) =>
      c.args.channel === channel
    );
    assert.ok(posts.length <= POSTS_PER_CHANNEL, `run ${runs + 1}`);
    announced += report.notices;
    announcedBy.push(announced);
    if (announced === 500 && report.owed === 0) break;
  }
  runs++;
  console.log(
    `500 warnings due in one channel: announced ${
      announcedBy[0]
    } in run 1, all by run ${
      announcedBy.indexOf(500) + 1
    }; every thread reply posted by run ${runs}, at most ${POSTS_PER_CHANNEL} posts a run there`,
  );
  // Each run announces as many as it can record: each ticket's notices are
  // saved with an update of their own (a click at the same moment is never
  // undone), within the run's share of that method's rate tier. One summary
  // a run, then the replies.
  const perRun = announcedBy[0];
  assert.ok(perRun >= 50, `${perRun} a run`);
  assert.equal(announcedBy[1], 2 * perRun);
  const runsToAnnounce = Math.ceil(500 / perRun);
  assert.equal(announcedBy.indexOf(500) + 1, runsToAnnounce);
  const summaries = slack.workspace.messagesIn(channel).filter((m) =>
    /service-level notices for the Queue 0 queue came due at once/.test(m.text)
  );
  assert.equal(summaries.length, runsToAnnounce);
  for (const ticket of tickets) {
    assert.equal(
      slack.workspace.repliesTo(channel, ticket.card_ts!).length,
      1,
      ticket.key,
    );
  }
});
