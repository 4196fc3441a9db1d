import assert from "node:assert/strict";
import { setupNotice } from "./setup_notice.ts";
import { isInert } from "../../dev/testing/hostile_text.ts";

function agentsPart(text: string) {
  const match = text.match(/Agents: (.*)\. React :eyes:/);
  assert.ok(match, text);
  return match[1];
}

Deno.test("the notice lists the agents in words", async (t) => {
  const cases: Array<[string[], string | undefined, string]> = [
    [["U1"], undefined, "<@U1>"],
    [["U1", "U2"], undefined, "<@U1> and <@U2>"],
    [["U1", "U2", "U3"], undefined, "<@U1>, <@U2> and <@U3>"],
    [[], "S1", "members of <!subteam^S1>"],
    [["U1"], "S1", "<@U1> and members of <!subteam^S1>"],
  ];
  for (const [agentUsers, agentGroup, expected] of cases) {
    await t.step(expected, () => {
      const text = setupNotice({ agentUsers, agentGroup, admin: "UADMIN" });
      assert.equal(agentsPart(text), expected);
    });
  }
});

Deno.test("the notice says what the channel is for and who set it up", () => {
  assert.equal(
    setupNotice({ agentUsers: ["U1"], admin: "UADMIN" }),
    ":gear: Helpdesk now posts new tickets in this channel. Agents: <@U1>. " +
      "React :eyes: on a card to claim it and :white_check_mark: to resolve it. " +
      "(Set up by <@UADMIN>.)",
  );
});

Deno.test("forged user ids stay text", () => {
  const text = setupNotice({
    agentUsers: ["<!channel>", "U1"],
    admin: "<!everyone>",
  });
  assert.equal(agentsPart(text), "&lt;!channel&gt; and <@U1>");
  assert.ok(text.endsWith("(Set up by &lt;!everyone&gt;.)"), text);
  assert.ok(isInert(text.replace("<@U1>", "")), text);
});
