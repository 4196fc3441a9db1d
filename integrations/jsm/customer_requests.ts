// What Helpdesk keeps of a JSM customer request. The Helpdesk key leads the
// summary ("[HD-7K3QX2] ..."), which is how request_search.ts finds the
// request an earlier attempt created.
import type { JsmClient } from "./jsm_client.ts";
import { isRateLimited } from "./retry_policy.ts";

export interface NewJsmRequest {
  /** e.g. HD-7K3QX2; prefixed to the summary so a retry can find it. */
  helpdeskKey: string;
  summary: string;
  description: string;
}

export interface JsmRequest {
  issueKey: string;
  issueId: string;
  /** The service desk it belongs to, e.g. "1". */
  serviceDeskId: string;
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
  serviceDeskId?: string;
  requestFieldValues?: { fieldId?: string; value?: unknown }[];
  currentStatus?: { status?: string; statusCategory?: string };
  _links?: { web?: string };
};

export const REQUESTS_PATH = "/rest/servicedeskapi/request";
// Jira's summary holds at most 255 characters.
const SUMMARY_MAX = 255;

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
    serviceDeskId: String(raw.serviceDeskId ?? ""),
    webUrl: raw._links?.web ?? "",
    status: raw.currentStatus?.status ?? "",
    statusCategory: raw.currentStatus?.statusCategory,
    summary: typeof summary === "string" ? summary : "",
  };
}

/**
 * Creates the request (POST /rest/servicedeskapi/request {serviceDeskId,
 * requestTypeId, requestFieldValues: {summary, description}} → 201
 * CustomerRequest), as the agent account: requests are not raised on the
 * requester's behalf (see docs/jsm-and-connectors.md on why there is no
 * customer lookup). Resent only after a 429, which JSM did not act on: any
 * other failure may have created it already, so whether to try again is the
 * caller's decision (see findRequestByHelpdeskKey).
 */
export function createRequest(
  jsm: JsmClient,
  input: NewJsmRequest,
): Promise<JsmRequest> {
  return jsm.operation(async (session) => {
    const summary = jsmSummary(input.helpdeskKey, input.summary);
    const created = await session.send<RawRequest>({
      method: "POST",
      path: REQUESTS_PATH,
      body: {
        serviceDeskId: jsm.serviceDeskId,
        requestTypeId: jsm.requestTypeId,
        requestFieldValues: { summary, description: input.description },
      },
    });
    const request = toJsmRequest(created);
    return { ...request, summary: request.summary || summary };
  }, isRateLimited);
}

/** GET /rest/servicedeskapi/request/{key}, by issue key or id. */
export function getRequest(
  jsm: JsmClient,
  issueIdOrKey: string,
): Promise<JsmRequest> {
  return jsm.operation(async (session) =>
    toJsmRequest(
      await session.send<RawRequest>({
        method: "GET",
        path: `${REQUESTS_PATH}/${encodeURIComponent(issueIdOrKey)}`,
      }),
    )
  );
}
