import assert from "node:assert/strict";
import {
  isPurgeable,
  namesPerson,
  peopleOf,
  purgedCardText,
  retentionDays,
} from "./retention.ts";
import { checkHelpdeskForm, helpdeskFormFrom } from "../helpdesk_form.ts";

const D = 86_400;
const now = 1_800_000_000;

Deno.test("the retention period as typed", async (t) => {
  await t.step("blank or 0 keeps closed tickets", () => {
    assert.deepEqual(retentionDays(undefined), { ok: true, value: 0 });
    assert.deepEqual(retentionDays("  "), { ok: true, value: 0 });
    assert.deepEqual(retentionDays("0"), { ok: true, value: 0 });
  });
  await t.step("whole days from 30 to 3650", () => {
    assert.deepEqual(retentionDays(" 365 "), { ok: true, value: 365 });
    for (const typed of ["29", "3651", "1.5", "-40", "a year", "1e3"]) {
      const check = retentionDays(typed);
      assert.equal(check.ok, false, typed);
      if (!check.ok) assert.match(check.problem, /from 30 to 3650/);
    }
  });
  await t.step("Configure Helpdesk files it under its field", () => {
    const form = {
      triage_channel: "C1",
      agent_users: ["U1"],
      admins: ["U1"],
      retention_days: "7",
    };
    const refused = checkHelpdeskForm(form, undefined, "U1");
    assert.equal(refused.ok, false);
    if (!refused.ok) assert.ok(refused.problems.retention_days);
    const saved = checkHelpdeskForm(
      { ...form, retention_days: "90" },
      undefined,
      "U1",
    );
    assert.equal(saved.ok && saved.value.retention_days, 90);
    const shown = helpdeskFormFrom({
      triage_channel: "C1",
      agent_users: ["U1"],
      workspace_url: "",
      retention_days: 90,
      updated_by: "U1",
      updated_at: 0,
    }, "U1");
    assert.equal(shown.retention_days, "90");
  });
});

Deno.test("which tickets are due to be purged", async (t) => {
  const closed = { status: "closed" as const, updated_at: now - 100 * D };
  await t.step("closed longer ago than the period", () => {
    assert.equal(
      isPurgeable({ ...closed, closed_at: now - 91 * D }, 90, now),
      true,
    );
    assert.equal(
      isPurgeable({ ...closed, closed_at: now - 89 * D }, 90, now),
      false,
    );
  });
  await t.step("without closed_at, by its last change", () => {
    assert.equal(isPurgeable(closed, 90, now), true);
  });
  await t.step("never while open, resolved or with retention off", () => {
    for (
      const status of [
        "new",
        "in_progress",
        "waiting_on_requester",
        "resolved",
      ] as const
    ) {
      assert.equal(
        isPurgeable({ ...closed, status, closed_at: now - 400 * D }, 90, now),
        false,
        status,
      );
    }
    assert.equal(
      isPurgeable({ ...closed, closed_at: now - 400 * D }, 0, now),
      false,
    );
  });
});

Deno.test("what a purged card says, and who a ticket names", () => {
  assert.equal(
    purgedCardText({ key: "HD-1" }, { kind: "retention", days: 90 }, 0),
    ":wastebasket: HD-1: removed after 90 days.",
  );
  assert.match(
    purgedCardText({ key: "HD-1" }, { kind: "erasure" }, 2),
    /removed at the request of the person who wrote it\. 2 replies in this thread were posted by people/,
  );
  assert.deepEqual(
    peopleOf({ requester: "U1", reporter: "U2", followers: ["U1", "U3"] }),
    ["U1", "U2", "U3"],
  );
  assert.equal(namesPerson("<@U1> wrote", "U1"), true);
  assert.equal(namesPerson("<@U12> wrote", "U1"), false);
});
