// A request's comments: "Create request comment", POST
// /rest/servicedeskapi/request/{key}/comment {body, public} (an internal
// comment, public false, is seen by agents only), and "Get request
// comments", GET on the same path
// (developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/):
// a paged list (start, limit, isLastPage; 50 a page by default) of
// CommentDTOs {id, body, public, author, created}, oldest first, public and
// internal ones alike unless asked otherwise (public, internal: default true).
import type { JsmClient } from "./jsm_client.ts";
import { REQUESTS_PATH } from "./customer_requests.ts";
import { isRateLimited } from "./retry_policy.ts";
import { allPages } from "./paged_list.ts";

const commentsPath = (key: string) =>
  `${REQUESTS_PATH}/${encodeURIComponent(key)}/comment`;

/**
 * Resent only after a 429: one that failed otherwise may have been posted
 * (mayHaveLanded), and the caller looks before posting it again
 * (jsm_comment_sync.ts).
 */
export function addComment(
  jsm: JsmClient,
  issueIdOrKey: string,
  body: string,
  isPublic: boolean,
): Promise<{ id: string }> {
  return jsm.operation(async (session) => {
    const comment = await session.send<{ id: string }>({
      method: "POST",
      path: commentsPath(issueIdOrKey),
      body: { body, public: isPublic },
    });
    return { id: String(comment.id) };
  }, isRateLimited);
}

export interface JsmComment {
  id: string;
  body: string;
  public: boolean;
  /** When JSM made it: its DateDTO's epochMillis, if given. */
  createdMs?: number;
}

/** Every page of the request's comments, public and internal. */
export async function requestComments(
  jsm: JsmClient,
  issueIdOrKey: string,
): Promise<JsmComment[]> {
  const listed = await allPages<
    {
      id?: unknown;
      body?: unknown;
      public?: unknown;
      created?: { epochMillis?: unknown };
    }
  >(jsm, commentsPath(issueIdOrKey));
  return listed.map((c) => ({
    id: String(c.id),
    body: String(c.body ?? ""),
    public: c.public !== false,
    createdMs: typeof c.created?.epochMillis === "number"
      ? c.created.epochMillis
      : undefined,
  }));
}
