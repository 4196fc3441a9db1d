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
  PEOPLE_QUEUE,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../testing/queue_fixtures.ts";

const PEOPLE_QUEUE_ID = PEOPLE_QUEUE.id;
import { click, submitDenial } from "../testing/queue_actions.ts";
import { HOSTILE_TEXT, showsInert } from "../testing/hostile_text.ts";
import { putSettings } from "../../slack/storage/settings_store.ts";
import {
  getRequestType,
  settingsAndQueues,
} from "../../slack/storage/queue_store.ts";
import { openTicket } from "../../use_cases/opening/open_ticket.ts";
import {
  choose,
  initialAnswers,
  openSettings,
  type Outcome,
  saveSettings,
  submitSettings,
  type View,
} from "../testing/settings_forms.ts";
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
      const errorsOf = (outcome: Outcome) => outcome.done ? {} : outcome.errors;
      const saveQueue = (
        user: string,
        choice: string,
        fields: Record<string, unknown>,
      ) =>
        saveSettings(slack, "queue", user, {
          ...(choice === choose.newQueue
            ? {
              triage_channel: PEOPLE_TRIAGE,
              owner: ROLE_PEOPLE.owner,
              member_people: [ROLE_PEOPLE.member],
              superuser_people: [ROLE_PEOPLE.superuser],
            }
            : {}),
          ...fields,
        }, choice);

      // A queue with the hostile name: the "Saved" DM.
      const saved = await saveQueue(PEOPLE.admin, choose.newQueue, {
        name: queueName,
      });
      assert.equal(saved.done, true, JSON.stringify(saved));
      inert("queue saved DM", lastDm(PEOPLE.admin), queueName);
      const { queues: all } = await settingsAndQueues(clientFor(slack));
      const hostileQueue = all.find((q) => q.name === queueName)!;

      // Offered by name in the queue picker, and shown back in its form.
      const picker = await openSettings(slack, "queue", PEOPLE.admin);
      assert.ok(picker.opened);
      const offered = (picker.view.blocks[0].element as {
        options: { value: string; text: { text: string } }[];
      }).options.find((o) => o.value === hostileQueue.id)!.text.text;
      plain("queue picker option", offered, queueName);
      const form = await submitSettings(
        slack,
        "queue",
        PEOPLE.admin,
        picker.view,
        {
          queue: hostileQueue.id,
        },
      );
      plain(
        "queue form, opened on its name",
        String(initialAnswers((form as { view: View }).view).name),
        queueName,
      );

      // The same letters again: refused under the name, both shown.
      const clash = await saveQueue(PEOPLE.admin, choose.newQueue, {
        name: `${queueName}!`,
      });
      plain("name clash error", errorsOf(clash).name, queueName);

      // Someone with no role in it choosing it anyway: refused by DM,
      // naming the queue.
      const forged = await submitSettings(
        slack,
        "queue",
        ROLE_PEOPLE.admin,
        picker.view,
        { queue: hostileQueue.id },
      );
      assert.equal(forged.kind, "errors");
      inert("queue editors refusal", lastDm(ROLE_PEOPLE.admin), queueName);

      // Renaming another queue to it: a clash, under the name.
      const rename = await saveQueue(ROLE_PEOPLE.admin, PEOPLE_QUEUE_ID, {
        name: `${queueName}?`,
      });
      plain("rename clash error", errorsOf(rename).name, queueName);

      // A question line that does not parse, quoted under the questions.
      const line = `${hostile}: number`;
      const broken = await saveSettings(slack, "request_type", PEOPLE.admin, {
        name: "Broken",
        fields: line,
      }, choose.newTypeIn(hostileQueue.id));
      plain("question parse error", errorsOf(broken).fields, line);

      // A role rule that does not parse, quoted whole under the rules.
      const rule = await saveQueue(PEOPLE.admin, hostileQueue.id, {
        role_rules: hostile,
      });
      plain("role rule problem", errorsOf(rule).role_rules, hostile.trim());

      // A request type with the hostile name, needing approval.
      const typeSaved = await saveSettings(
        slack,
        "request_type",
        ROLE_PEOPLE.owner,
        {
          name: typeName,
          description: hostile,
          fields: "Why: text",
          needs_approval: true,
        },
        choose.newTypeIn(hostileQueue.id),
      );
      assert.equal(typeSaved.done, true, JSON.stringify(typeSaved));
      inert("request type saved DM", lastDm(ROLE_PEOPLE.owner), typeName);
      inert(
        "request type saved DM (queue)",
        lastDm(ROLE_PEOPLE.owner),
        queueName,
      );
      // Offered by name under its queue in the request type picker.
      const typePicker = await openSettings(
        slack,
        "request_type",
        ROLE_PEOPLE.owner,
      );
      assert.ok(typePicker.opened);
      const group = (typePicker.view.blocks[0].element as {
        option_groups: {
          label: { text: string };
          options: { text: { text: string } }[];
        }[];
      }).option_groups.find((g) => g.label.text === queueName)!;
      plain("request type picker (queue)", group.label.text, queueName);
      plain(
        "request type picker (type)",
        group.options.find((o) => o.text.text === typeName)?.text.text,
        typeName,
      );

      // A request of that type: the approvers' DM names queue and type.
      const type = (await getRequestType(
        clientFor(slack),
        requestTypeId(hostileQueue.id, typeName),
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
      await saveSettings(slack, "request_type", ROLE_PEOPLE.owner, {
        remove: true,
      }, type.id);
      inert("request type removed DM", lastDm(ROLE_PEOPLE.owner), typeName);

      // The ticket emoji, typed wrong: under its field, as typed.
      const emoji = await saveSettings(slack, "helpdesk", PEOPLE.admin, {
        intake_emoji: hostile,
      });
      plain("ticket emoji problem", errorsOf(emoji).intake_emoji, hostile);
    });
  }
  console.log(
    `hostile names: ${HOSTILE_TEXT.length} strings × ${surfaces.size} surfaces, ${checks} checks`,
  );
});
