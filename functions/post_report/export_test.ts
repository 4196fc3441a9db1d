// The Helpdesk report's CSV export: sent as a file in the asker's DM, to
// Helpdesk's admins and queue owners only (checked by the report step, not
// just by the modal), never with a cell a spreadsheet would run, retried
// once when Slack fails for a passing reason, and told plainly when not sent.
import assert from "node:assert/strict";
import handler from "./handler.ts";
import { POST_REPORT_CALLBACK_ID } from "./definition.ts";
import chooseScope from "../choose_report_scope/handler.ts";
import { CHOOSE_REPORT_SCOPE_CALLBACK_ID } from "../choose_report_scope/definition.ts";
import { runScheduledChecks } from "../../use_cases/schedule/scheduled_run.ts";
import {
  clientFor,
  functionContext,
  interactivityOf,
  manifestBotScopes,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_QUEUE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import { settingScopes } from "../../integrations/deployment/deployment_options.ts";
import { putQueue } from "../../slack/storage/queue_store.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { EXPORT_COLUMNS } from "../../helpdesk/reports/report_export.ts";
import { utcDay } from "../../helpdesk/reports/report_rows.ts";
import { EXPORTS_OFF } from "../../use_cases/reports/ticket_export.ts";

const EXPORT_ON = { HELPDESK_EXPORT: "on" };
const DAY = 86_400;

function ask(
  slack: FakeSlack,
  user: string,
  inputs: Record<string, unknown> = {},
  env: Record<string, string> = EXPORT_ON,
) {
  return handler(functionContext(POST_REPORT_CALLBACK_ID, slack, {
    interactivity: interactivityOf(user),
    days: 7,
    export_csv: true,
    ...inputs,
  }, env));
}

/** The CSV files shared in the person's DM, newest last, as text. */
function csvFilesTo(slack: FakeSlack, user: string): string[] {
  return slack.workspace.dmsTo(user).flatMap((m) =>
    (m.files ?? []).map((f) => {
      const file = slack.workspace.files.byId.get((f as { id: string }).id)!;
      return new TextDecoder().decode(file.bytes);
    })
  );
}

const lastDm = (slack: FakeSlack, user: string) =>
  slack.workspace.dmsTo(user).at(-1)?.text ?? "";

/** RFC 4180 read back: records of fields, quotes undone. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "", record: string[] = [], quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") record.push(field), field = "";
    else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field), records.push(record), field = "", record = [], i++;
    } else field += c;
  }
  return records;
}

Deno.test("Export on the Helpdesk report", async (t) => {
  await using slack = await startFakeSlack({
    scopes: [
      ...manifestBotScopes(),
      ...settingScopes({ jsm: { mode: "off" }, export: true }),
    ],
  });
  await configureQueues(slack);
  const client = clientFor(slack);
  // Typed text an export carries: a queue's name and tickets' summaries.
  const hostile = '=HYPERLINK("http://evil.example","click"),\r\n"x"';
  await putQueue(client, { ...PEOPLE_QUEUE, name: hostile });
  const now = Math.floor(Date.now() / 1000);
  const hostileSummary = "@SUM(1+1)*cmd|' /C calc'!A0";
  const general = await openTestTicket(slack, {
    created_at: now - 3600,
    summary: hostileSummary,
  });
  const people = await openTestTicket(slack, {
    queue_id: PEOPLE_QUEUE.id,
    status: "resolved",
    created_at: now - 2 * DAY,
    first_response_at: now - 2 * DAY + 600,
    response_due_at: now - 2 * DAY + 300,
    resolved_at: now - DAY,
    rating: 4,
    rated_at: now - DAY + 60,
  });
  const secret = await openTestTicket(slack, {
    queue_id: PEOPLE_QUEUE.id,
    private: true,
    summary: "Complaint about my manager",
    created_at: now - 3 * DAY,
  });
  const old = await openTestTicket(slack, {
    status: "closed",
    created_at: now - 40 * DAY,
    resolved_at: now - 39 * DAY,
    closed_at: now - 38 * DAY,
  });
  await runScheduledChecks(client, now);
  slack.clearCalls();

  await t.step("an admin gets every queue's tickets as a file", async () => {
    await ask(slack, PEOPLE.admin);
    const [csv] = csvFilesTo(slack, PEOPLE.admin);
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], [...EXPORT_COLUMNS]);
    const ids = rows.slice(1).map((r) => r[0]);
    assert.deepEqual(
      ids.sort(),
      [general.id, people.id, secret.id].sort(),
      "the week's tickets and the open ones, not last month's",
    );
    assert.ok(!ids.includes(old.id));
    const row = Object.fromEntries(
      EXPORT_COLUMNS.map((
        c,
        i,
      ) => [c, rows.find((r) => r[0] === people.id)![i]]),
    );
    assert.equal(row.status, "resolved");
    // Named as the admin knows it, from its filed figures.
    assert.equal(row.key, people.key);
    assert.equal(row.summary, people.summary);
    assert.equal(row.first_response_minutes, "10");
    assert.equal(row.first_response_target, "missed");
    assert.equal(row.resolution_minutes, "1440");
    assert.equal(row.rating, "4");
    assert.equal(
      row.opened_at,
      new Date((now - 2 * DAY) * 1000).toISOString().replace(".000Z", "Z"),
    );
    // The file is in the DM itself, under a note saying what it holds.
    const dms = slack.workspace.dmsTo(PEOPLE.admin);
    assert.match(dms.at(-2)!.text, /Your Helpdesk export: 3 tickets/);
    assert.equal(slack.callsTo("files.completeUploadExternal").length, 1);
  });

  await t.step("an open ticket is named from the open work", () => {
    const csv = csvFilesTo(slack, PEOPLE.admin).at(-1)!;
    const row = parseCsv(csv).find((r) => r[0] === general.id)!;
    assert.equal(row[EXPORT_COLUMNS.indexOf("key")], general.key);
  });

  await t.step("a private request's words are not exported", () => {
    const csv = csvFilesTo(slack, PEOPLE.admin).at(-1)!;
    const row = parseCsv(csv).find((r) => r[0] === secret.id)!;
    assert.equal(row[EXPORT_COLUMNS.indexOf("key")], secret.key);
    assert.equal(row[EXPORT_COLUMNS.indexOf("summary")], "");
    assert.doesNotMatch(csv, /Complaint about my manager/);
  });

  await t.step("hostile text can't become a formula", () => {
    const csv = csvFilesTo(slack, PEOPLE.admin).at(-1)!;
    const queue = EXPORT_COLUMNS.indexOf("queue");
    const cell = parseCsv(csv).find((r) => r[0] === people.id)![queue];
    // Read back whole, quotes and line break included, starting with '.
    assert.equal(cell, `'${hostile}`);
    const summary = parseCsv(csv).find((r) => r[0] === general.id)![
      EXPORT_COLUMNS.indexOf("summary")
    ];
    assert.equal(summary, `'${hostileSummary}`);
    for (const record of parseCsv(csv)) {
      for (const field of record) assert.doesNotMatch(field, /^[=+\-@\t\r]/);
    }
  });

  await t.step("a queue owner gets only their queue", async () => {
    await ask(slack, ROLE_PEOPLE.owner);
    const rows = parseCsv(csvFilesTo(slack, ROLE_PEOPLE.owner).at(-1)!);
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]).sort(),
      [people.id, secret.id].sort(),
    );
  });

  await t.step(
    "an agent who owns nothing is refused, nothing uploaded",
    async () => {
      slack.clearCalls();
      await ask(slack, PEOPLE.agent);
      assert.equal(slack.callsTo("files.getUploadURLExternal").length, 0);
      assert.deepEqual(csvFilesTo(slack, PEOPLE.agent), []);
      assert.match(
        lastDm(slack, PEOPLE.agent),
        /CSV export is for Helpdesk's admins/,
      );
    },
  );

  await t.step(
    "someone outside every queue gets no report at all",
    async () => {
      slack.clearCalls();
      await ask(slack, PEOPLE.bystander);
      assert.equal(slack.callsTo("files.getUploadURLExternal").length, 0);
      assert.match(
        lastDm(slack, PEOPLE.bystander),
        /is for the agents of a queue/,
      );
    },
  );

  await t.step(
    "with exports off, the admin is told how to turn them on",
    async () => {
      slack.clearCalls();
      await ask(slack, PEOPLE.admin, {}, {});
      assert.equal(slack.callsTo("files.getUploadURLExternal").length, 0);
      assert.equal(lastDm(slack, PEOPLE.admin), EXPORTS_OFF);
    },
  );

  await t.step("the modal offers Export only to those who may", async () => {
    const offered = async (user: string, env: Record<string, string>) => {
      const before = slack.callsTo("views.open").length;
      await chooseScope(
        functionContext(CHOOSE_REPORT_SCOPE_CALLBACK_ID, slack, {
          interactivity: interactivityOf(user),
        }, env),
      );
      const view = slack.callsTo("views.open").slice(before).at(-1)?.args
        .view;
      return JSON.stringify(view).includes('"export_csv"');
    };
    assert.equal(await offered(PEOPLE.admin, EXPORT_ON), true);
    assert.equal(await offered(ROLE_PEOPLE.owner, EXPORT_ON), true);
    assert.equal(await offered(PEOPLE.agent, EXPORT_ON), false);
    assert.equal(await offered(PEOPLE.admin, {}), false);
  });

  await t.step("a passing failure at upload is retried once", async () => {
    const files = csvFilesTo(slack, PEOPLE.admin).length;
    slack.fail({
      method: "files.completeUploadExternal",
      error: "internal_error",
    });
    await ask(slack, PEOPLE.admin);
    assert.equal(csvFilesTo(slack, PEOPLE.admin).length, files + 1);
  });

  await t.step(
    "a failure that stays is told; asking again sends it",
    async () => {
      const files = csvFilesTo(slack, PEOPLE.admin).length;
      slack.fail({
        method: "files.getUploadURLExternal",
        error: "internal_error",
        times: 2,
      });
      await ask(slack, PEOPLE.admin);
      assert.equal(csvFilesTo(slack, PEOPLE.admin).length, files);
      assert.match(
        lastDm(slack, PEOPLE.admin),
        /could not be sent: .* ask for the report with Export again/s,
      );
      await ask(slack, PEOPLE.admin);
      assert.equal(csvFilesTo(slack, PEOPLE.admin).length, files + 1);
    },
  );

  await t.step("a refusal for good is not retried", async () => {
    slack.clearCalls();
    slack.fail({
      method: "files.getUploadURLExternal",
      error: "file_upload_size_restricted",
    });
    await ask(slack, PEOPLE.admin);
    assert.equal(slack.callsTo("files.getUploadURLExternal").length, 1);
    assert.match(lastDm(slack, PEOPLE.admin), /could not be sent/);
  });

  await t.step("a range of dates covers those days only", async () => {
    const day = (ago: number) => utcDay(now - ago * DAY);
    // Its entry settled out of the open work, as in a live install: only
    // its filed figures are left.
    await slack.datastores.delete("ticket_work", old.id);
    await ask(slack, PEOPLE.admin, { from_day: day(45), to_day: day(35) });
    const rows = parseCsv(csvFilesTo(slack, PEOPLE.admin).at(-1)!).slice(1);
    assert.deepEqual(rows.map((r) => r[0]), [old.id]);
    // Closed and settled long ago: named by its filed row alone.
    assert.equal(rows[0][EXPORT_COLUMNS.indexOf("key")], old.key);
    assert.equal(rows[0][EXPORT_COLUMNS.indexOf("summary")], old.summary);
  });

  await t.step("bad dates are refused clearly, nothing is sent", async () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        utcDay(now - 100 * DAY),
        utcDay(now),
        /keeps report figures for 90 days/,
      ],
      [
        utcDay(now - 2 * DAY),
        utcDay(now - 5 * DAY),
        /can't be before the first/,
      ],
      [utcDay(now), utcDay(now + 3 * DAY), /today .* at the latest/],
      ["2026-02-31", utcDay(now), /Pick the first day/],
      ["yesterday", utcDay(now), /Pick the first day/],
    ];
    for (const [from, to, said] of cases) {
      slack.clearCalls();
      await ask(slack, PEOPLE.admin, { from_day: from, to_day: to });
      assert.equal(slack.callsTo("files.getUploadURLExternal").length, 0);
      assert.match(lastDm(slack, PEOPLE.admin), said, `${from}..${to}`);
    }
  });
});
