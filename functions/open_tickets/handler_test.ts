import assert from "node:assert/strict";
import { listTest } from "../../dev/testing/list_sources.ts";
import handler from "./handler.ts";
import { OPEN_TICKETS_CALLBACK_ID } from "./definition.ts";
import { clientFor, PEOPLE, TRIAGE } from "../../dev/testing/harness.ts";
import {
  configureQueues,
  PEOPLE_QUEUE,
  PEOPLE_TRIAGE,
  ROLE_PEOPLE,
} from "../../dev/testing/queue_fixtures.ts";
import { ModalSession } from "../../dev/testing/modal_session.ts";
import { buttonsOf, shownText } from "../../dev/testing/blocks_read.ts";
import { HOSTILE_TEXT, isInert } from "../../dev/testing/hostile_text.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import { putTickets } from "../../slack/storage/ticket_queries.ts";
import { putTicket } from "../../slack/storage/ticket_store.ts";
import { putQueue } from "../../slack/storage/queue_store.ts";
import type { FakeSlack } from "../../dev/testing/fake_slack/server.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";

const now = Math.floor(Date.now() / 1000);
let made = 0;

function ticket(extra: Partial<Ticket>): Ticket {
  const n = String(++made).padStart(5, "0");
  return sampleTicket({
    id: `01OPEN${n}`,
    key: `HD-O${n}`,
    summary: `Open ticket ${n}`,
    requester: PEOPLE.requester,
    status: "new",
    created_at: now - 5000 + made,
    updated_at: now - 5000 + made,
    card_channel: TRIAGE,
    card_ts: `1700000000.${n}0`,
    ...extra,
  });
}

function openTickets(slack: FakeSlack, user: string) {
  return ModalSession.start(slack, handler, OPEN_TICKETS_CALLBACK_ID, user);
}

const keysIn = (view: Record<string, unknown>) =>
  ((view.blocks ?? []) as Array<{ block_id?: string; text?: { text: string } }>)
    .filter((b) => b.block_id?.startsWith("ticket_"))
    .map((b) => /HD-O\d{5}/.exec(b.text!.text)![0]);

listTest(
  "Open tickets: the open tickets of the queues the person works",
  async (startSlack) => {
    await using slack = await startSlack();
    await configureQueues(slack);
    const helpdesk = [ticket({}), ticket({ status: "waiting_on_requester" })];
    const people = [
      ticket({ queue_id: PEOPLE_QUEUE.id, card_channel: PEOPLE_TRIAGE }),
      // Listed to its queue's agents, marked: no card until approved.
      ticket({
        queue_id: PEOPLE_QUEUE.id,
        approval: "pending",
        card_channel: undefined,
        card_ts: undefined,
        summary: "New hire laptop",
      }),
      ticket({
        queue_id: PEOPLE_QUEUE.id,
        card_channel: PEOPLE_TRIAGE,
        private: true,
        summary: "Private complaint",
      }),
    ];
    const hidden = [
      ticket({ status: "resolved" }),
      ticket({ status: "closed" }),
    ];
    await putTickets(clientFor(slack), [...helpdesk, ...people, ...hidden]);
    const expect: Array<[string, Ticket[]]> = [
      [PEOPLE.agent, [...helpdesk, ...people]], // works both queues
      [PEOPLE.otherAgent, helpdesk], // Helpdesk's agents only
      [ROLE_PEOPLE.owner, people], // owns People team
      [ROLE_PEOPLE.channelMember, people], // a member through a channel
    ];
    for (const [person, tickets] of expect) {
      const session = await openTickets(slack, person);
      assert.deepEqual(session.started, { completed: false });
      assert.deepEqual(
        keysIn(session.view).sort(),
        tickets.map((t) => t.key).sort(),
        person,
      );
      await session.close();
    }
    const agent = await openTickets(slack, PEOPLE.agent);
    const text = shownText(agent.view);
    assert.match(text, /5 open tickets in \*Helpdesk\*, \*People team\*/);
    assert.match(
      text,
      /New hire laptop[^"]*:hourglass_flowing_sand: Waiting for approval/,
    );
    assert.match(text, /:lock: Private complaint/);
    assert.match(text, /SLA paused/);
    // The key links to the card.
    assert.match(
      text,
      /<https:\/\/helpdesk-test\.slack\.com\/archives\/CTRIAGE\/p\d+\|HD-O/,
    );

    const bystander = await openTickets(slack, PEOPLE.bystander);
    assert.match(shownText(bystander.view), /you are not an agent of any/);
    assert.deepEqual(keysIn(bystander.view), []);
    assert.deepEqual(buttonsOf(bystander.view), []);
    // A forged page click shows them nothing more.
    await bystander.clickWith({
      action_id: "open_tickets_page_next",
      value: "1",
    });
    assert.deepEqual(keysIn(bystander.view), []);
  },
);

listTest(
  "Open tickets: by status, by next SLA deadline, unassigned first",
  async (startSlack) => {
    await using slack = await startSlack();
    await configureQueues(slack);
    const a = ticket({
      status: "in_progress",
      assignee: PEOPLE.agent,
      first_response_at: now - 10,
      resolution_due_at: now + 100,
    });
    const b = ticket({ status: "new", response_due_at: now + 300 });
    const c = ticket({
      status: "waiting_on_requester",
      assignee: PEOPLE.agent,
    });
    const d = ticket({ status: "in_progress", resolution_due_at: now - 50 });
    await putTickets(clientFor(slack), [a, b, c, d]);
    const session = await openTickets(slack, PEOPLE.otherAgent);
    const order = () => keysIn(session.view).join(" ");
    assert.equal(order(), [b, d, a, c].map((t) => t.key).join(" "));
    await session.click("open_tickets_order", "deadline");
    assert.equal(order(), [d, a, b, c].map((t) => t.key).join(" "));
    await session.click("open_tickets_order", "unassigned");
    assert.equal(order(), [d, b, a, c].map((t) => t.key).join(" "));
    assert.match(
      shownText(session.view),
      /:rotating_light: resolution overdue since/,
    );
    assert.match(shownText(session.view), /first response due <!date\^/);
    // A forged order is ignored: the list keeps the one it had.
    await session.clickWith({
      action_id: "open_tickets_order",
      type: "static_select",
      selected_option: { value: "by_salary" },
    });
    assert.equal(order(), [d, b, a, c].map((t) => t.key).join(" "));
  },
);

listTest(
  "Open tickets: 120 tickets page past one modal's worth",
  async (startSlack) => {
    await using slack = await startSlack();
    await configureQueues(slack);
    const all = Array.from({ length: 120 }, (_, i) =>
      ticket({
        status: i % 3 ? "new" : "in_progress",
        resolution_due_at: now + 1000 - i,
      }));
    await putTickets(clientFor(slack), all);
    const session = await openTickets(slack, PEOPLE.otherAgent);
    await session.click("open_tickets_order", "deadline");
    const seen: string[] = [];
    const sizes: number[] = [];
    for (;;) {
      const blocks = session.view.blocks as unknown[];
      // The fake refuses a view over Slack's 100 blocks; this says by how much.
      assert.ok(blocks.length <= 100, `${blocks.length} blocks`);
      sizes.push(keysIn(session.view).length);
      seen.push(...keysIn(session.view));
      if (!buttonsOf(session.view).includes("open_tickets_page_next")) break;
      await session.click("open_tickets_page_next");
    }
    assert.deepEqual(sizes, [45, 45, 30]);
    assert.equal(new Set(seen).size, 120);
    // The order held across pages: the nearest deadline first, all the way.
    assert.deepEqual(seen, [...all].reverse().map((t) => t.key));
    assert.match(shownText(session.view), /120 open tickets .* page 3 of 3/);
    await session.click("open_tickets_page_previous");
    assert.match(shownText(session.view), /page 2 of 3/);
  },
);

listTest(
  "Open tickets: queue names and summaries are text, whoever typed them",
  async (startSlack) => {
    await using slack = await startSlack();
    await configureQueues(slack);
    const client = clientFor(slack);
    const hostileQueue = {
      ...PEOPLE_QUEUE,
      id: "hostile",
      name: "<!channel> & <@U123|boss>",
      members: [PEOPLE.agent],
    };
    await putQueue(client, hostileQueue);
    await putTickets(
      client,
      HOSTILE_TEXT.map((summary) => ticket({ summary, queue_id: "hostile" })),
    );
    const session = await openTickets(slack, PEOPLE.agent);
    const texts = ((session.view.blocks ?? []) as Array<
      {
        type: string;
        text?: { text: string };
        elements?: Array<{ text?: string }>;
      }
    >).flatMap((b) =>
      b.type === "section"
        ? [b.text!.text]
        : b.type === "context"
        ? b.elements!.map((e) => e.text ?? "")
        : []
    );
    for (const text of texts) {
      // Only our own links, mentions and dates remain as <…>.
      const stripped = text.replace(
        /<(https:\/\/helpdesk-test\.slack\.com\/[^|>]+\|HD-O\d+|@U[A-Z0-9]+|!date\^[^>]+)>/g,
        "",
      );
      assert.ok(isInert(stripped.replace(/[*_:]/g, "")), text);
    }
    assert.match(texts[0], /\*&lt;!channel&gt; &amp; &lt;@U123\|boss&gt;\*/);
  },
);

listTest(
  "Open tickets: Next page skips no ticket when one before it closed meanwhile",
  async (startSlack) => {
    await using slack = await startSlack();
    await configureQueues(slack);
    const client = clientFor(slack);
    const all = Array.from({ length: 50 }, () => ticket({}));
    await putTickets(client, all);
    const session = await openTickets(slack, PEOPLE.otherAgent);
    const first = keysIn(session.view);
    assert.equal(first.length, 45);
    // While the person reads page 1, two of its tickets close.
    const closing = all.filter((t) => [first[3], first[10]].includes(t.key));
    await putTickets(
      client,
      closing.map((t) => ({ ...t, status: "closed", closed_at: now })),
    );
    await session.click("open_tickets_page_next");
    const second = keysIn(session.view);
    const seen = new Set([...first, ...second]);
    for (const t of all) {
      if (closing.includes(t)) continue;
      assert.ok(seen.has(t.key), `${t.key} was never shown`);
    }
    // Nothing shown twice either, and the pages still count right.
    assert.equal(first.length + second.length, 50);
    assert.match(shownText(session.view), /48 open tickets .* page 2 of 2/);
    // Back: page 1 as it is now, from the top.
    await session.click("open_tickets_page_previous");
    assert.deepEqual(
      keysIn(session.view).slice(0, 43),
      first.filter((k) => !closing.some((t) => t.key === k)),
    );
    assert.match(shownText(session.view), /page 1 of 2/);
  },
);

listTest(
  "Open tickets: a ticket closed or moved away while its entry lags is neither shown nor counted",
  async (startSlack) => {
    await using slack = await startSlack();
    await configureQueues(slack);
    const client = clientFor(slack);
    const secret = ticket({ private: true, summary: "Secret complaint" });
    const all = [ticket({}), ticket({}), ticket({}), secret];
    await putTickets(client, all);
    // One closed, the private one moved to a queue the person doesn't
    // work, and each index write refused both times it is tried: the
    // entries still say open, in Helpdesk (the walk puts them right later).
    slack.fail({
      method: "apps.datastore.update",
      when: (args) => args.datastore === "ticket_work",
      error: "internal_error",
      times: 4,
    });
    await putTicket(client, { ...all[1], status: "closed", closed_at: now });
    await putTicket(client, { ...secret, queue_id: PEOPLE_QUEUE.id });
    const session = await openTickets(slack, PEOPLE.otherAgent);
    assert.deepEqual(keysIn(session.view), [all[0].key, all[2].key]);
    assert.match(shownText(session.view), /"2 open tickets in /);
    assert.doesNotMatch(shownText(session.view), /Secret/);
  },
);
