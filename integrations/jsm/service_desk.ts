// The service desk Helpdesk files requests in, read for the check-up.
import type { JsmClient } from "./jsm_client.ts";

/**
 * One read that proves JSM answers and the credentials work: GET
 * /rest/servicedeskapi/servicedesk/{id}.
 */
export async function checkAccess(
  jsm: JsmClient,
): Promise<{ serviceDesk: string }> {
  const desk = await jsm.operation((session) =>
    session.send<{ projectName?: string; projectKey?: string }>({
      method: "GET",
      path: `/rest/servicedeskapi/servicedesk/${
        encodeURIComponent(jsm.serviceDeskId)
      }`,
    })
  );
  return {
    serviceDesk: desk?.projectName ?? desk?.projectKey ?? jsm.serviceDeskId,
  };
}
