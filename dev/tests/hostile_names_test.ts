// Text written by admins is escaped like text written by requesters: every
// hostile string from dev/testing/hostile_text.ts as a queue name, a request
// type name, a question line, a role rule and a ticket emoji, followed to
// every place Helpdesk shows it. In mrkdwn (DMs, ephemerals, cards) it must
// be inert; in plain text (a form's field errors) it must read exactly as
// typed, with no markup of Slack's left in it.
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
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../testing/queue_fixtures.ts";
import { click, submitDenial } from "../testing/queue_actions.ts";
import { HOSTILE_TEXT, showsInert } from "../testing/hostile_text.ts";
import { putSettings } from "../../slack/storage/settings_store.ts";
import {
  getRequestType,
  settingsAndQueues,
} from "../../slack/storage/queue_store.ts";
import { openTicket } from "../../slack/operations/open_ticket.ts";
import configureHelpdesk from "../../functions/configure_helpdesk/handler.ts";
import configureQueue from "../../functions/configure_queue/handler.ts";
import configureRequestType from "../../functions/configure_request_type/handler.ts";
import postReport from "../../functions/post_report/handler.ts";
import { requestTypeId } from "../../helpdesk/request_types/request_type.ts";
import { POST_REPORT_CALLBACK_ID } from "../../functions/post_report/definition.ts";

/** Every id Helpdesk may mention on purpose in this workspace. */
const KNOWN = [
  ...Object.values(PEOPLE),
  ...Object.values(ROLE_PEOPLE),
  TRIAGE,
  PEOPLE_TRIAGE,
  "SAGENTS",
];

/** The mrkdwn texts of some blocks (plain_text ones are not parsed). */
function mrkdwnOf(blocks: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "mrkdwn" && typeof o.text === "string") texts.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return texts.join("\n");
}

/** A name no longer than `limit`, still holding as much of `text` as fits. */
function named(text: string, i: number, limit: number) {
  const tail = ` ${i}`;
  return [...text].slice(0, limit - tail.length).join("").trim() + tail;
}

Deno.test("hostile names × every surface that shows them", async (t) => {
  let checks = 0;
  const surfaces = new Set<string>();
  const inert = (surface: string, text: string | undefined, typed: string) => {
    assert.ok(text, `${surface}: nothing was said`);
    assert.ok(
      showsInert(text, typed, KNOWN),
      `${surface} for ${JSON.stringify(typed)}:\n${text}`,
    );
    surfaces.add(surface);
    checks++;
  };
  const plain = (surface: string, text: string | undefined, typed: string) => {
    assert.ok(text?.includes(typed), `${surface}: ${text}`);
    // Around what was typed, no escapes and no markup of Slack's.
    assert.doesNotMatch(
      text!.replaceAll(typed, ""),
      /&(amp|lt|gt);|<[@#!]/,
      `${surface}: ${text}`,
    );
    surfaces.add(surface);
    checks++;
  };

  for (const [i, hostile] of HOSTILE_TEXT.entries()) {
    await t.step(JSON.stringify(hostile), async () => {
      await using slack = await startFakeSlack();
      await configureQueues(slack);
      await putSettings(
        clientFor(slack),
        defaultSettings({ admins: [PEOPLE.admin] }),
      );
      const ws = slack.workspace;
      const queueName = named(hostile, i, 40);
      const typeName = named(hostile, i, 60);
      const lastDm = (user: string) => ws.dmsTo(user).at(-1)?.text;
      const saveQueue = (
        user: string,
        fields: { name: string } & Record<string, unknown>,
      ) =>
        configureQueue(functionContext("configure_queue", slack, {
          triage_channel: PEOPLE_TRIAGE,
          owner: ROLE_PEOPLE.owner,
          member_people: [ROLE_PEOPLE.member],
          superuser_people: [ROLE_PEOPLE.superuser],
          ...fields,
          interactivity: interactivityOf(user),
        }));
      const saveType = (
        user: string,
        fields: { name: string } & Record<string, unknown>,
      ) =>
        configureRequestType(functionContext("configure_request_type", slack, {
          queue_name: queueName,
          ...fields,
          interactivity: interactivityOf(user),
        }));

      // A queue with the hostile name: the "Saved" DM.
      const saved = await saveQueue(PEOPLE.admin, { name: queueName });
      assert.equal(saved.error, undefined, saved.error);
      inert("queue saved DM", lastDm(PEOPLE.admin), queueName);

      // The same letters again: refused, both names shown.
      await saveQueue(PEOPLE.admin, { name: `${queueName}!` });
      inert("name clash DM", lastDm(PEOPLE.admin), queueName);

      // Someone with no role in it: refused, naming the queue.
      await saveQueue(PEOPLE.bystander, { name: queueName });
      inert("queue editors refusal", lastDm(PEOPLE.bystander), queueName);

      // A name that is no queue: the list of queues.
      await saveType(PEOPLE.admin, {
        queue_name: `${hostile} nowhere`,
        name: "x",
      });
      inert("no queue called …", lastDm(PEOPLE.admin), `${hostile} nowhere`);
      inert("the queues are …", lastDm(PEOPLE.admin), queueName);

      // Renaming to it from another queue's point of view: a clash.
      await saveQueue(ROLE_PEOPLE.owner, {
        name: "People team",
        new_name: `${queueName}?`,
      });
      inert("rename clash DM", lastDm(ROLE_PEOPLE.owner), queueName);

      // A question line that does not parse, quoted in the refusal.
      const line = `${hostile}: number`;
      await saveType(PEOPLE.admin, { name: "Broken", fields: line });
      inert("question parse error", lastDm(PEOPLE.admin), line);

      // A role rule that does not parse, quoted whole.
      await saveQueue(PEOPLE.admin, { name: queueName, role_rules: hostile });
      inert("role rule problem", lastDm(PEOPLE.admin), hostile);

      // A request type with the hostile name, needing approval.
      const typeSaved = await saveType(ROLE_PEOPLE.owner, {
        name: typeName,
        description: hostile,
        fields: "Why: text",
        needs_approval: true,
      });
      assert.equal(typeSaved.error, undefined, typeSaved.error);
      inert("request type saved DM", lastDm(ROLE_PEOPLE.owner), typeName);
      inert(
        "request type saved DM (queue)",
        lastDm(ROLE_PEOPLE.owner),
        queueName,
      );

      // A request of that type: the approvers' DM names queue and type.
      const { queues } = await settingsAndQueues(clientFor(slack));
      const queue = queues.find((q) => q.name === queueName)!;
      const type = (await getRequestType(
        clientFor(slack),
        requestTypeId(queue.id, typeName),
      ))!;
      const { ticket } = await openTicket(
        clientFor(slack),
        {
          summary: hostile,
          description: hostile,
          priority: "normal",
          category: type.name,
          requester: PEOPLE.requester,
        },
        "form",
        Date.now(),
        { requestType: type, answers: [{ label: "Why", value: hostile }] },
      );
      const approval = ws.dmsTo(ROLE_PEOPLE.superuser).at(-1)!;
      inert("approval DM (queue)", mrkdwnOf(approval.blocks), queueName);
      inert("approval DM (type)", mrkdwnOf(approval.blocks), typeName);

      // Someone who may not approve: refused, naming the queue.
      await click(slack, ticket.id, "approve", PEOPLE.bystander);
      const refusedApproval = ws.ephemerals.filter((e) =>
        e.user === PEOPLE.bystander
      ).at(-1)?.text ?? lastDm(PEOPLE.bystander);
      inert("approve refusal", refusedApproval, queueName);

      // The same refusal in the Deny… form: a field error, plain text.
      const denied = await submitDenial(
        slack,
        ticket.id,
        PEOPLE.bystander,
        "no",
      );
      plain("deny form error", denied?.errors?.reason, queueName);

      // Approved: the card in the queue's triage channel names the type.
      await click(slack, ticket.id, "approve", ROLE_PEOPLE.superuser);
      const card = ws.messagesIn(PEOPLE_TRIAGE).find((m) =>
        JSON.stringify(m.blocks).includes(ticket.key)
      )!;
      inert("triage card (type)", mrkdwnOf(card.blocks), typeName);

      // The report for the queue's owner names the queues it covers.
      await postReport(functionContext(POST_REPORT_CALLBACK_ID, slack, {
        interactivity: interactivityOf(ROLE_PEOPLE.owner),
        channel: PEOPLE_TRIAGE,
      }));
      const report = ws.ephemerals.filter((e) => e.user === ROLE_PEOPLE.owner)
        .at(-1)?.text;
      inert("report title", report, queueName);

      // Removed: the DM names the type and the queue.
      await saveType(ROLE_PEOPLE.owner, { name: typeName, remove: true });
      inert("request type removed DM", lastDm(ROLE_PEOPLE.owner), typeName);

      // The ticket emoji, typed wrong.
      await configureHelpdesk(functionContext("configure_helpdesk", slack, {
        triage_channel: TRIAGE,
        agent_users: [PEOPLE.agent],
        intake_emoji: hostile,
        interactivity: interactivityOf(PEOPLE.admin),
      }));
      inert("ticket emoji problem", lastDm(PEOPLE.admin), hostile.trim());
    });
  }
  console.log(
    `hostile names: ${HOSTILE_TEXT.length} strings × ${surfaces.size} surfaces, ${checks} checks`,
  );
});
