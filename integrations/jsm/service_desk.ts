// The service desk Helpdesk files requests in, read for the check-up.
import type { JsmClient } from "./jsm_client.ts";

/**
 * One read that proves JSM answers and the credentials work: GET
 * /rest/servicedeskapi/servicedesk/{id}.
 */
export async function checkAccess(
  jsm: JsmClient,
): Promise<{ serviceDesk?: string }> {
  const desk = await jsm.operation((session) =>
    session.send<
      { id?: string | number; projectName?: string; projectKey?: string }
    >({
      method: "GET",
      path: `/rest/servicedeskapi/servicedesk/${
        encodeURIComponent(jsm.serviceDeskId)
      }`,
    })
  );
  // Only an answer naming the desk asked for proves the credentials and
  // the id; an empty 200 or one without it (a proxy, a host that is not
  // JSM) proves only that something answered: no serviceDesk then.
  if (!desk || String(desk.id) !== jsm.serviceDeskId) return {};
  return {
    serviceDesk: desk.projectName ?? desk.projectKey ?? jsm.serviceDeskId,
  };
}
