// What Helpdesk keeps of a JSM customer request. The Helpdesk key leads the
// summary ("[HD-7K3QX2] ..."), which is how request_search.ts finds the
// request an earlier attempt created.

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
