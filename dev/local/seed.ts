// The people and channels the local workspace starts with: a requester, two
// agents, an admin and an approver, switchable in the page.
import type { WorkspaceSeed } from "../testing/fake_slack/workspace.ts";

export const LOCAL_PEOPLE = [
  { id: "U0RILEY", name: "Riley (requester)", role: "requester" },
  { id: "U0AVERY", name: "Avery (agent)", role: "agent" },
  { id: "U0SAM", name: "Sam (agent)", role: "agent" },
  { id: "U0ALEX", name: "Alex (admin)", role: "admin" },
  { id: "U0PAT", name: "Pat (approver)", role: "approver" },
];

export function localSeed(): WorkspaceSeed {
  const everyone = LOCAL_PEOPLE.map((p) => p.id);
  return {
    domain: "helpdesk-local",
    users: LOCAL_PEOPLE.map(({ id, name }) => ({ id, name, real_name: name })),
    channels: [
      {
        id: "C0GENERAL",
        name: "general",
        is_private: false,
        members: everyone,
      },
      {
        id: "C0TRIAGE",
        name: "helpdesk-triage",
        is_private: false,
        members: everyone,
      },
    ],
    usergroups: { S0ITTEAM: ["U0SAM"] },
    usergroupHandles: { S0ITTEAM: "it-team" },
  };
}
