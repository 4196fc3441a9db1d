import assert from "node:assert/strict";
import handler from "./handler.ts";
import { POST_REPORT_CALLBACK_ID } from "./definition.ts";
import { runScheduledChecks } from "../../use_cases/schedule/scheduled_run.ts";
import {
  clientFor,
  configure,
  functionContext,
  GENERAL,
  interactivityOf,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../../dev/testing/harness.ts";
import { NOT_CONFIGURED } from "../../slack/storage/settings_store.ts";
import {
  configureQueues,
  PEOPLE_TRIAGE,
} from "../../dev/testing/queue_fixtures.ts";
import { openGeneral } from "../../dev/testing/queue_actions.ts";

Deno.test("post_report", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack);
  const now = Math.floor(Date.now() / 1000);
  await openTestTicket(slack, { created_at: now - 3600 });
  await openTestTicket(slack, {
    status: "resolved",
    created_at: now - 7200,
    first_response_at: now - 7000,
    resolved_at: now - 3600,
    rating: 5,
    rated_at: now - 60,
  });
  // Older than the week: counted in neither created nor resolved.
  await openTestTicket(slack, {
    status: "closed",
    created_at: now - 30 * 86_400,
    resolved_at: now - 29 * 86_400,
  });

  await t.step(
    "before the tickets are indexed, it reads them all",
    async () => {
      const result = await handler(
        functionContext(POST_REPORT_CALLBACK_ID, slack, {
          in_triage_channels: true,
          days: 7,
        }),
      );
      assert.deepEqual(result.outputs, { created: 2, resolved: 1, backlog: 1 });
      const scans = slack.callsTo("apps.datastore.query").filter((c) =>
        c.args.datastore === "tickets"
      );
      assert.equal(scans.length, 1);
      assert.match(String(scans[0].args.expression), /#created_at >= :from/);
    },
  );

  // The first scheduled run indexes them and files their figures.
  await runScheduledChecks(clientFor(slack), now, { channelIntervalMs: 1 });

  await t.step("the weekly digest goes to the triage channel", async () => {
    slack.clearCalls();
    const result = await handler(
      functionContext(POST_REPORT_CALLBACK_ID, slack, {
        in_triage_channels: true,
        days: 7,
      }),
    );
    assert.deepEqual(result.outputs, { created: 2, resolved: 1, backlog: 1 });
    const digest = slack.workspace.messagesIn(TRIAGE).at(-1)!;
    assert.equal(
      digest.text,
      "Helpdesk report: the last 7 days: 2 created, 1 resolved, 1 open. First-response SLA 100%, resolution SLA 100%.",
    );
    assert.match(JSON.stringify(digest.blocks), /5\.0 \/ 5 from 1 rating/);
    // The open work and the week's 8 days: no ticket is read.
    assert.deepEqual(
      slack.calls.filter((c) => c.method.startsWith("apps.datastore"))
        .map((c) => `${c.method} ${c.args.datastore}`).sort(),
      [
        "apps.datastore.bulkGet report_days",
        "apps.datastore.get settings",
        "apps.datastore.query queues",
        "apps.datastore.query ticket_work",
      ],
    );
  });

  await t.step("on demand, only the person who asked sees it", async () => {
    const before = slack.workspace.messagesIn(TRIAGE).length;
    await handler(functionContext(POST_REPORT_CALLBACK_ID, slack, {
      interactivity: interactivityOf(PEOPLE.agent),
      channel: TRIAGE,
      days: 7,
    }));
    assert.equal(slack.workspace.messagesIn(TRIAGE).length, before);
    const shown = slack.workspace.ephemerals.at(-1)!;
    assert.equal(shown.user, PEOPLE.agent);
    assert.match(shown.text, /2 created, 1 resolved, 1 open/);
  });

  await t.step("asked where Helpdesk isn't, it comes as a DM", async () => {
    await handler(functionContext(POST_REPORT_CALLBACK_ID, slack, {
      interactivity: interactivityOf(PEOPLE.agent),
      channel: GENERAL,
      days: 1,
    }));
    assert.match(
      slack.workspace.dmsTo(PEOPLE.agent).at(-1)!.text,
      /^Helpdesk report: the last 1 day: 2 created/,
    );
  });
});

Deno.test("post_report before setup tells the person what to do", async () => {
  await using slack = await startFakeSlack();
  await handler(functionContext(POST_REPORT_CALLBACK_ID, slack, {
    interactivity: interactivityOf(PEOPLE.agent),
  }));
  assert.equal(
    slack.workspace.dmsTo(PEOPLE.agent).at(-1)!.text,
    NOT_CONFIGURED,
  );
});

Deno.test("the digest gives each triage channel its own queues' report", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  // A minute old: a report's period ends at the moment it is made.
  const earlier = { created_at: Math.floor(Date.now() / 1000) - 60 };
  await openTestTicket(slack, earlier);
  await openGeneral(slack, earlier);
  await openGeneral(slack, earlier);
  const result = await handler(
    functionContext(POST_REPORT_CALLBACK_ID, slack, {
      in_triage_channels: true,
    }),
  );
  assert.deepEqual(result.outputs, { created: 3, resolved: 0, backlog: 3 });
  const posted = (channel: string) =>
    slack.workspace.messagesIn(channel).filter((m) =>
      /^Helpdesk report/.test(m.text)
    ).map((m) => m.text);
  assert.deepEqual(posted(TRIAGE), [
    "Helpdesk report for Helpdesk: the last 7 days: 1 created, 0 resolved, 1 open. First-response SLA —, resolution SLA —.",
  ]);
  assert.deepEqual(posted(PEOPLE_TRIAGE), [
    "Helpdesk report for People team: the last 7 days: 2 created, 0 resolved, 2 open. First-response SLA —, resolution SLA —.",
  ]);
});

Deno.test("a triage channel refusing the digest keeps no other channel's from it", async () => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const earlier = { created_at: Math.floor(Date.now() / 1000) - 60 };
  await openTestTicket(slack, earlier);
  await openGeneral(slack, earlier);
  // The first channel's post is refused (archived since, say).
  let first: unknown;
  slack.fail({
    method: "chat.postMessage",
    error: "is_archived",
    times: Infinity,
    when: (args) => (first ??= args.channel) === args.channel,
  });
  const result = await handler(
    functionContext(POST_REPORT_CALLBACK_ID, slack, {
      in_triage_channels: true,
    }),
  );
  assert.match(String(result.error), /report could not be made/);
  const other = first === TRIAGE ? PEOPLE_TRIAGE : TRIAGE;
  assert.equal(
    slack.workspace.messagesIn(other).filter((m) =>
      /^Helpdesk report/.test(m.text)
    ).length,
    1,
    "the other channel has its digest",
  );
});
