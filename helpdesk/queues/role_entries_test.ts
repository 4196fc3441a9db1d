import assert from "node:assert/strict";
import {
  entriesFromText,
  expandEntries,
  expandRole,
  type QueueRoles,
  roleProblems,
} from "./role_entries.ts";

const roles: QueueRoles = {
  owner: "UOWNER",
  members: ["UAGENT", "SGROUP", "CAGENTS", "${admins}"],
  admins: ["UADMIN", "${owner}"],
  superusers: ["${admins}", "USUPER"],
};

Deno.test("macros expand to the roles they name, when used", () => {
  const superusers = expandRole("superusers", roles);
  assert.deepEqual([...superusers.users].sort(), [
    "UADMIN",
    "UOWNER",
    "USUPER",
  ]);
  const members = expandRole("members", roles);
  assert.deepEqual([...members.users].sort(), ["UADMIN", "UAGENT", "UOWNER"]);
  assert.deepEqual([...members.usergroups], ["SGROUP"]);
  assert.deepEqual([...members.channels], ["CAGENTS"]);
  // ${initiator} is the ticket's requester, and nobody without a ticket.
  assert.deepEqual([...expandEntries(["${initiator}"], roles, "UREQ").users], [
    "UREQ",
  ]);
  assert.equal(expandEntries(["${initiator}"], roles).users.size, 0);
});

Deno.test("an unknown or circular macro is a clear error", () => {
  assert.throws(
    () => expandEntries(["${bosses}"], roles),
    /\$\{bosses\} is not a role\. Use \$\{owner\}, \$\{members\}/,
  );
  const circular: QueueRoles = {
    members: ["${admins}"],
    admins: ["${superusers}"],
    superusers: ["${admins}"],
  };
  assert.throws(
    () => expandRole("members", circular),
    /in a circle: \$\{admins\} → \$\{superusers\} → \$\{admins\}/,
  );
  assert.deepEqual(roleProblems(circular), [
    "In members: The roles refer to each other in a circle: ${admins} → ${superusers} → ${admins}.",
    "In admins: The roles refer to each other in a circle: ${admins} → ${superusers} → ${admins}.",
    "In superusers: The roles refer to each other in a circle: ${superusers} → ${admins} → ${superusers}.",
  ]);
  assert.deepEqual(roleProblems({ ...roles, admins: ["${self}"] }).length, 3);
  assert.deepEqual(roleProblems(roles), []);
});

Deno.test("entries from typed text: mentions, IDs and macros", () => {
  assert.deepEqual(
    entriesFromText(
      "${owner}, <@U123|sam> <!subteam^S99|@it>\n<#C42|help> W77 U123",
    ),
    { entries: ["${owner}", "U123", "S99", "C42", "W77"], problems: [] },
  );
  const bad = entriesFromText("@sam, ${admins}");
  assert.deepEqual(bad.entries, ["${admins}"]);
  assert.match(
    bad.problems[0],
    /“@sam” is not a person, user group, channel or macro/,
  );
});
