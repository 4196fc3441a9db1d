// A workflow built with Helpdesk's steps (Workflow Builder, another app) can
// fill in any input it likes. These runs name a person in every input that
// once said who acted (actor, user, admin, requester, author) while Slack's
// interactivity, or the reaction Slack has, says someone else, or nobody.
// Each must act only for the person Slack names, or refuse and change nothing.
import assert from "node:assert/strict";
import {
  clientFor,
  configure,
  defaultSettings,
  functionContext,
  interactivityOf,
  openTestTicket,
  PEOPLE,
  startFakeSlack,
  storedTicket,
  TRIAGE,
} from "../testing/harness.ts";
import { configureQueues, PEOPLE_INTAKE } from "../testing/queue_fixtures.ts";
import type { FakeSlack } from "../testing/fake_slack/server.ts";
import {
  submitView,
  viewSubmissionContext,
} from "../testing/interactivity_payloads.ts";
import updateTicket from "../../functions/update_ticket/handler.ts";
import rateTicket from "../../functions/rate_ticket/handler.ts";
import openTicketHandler from "../../functions/open_ticket/handler.ts";
import configureHelpdesk from "../../functions/configure_helpdesk/handler.ts";
import configureServiceLevels from "../../functions/configure_service_levels/handler.ts";
import configureQueue from "../../functions/configure_queue/handler.ts";
import chooseReportScope from "../../functions/choose_report_scope/handler.ts";
import configureRequestType from "../../functions/configure_request_type/handler.ts";
import postReport from "../../functions/post_report/handler.ts";
import recordJiraIssue from "../../functions/record_jira_issue/handler.ts";
import cardReaction from "../../functions/card_reaction/handler.ts";
import messageToTicket from "../../functions/message_to_ticket/handler.ts";
import { DETAILS_VIEW } from "../../slack/blocks/request_form.ts";
import { putSettings } from "../../slack/storage/settings_store.ts";
import { NO_ACTING_PERSON } from "../../slack/workspace/acting_person.ts";

/** Interactivities that name nobody Slack would: each must be refused. */
const NOBODY: unknown[] = [
  undefined,
  {},
  { interactivity_pointer: "1.2.p" },
  { interactivity_pointer: "1.2.p", interactor: {} },
  { interactivity_pointer: "1.2.p", interactor: { id: 42 } },
  { interactivity_pointer: "1.2.p", interactor: { id: "<!channel>" } },
  { interactivity_pointer: "1.2.p", interactor: { id: "UADMIN x" } },
  { interactivity_pointer: "1.2.p", interactor: { id: "" } },
];

async function datastoreState(slack: FakeSlack) {
  const all = await slack.datastores.dump();
  return Object.fromEntries(
    Object.entries(all).map((
      [name, items],
    ) => [name, items.map((i) => JSON.stringify(i)).sort()]),
  );
}

Deno.test("forged inputs act for nobody", async (t) => {
  await using slack = await startFakeSlack();
  await configure(slack, defaultSettings({ admins: [PEOPLE.admin] }));
  const ws = slack.workspace;
  let attempts = 0;
  let refusals = 0;

  await t.step(
    "update_ticket: an agent named in `actor`, an outsider clicking",
    async () => {
      for (const action of ["claim", "start", "resolve", "close"]) {
        const ticket = await openTestTicket(slack);
        attempts++;
        await updateTicket(functionContext("update_ticket", slack, {
          ticket_id: ticket.id,
          action,
          actor: PEOPLE.agent,
          interactivity: interactivityOf(PEOPLE.bystander),
        }));
        assert.deepEqual(await storedTicket(slack, ticket.id), ticket, action);
        const told = ws.ephemerals.filter((e) => e.user === PEOPLE.bystander)
          .at(-1);
        assert.match(
          told!.text,
          /^Only Helpdesk agents (and the person who opened HD-\w+ )?can/,
        );
        refusals++;
      }
    },
  );

  await t.step(
    "every step that acts for someone refuses an interactivity naming nobody",
    async () => {
      const ticket = await openTestTicket(slack, { status: "resolved" });
      const steps: Array<[string, (i: unknown) => unknown]> = [
        [
          "update_ticket",
          (interactivity) =>
            updateTicket(functionContext("update_ticket", slack, {
              ticket_id: ticket.id,
              action: "close",
              actor: PEOPLE.requester,
              interactivity,
            } as never)),
        ],
        [
          "rate_ticket",
          (interactivity) =>
            rateTicket(functionContext("rate_ticket", slack, {
              ticket_id: ticket.id,
              rating: "1",
              user: PEOPLE.requester,
              interactivity,
            } as never)),
        ],
        [
          "open_ticket",
          (interactivity) =>
            openTicketHandler(functionContext("open_ticket", slack, {
              requester: PEOPLE.requester,
              interactivity,
            } as never)),
        ],
        [
          "configure_helpdesk",
          (interactivity) =>
            configureHelpdesk(functionContext("configure_helpdesk", slack, {
              // What an OpenForm-era trigger or a hand-made workflow sends.
              triage_channel: TRIAGE,
              agent_users: [PEOPLE.bystander],
              admin: PEOPLE.admin,
              interactivity,
            } as never)),
        ],
        [
          "configure_queue",
          (interactivity) =>
            configureQueue(functionContext("configure_queue", slack, {
              name: "Helpdesk",
              admin: PEOPLE.admin,
              interactivity,
            } as never)),
        ],
        [
          "configure_request_type",
          (interactivity) =>
            configureRequestType(
              functionContext("configure_request_type", slack, {
                queue_name: "Helpdesk",
                admin: PEOPLE.admin,
                interactivity,
              } as never),
            ),
        ],
        ["configure_service_levels", (interactivity) =>
          configureServiceLevels(
            functionContext("configure_service_levels", slack, {
              admin: PEOPLE.admin,
              interactivity,
            } as never),
          )],
        [
          "record_jira_issue",
          (interactivity) =>
            recordJiraIssue(functionContext("record_jira_issue", slack, {
              ticket_id: ticket.id,
              issue_url: "https://acme.atlassian.net/browse/OPS-1",
              issue_id: "OPS-1",
              actor: PEOPLE.requester,
              interactivity,
            } as never)),
        ],
        [
          "choose_report_scope",
          (interactivity) =>
            chooseReportScope(
              functionContext("choose_report_scope", slack, {
                interactivity,
              } as never),
            ),
        ],
        [
          "post_report",
          (interactivity) =>
            postReport(functionContext("post_report", slack, {
              user: PEOPLE.admin,
              interactivity,
            } as never)),
        ],
      ];
      for (const [name, run] of steps) {
        for (const interactivity of NOBODY) {
          const before = await datastoreState(slack);
          slack.clearCalls();
          attempts++;
          const result = (await run(interactivity)) as { error?: string };
          assert.equal(result.error, NO_ACTING_PERSON, name);
          assert.equal(slack.calls.length, 0, `${name}: no call at all`);
          assert.deepEqual(await datastoreState(slack), before, name);
          refusals++;
        }
      }
    },
  );

  await t.step(
    "rate_ticket: the requester in `user`, someone else clicking",
    async () => {
      const ticket = await openTestTicket(slack, { status: "resolved" });
      attempts++;
      await rateTicket(functionContext("rate_ticket", slack, {
        ticket_id: ticket.id,
        rating: "1",
        user: PEOPLE.requester,
        interactivity: interactivityOf(PEOPLE.bystander),
      } as never));
      assert.equal((await storedTicket(slack, ticket.id)).rating, undefined);
      assert.match(
        ws.dmsTo(PEOPLE.bystander).at(-1)!.text,
        /Only the person who opened .* can rate it/,
      );
      refusals++;
    },
  );

  await t.step(
    "the settings forms: an admin in `admin`, someone else opening",
    async () => {
      const before = await datastoreState(slack);
      attempts += 2;
      slack.clearCalls();
      await configureHelpdesk(
        functionContext("configure_helpdesk", slack, {
          triage_channel: TRIAGE,
          agent_users: [PEOPLE.bystander],
          admin: PEOPLE.admin,
          interactivity: interactivityOf(PEOPLE.bystander),
        } as never),
      );
      assert.match(
        ws.dmsTo(PEOPLE.bystander).at(-1)!.text,
        /^Only Helpdesk's admins can change Helpdesk's settings/,
      );
      assert.equal(slack.callsTo("views.open").length, 0, "no form opened");
      await configureServiceLevels(
        functionContext("configure_service_levels", slack, {
          admin: PEOPLE.admin,
          interactivity: interactivityOf(PEOPLE.bystander),
        } as never),
      );
      assert.match(
        ws.dmsTo(PEOPLE.bystander).at(-1)!.text,
        /Only Helpdesk's admins can change the service levels/,
      );
      assert.deepEqual(await datastoreState(slack), before);
      refusals += 2;
    },
  );

  await t.step(
    "the report: an admin in `user`, a requester asking; or nobody, no digest",
    async () => {
      attempts += 2;
      const asked = await postReport(functionContext("post_report", slack, {
        user: PEOPLE.admin,
        interactivity: interactivityOf(PEOPLE.requester),
        channel: TRIAGE,
      } as never));
      assert.deepEqual(asked.outputs, {});
      assert.match(
        ws.ephemerals.filter((e) => e.user === PEOPLE.requester).at(-1)!.text,
        /^The Helpdesk report is for the agents of a queue/,
      );
      // A step with no one asking and no digest flag posts nothing.
      const before = ws.messages.length;
      const none = await postReport(functionContext("post_report", slack, {
        user: PEOPLE.admin,
      } as never));
      assert.equal(none.error, NO_ACTING_PERSON);
      assert.equal(ws.messages.length, before);
      refusals += 2;
    },
  );

  await t.step("open_request: whoever submits is the requester", async () => {
    attempts++;
    const result = await submitView(
      openTicketHandler,
      viewSubmissionContext(slack, {
        callbackId: DETAILS_VIEW,
        functionCallbackId: "open_ticket",
        executionId: "Fx0FORM",
        user: PEOPLE.bystander,
        inputs: {
          requester: PEOPLE.admin,
          interactivity: interactivityOf(PEOPLE.bystander),
        },
        values: {
          summary: { value: { type: "plain_text_input", value: "Help" } },
          priority: {
            value: {
              type: "static_select",
              selected_option: { value: "normal" },
            },
          },
        },
      }),
    );
    assert.equal(result, undefined, JSON.stringify(result));
    const outputs = slack.callsTo("functions.completeSuccess").at(-1)!.args
      .outputs as { ticket_id: string };
    const ticket = await storedTicket(slack, outputs.ticket_id);
    assert.equal(ticket.requester, PEOPLE.bystander);
  });

  await t.step(
    "record_jira_issue: only the requester or an agent links an issue",
    async () => {
      const ticket = await openTestTicket(slack);
      const link = (user: string) =>
        recordJiraIssue(functionContext("record_jira_issue", slack, {
          ticket_id: ticket.id,
          issue_url: "https://acme.atlassian.net/browse/OPS-1",
          issue_id: "OPS-1",
          interactivity: interactivityOf(user),
        }));
      attempts++;
      const refused = await link(PEOPLE.bystander);
      assert.match(String(refused.error), /requester and its queue's agents/);
      assert.equal(
        (await storedTicket(slack, ticket.id)).jira_issue_key,
        undefined,
      );
      refusals++;
      attempts++;
      const linked = await link(PEOPLE.requester);
      assert.equal(linked.outputs?.issue_key, "OPS-1");
    },
  );

  console.log(`forged inputs: ${attempts} attempts, ${refusals} refused`);
});

Deno.test("forged reactions act for nobody", async (t) => {
  await using slack = await startFakeSlack();
  await configureQueues(slack);
  const ws = slack.workspace;

  await t.step(
    ":ticket: inputs naming someone who never reacted make no ticket",
    async () => {
      const said = ws.postAs(PEOPLE.requester, PEOPLE_INTAKE, "Printer's out");
      const run = (user: string, extra: Record<string, string> = {}) =>
        messageToTicket(functionContext("message_to_ticket", slack, {
          channel: PEOPLE_INTAKE,
          message_ts: said.ts,
          reaction: "ticket",
          user,
          ...extra,
        }));
      const before = ws.messages.length;
      for (const user of [PEOPLE.requester, PEOPLE.agent, PEOPLE.bystander]) {
        const result = await run(user, { author: PEOPLE.admin });
        assert.deepEqual(result.outputs, {});
      }
      assert.equal(ws.messages.length, before, "nothing posted, nobody told");
      assert.equal(
        ((await slack.datastores.dump()).tickets ?? []).length,
        0,
      );
      // A real reaction by the agent: the author, not `author`, requests.
      ws.react(PEOPLE_INTAKE, said.ts, "ticket", PEOPLE.agent);
      const made = await run(PEOPLE.agent, { author: PEOPLE.admin });
      const ticket = await storedTicket(slack, made.outputs!.ticket_id!);
      assert.equal(ticket.requester, PEOPLE.requester);
      assert.equal(ticket.reporter, PEOPLE.agent);
    },
  );

  await t.step("card reactions by nobody change nothing", async () => {
    await putSettings(clientFor(slack), defaultSettings());
    const ticket = await openTestTicket(slack);
    for (const reaction of ["eyes", "white_check_mark"]) {
      await cardReaction(functionContext("card_reaction", slack, {
        channel: TRIAGE,
        message_ts: ticket.card_ts!,
        reaction,
        user: PEOPLE.agent,
      }));
    }
    assert.deepEqual(await storedTicket(slack, ticket.id), ticket);
  });
});
