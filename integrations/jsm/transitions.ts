// Moving a request to a status with the transitions an agent may take: Jira's
// GET /rest/api/3/issue/{key}/transitions (read:jira-work) lists them with
// the status each leads to, and POST {"transition": {"id"}} takes one (204,
// write:jira-work). servicedeskapi's /request/{key}/transition is not used:
// it lists only what a customer may do, which leaves out agent steps such as
// "In progress" and "Waiting for customer". The list is empty when the
// account lacks the Transition issues permission, which the caller reports.
import type { RawRequest } from "./customer_requests.ts";
import type { JsmCall } from "./jsm_http.ts";
import type { JsmClient } from "./jsm_client.ts";

export type TransitionOutcome = "transitioned" | "already" | "no_transition";

type Send = <T>(call: Omit<JsmCall, "base">) => Promise<T>;

type IssueTransitions = {
  transitions?: { id: string; name?: string; to?: { name?: string } }[];
};

/**
 * Moves the request to `targetStatus`, by the transition that leads there
 * or, failing that, one named in `alsoTransitionNames`.
 */
export async function transitionByName(
  send: Send,
  issueIdOrKey: string,
  targetStatus: string,
  alsoTransitionNames: string[],
): Promise<TransitionOutcome> {
  const key = encodeURIComponent(issueIdOrKey);
  const target = normalized(targetStatus);
  // Read first, so a retry after a transition that did happen says "already".
  const current = await send<RawRequest>({
    method: "GET",
    path: `/rest/servicedeskapi/request/${key}`,
  });
  if (normalized(current.currentStatus?.status ?? "") === target) {
    return "already";
  }
  const path = `/rest/api/3/issue/${key}/transitions`;
  const { transitions = [] } = await send<IssueTransitions>({
    method: "GET",
    path,
  });
  const names = [targetStatus, ...alsoTransitionNames].map(normalized);
  const transition =
    transitions.find((t) => normalized(t.to?.name ?? "") === target) ??
      transitions.find((t) => names.includes(normalized(t.name ?? "")));
  if (!transition) return "no_transition";
  await send({
    method: "POST",
    path,
    body: { transition: { id: String(transition.id) } },
  });
  return "transitioned";
}

function normalized(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, " ");
}

/**
 * Moves the request to the status named `targetStatus` with an agent's
 * transition; see transitionByName for `alsoTransitionNames`.
 */
export function transitionTo(
  jsm: JsmClient,
  issueIdOrKey: string,
  targetStatus: string,
  alsoTransitionNames: string[] = [],
): Promise<TransitionOutcome> {
  return jsm.operation((session) =>
    transitionByName(
      (call) => session.send(call),
      issueIdOrKey,
      targetStatus,
      alsoTransitionNames,
    )
  );
}
