// Jira's issue links as the fake serves them: POST /rest/api/3/issueLink
// with {type: {name}, inwardIssue: {key}, outwardIssue: {key}} answers 201
// with no body, and a link that exists already answers the same without a
// second one ("If the link request duplicates a link, the response
// indicates that the issue link was created",
// developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links).
// A site starts with Jira Cloud's default link types, Duplicate's inward
// and outward words as Atlassian's issue link type example shows them
// (api-group-issue-link-types). Refusals use Jira's error collection
// shape; their exact wording is not documented, so it is the fake's own.
import { FakeJsmError } from "./jsm_error.ts";

/** Jira's error collection, as the platform API answers a refusal. */
const refusal = (status: number, message: string) =>
  new FakeJsmError(status, { errorMessages: [message], errors: {} });

export interface FakeIssueLink {
  id: string;
  type: string;
  /** "Duplicated by": the issue kept. */
  inward: string;
  /** "Duplicates": the issue that is the duplicate. */
  outward: string;
}

export class FakeIssueLinks {
  /** Link type names; a test may remove one, as an admin can. */
  readonly types = new Set(["Blocks", "Cloners", "Duplicate", "Relates"]);
  readonly links: FakeIssueLink[] = [];
  #nextId = 10000;

  /** The links an issue is in, either side. */
  of(key: string): FakeIssueLink[] {
    return this.links.filter((l) => l.inward === key || l.outward === key);
  }

  /**
   * GET /rest/api/3/issue/{key}?fields=issuelinks: each link with the other
   * issue under the side it is on, as Jira shows an issue's links.
   */
  fieldsOf(key: string) {
    return {
      key,
      fields: {
        issuelinks: this.of(key).map((l) => ({
          id: l.id,
          type: { name: l.type },
          ...(l.outward === key
            ? { outwardIssue: { key: l.inward } }
            : { inwardIssue: { key: l.outward } }),
        })),
      },
    };
  }

  /** DELETE /rest/api/3/issueLink/{id}: 204, or 404 for a link not there. */
  remove(id: string): { status: number } {
    const at = this.links.findIndex((l) => l.id === id);
    if (at === -1) {
      throw refusal(404, `No issue link with id '${id}' exists.`);
    }
    this.links.splice(at, 1);
    return { status: 204 };
  }

  create(
    body: unknown,
    find: (key: string) => { issueKey: string } | undefined,
  ): { status: number } {
    const { type, inwardIssue, outwardIssue } = (body ?? {}) as Record<
      string,
      { name?: unknown; key?: unknown } | undefined
    >;
    if (!type || !inwardIssue || !outwardIssue) {
      throw refusal(
        400,
        "The issue link request needs type, inwardIssue and outwardIssue.",
      );
    }
    const name = String(type.name ?? "");
    if (!this.types.has(name)) {
      throw refusal(404, `No issue link type with name '${name}' found.`);
    }
    const [inward, outward] = [inwardIssue, outwardIssue].map((side) =>
      find(String(side.key ?? ""))
    );
    if (!inward || !outward) {
      throw refusal(
        404,
        "Issue does not exist or you do not have permission to see it.",
      );
    }
    const link = {
      id: String(this.#nextId++),
      type: name,
      inward: inward.issueKey,
      outward: outward.issueKey,
    };
    const exists = this.links.some((l) =>
      l.type === link.type && l.inward === link.inward &&
      l.outward === link.outward
    );
    if (!exists) this.links.push(link);
    return { status: 201 };
  }
}
