// The fake JSM's answers in the servicedeskapi's JSON shapes (jira.js
// models): CustomerRequest, Comment, paged lists {size, start, limit,
// isLastPage, _links, values}, dates {iso8601, jira, friendly, epochMillis},
// and error bodies {errorMessage, i18nErrorMessage {i18nKey, parameters}}.
import type { FakeAttachment } from "./attachments.ts";
import type {
  FakeComment,
  FakeCustomer,
  FakeRequest,
  FakeServiceDesk,
} from "./service_desk.ts";

export { FakeJsmError, jsmError } from "./jsm_error.ts";

/** `base` is where the API was called; `site` is where people browse. */
export function requestJson(
  desk: FakeServiceDesk,
  r: FakeRequest,
  base: string,
  site: string,
) {
  return {
    _expands: ["participant", "status", "sla", "requestType", "serviceDesk"],
    issueId: r.issueId,
    issueKey: r.issueKey,
    requestTypeId: r.requestTypeId,
    serviceDeskId: r.serviceDeskId,
    createdDate: dateJson(r.createdAt),
    reporter: userJson(desk.customer(r.reporterAccountId)!),
    requestFieldValues: [
      { fieldId: "summary", label: "Summary", value: r.summary },
      { fieldId: "description", label: "Description", value: r.description },
    ],
    currentStatus: {
      status: r.status,
      statusCategory: desk.categoryOf(r.status),
      statusDate: dateJson(r.statusChangedAt),
    },
    _links: {
      jiraRest: `${base}/rest/api/2/issue/${r.issueId}`,
      web:
        `${site}/servicedesk/customer/portal/${r.serviceDeskId}/${r.issueKey}`,
      self: `${base}/rest/servicedeskapi/request/${r.issueId}`,
      agent: `${site}/browse/${r.issueKey}`,
    },
  };
}

export function commentJson(desk: FakeServiceDesk, c: FakeComment) {
  return {
    id: c.id,
    body: c.body,
    public: c.public,
    author: userJson(desk.customer(c.authorAccountId)!),
    created: dateJson(c.createdAt),
  };
}

/** servicedeskapi's AttachmentDTO. */
export function attachmentJson(
  desk: FakeServiceDesk,
  a: FakeAttachment,
  base: string,
) {
  return {
    filename: a.filename,
    author: userJson(desk.customer(a.authorAccountId)!),
    created: dateJson(a.createdAt),
    size: a.size,
    mimeType: a.mimeType,
    _links: {
      self: `${base}/rest/api/2/attachment/${a.id}`,
      content: `${base}/rest/api/3/attachment/content/${a.id}`,
    },
  };
}

export function pageJson<T>(all: T[], query: URLSearchParams, self: string) {
  const start = Number(query.get("start") ?? 0);
  const limit = Number(query.get("limit") ?? 50);
  const values = all.slice(start, start + limit);
  return {
    _expands: [],
    size: values.length,
    start,
    limit,
    isLastPage: start + values.length >= all.length,
    _links: { base: self, context: "", self },
    values,
  };
}

function userJson(user: FakeCustomer) {
  return { ...user, active: true, timeZone: "Etc/UTC" };
}

function dateJson(ms: number) {
  const iso = new Date(ms).toISOString();
  return { iso8601: iso, jira: iso, friendly: iso, epochMillis: ms };
}
