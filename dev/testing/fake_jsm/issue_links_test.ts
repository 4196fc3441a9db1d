import assert from "node:assert/strict";
import { startFakeJsm } from "./server.ts";

Deno.test("the fake JSM links issues as Jira does, and refuses as Jira does", async (t) => {
  await using jsm = await startFakeJsm();
  const auth = `Basic ${btoa(`${jsm.options.email}:${jsm.options.apiToken}`)}`;
  const call = async (path: string, body: unknown) => {
    const r = await fetch(`${jsm.baseUrl}${path}`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, text };
  };
  for (const summary of ["Printer", "Printer again"]) {
    const made = await call("/rest/servicedeskapi/request", {
      serviceDeskId: "1",
      requestTypeId: "10",
      requestFieldValues: { summary, description: "d" },
    });
    assert.equal(made.status, 201);
  }
  const link = (type: string, inward: string, outward: string) =>
    call("/rest/api/3/issueLink", {
      type: { name: type },
      inwardIssue: { key: inward },
      outwardIssue: { key: outward },
    });

  await t.step(
    "201 with no body; the same link again makes no second",
    async () => {
      for (let i = 0; i < 2; i++) {
        const r = await link("Duplicate", "IT-1", "IT-2");
        assert.equal(r.status, 201);
        assert.equal(r.text, "");
      }
      assert.deepEqual(
        jsm.desk.issueLinks.of("IT-2").map(({ id: _, ...link }) => link),
        [{ type: "Duplicate", inward: "IT-1", outward: "IT-2" }],
      );
    },
  );
  await t.step(
    "an unknown link type or issue is a 404 error collection",
    async () => {
      const type = await link("Duplicates", "IT-1", "IT-2");
      assert.equal(type.status, 404);
      assert.deepEqual(JSON.parse(type.text), {
        errorMessages: ["No issue link type with name 'Duplicates' found."],
        errors: {},
      });
      const issue = await link("Duplicate", "IT-1", "IT-99");
      assert.equal(issue.status, 404);
      assert.match(issue.text, /Issue does not exist/);
    },
  );
  await t.step("a request without both issues is a 400", async () => {
    const r = await call("/rest/api/3/issueLink", {
      type: { name: "Duplicate" },
    });
    assert.equal(r.status, 400);
    assert.equal(jsm.desk.issueLinks.links.length, 1);
  });
  await t.step(
    "an issue's links name the other issue; DELETE removes one",
    async () => {
      const read = await fetch(
        `${jsm.baseUrl}/rest/api/3/issue/IT-2?fields=issuelinks`,
        { headers: { authorization: auth } },
      );
      const issue = await read.json();
      const [link] = issue.fields.issuelinks;
      assert.equal(link.type.name, "Duplicate");
      assert.equal(link.outwardIssue.key, "IT-1");
      const remove = () =>
        fetch(`${jsm.baseUrl}/rest/api/3/issueLink/${link.id}`, {
          method: "DELETE",
          headers: { authorization: auth },
        });
      const gone = await remove();
      await gone.body?.cancel();
      assert.equal(gone.status, 204);
      assert.deepEqual(jsm.desk.issueLinks.links, []);
      const again = await remove();
      assert.equal(again.status, 404);
      assert.match(await again.text(), /No issue link with id/);
    },
  );
});
