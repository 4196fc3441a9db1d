// The local workspace over HTTP, as the page uses it, and its state across a
// restart.
import assert from "node:assert/strict";
import { startLocalWorkspace } from "./workspace_server.ts";

const ALEX = "U0ALEX";
const RILEY = "U0RILEY";
const AVERY = "U0AVERY";

async function post(url: string, path: string, body: unknown) {
  const response = await fetch(new URL(path, url), {
    method: "POST",
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  assert.equal(response.status, 200, JSON.stringify(answer));
  return answer;
}

// deno-lint-ignore no-explicit-any
async function state(url: string, as: string): Promise<any> {
  return await (await fetch(new URL(`/api/state?as=${as}`, url))).json();
}

async function eventually<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("timed out");
}

Deno.test("the local workspace runs a ticket's life over HTTP and keeps it", async (t) => {
  // Under .local/, the one place the test task may write.
  const dir = new URL(
    `../../.local/test-${crypto.randomUUID()}/`,
    import.meta.url,
  );
  const stateFile = new URL("state.json", dir);
  let ws = await startLocalWorkspace({ stateFile });
  let ticketTs = "";
  try {
    await t.step("the page and the shortcuts are served", async () => {
      const page = await fetch(ws.url);
      assert.equal(page.status, 200);
      assert.match(page.headers.get("content-type")!, /text\/html/);
      await page.body?.cancel();
      const names = (await state(ws.url, ALEX)).shortcuts.map((
        s: { name: string },
      ) => s.name);
      assert.deepEqual(names, [
        "Configure a queue",
        "Configure a request type",
        "Configure Helpdesk",
        "Helpdesk report",
        "Helpdesk service levels",
        "Open a ticket",
      ]);
    });

    await t.step("configure, then open a ticket through forms", async () => {
      await post(ws.url, "/api/shortcut", {
        trigger_id: "configure_helpdesk",
        as: ALEX,
        channel: "C0GENERAL",
      });
      const [form] = (await state(ws.url, ALEX)).views;
      assert.deepEqual(
        (await state(ws.url, RILEY)).views,
        [],
        "a modal is only its opener's",
      );
      await post(ws.url, "/api/view/submit", {
        view_id: form.id,
        as: ALEX,
        values: { triage_channel: "C0TRIAGE", agent_users: [AVERY] },
      });
      // Settled once the whole run is done, not at its first message.
      await eventually(async () =>
        (await state(ws.url, ALEX)).activity.find((
          a: { workflow: string; step?: string; message: string },
        ) =>
          a.workflow === "configure_helpdesk" && !a.step &&
          a.message === "completed"
        )
      );
      await post(ws.url, "/api/shortcut", {
        trigger_id: "open_ticket",
        as: RILEY,
        channel: "C0GENERAL",
      });
      const ticketForm = await eventually(async () =>
        (await state(ws.url, RILEY)).views[0]
      );
      await post(ws.url, "/api/view/submit", {
        view_id: ticketForm.id,
        as: RILEY,
        values: { summary: "Projector in room 4", priority: "normal" },
      });
      const card = await eventually(async () =>
        (await state(ws.url, AVERY)).messages.C0TRIAGE.find((
          m: { text: string },
        ) => m.text.startsWith("HD-"))
      );
      ticketTs = card.ts;
    });

    await t.step("a button click and a reaction reach the app", async () => {
      await post(ws.url, "/api/button", {
        channel: "C0TRIAGE",
        ts: ticketTs,
        action_id: "ticket_claim",
        as: AVERY,
      });
      await eventually(async () => {
        const card = (await state(ws.url, AVERY)).messages.C0TRIAGE.find((
          m: { ts: string },
        ) => m.ts === ticketTs);
        return card.text.includes("In progress") ? card : undefined;
      });
      await post(ws.url, "/api/reaction", {
        channel: "C0TRIAGE",
        ts: ticketTs,
        name: "white_check_mark",
        as: AVERY,
      });
      await eventually(async () => {
        const dms = (await state(ws.url, RILEY)).dms;
        const texts = dms.length
          ? (await state(ws.url, RILEY)).messages[dms[0].id].map((
            m: { text: string },
          ) => m.text)
          : [];
        return texts.some((text: string) => text.includes("is resolved"))
          ? texts
          : undefined;
      });
    });
  } finally {
    await ws.close();
  }

  await t.step(
    "a restart keeps the workspace; --fresh starts over",
    async () => {
      ws = await startLocalWorkspace({ stateFile });
      try {
        const card = (await state(ws.url, AVERY)).messages.C0TRIAGE.find((
          m: { ts: string },
        ) => m.ts === ticketTs);
        assert.match(card.text, /Resolved/);
        // The datastores came back too: the card's buttons still work.
        await post(ws.url, "/api/button", {
          channel: "C0TRIAGE",
          ts: ticketTs,
          action_id: "ticket_close",
          as: RILEY,
        });
        await eventually(async () => {
          const after = (await state(ws.url, AVERY)).messages.C0TRIAGE.find((
            m: { ts: string },
          ) => m.ts === ticketTs);
          return after.text.includes("Closed") ? after : undefined;
        });
      } finally {
        await ws.close();
      }
      ws = await startLocalWorkspace({ stateFile, fresh: true });
      try {
        assert.deepEqual((await state(ws.url, AVERY)).messages.C0TRIAGE, []);
      } finally {
        await ws.close();
        await Deno.remove(dir, { recursive: true });
      }
    },
  );
});
