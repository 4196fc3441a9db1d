import assert from "node:assert/strict";
import { isStrayCard } from "./stray_cards.ts";

Deno.test("a stray card is one its recorded ticket does not know", async (t) => {
  const card = { channel: "C1", ts: "100.000001" };
  const recorded = { card_channel: "C1", card_ts: "200.000002" };
  await t.step("another card recorded: stray", () => {
    assert.equal(isStrayCard(recorded, card), true);
  });
  await t.step("its own card, or one it left when it moved: not", () => {
    assert.equal(
      isStrayCard({ card_channel: "C1", card_ts: card.ts }, card),
      false,
    );
    assert.equal(
      isStrayCard({ card_channel: "C1", card_ts: "100.000001x" }, card),
      true,
    );
    assert.equal(
      isStrayCard({ ...recorded, previous_cards: ["C1:100.000001"] }, card),
      false,
    );
    // The same ts in another channel is another message.
    assert.equal(
      isStrayCard({ card_channel: "C2", card_ts: card.ts }, card),
      true,
    );
  });
  await t.step("no card recorded, or still being opened: can't tell", () => {
    assert.equal(isStrayCard({}, card), false);
    assert.equal(isStrayCard({ card_channel: "C1" }, card), false);
    assert.equal(
      isStrayCard({ ...recorded, setup_pending: true }, card),
      false,
    );
  });
});
