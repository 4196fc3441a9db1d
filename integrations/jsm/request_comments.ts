// A comment on a request: POST /rest/servicedeskapi/request/{key}/comment
// {body, public}. An internal comment (public false) is seen by agents only.
import type { JsmClient } from "./jsm_client.ts";
import { REQUESTS_PATH } from "./customer_requests.ts";
import { isRateLimited } from "./retry_policy.ts";

/** Resent only after a 429, as a comment that timed out may have been posted. */
export function addComment(
  jsm: JsmClient,
  issueIdOrKey: string,
  body: string,
  isPublic: boolean,
): Promise<{ id: string }> {
  return jsm.operation(async (session) => {
    const comment = await session.send<{ id: string }>({
      method: "POST",
      path: `${REQUESTS_PATH}/${encodeURIComponent(issueIdOrKey)}/comment`,
      body: { body, public: isPublic },
    });
    return { id: String(comment.id) };
  }, isRateLimited);
}
