// The fake JSM's Jira search: /rest/api/3/search/jql with the little JQL
// Helpdesk writes (summary ~ "…", project = …, ORDER BY created), and the
// lag Atlassian documents: "Recent updates might not be immediately visible
// in the returned search results" (developer.atlassian.com, search and
// reconcile), from a few seconds to minutes. A request is found only once
// `lagMs` has passed since it was created, unless the search names its id in
// reconcileIssues. JQL the fake does not understand is refused with a 400,
// so a query it would silently misread cannot pass a test.
import type { FakeRequest } from "./service_desk.ts";
import { FakeJsmError } from "./json_shapes.ts";

export interface JqlQuery {
  jql: string;
  fields: string[];
  maxResults: number;
  nextPageToken?: string;
  reconcileIssues: string[];
}

type Clause =
  | { field: "summary"; text: string }
  | { field: "project"; key: string };

/** Jira's platform error body. */
export function platformError(status: number, message: string) {
  return new FakeJsmError(status, { errorMessages: [message], errors: {} });
}

const CLAUSE =
  /^(summary)\s*~\s*"((?:[^"\\]|\\.)*)"$|^(project)\s*=\s*"?([A-Za-z0-9_]+)"?$/i;

export function parseJql(jql: string): { clauses: Clause[]; desc: boolean } {
  const text = jql.trim();
  if (!text) {
    // Atlassian's enhanced search refuses an empty query with a 400.
    throw platformError(400, "The JQL query is empty.");
  }
  const [where, order] = text.split(/\s+ORDER\s+BY\s+/i);
  let desc = false;
  if (order !== undefined) {
    const sort = order.trim().match(/^created(\s+(ASC|DESC))?$/i);
    if (!sort) throw unsupported(jql);
    desc = /desc/i.test(sort[2] ?? "");
  }
  const clauses = where.split(/\s+AND\s+/i).map((part) => {
    const m = part.trim().match(CLAUSE);
    if (!m) throw unsupported(jql);
    return m[1]
      ? { field: "summary" as const, text: m[2].replace(/\\(.)/g, "$1") }
      : { field: "project" as const, key: m[4] };
  });
  return { clauses, desc };
}

function unsupported(jql: string) {
  return platformError(
    400,
    `Error in the JQL Query: the fake JSM does not understand "${jql}".`,
  );
}

/** Jira text search: a quoted phrase matches those words in a row. */
function summaryMatches(summary: string, text: string): boolean {
  const words = (s: string): string[] =>
    s.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const phrase = text.trim().replace(/^"|"$/g, "");
  const want = words(phrase);
  if (want.length === 0) return false;
  const have = words(summary);
  if (!/^".*"$/.test(text.trim())) {
    return want.every((w) => have.includes(w));
  }
  return have.some((_, i) => want.every((w, k) => have[i + k] === w));
}

export function searchJql(
  requests: Iterable<FakeRequest>,
  query: JqlQuery,
  now: number,
  lagMs: number,
  projectKey: string,
  issueUrl: (r: FakeRequest) => string,
) {
  const { clauses, desc } = parseJql(query.jql);
  if (query.maxResults < 0 || !Number.isInteger(query.maxResults)) {
    throw platformError(400, "maxResults must be a non-negative integer.");
  }
  const reconcile = new Set(query.reconcileIssues);
  const found = [...requests].filter((r) =>
    (r.createdAt + lagMs <= now || reconcile.has(r.issueId)) &&
    clauses.every((c) =>
      c.field === "summary"
        ? summaryMatches(r.summary, c.text)
        : c.key.toUpperCase() === projectKey
    )
  ).sort((a, b) =>
    (a.createdAt - b.createdAt || Number(a.issueId) - Number(b.issueId)) *
    (desc ? -1 : 1)
  );
  const start = query.nextPageToken ? pageStart(query.nextPageToken) : 0;
  const size = Math.min(query.maxResults || 50, 5000);
  const page = found.slice(start, start + size);
  const isLast = start + page.length >= found.length;
  return {
    issues: page.map((r) => ({
      id: r.issueId,
      key: r.issueKey,
      self: issueUrl(r),
      ...(query.fields.length
        ? { fields: pickFields(r, query.fields, projectKey) }
        : {}),
    })),
    ...(isLast ? {} : { nextPageToken: btoa(`page:${start + page.length}`) }),
    isLast,
  };
}

function pageStart(token: string): number {
  let start = NaN;
  try {
    start = Number(atob(token).replace(/^page:/, ""));
  } catch {
    // refused below
  }
  if (!Number.isInteger(start) || start < 0) {
    throw platformError(400, "The nextPageToken is not valid.");
  }
  return start;
}

function pickFields(r: FakeRequest, fields: string[], projectKey: string) {
  const all: Record<string, unknown> = {
    summary: r.summary,
    created: new Date(r.createdAt).toISOString(),
    status: { name: r.status },
    project: { key: projectKey },
  };
  return Object.fromEntries(
    fields.filter((f) => f in all).map((f) => [f, all[f]]),
  );
}

/** The query from GET's parameters or POST's JSON body. */
export function jqlQueryFrom(
  method: string,
  params: URLSearchParams,
  body: unknown,
): JqlQuery {
  if (method === "POST") {
    const b = (body ?? {}) as Record<string, unknown>;
    return {
      jql: typeof b.jql === "string" ? b.jql : "",
      fields: Array.isArray(b.fields) ? b.fields.map(String) : [],
      maxResults: b.maxResults === undefined ? 50 : Number(b.maxResults),
      nextPageToken: typeof b.nextPageToken === "string"
        ? b.nextPageToken
        : undefined,
      reconcileIssues: Array.isArray(b.reconcileIssues)
        ? b.reconcileIssues.map(String)
        : [],
    };
  }
  const list = (name: string) =>
    params.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim())
      .filter(Boolean);
  return {
    jql: params.get("jql") ?? "",
    fields: list("fields"),
    maxResults: params.has("maxResults")
      ? Number(params.get("maxResults"))
      : 50,
    nextPageToken: params.get("nextPageToken") ?? undefined,
    reconcileIssues: list("reconcileIssues"),
  };
}
