// A workspace with a second queue ("People team") for tests of queues, roles,
// request types, approvals and private requests: one person per role, a
// member by user group and one by channel, an intake channel, and two request
// types (a laptop that needs approval, a private complaint).
import type { FakeSlack } from "./fake_slack/server.ts";
import { BOT_USER_ID } from "./fake_slack/workspace.ts";
import {
  AGENT_GROUP,
  clientFor,
  configure,
  PEOPLE,
  settled,
} from "./harness.ts";
import { putQueue, putRequestType } from "../../slack/storage/queue_store.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import type { RequestType } from "../../helpdesk/request_types/request_type.ts";
import { parseFormFields } from "../../helpdesk/request_types/form_fields.ts";

export const ROLE_PEOPLE = {
  owner: "UQOWNER",
  member: PEOPLE.agent,
  groupMember: PEOPLE.groupAgent,
  channelMember: "UCHANMEMBER",
  admin: "UQADMIN",
  superuser: "USUPER",
  initiator: PEOPLE.requester,
  outsider: PEOPLE.bystander,
} as const;

export const PEOPLE_TRIAGE = "CPEOPLETRIAGE";
export const PEOPLE_INTAKE = "CASKPEOPLE";
export const MEMBER_CHANNEL = "CPEOPLEAGENTS";
/** A private channel Helpdesk was never invited to. */
export const SECRET_CHANNEL = "GSECRET";

export const PEOPLE_QUEUE: Queue = {
  id: "people-team",
  name: "People team",
  triage_channel: PEOPLE_TRIAGE,
  intake_channels: [PEOPLE_INTAKE],
  owner: ROLE_PEOPLE.owner,
  members: [ROLE_PEOPLE.member, AGENT_GROUP, MEMBER_CHANNEL],
  admins: [ROLE_PEOPLE.admin],
  superusers: [ROLE_PEOPLE.superuser],
};

const fields = (spec: string) => {
  const parsed = parseFormFields(spec);
  if (!parsed.ok) throw new Error(parsed.problems.join(" "));
  return { fields: parsed.fields, fields_spec: spec };
};

export const LAPTOP: RequestType = {
  id: "people-team/new-laptop",
  queue_id: PEOPLE_QUEUE.id,
  name: "New laptop",
  description: "For new starters and broken machines",
  ...fields("Model*: select(Air, Pro)\nStart date*: date\nManager: user"),
  needs_approval: true,
  approvers: [],
  private: false,
};

export const COMPLAINT: RequestType = {
  id: "people-team/complaint",
  queue_id: PEOPLE_QUEUE.id,
  name: "Complaint",
  description: "Only the People team sees it",
  ...fields("What happened*: long text"),
  needs_approval: false,
  approvers: [],
  private: true,
};

/** Configured Helpdesk plus the People team queue and its request types. */
export async function configureQueues(slack: FakeSlack) {
  const ws = slack.workspace;
  for (
    const id of [
      ROLE_PEOPLE.owner,
      ROLE_PEOPLE.channelMember,
      ROLE_PEOPLE.admin,
      ROLE_PEOPLE.superuser,
    ]
  ) {
    ws.addUser({ id, name: id.toLowerCase() });
  }
  const everyone = [...ws.users.keys()];
  const channel = (
    id: string,
    name: string,
    members: string[],
    is_private = false,
  ) => ws.channels.set(id, { id, name, is_private, members: new Set(members) });
  channel(PEOPLE_TRIAGE, "people-triage", [...everyone]);
  channel(PEOPLE_INTAKE, "ask-people", [...everyone]);
  channel(MEMBER_CHANNEL, "people-agents", [
    ROLE_PEOPLE.channelMember,
    BOT_USER_ID,
  ]);
  channel(SECRET_CHANNEL, "secret", [PEOPLE.requester, PEOPLE.bystander], true);
  await configure(slack);
  const client = clientFor(slack);
  await putQueue(client, PEOPLE_QUEUE);
  await putRequestType(client, LAPTOP, PEOPLE.admin, 1_700_000_000);
  await putRequestType(client, COMPLAINT, PEOPLE.admin, 1_700_000_000);
  await settled(slack);
  slack.clearCalls();
}
