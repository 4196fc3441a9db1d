// The queue form both ways: a stored queue spread over the form's fields
// and read back gives the same queue, whatever its roles hold; and each
// problem is filed under the field it is about.
import assert from "node:assert/strict";
import { queueFormFrom, queueFromForm } from "./queue_form.ts";
import type { Queue } from "./queue.ts";
import {
  requestTypeFormFrom,
  requestTypeFromForm,
} from "../request_types/request_type_form.ts";
import type { RequestType } from "../request_types/request_type.ts";

const BASE: Queue = {
  id: "people-team",
  name: "People team",
  triage_channel: "CTRIAGE",
  intake_channels: ["CASK"],
  owner: "UOWNER",
  members: [],
  admins: [],
  superusers: [],
};

/** Every kind of entry, in every role, in a seeded random mix. */
function randomQueue(seed: number): Queue {
  let s = seed;
  const random = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const pool = [
    "UONE",
    "UTWO",
    "WGRID",
    "SGROUP",
    "SOTHER",
    "CCHAN",
    "GPRIV",
    "${owner}",
    "${members}",
    "${initiator}",
  ];
  const pick = () => [...new Set(pool.filter(() => random() < 0.3))];
  return {
    ...BASE,
    owner: random() < 0.5 ? "UOWNER" : undefined,
    // Macros that refer to each other could loop; superusers name none.
    members: pick().filter((e) => e !== "${members}"),
    admins: pick().filter((e) => e !== "${members}" || random() < 0.5),
    superusers: pick().filter((e) => !e.startsWith("$")),
    holidays: random() < 0.5 ? "2026-12-25 Christmas" : undefined,
  };
}

const asSets = (q: Omit<Queue, "updated_at" | "updated_by">) => ({
  ...q,
  members: new Set(q.members),
  admins: new Set(q.admins),
  superusers: new Set(q.superusers),
});

Deno.test("a queue saved from its own form, unchanged, is the same queue", () => {
  let compared = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const queue = randomQueue(seed);
    const form = queueFormFrom(queue);
    const back = queueFromForm(form, queue.id, [queue]);
    if (!back.ok) {
      // Only the rules the random mix made impossible: a queue nobody works.
      assert.deepEqual(
        Object.keys(back.problems),
        ["member_people"],
        `${seed}`,
      );
      continue;
    }
    assert.deepEqual(
      asSets(back.queue),
      asSets({ ...queue, holidays: queue.holidays }),
      `seed ${seed}: ${JSON.stringify(form)}`,
    );
    compared++;
  }
  assert.ok(compared > 150, `${compared} compared`);
});

Deno.test("pickers hold what they can; the rest are rules", () => {
  const form = queueFormFrom({
    ...BASE,
    members: ["UONE", "SGROUP", "SOTHER", "CCHAN", "${owner}"],
    admins: ["UTWO", "CCHAN"],
    superusers: ["${admins}", "SGROUP"],
  });
  assert.deepEqual(form.member_people, ["UONE"]);
  assert.equal(form.member_group, "SGROUP");
  assert.deepEqual(form.member_channels, ["CCHAN"]);
  assert.deepEqual(form.admin_people, ["UTWO"]);
  assert.deepEqual(form.superuser_people, []);
  assert.equal(
    form.role_rules,
    "members: <!subteam^SOTHER>, ${owner}\nadmins: <#CCHAN>\nsuperusers: ${admins}, <!subteam^SGROUP>",
  );
});

Deno.test("each queue problem under its field", () => {
  const checked = queueFromForm(
    {
      name: "",
      triage_channel: "CTRIAGE",
      intake_channels: ["CTAKEN"],
      role_rules: "admins: ${admins}\nbosses: <@U1>",
      holidays: "2026-02-30",
    },
    "new",
    [{ ...BASE, id: "other", intake_channels: ["CTAKEN"] }],
  );
  assert.equal(checked.ok, false);
  if (checked.ok) return;
  assert.deepEqual(Object.keys(checked.problems).sort(), [
    "holidays",
    "name",
    "role_rules",
  ]);
  assert.equal(checked.problems.role_rules!.length, 2);
  assert.deepEqual(checked.conflicts, [
    { channel: "CTAKEN", queueName: "People team" },
  ]);
});

const LAPTOP: RequestType = {
  id: "people-team/new-laptop",
  queue_id: "people-team",
  name: "New laptop",
  description: "For new starters",
  fields: [],
  fields_spec: "Model*: select(Air, Pro)\nStart date*: date",
  needs_approval: true,
  approvers: ["${owner}", "UBOSS", "SGROUP"],
  private: true,
  private_jsm: "internal",
};

Deno.test("a request type saved from its own form keeps its id and all", () => {
  const queue = { ...BASE, superusers: ["UONE"] };
  const back = requestTypeFromForm(
    requestTypeFormFrom(LAPTOP),
    queue,
    [LAPTOP],
    LAPTOP.id,
  );
  assert.ok(back.ok);
  const { fields: _, ...type } = back.type;
  const { fields: __, ...expected } = LAPTOP;
  assert.deepEqual(type, expected);
  // Renamed: same id. A new type named like it: refused.
  const renamed = requestTypeFromForm(
    { ...requestTypeFormFrom(LAPTOP), name: "MacBook" },
    queue,
    [LAPTOP],
    LAPTOP.id,
  );
  assert.ok(renamed.ok);
  assert.equal(renamed.type.id, LAPTOP.id);
  const twin = requestTypeFromForm(
    { name: "new  LAPTOP!" },
    queue,
    [LAPTOP],
  );
  assert.equal(twin.ok, false);
  assert.match(
    (twin as { problems: { name: string[] } }).problems.name[0],
    /too close to the People team queue's request type “New laptop”/,
  );
  // A new type never takes a renamed type's id.
  const fresh = requestTypeFromForm(
    { name: "New laptop" },
    queue,
    [{ ...LAPTOP, name: "MacBook" }],
  );
  assert.ok(fresh.ok);
  assert.equal(fresh.type.id, "people-team/new-laptop-2");
});
