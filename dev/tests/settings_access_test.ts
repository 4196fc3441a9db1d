// Who may change which settings, and who may read the report: every actor ×
// every action, through the functions Slack would run, the person always
// coming from Slack's interactivity (opening) or the submission's user
// (saving). The table is written out, not derived from the rules, so a
// change to them shows up here. A refused attempt must leave every
// datastore and trigger as it was, post nothing anywhere but to the actor,
// and name who may do it: before the form opens, or, for a choice the form
// did not offer but a client sent anyway, when it is submitted.
import assert from "node:assert/strict";
import {
  clientFor,
  defaultSettings,
  functionContext,
  interactivityOf,
  PEOPLE,
  startFakeSlack,
  TRIAGE,
} from "../testing/harness.ts";
import {
  configureQueues,
  LAPTOP,
  PEOPLE_QUEUE,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../testing/queue_fixtures.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../testing/interactivity_payloads.ts";
import { putSettings } from "../../slack/storage/settings_store.ts";
import {
  choose,
  type Outcome as FormOutcome,
  saveSettings,
} from "../testing/settings_forms.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
import configureServiceLevels from "../../functions/configure_service_levels/handler.ts";
import {
  CONFIGURE_SERVICE_LEVELS_CALLBACK_ID,
  SERVICE_LEVEL_VIEW_CALLBACK_ID,
} from "../../functions/configure_service_levels/definition.ts";
import postReport from "../../functions/post_report/handler.ts";
import { POST_REPORT_CALLBACK_ID } from "../../functions/post_report/definition.ts";

const ACTORS = {
  helpdeskAdmin: PEOPLE.admin,
  queueOwner: ROLE_PEOPLE.owner,
  queueAdmin: ROLE_PEOPLE.admin,
  queueSuperuser: ROLE_PEOPLE.superuser,
  queueMember: ROLE_PEOPLE.member,
  groupMember: ROLE_PEOPLE.groupMember,
  requester: PEOPLE.requester,
  outsider: PEOPLE.bystander,
} as const;
type Actor = keyof typeof ACTORS;

const ACTIONS = [
  "configure Helpdesk",
  "open service levels",
  "save service levels",
  "create a queue",
  "edit People team",
  "rename People team",
  "edit the default queue",
  "add a request type",
  "remove a request type",
] as const;
type Action = typeof ACTIONS[number];

const Y = true, N = false;
// deno-fmt-ignore
const ALLOWED: Record<Actor, boolean[]> = {
  //               cfgHD openSL saveSL newQ editPT renPT editDef addT rmT
  helpdeskAdmin:  [Y,    Y,     Y,     Y,   Y,     Y,    Y,      Y,   Y],
  queueOwner:     [N,    N,     N,     N,   Y,     Y,    N,      Y,   Y],
  queueAdmin:     [N,    N,     N,     N,   Y,     Y,    N,      Y,   Y],
  queueSuperuser: [N,    N,     N,     N,   Y,     Y,    N,      Y,   Y],
  queueMember:    [N,    N,     N,     N,   N,     N,    N,      N,   N],
  groupMember:    [N,    N,     N,     N,   N,     N,    N,      N,   N],
  requester:      [N,    N,     N,     N,   N,     N,    N,      N,   N],
  outsider:       [N,    N,     N,     N,   N,     N,    N,      N,   N],
};

/** What the Helpdesk report shows each actor: its title, or a refusal. */
const REPORT: Record<Actor, RegExp> = {
  helpdeskAdmin: /^Helpdesk report: the last 7 days:/,
  queueOwner: /^Helpdesk report for People team: the last 7 days:/,
  queueAdmin: /^Helpdesk report for People team: the last 7 days:/,
  queueSuperuser: /^Helpdesk report for People team: the last 7 days:/,
  // Agents of both queues: that is every queue.
  queueMember: /^Helpdesk report: the last 7 days:/,
  groupMember: /^Helpdesk report: the last 7 days:/,
  requester: /^The Helpdesk report is for the agents of a queue.*<@UADMIN>/,
  outsider: /^The Helpdesk report is for the agents of a queue.*<@UADMIN>/,
};

/** Who each refusal names, by the action refused. */
const QUEUE_EDITORS = (queue: string) =>
  new RegExp(
    `(^Only a queue's owner, admins and superusers can change (a queue|its request types), and Helpdesk's admins \\(<@UADMIN>\\))|(^The (queue|request type) was not saved\\. In the ${queue} queue, only its owner, admins and superusers, and Helpdesk's admins \\(<@UADMIN>\\), can change its settings)`,
  );
const NAMES_WHO: Record<Action, RegExp> = {
  "configure Helpdesk":
    /^Only Helpdesk's admins can change Helpdesk's settings: <@UADMIN>\./,
  "open service levels":
    /^Only Helpdesk's admins can change the service levels: <@UADMIN>\./,
  "save service levels":
    /^Only Helpdesk's admins can change the service levels/,
  "create a queue":
    /(^The queue was not saved\. Only Helpdesk's admins can create a queue: <@UADMIN>\.)|(^Only a queue's owner, admins and superusers can change a queue, and Helpdesk's admins \(<@UADMIN>\), who also make new queues)/,
  "edit People team": QUEUE_EDITORS("People team"),
  "rename People team": QUEUE_EDITORS("People team"),
  "edit the default queue": QUEUE_EDITORS("Helpdesk"),
  "add a request type": QUEUE_EDITORS("People team"),
  "remove a request type": QUEUE_EDITORS("People team"),
};

type Outcome =
  /** It took effect: what the datastores show. */
  | { done: true }
  /** Refused: the private text the actor got (DM, ephemeral, form error). */
  | { done: false; told: string };

async function attempt(
  slack: FakeSlack,
  action: Action,
  user: string,
): Promise<Outcome> {
  const ws = slack.workspace;
  const dmsBefore = ws.dmsTo(user).length;
  const interactivity = interactivityOf(user);
  const dm = () => {
    const dms = ws.dmsTo(user);
    return dms.length > dmsBefore ? dms.at(-1)!.text : undefined;
  };
  switch (action) {
    case "configure Helpdesk":
      return outcomeOf(
        await saveSettings(slack, "helpdesk", user, {
          triage_channel: TRIAGE,
          agent_users: [PEOPLE.agent, PEOPLE.otherAgent],
          intake_emoji: "sos",
        }),
      );
    case "open service levels": {
      const opened = slack.callsTo("views.open").length;
      await configureServiceLevels(
        functionContext(CONFIGURE_SERVICE_LEVELS_CALLBACK_ID, slack, {
          interactivity,
        }),
      );
      return slack.callsTo("views.open").length > opened
        ? { done: true }
        : { done: false, told: dm()! };
    }
    case "save service levels": {
      const field = (value: string) => ({
        type: "plain_text_input",
        value,
      });
      const answer = await submitView(
        configureServiceLevels,
        viewSubmissionContext(slack, {
          callbackId: SERVICE_LEVEL_VIEW_CALLBACK_ID,
          functionCallbackId: CONFIGURE_SERVICE_LEVELS_CALLBACK_ID,
          executionId: "Fx0SLA",
          user,
          values: {
            targets: { targets: field("urgent 1m/2m") },
            time_zone: { time_zone: field("UTC") },
            warn_percent: { warn_percent: field("80") },
            auto_close_days: { auto_close_days: field("0") },
            owner: { owner: { type: "users_select", selected_user: user } },
          },
        }),
      );
      return answer?.response_action === "errors"
        ? { done: false, told: Object.values(answer.errors).join(" ") }
        : { done: true };
    }
    case "create a queue":
      return outcomeOf(
        await saveSettings(slack, "queue", user, {
          name: "Facilities",
          triage_channel: TRIAGE,
          owner: ROLE_PEOPLE.owner,
        }, choose.newQueue),
      );
    case "edit People team":
      return outcomeOf(
        await saveSettings(slack, "queue", user, {
          member_people: [ROLE_PEOPLE.member, PEOPLE.agent],
        }, PEOPLE_QUEUE.id),
      );
    case "rename People team":
      return outcomeOf(
        await saveSettings(slack, "queue", user, {
          name: "People & Culture",
        }, PEOPLE_QUEUE.id),
      );
    case "edit the default queue":
      return outcomeOf(
        await saveSettings(slack, "queue", user, {
          triage_channel: PEOPLE_TRIAGE,
        }, DEFAULT_QUEUE_ID),
      );
    case "add a request type":
      return outcomeOf(
        await saveSettings(slack, "request_type", user, {
          name: "Access badge",
          fields: "Floor*: select(1, 2, 3)",
        }, choose.newTypeIn(PEOPLE_QUEUE.id)),
      );
    case "remove a request type":
      return outcomeOf(
        await saveSettings(slack, "request_type", user, {
          remove: true,
        }, LAPTOP.id),
      );
  }
}

/** A form's outcome: done, or the refusal the person was told. */
function outcomeOf(outcome: FormOutcome): Outcome {
  return outcome.done ? { done: true } : {
    done: false,
    told: outcome.told || Object.values(outcome.errors).join(" "),
  };
}

/** Everything a refused attempt must leave as it was. */
async function state(slack: FakeSlack) {
  const all = await slack.datastores.dump();
  const sorted = (name: string) =>
    (all[name] ?? []).map((item) => JSON.stringify(item)).sort();
  return {
    settings: sorted("settings"),
    queues: sorted("queues"),
    request_types: sorted("request_types"),
    tickets: sorted("tickets"),
    triggers: JSON.stringify([...slack.triggers]),
    shared:
      slack.workspace.messages.filter((m) =>
        !slack.workspace.channels.get(m.channel)?.is_im
      ).length,
  };
}

Deno.test("settings: actors × actions, each refusal private and harmless", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  // An install whose admins were saved as a list.
  await putSettings(
    clientFor(slack),
    defaultSettings({ admins: [PEOPLE.admin] }),
  );
  const initial = await slack.datastores.dump();
  const initialTriggers = new Map(slack.triggers);
  const restore = async () => {
    const now = await slack.datastores.dump();
    for (const [name, items] of Object.entries(now)) {
      for (const item of items) {
        const key = name === "ticket_lookup" ? "lookup" : "id";
        await slack.datastores.delete(name, String(item[key]));
      }
    }
    await slack.datastores.load(initial);
    slack.triggers.clear();
    for (const [id, trigger] of initialTriggers) {
      slack.triggers.set(id, trigger);
    }
  };
  let attempts = 0;
  let refusals = 0;

  for (const [actor, user] of Object.entries(ACTORS) as [Actor, string][]) {
    await t.step(actor, async () => {
      for (const [i, action] of ACTIONS.entries()) {
        const allowed = ALLOWED[actor][i];
        const before = await state(slack);
        const outcome = await attempt(slack, action, user);
        attempts++;
        assert.equal(
          outcome.done,
          allowed,
          `${actor} ${action}: ${
            outcome.done ? "done" : (outcome as { told: string }).told
          }`,
        );
        if (!outcome.done) {
          refusals++;
          assert.match(outcome.told, NAMES_WHO[action], `${actor} ${action}`);
          assert.deepEqual(await state(slack), before, `${actor} ${action}`);
        }
        await restore();
      }
    });
  }

  await t.step("the report: each actor sees what they may", async () => {
    for (const [actor, user] of Object.entries(ACTORS) as [Actor, string][]) {
      const before = await state(slack);
      await postReport(
        functionContext(POST_REPORT_CALLBACK_ID, slack, {
          interactivity: interactivityOf(user),
          channel: TRIAGE,
          days: 7,
        }),
      );
      attempts++;
      const told = slack.workspace.ephemerals.filter((e) => e.user === user)
        .at(-1)?.text ?? slack.workspace.dmsTo(user).at(-1)?.text;
      assert.match(told ?? "", REPORT[actor], actor);
      if (/^The Helpdesk report is for/.test(told ?? "")) refusals++;
      assert.deepEqual(await state(slack), before, "a report changes nothing");
    }
  });

  console.log(
    `settings and report: ${attempts} attempts by ${
      Object.keys(ACTORS).length
    } actors, ${refusals} refused`,
  );
});
