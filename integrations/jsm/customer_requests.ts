// What Helpdesk keeps of a JSM customer request, and how it finds the one it
// made for a Helpdesk key. The key leads the summary ("[HD-7K3QX2] ..."),
// which the servicedeskapi's searchTerm matches ("Filters customer requests
// where the request summary matches the searchTerm", jira.js docs of GET
// /rest/servicedeskapi/request). Jira's index can lag a fresh create by a
// moment, so a search right after one may still miss it.

export interface NewJsmRequest {
  /** e.g. HD-7K3QX2; prefixed to the summary so a retry can find it. */
  helpdeskKey: string;
  summary: string;
  description: string;
  /** The Atlassian accountId of the customer (see findCustomerAccountId). */
  raiseOnBehalfOf?: string;
}

export interface JsmRequest {
  issueKey: string;
  issueId: string;
  webUrl: string;
  /** e.g. "Waiting for support". */
  status: string;
  /** NEW, INDETERMINATE or DONE. */
  statusCategory?: string;
  summary: string;
}

export type Page<T> = { isLastPage?: boolean; size?: number; values?: T[] };

/** A CustomerRequest as JSM sends it; fields come as [{fieldId, value}]. */
export type RawRequest = {
  issueId: string;
  issueKey: string;
  requestFieldValues?: { fieldId?: string; value?: unknown }[];
  currentStatus?: { status?: string; statusCategory?: string };
  _links?: { web?: string };
};

export const REQUESTS_PATH = "/rest/servicedeskapi/request";
// Jira's summary holds at most 255 characters.
const SUMMARY_MAX = 255;
const SEARCH_PAGE_LIMIT = 50;
const SEARCH_MAX_PAGES = 4;

type GetPage = (
  query: Record<string, string | number>,
) => Promise<Page<RawRequest>>;

/** "[HD-7K3QX2] Printer is down", cut to Jira's summary limit. */
export function jsmSummary(helpdeskKey: string, summary: string): string {
  const text = `[${helpdeskKey}] ${summary.replace(/\s+/g, " ").trim()}`;
  return text.length <= SUMMARY_MAX
    ? text
    : `${text.slice(0, SUMMARY_MAX - 1)}…`;
}

export function toJsmRequest(raw: RawRequest): JsmRequest {
  const summary = raw.requestFieldValues?.find((f) => f.fieldId === "summary")
    ?.value;
  return {
    issueKey: raw.issueKey,
    issueId: String(raw.issueId),
    webUrl: raw._links?.web ?? "",
    status: raw.currentStatus?.status ?? "",
    statusCategory: raw.currentStatus?.statusCategory,
    summary: typeof summary === "string" ? summary : "",
  };
}

export async function findByHelpdeskKey(
  getPage: GetPage,
  serviceDeskId: string,
  helpdeskKey: string,
): Promise<JsmRequest | undefined> {
  const prefix = `[${helpdeskKey}]`;
  const matches: JsmRequest[] = [];
  for (let page = 0, start = 0; page < SEARCH_MAX_PAGES; page++) {
    const result = await getPage({
      // Quoted as a phrase: Jira's text search reads "-" as NOT.
      searchTerm: `"${helpdeskKey}"`,
      // The agent is seldom the owner or a participant of a request raised
      // on someone's behalf. ALL_REQUESTS is marked deprecated, but it is
      // the one value that covers those.
      requestOwnership: "ALL_REQUESTS",
      requestStatus: "ALL_REQUESTS",
      serviceDeskId,
      start,
      limit: SEARCH_PAGE_LIMIT,
    });
    const values = result.values ?? [];
    for (const raw of values) {
      const request = toJsmRequest(raw);
      // Search matches words anywhere; only our own prefix counts.
      if (request.summary.startsWith(prefix)) matches.push(request);
    }
    if (result.isLastPage !== false || values.length === 0) break;
    start += result.size ?? values.length;
  }
  // Should a duplicate exist, the oldest is the one people saw first.
  matches.sort((a, b) => Number(a.issueId) - Number(b.issueId));
  return matches[0];
}
