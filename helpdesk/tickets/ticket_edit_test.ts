import assert from "node:assert/strict";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import {
  alreadyApplied,
  applyEdit,
  fingerprint,
  seenFields,
  type TicketEdit,
  validateEdit,
} from "./ticket_edit.ts";
import type { Ticket } from "./model.ts";

const NOW = 1_800_000_000;
const AGENT = { userId: "UAGENT", isAgent: true };
const REQUESTER = { userId: "UREQ", isAgent: false };

const ticket = (extra: Partial<Ticket> = {}) =>
  sampleTicket({
    status: "in_progress",
    requester: "UREQ",
    summary: "Printer jams",
    description: "Every second page.",
    category: "Hardware",
    sla_notices: ["first_response_warning"],
    ...extra,
  });

const fieldsOf = (t: Ticket): TicketEdit => ({
  summary: t.summary,
  description: t.description,
  priority: t.priority,
  category: t.category,
});

Deno.test("the edit form is checked like a new ticket, field by field", () => {
  assert.deepEqual(
    validateEdit({
      summary: "  Printer\n  jams  ",
      description: "  text  ",
      priority: "HIGH",
      category: " ",
    }),
    {
      ok: true,
      value: {
        summary: "Printer jams",
        description: "text",
        priority: "high",
        category: "General",
      },
    },
  );
  const bad = validateEdit({
    summary: "",
    description: "x".repeat(2_801),
    priority: "whenever",
    category: "c".repeat(51),
  });
  assert.deepEqual(bad, {
    ok: false,
    problems: {
      summary: "The summary is empty: say in a few words what is needed.",
      description: "The description is 2,801 characters; the limit is 2,800.",
      category: "The category is 51 characters; the limit is 50.",
      priority: "Choose a priority: low, normal, high, urgent.",
    },
  });
  assert.equal(
    (validateEdit({ summary: "s".repeat(151), priority: "low" }) as {
      problems: { summary: string };
    }).problems.summary,
    "The summary is 151 characters; the limit is 150.",
  );
});

Deno.test("an edit changes what the agent changed, on top of the stored ticket", () => {
  const before = ticket();
  const seen = seenFields(before);
  const outcome = applyEdit(
    before,
    {
      ...fieldsOf(before),
      summary: "Printer on 3rd floor jams",
      priority: "urgent",
    },
    seen,
    AGENT,
    NOW,
  );
  if (!outcome.ok) throw new Error(outcome.reason);
  assert.equal(outcome.ticket.summary, "Printer on 3rd floor jams");
  assert.equal(outcome.ticket.priority, "urgent");
  assert.equal(outcome.ticket.updated_at, NOW);
  assert.deepEqual(outcome.changes, [
    { field: "summary", from: "Printer jams", to: "Printer on 3rd floor jams" },
    { field: "priority", from: "normal", to: "urgent" },
  ]);
  // New targets warn afresh.
  assert.equal(outcome.ticket.sla_notices, undefined);

  // Someone else changed the description meanwhile: it stays theirs.
  const meanwhile = { ...before, description: "Every page now." };
  const merged = applyEdit(
    meanwhile,
    { ...fieldsOf(before), summary: "Printer jams badly" },
    seen,
    AGENT,
    NOW,
  );
  if (!merged.ok) throw new Error(merged.reason);
  assert.equal(merged.ticket.description, "Every page now.");
  assert.equal(merged.ticket.summary, "Printer jams badly");
  assert.deepEqual(merged.ticket.sla_notices, ["first_response_warning"]);
});

Deno.test("a field both changed is refused, and nothing is saved", () => {
  const before = ticket();
  const seen = seenFields(before);
  const meanwhile = { ...before, summary: "Someone else's summary" };
  const outcome = applyEdit(
    meanwhile,
    { ...fieldsOf(before), summary: "Mine", category: "Network" },
    seen,
    AGENT,
    NOW,
  );
  assert.deepEqual(outcome, {
    ok: false,
    reason:
      "The summary of HD-ABC123 changed while you were editing. Nothing changed: close this form and edit it again to see what is there now.",
  });
});

Deno.test("who may edit, and when", () => {
  const open = ticket();
  const seen = seenFields(open);
  const edit = { ...fieldsOf(open), summary: "New words" };
  const refusal = (t: Ticket, actor = AGENT) => {
    const outcome = applyEdit(t, edit, seen, actor, NOW);
    assert.equal(outcome.ok, false);
    return (outcome as { reason: string }).reason;
  };
  assert.match(refusal(open, REQUESTER), /^Only Helpdesk agents can edit/);
  assert.match(
    refusal(open, { userId: "UBY", isAgent: false }),
    /^Only Helpdesk agents can edit/,
  );
  assert.match(refusal(ticket({ status: "closed" })), /stays as it was/);
  assert.match(
    refusal(ticket({ approval: "pending", status: "new" })),
    /waiting for approval/,
  );
  assert.match(
    (applyEdit(open, fieldsOf(open), seen, AGENT, NOW) as { reason: string })
      .reason,
    /^Nothing to save/,
  );
  assert.ok(
    applyEdit(ticket({ status: "resolved" }), edit, seen, AGENT, NOW).ok,
  );
});

Deno.test("fingerprints tell texts apart and fit in a modal's metadata", () => {
  assert.equal(fingerprint("abc"), fingerprint("abc"));
  assert.notEqual(fingerprint("abc"), fingerprint("abd"));
  assert.notEqual(fingerprint(""), fingerprint(" "));
  assert.match(fingerprint("x".repeat(2_800)), /^[0-9a-f]{8}$/);
  const seen = seenFields(ticket({ description: "é".repeat(2_800) }));
  assert.ok(JSON.stringify(seen).length < 200);
});

Deno.test("an edit sent again after it was saved counts as done", () => {
  const shown = ticket();
  const seen = seenFields(shown);
  const edit = { ...fieldsOf(shown), summary: "New words" };
  assert.equal(alreadyApplied(shown, edit, seen), false);
  assert.equal(
    alreadyApplied({ ...shown, summary: "New words" }, edit, seen),
    true,
  );
  // Nothing typed differs from what was shown: not an edit at all.
  assert.equal(alreadyApplied(shown, fieldsOf(shown), seen), false);
});
