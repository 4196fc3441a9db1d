// The state behind the fake JSM: one service desk's requests, comments,
// workflow and customers (json_shapes.ts renders them). Where Atlassian's
// behaviour is not documented (which 4xx an unknown request type gets, what
// OWNED_REQUESTS means exactly) it is a plausible model, not a transcript.

import { FakeIssueLinks } from "./issue_links.ts";
import { jsmError } from "./jsm_error.ts";
import { FakeAttachmentStore } from "./attachments.ts";

/** A Jira comment's body holds at most this many characters. */
const JSM_COMMENT_LIMIT = 32_767;

export interface FakeCustomer {
  accountId: string;
  emailAddress: string;
  displayName: string;
}

export interface FakeComment {
  id: string;
  body: string;
  public: boolean;
  authorAccountId: string;
  createdAt: number;
}

export interface FakeRequest {
  issueId: string;
  issueKey: string;
  serviceDeskId: string;
  requestTypeId: string;
  summary: string;
  description: string;
  reporterAccountId: string;
  status: string;
  statusChangedAt: number;
  createdAt: number;
  comments: FakeComment[];
}

export const STATUS_CATEGORY: Record<string, string> = {
  "Waiting for support": "NEW",
  "In progress": "INDETERMINATE",
  "Waiting for customer": "INDETERMINATE",
  "Resolved": "DONE",
  "Closed": "DONE",
};

/**
 * `customer`: a customer may take it too, so servicedeskapi's customer
 * transition resource lists it. Agent steps ("In progress", "Waiting for
 * customer") are only on the platform's issue transitions, as on a real
 * desk, where customers cannot set In progress or Waiting for customer.
 */
export type Edge = { id: string; name: string; to: string; customer?: true };
const resolve: Edge = {
  id: "31",
  name: "Resolve this issue",
  to: "Resolved",
  customer: true,
};
const waitForCustomer: Edge = {
  id: "21",
  name: "Waiting for customer",
  to: "Waiting for customer",
};
// Transition names differ from the statuses they lead to, as in real
// workflows ("Resolve this issue" → Resolved).
export const WORKFLOW: Record<string, Edge[]> = {
  "Waiting for support": [
    { id: "11", name: "In progress", to: "In progress" },
    waitForCustomer,
    resolve,
  ],
  "In progress": [waitForCustomer, resolve],
  "Waiting for customer": [
    { id: "41", name: "Respond to support", to: "Waiting for support" },
    resolve,
  ],
  "Resolved": [
    { id: "51", name: "Close", to: "Closed" },
    { id: "61", name: "Reopen", to: "Waiting for support" },
  ],
  "Closed": [],
};

export interface ServiceDeskSeed {
  serviceDeskId: string;
  requestTypeIds: string[];
  projectKey: string;
  agent: FakeCustomer;
  customers: FakeCustomer[];
}

export class FakeServiceDesk {
  /** By issue key. */
  readonly requests = new Map<string, FakeRequest>();
  readonly attachments = new FakeAttachmentStore();
  readonly issueLinks = new FakeIssueLinks();
  #nextNumber = 1;
  #nextComment = 1;

  constructor(readonly seed: ServiceDeskSeed) {}

  create(body: Record<string, unknown>, now: number): FakeRequest {
    const { serviceDeskId, requestTypeId, raiseOnBehalfOf } = body;
    if (String(serviceDeskId) !== this.seed.serviceDeskId) {
      throw jsmError(404, `Service desk ${serviceDeskId} does not exist.`);
    }
    if (!this.seed.requestTypeIds.includes(String(requestTypeId))) {
      throw jsmError(404, `Request type ${requestTypeId} does not exist.`);
    }
    const fields = (body.requestFieldValues ?? {}) as Record<string, unknown>;
    const summary = typeof fields.summary === "string" ? fields.summary : "";
    if (!summary.trim() || summary.length > 255) {
      throw jsmError(
        400,
        "Your request could not be created. Please check the fields have been correctly filled in. Please provide a valid value for field 'Summary'",
      );
    }
    let reporterAccountId = this.seed.agent.accountId;
    if (raiseOnBehalfOf !== undefined) {
      if (!this.customer(String(raiseOnBehalfOf))) {
        throw jsmError(400, `No customer has accountId ${raiseOnBehalfOf}.`);
      }
      reporterAccountId = String(raiseOnBehalfOf);
    }
    const number = this.#nextNumber++;
    const request: FakeRequest = {
      issueId: String(10000 + number),
      issueKey: `${this.seed.projectKey}-${number}`,
      serviceDeskId: this.seed.serviceDeskId,
      requestTypeId: String(requestTypeId),
      summary,
      description: typeof fields.description === "string"
        ? fields.description
        : "",
      reporterAccountId,
      status: "Waiting for support",
      statusChangedAt: now,
      createdAt: now,
      comments: [],
    };
    this.requests.set(request.issueKey, request);
    return request;
  }

  get(idOrKey: string): FakeRequest {
    const found = this.requests.get(idOrKey) ??
      [...this.requests.values()].find((r) => r.issueId === idOrKey);
    if (!found) {
      throw jsmError(404, "The request does not exist or you cannot see it.");
    }
    return found;
  }

  /**
   * GET /request: summary search, ownership and status filters. Atlassian
   * marks requestOwnership=ALL_REQUESTS deprecated, not removed, so it is
   * still answered; Helpdesk searches with JQL instead (jql_search.ts).
   */
  search(query: URLSearchParams, callerAccountId: string): FakeRequest[] {
    const term = (query.get("searchTerm") ?? "").replace(/^"|"$/g, "")
      .toLowerCase();
    const desk = query.get("serviceDeskId");
    const ownership = query.getAll("requestOwnership");
    const status = query.get("requestStatus") ?? "ALL_REQUESTS";
    return [...this.requests.values()].filter((r) =>
      r.summary.toLowerCase().includes(term) &&
      (!desk || r.serviceDeskId === desk) &&
      // Modelled: without ALL_REQUESTS the caller sees only what it reported.
      (ownership.includes("ALL_REQUESTS") ||
        r.reporterAccountId === callerAccountId) &&
      (status === "ALL_REQUESTS" ||
        (status === "CLOSED_REQUESTS") ===
          (STATUS_CATEGORY[r.status] === "DONE"))
    );
  }

  addComment(
    request: FakeRequest,
    body: unknown,
    isPublic: unknown,
    authorAccountId: string,
    now: number,
  ): FakeComment {
    if (typeof body !== "string" || !body.trim()) {
      throw jsmError(400, "The comment body must not be empty.");
    }
    // Jira keeps a comment's text in a field of at most 32,767 characters
    // and refuses longer ones with this message (seen from Jira's REST API:
    // github.com/bhaalsen/gitmerger/issues/9; Jira Cloud answers
    // CONTENT_LIMIT_EXCEEDED for the same limit, jira.atlassian.com
    // JRACLOUD-78553).
    if (body.length > JSM_COMMENT_LIMIT) {
      throw jsmError(
        400,
        `The entered text is too long. It exceeds the allowed limit of ${JSM_COMMENT_LIMIT} characters.`,
      );
    }
    const comment: FakeComment = {
      id: String(this.#nextComment++),
      body,
      public: isPublic !== false,
      authorAccountId,
      createdAt: now,
    };
    request.comments.push(comment);
    return comment;
  }

  /** The transitions `who` may take from the request's current status. */
  transitionsFor(request: FakeRequest, who: "customer" | "agent"): Edge[] {
    return WORKFLOW[request.status].filter((e) =>
      who === "agent" || e.customer
    );
  }

  /** undefined when `id` is no transition `who` may take from here. */
  transition(
    request: FakeRequest,
    id: unknown,
    who: "customer" | "agent",
    now: number,
  ): Edge | undefined {
    const edge = this.transitionsFor(request, who).find((e) =>
      e.id === String(id)
    );
    if (!edge) return undefined;
    request.status = edge.to;
    request.statusChangedAt = now;
    return edge;
  }

  /** NEW, INDETERMINATE or DONE. */
  categoryOf(status: string): string {
    return STATUS_CATEGORY[status];
  }

  customer(accountId: string): FakeCustomer | undefined {
    return [this.seed.agent, ...this.seed.customers].find((c) =>
      c.accountId === accountId
    );
  }
}
