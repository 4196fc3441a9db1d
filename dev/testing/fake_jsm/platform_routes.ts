// The Jira platform endpoints the fake JSM serves besides servicedeskapi:
// - GET/POST /rest/api/3/search/jql (jql_search.ts);
// - /rest/api/2/search and /rest/api/3/search, which Atlassian removed
//   (CHANGE-2046): 410 with the message clients have been getting since;
// - GET/POST /rest/api/3/issue/{key}/transitions: every transition an agent
//   may take ({transitions: [{id, name, to: {name, statusCategory}}]}; none
//   when the account lacks the Transition issues permission), and
//   {"transition": {"id"}} to take one (204);
// - POST /rest/api/3/issueLink, DELETE /rest/api/3/issueLink/{id} and an
//   issue's links (GET /rest/api/3/issue/{key}?fields=issuelinks): links
//   between two issues (issue_links.ts).
import type { JsmSite, RouteResult } from "./site.ts";
import { jqlQueryFrom, platformError, searchJql } from "./jql_search.ts";

const REMOVED_SEARCH =
  "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046";

const CATEGORY_KEY: Record<string, string> = {
  NEW: "new",
  INDETERMINATE: "indeterminate",
  DONE: "done",
};

/** undefined when `path` is not a platform path the fake knows. */
export function routePlatform(
  fake: JsmSite,
  method: string,
  path: string,
  params: URLSearchParams,
  body: unknown,
  base: string,
): RouteResult | undefined {
  const { desk } = fake;
  if (/^\/rest\/api\/[23]\/search$/.test(path)) {
    throw platformError(410, REMOVED_SEARCH);
  }
  if (path === "/rest/api/3/search/jql" && ["GET", "POST"].includes(method)) {
    return {
      status: 200,
      body: searchJql(
        desk.requests.values(),
        jqlQueryFrom(method, params, body),
        fake.now(),
        fake.searchLagMs,
        desk.seed.projectKey,
        (r) => `${base}/rest/api/3/issue/${r.issueId}`,
      ),
    };
  }
  if (path === "/rest/api/3/issueLink" && method === "POST") {
    return desk.issueLinks.create(body, (key) => desk.requests.get(key));
  }
  const linkId = path.match(/^\/rest\/api\/3\/issueLink\/([^/]+)$/);
  if (linkId && method === "DELETE") {
    return desk.issueLinks.remove(decodeURIComponent(linkId[1]));
  }
  const issue = path.match(/^\/rest\/api\/3\/issue\/([^/]+)$/);
  if (issue && method === "GET" && params.get("fields") === "issuelinks") {
    const key = decodeURIComponent(issue[1]);
    if (!desk.requests.has(key)) {
      throw platformError(
        404,
        "Issue does not exist or you do not have permission to see it.",
      );
    }
    return { status: 200, body: desk.issueLinks.fieldsOf(key) };
  }
  const transitions = path.match(
    /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/,
  );
  if (!transitions) return undefined;
  const request = desk.requests.get(decodeURIComponent(transitions[1])) ??
    [...desk.requests.values()].find((r) =>
      r.issueId === decodeURIComponent(transitions[1])
    );
  if (!request) {
    throw platformError(
      404,
      "Issue does not exist or you do not have permission to see it.",
    );
  }
  const allowed = fake.options.transitionPermission
    ? desk.transitionsFor(request, "agent")
    : [];
  if (method === "GET") {
    return {
      status: 200,
      body: {
        expand: "transitions",
        transitions: allowed.map((edge) => ({
          id: edge.id,
          name: edge.name,
          to: {
            name: edge.to,
            statusCategory: { key: CATEGORY_KEY[desk.categoryOf(edge.to)] },
          },
          hasScreen: false,
          isGlobal: false,
          isInitial: false,
          isConditional: false,
          isLooped: false,
        })),
      },
    };
  }
  if (method === "POST") {
    const id = (body as { transition?: { id?: unknown } } | undefined)
      ?.transition?.id;
    if (!allowed.some((edge) => edge.id === String(id))) {
      // Jira's exact wording for this case is not documented.
      throw platformError(
        400,
        `Transition id '${id}' is not valid for this issue.`,
      );
    }
    desk.transition(request, id, "agent", fake.now());
    return { status: 204 };
  }
  return undefined;
}
