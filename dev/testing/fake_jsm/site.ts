// What the fake JSM's routes (routes.ts, platform_routes.ts) see of it:
// its options, its service desk, its addresses and clock. server.ts's
// FakeJsm is one; the routes name this, not the server, so that the server
// can import them without an import cycle.
import type { FakeCustomer, FakeServiceDesk } from "./service_desk.ts";

export interface FakeJsmOptions {
  email?: string;
  apiToken?: string;
  /** A scoped API token of the same account: gateway only. */
  scopedToken?: string;
  accessToken?: string;
  cloudId?: string;
  /** Scopes of the OAuth grant; the four Helpdesk asks for by default. */
  scopes?: string[];
  /**
   * How long a new request stays invisible to JQL search (ms). Atlassian
   * says from a few seconds to minutes; 2 s by default.
   */
  searchLagMs?: number;
  /** The account's Transition issues permission (true by default). */
  transitionPermission?: boolean;
  serviceDeskId?: string;
  requestTypeIds?: string[];
  projectKey?: string;
  customers?: FakeCustomer[];
  latencyMs?: number;
}

export interface JsmSite {
  readonly desk: FakeServiceDesk;
  readonly options: Required<Omit<FakeJsmOptions, "customers">>;
  readonly baseUrl: string;
  readonly accessToken: string;
  readonly searchLagMs: number;
  now(): number;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  /** A plain-text answer instead of JSON (Jira's XSRF refusal). */
  text?: string;
  /** A file's bytes instead of JSON. */
  bytes?: { data: Uint8Array; type: string };
  /** Headers of the answer (a redirect's location). */
  headers?: Record<string, string>;
}
