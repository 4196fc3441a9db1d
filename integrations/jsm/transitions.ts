// Moving a request to a status through the customer transition API: GET
// /rest/servicedeskapi/request/{key}/transition lists {id, name} and POST
// {id} performs one (204). It names transitions, not the status they lead
// to ("Resolve this issue" → Resolved), hence the extra names callers pass.
// It also lists only what a customer may do; workflow steps reserved to
// agents are on the platform's /rest/api/3/issue/{key}/transitions instead.
import type { Page, RawRequest } from "./customer_requests.ts";
import type { JsmCall } from "./jsm_http.ts";

export type TransitionOutcome = "transitioned" | "already" | "no_transition";

type Send = <T>(call: Omit<JsmCall, "base">) => Promise<T>;

/** `requestPath` is /rest/servicedeskapi/request/{issueIdOrKey}. */
export async function transitionByName(
  send: Send,
  requestPath: string,
  targetStatus: string,
  alsoTransitionNames: string[],
): Promise<TransitionOutcome> {
  const wanted = [targetStatus, ...alsoTransitionNames].map(normalized);
  // Read first, so a retry after a transition that did happen says "already".
  const current = await send<RawRequest>({ method: "GET", path: requestPath });
  if (normalized(current.currentStatus?.status ?? "") === wanted[0]) {
    return "already";
  }
  const transitions = await send<Page<{ id: string; name: string }>>({
    method: "GET",
    path: `${requestPath}/transition`,
  });
  const transition = (transitions.values ?? []).find((t) =>
    wanted.includes(normalized(t.name))
  );
  if (!transition) return "no_transition";
  await send({
    method: "POST",
    path: `${requestPath}/transition`,
    body: { id: transition.id },
  });
  return "transitioned";
}

function normalized(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, " ");
}
