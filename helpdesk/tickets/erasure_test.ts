import assert from "node:assert/strict";
import { ERASED_MESSAGE, erasedFields } from "./erasure.ts";
import { encodeEntry } from "./ticket_history.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";

const reply = (by: string, at: number) =>
  encodeEntry({ at, by, kind: "reply" });

Deno.test("erasing a person from a ticket's last reply", async (t) => {
  await t.step("the newest reply is theirs: the answer is replaced", () => {
    const ticket = sampleTicket({
      last_reply: "Restart the spooler, Riley",
      writers: ["UAVERY", "USAM"],
      history: [reply("USAM", 1), reply("UAVERY", 2)],
    });
    assert.equal(erasedFields(ticket, "UAVERY").last_reply, ERASED_MESSAGE);
  });

  await t.step("someone else's newer reply stays", () => {
    const ticket = sampleTicket({
      last_reply: "Sam's answer",
      writers: ["UAVERY", "USAM"],
      history: [reply("UAVERY", 1), reply("USAM", 2)],
    });
    assert.equal(erasedFields(ticket, "UAVERY").last_reply, undefined);
  });

  await t.step(
    "no reply entry kept: theirs if they wrote in it, else it stays",
    () => {
      const ticket = sampleTicket({
        last_reply: "An old answer",
        writers: ["UAVERY"],
        history: [],
      });
      assert.equal(erasedFields(ticket, "UAVERY").last_reply, ERASED_MESSAGE);
      assert.equal(erasedFields(ticket, "UPAT").last_reply, undefined);
    },
  );

  await t.step("an answer already replaced is left as it is", () => {
    const ticket = sampleTicket({
      last_reply: ERASED_MESSAGE,
      history: [reply("UAVERY", 1)],
    });
    assert.equal("last_reply" in erasedFields(ticket, "UAVERY"), false);
  });
});
