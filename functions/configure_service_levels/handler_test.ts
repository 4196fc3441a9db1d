import assert from "node:assert/strict";
import handler from "./handler.ts";
import {
  CONFIGURE_SERVICE_LEVELS_CALLBACK_ID,
  SERVICE_LEVEL_VIEW_CALLBACK_ID,
} from "./definition.ts";
import {
  clientFor,
  configure,
  defaultSettings,
  functionContext,
  PEOPLE,
  startFakeSlack,
} from "../../dev/testing/harness.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../../dev/testing/interactivity_payloads.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import { getSettings } from "../../slack/storage/settings_store.ts";
import {
  openSettings,
  submitSettings,
} from "../../dev/testing/settings_forms.ts";

type Form = Record<string, string | undefined>;

function submit(slack: FakeSlack, form: Form, owner?: string) {
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [field, value] of Object.entries(form)) {
    values[field] = { [field]: { type: "plain_text_input", value } };
  }
  values.owner = { owner: { type: "users_select", selected_user: owner } };
  return submitView(
    handler,
    viewSubmissionContext(slack, {
      callbackId: SERVICE_LEVEL_VIEW_CALLBACK_ID,
      functionCallbackId: CONFIGURE_SERVICE_LEVELS_CALLBACK_ID,
      executionId: "Fx0SLA",
      user: PEOPLE.admin,
      values,
    }),
  );
}

const GOOD: Form = {
  targets: "urgent 15m/2h, high 1h/1d, normal 4h/3d, low 1d/5d",
  request_types: "Access: urgent 5m/30m",
  business_hours: "Mon-Fri 09:00-17:00",
  time_zone: "Europe/Paris",
  warn_percent: "75",
  auto_close_days: "3",
  reopen_days: "30",
};

Deno.test("configure_service_levels", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ digest_trigger_id: undefined }));

  await t.step("opens the modal with the current settings", async () => {
    const result = await handler(
      functionContext(CONFIGURE_SERVICE_LEVELS_CALLBACK_ID, slack, {
        admin: PEOPLE.admin,
        interactivity: {
          interactivity_pointer: "1234.5678.pointer",
          interactor: { id: PEOPLE.admin, secret: "s" },
        },
      }),
    );
    assert.deepEqual(result, { completed: false });
    const view = JSON.stringify(slack.callsTo("views.open")[0].args.view);
    assert.match(
      view,
      /urgent 30m\/4h, high 1h\/1d, normal 4h\/3d, low 1d\/5d/,
    );
    assert.match(view, /"initial_value":"UTC"/);
    assert.match(view, /"initial_user":"UADMIN"/);
    // The reopen window, 14 days until an admin says otherwise.
    assert.match(view, /"action_id":"reopen_days","initial_value":"14"/);
  });

  await t.step(
    "each problem shows under its field and nothing is saved",
    async () => {
      const before = await getSettings(clientFor(slack));
      const response = await submit(slack, {
        ...GOOD,
        targets: "urgent 15x/2h",
        time_zone: "Europe/Pariss",
        warn_percent: "120",
        auto_close_days: "soon",
      });
      assert.equal(response.response_action, "errors");
      assert.deepEqual(Object.keys(response.errors).sort(), [
        "auto_close_days",
        "targets",
        "time_zone",
        "warn_percent",
      ]);
      assert.match(
        response.errors.time_zone,
        /"Europe\/Pariss" is not a time zone/,
      );
      assert.deepEqual(await getSettings(clientFor(slack)), before);
      assert.equal(slack.callsTo("functions.completeSuccess").length, 0);
    },
  );

  await t.step(
    "good settings are saved and the digest follows the zone",
    async () => {
      const response = await submit(slack, GOOD, PEOPLE.agent);
      assert.equal(response, undefined);
      const saved = (await getSettings(clientFor(slack)))!;
      assert.equal(saved.sla_targets, GOOD.targets);
      assert.equal(saved.sla_request_types, GOOD.request_types);
      assert.equal(saved.business_hours, GOOD.business_hours);
      assert.equal(saved.time_zone, "Europe/Paris");
      assert.equal(saved.sla_warn_percent, 75);
      assert.equal(saved.auto_close_days, 3);
      assert.equal(saved.reopen_days, 30);
      assert.equal(saved.owner, PEOPLE.agent);
      assert.ok(saved.sla_updated_at);
      assert.equal(saved.triage_channel, "CTRIAGE", "the rest is kept");
      const digest = slack.triggers.get(saved.digest_trigger_id!)!;
      const schedule = digest.schedule as {
        timezone: string;
        start_time: string;
      };
      assert.equal(schedule.timezone, "Europe/Paris");
      // 09:00 in Paris is 08:00 UTC in winter, 07:00 in summer.
      assert.ok([7, 8].includes(new Date(schedule.start_time).getUTCHours()));
      assert.equal(slack.callsTo("functions.completeSuccess").length, 1);
      assert.match(
        slack.workspace.dmsTo(PEOPLE.admin).at(-1)!.text,
        /service levels are saved/,
      );
    },
  );

  await t.step(
    "a save that landed though Slack's answer was lost is saved, and said so",
    async () => {
      // Written, then answered internal_error (a timeout after the write):
      // "Nothing was saved" would be untrue.
      slack.fail({
        method: "apps.datastore.put",
        error: "internal_error",
        afterEffect: true,
      });
      const response = await submit(
        slack,
        { ...GOOD, warn_percent: "80" },
        PEOPLE.agent,
      );
      assert.equal(response, undefined, JSON.stringify(response));
      assert.equal((await getSettings(clientFor(slack)))!.sla_warn_percent, 80);
      assert.match(
        slack.workspace.dmsTo(PEOPLE.admin).at(-1)!.text,
        /service levels are saved/,
      );
    },
  );
});

Deno.test("configure_service_levels: two admins, and Configure Helpdesk beside it", async (t) => {
  await using slack = await startFakeSlack();
  await configure(
    slack,
    defaultSettings({ admins: [PEOPLE.admin, PEOPLE.otherAgent] }),
  );
  const open = async (form: "service_levels" | "helpdesk", user: string) => {
    const opened = await openSettings(slack, form, user);
    assert.ok(opened.opened, `${form} opened for ${user}`);
    return opened.view;
  };

  await t.step(
    "a form opened before the other admin's save is refused",
    async () => {
      const mine = await open("service_levels", PEOPLE.admin);
      const theirs = await open("service_levels", PEOPLE.otherAgent);
      const first = await submitSettings(
        slack,
        "service_levels",
        PEOPLE.otherAgent,
        theirs,
        { targets: "urgent 10m/1h" },
      );
      assert.equal(first.kind, "done");
      const second = await submitSettings(
        slack,
        "service_levels",
        PEOPLE.admin,
        mine,
        { warn_percent: "50" },
      );
      assert.equal(second.kind, "errors");
      assert.match(
        (second as { errors: Record<string, string> }).errors.targets,
        /Another admin saved the service levels after you opened this form/,
      );
      const saved = (await getSettings(clientFor(slack)))!;
      assert.equal(saved.sla_targets, "urgent 10m/1h");
      assert.equal(saved.sla_warn_percent, 80, "theirs, not a mix");
      assert.equal(saved.sla_updated_by, PEOPLE.otherAgent);
    },
  );

  await t.step(
    "the two forms share the settings and keep each other's fields",
    async () => {
      // Both open; the service levels are saved first, then Configure
      // Helpdesk, whose form was opened on the older item.
      const levels = await open("service_levels", PEOPLE.admin);
      const helpdesk = await open("helpdesk", PEOPLE.admin);
      assert.equal(
        (await submitSettings(slack, "service_levels", PEOPLE.admin, levels, {
          holidays: "2026-12-25",
          business_hours: "Mon-Fri 09:00-17:00",
        })).kind,
        "done",
      );
      assert.equal(
        (await submitSettings(slack, "helpdesk", PEOPLE.admin, helpdesk, {
          intake_emoji: "sos",
        })).kind,
        "done",
      );
      const saved = (await getSettings(clientFor(slack)))!;
      assert.equal(saved.intake_emoji, "sos");
      assert.equal(saved.holidays, "2026-12-25", "the service levels stay");
      assert.equal(saved.business_hours, "Mon-Fri 09:00-17:00");
      // And the other way round.
      const levelsAgain = await open("service_levels", PEOPLE.admin);
      const helpdeskAgain = await open("helpdesk", PEOPLE.admin);
      await submitSettings(slack, "helpdesk", PEOPLE.admin, helpdeskAgain, {
        intake_emoji: "fire",
      });
      await submitSettings(slack, "service_levels", PEOPLE.admin, levelsAgain, {
        holidays: "",
      });
      const after = (await getSettings(clientFor(slack)))!;
      assert.equal(after.intake_emoji, "fire", "Configure Helpdesk's stays");
      assert.equal(after.holidays, undefined, "cleared");
    },
  );
});
