import assert from "node:assert/strict";
import { startFakeJsm } from "../../dev/testing/fake_jsm/server.ts";
import { JsmClient } from "./jsm_client.ts";
import { createRequest } from "./customer_requests.ts";
import { mayHaveLanded } from "./jsm_errors.ts";
import { addComment, requestComments } from "./request_comments.ts";

const COMMENT = /^\/rest\/servicedeskapi\/request\/[^/]+\/comment$/;

Deno.test("a request's comments, posted and listed", async (t) => {
  await using jsm = await startFakeJsm();
  const client = new JsmClient(jsm.apiTokenConfig(), {
    sleep: () => Promise.resolve(),
  });
  const { issueKey } = await createRequest(client, {
    helpdeskKey: "HD-7K3QX2",
    summary: "Printer",
    description: "It jams.",
  });

  await t.step(
    "a post whose answer is lost may have landed: it did",
    async () => {
      const { id } = await addComment(client, issueKey, "first", true);
      jsm.fail(COMMENT, { status: 500, method: "POST", afterEffect: true });
      const error = await addComment(client, issueKey, "second", false)
        .then(() => undefined, (e) => e);
      assert.ok(error, "the lost answer is a failure");
      assert.equal(mayHaveLanded(error), true);
      // Not resent: a second post would show the requester it twice.
      assert.equal(jsm.callsTo("POST", COMMENT).length, 2);
      const listed = await requestComments(client, issueKey);
      assert.deepEqual(
        listed.map((c) => [c.body, c.public]),
        [["first", true], ["second", false]],
      );
      assert.equal(listed[0].id, id);
    },
  );

  await t.step("every page is read, not only the first", async () => {
    for (let i = 0; i < 130; i++) {
      await addComment(client, issueKey, `c${i}`, true);
    }
    const listed = await requestComments(client, issueKey);
    assert.equal(listed.length, 132);
    assert.equal(listed.at(-1)?.body, "c129");
    const pages = jsm.callsTo("GET", COMMENT).slice(-2);
    assert.deepEqual(pages.map((c) => c.query.get("start")), ["0", "100"]);
  });
});
