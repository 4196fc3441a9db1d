import assert from "node:assert/strict";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import { ticketCardBlocks, ticketCardText } from "./ticket_card.ts";
import {
  type CardBlock,
  cardWords,
  unsavedCardText,
  unsavedRequestDm,
} from "./unsaved_card.ts";

/** A card as opening posts it, read back as Slack returns it. */
const card = (extra: Parameters<typeof sampleTicket>[0] = {}) => {
  const ticket = sampleTicket({ requester: "UREQUESTER", ...extra });
  return {
    ticket,
    message: JSON.parse(JSON.stringify({
      text: ticketCardText(ticket),
      blocks: ticketCardBlocks(ticket, {}, ticket.created_at),
    })) as { text: string; blocks: CardBlock[] },
  };
};

Deno.test("what a card of a ticket never saved said is read back whole", async (t) => {
  await t.step("its key, summary, description and requester", () => {
    const { ticket, message } = card({
      summary: "VPN <drops> & reconnects",
      description: "Since Monday.\nEvery hour & more.",
      answers: [{ label: "Laptop", value: "ThinkPad" }],
    });
    assert.deepEqual(cardWords(message), {
      key: ticket.key,
      summary: ticket.summary,
      description: "Since Monday.\nEvery hour &amp; more.",
      requester: "UREQUESTER",
    });
  });

  await t.step(
    "without a description, the answers are not taken for one",
    () => {
      const { message } = card({
        description: "",
        answers: [{ label: "Laptop", value: "ThinkPad" }],
      });
      assert.equal(cardWords(message).description, undefined);
    },
  );

  await t.step("a private request's card names nobody and says nothing", () => {
    const words = cardWords(card({ private: true }).message);
    assert.equal(words.requester, undefined);
    assert.equal(words.summary, undefined);
    assert.equal(words.description, undefined);
  });
});

Deno.test("the DM gives the words back; the card says whom it told", () => {
  const dm = unsavedRequestDm({
    summary: "VPN <drops>",
    description: "Line one\nLine &amp; two",
  });
  assert.match(dm, /Your request “VPN &lt;drops&gt;” was not saved/);
  assert.match(dm, /\n>\*VPN &lt;drops&gt;\*\n>Line one\n>Line &amp; two$/);
  assert.match(
    unsavedCardText("HD-1", "U1", "told"),
    /^:warning: HD-1 was never saved.*<@U1> was told by DM/,
  );
  assert.match(
    unsavedCardText("HD-1", "U1", "unreachable"),
    /could not reach <@U1> by DM/,
  );
  assert.doesNotMatch(unsavedCardText(undefined, "U1", "untold"), /<@U1>/);
});
