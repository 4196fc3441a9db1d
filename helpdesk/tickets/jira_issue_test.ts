import assert from "node:assert/strict";
import { jiraIssueRef } from "./jira_issue.ts";

Deno.test("jiraIssueRef reads the key from the connector's link or id", () => {
  assert.deepEqual(
    jiraIssueRef("https://acme.atlassian.net/browse/OPS-42", "10042"),
    {
      ok: true,
      key: "OPS-42",
      url: "https://acme.atlassian.net/browse/OPS-42",
    },
  );
  assert.deepEqual(jiraIssueRef(undefined, "OPS-7"), {
    ok: true,
    key: "OPS-7",
    url: undefined,
  });
  assert.deepEqual(jiraIssueRef(undefined, "10042"), {
    ok: true,
    key: "10042",
    url: undefined,
  });
  // A link that would break out of mrkdwn is not used as a link.
  assert.deepEqual(
    jiraIssueRef("https://x/browse/OPS-1|<!channel>", "OPS-1"),
    { ok: true, key: "OPS-1", url: undefined },
  );
  assert.deepEqual(jiraIssueRef("javascript:alert(1)", "<!here>"), {
    ok: false,
    problem:
      'The Jira connector returned no issue key Helpdesk can read (link "javascript:alert(1)", id "<!here>").',
  });
});
