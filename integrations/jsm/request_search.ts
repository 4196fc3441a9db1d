// Finding the request an earlier attempt created for a Helpdesk key, through
// Jira's current search, GET /rest/api/3/search/jql (read:jira-work; the old
// /rest/api/3/search answers 410 since CHANGE-2046, and servicedeskapi's
// requestOwnership=ALL_REQUESTS is marked deprecated). The key leads the
// summary, so the JQL is a phrase search on it; only summaries that start
// with "[key]" count, and only requests of the configured service desk.
//
// Jira's search index lags writes ("from a few seconds to minutes"), so "not
// found" right after a create means "not known yet", not "absent": what to
// do then is the caller's decision (use_cases/jsm/jsm_sync.ts waits).
// reconcileIssues would make a fresh issue visible, but it needs the issue's
// id, which is exactly what a lost answer did not give.
import type { JsmCall } from "./jsm_http.ts";
import type { JsmClient } from "./jsm_client.ts";
import {
  type JsmRequest,
  type RawRequest,
  REQUESTS_PATH,
  toJsmRequest,
} from "./customer_requests.ts";

export const SEARCH_PATH = "/rest/api/3/search/jql";
const PAGE_SIZE = 50;
const MAX_PAGES = 4;

type Send = <T>(call: Omit<JsmCall, "base">) => Promise<T>;

type SearchPage = {
  issues?: { id: string; key: string; fields?: { summary?: string } }[];
  nextPageToken?: string;
  isLast?: boolean;
};

/** The JQL for a Helpdesk key; keys are letters, digits and one "-". */
export function helpdeskKeyJql(helpdeskKey: string): string {
  if (!/^[A-Z][A-Z0-9]*-[A-Z0-9]+$/.test(helpdeskKey)) {
    throw new Error(`not a Helpdesk key: ${helpdeskKey}`);
  }
  // A quoted phrase: Jira's text search reads a bare "-" as NOT.
  return `summary ~ "\\"${helpdeskKey}\\"" ORDER BY created ASC`;
}

/**
 * The oldest request of this service desk whose summary starts with
 * "[helpdeskKey]", should a duplicate ever exist; undefined when the search
 * does not show one (yet).
 */
export async function findByHelpdeskKey(
  send: Send,
  serviceDeskId: string,
  helpdeskKey: string,
): Promise<JsmRequest | undefined> {
  const prefix = `[${helpdeskKey}]`;
  const candidates: string[] = [];
  let nextPageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await send<SearchPage>({
      method: "GET",
      path: SEARCH_PATH,
      query: {
        jql: helpdeskKeyJql(helpdeskKey),
        fields: "summary",
        maxResults: PAGE_SIZE,
        nextPageToken,
      },
    });
    for (const issue of result.issues ?? []) {
      // Text search matches the words anywhere; only our prefix counts.
      if (issue.fields?.summary?.startsWith(prefix)) candidates.push(issue.key);
    }
    nextPageToken = result.nextPageToken;
    if (result.isLast !== false || !nextPageToken) break;
  }
  for (const key of candidates) {
    const raw = await send<RawRequest>({
      method: "GET",
      path: `${REQUESTS_PATH}/${encodeURIComponent(key)}`,
    });
    if (String(raw.serviceDeskId) === serviceDeskId) return toJsmRequest(raw);
  }
  return undefined;
}

/**
 * The request made for this Helpdesk key, if Jira's search shows it.
 * The search lags a fresh create, so undefined is "not found yet".
 */
export function findRequestByHelpdeskKey(
  jsm: JsmClient,
  helpdeskKey: string,
): Promise<JsmRequest | undefined> {
  return jsm.operation((session) =>
    findByHelpdeskKey(
      (call) => session.send(call),
      jsm.serviceDeskId,
      helpdeskKey,
    )
  );
}
