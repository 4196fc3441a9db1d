// Links between Jira issues, by link type name (e.g. "Duplicate"): made,
// listed and removed through /rest/api/3/issueLink and the issue's
// issuelinks field
// (developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links).
import type { JsmClient } from "./jsm_client.ts";
import { JsmError } from "./jsm_errors.ts";

type IssueWithLinks = {
  fields?: {
    issuelinks?: {
      id: string;
      type?: { name?: string };
      inwardIssue?: { key?: string };
      outwardIssue?: { key?: string };
    }[];
  };
};

/**
 * `outward` duplicates `inward`, say. Jira answers 201 with no body, and
 * the same for a link that exists already, so resending it is harmless
 * (POST /rest/api/3/issueLink, write:jira-work).
 */
export function linkIssues(
  jsm: JsmClient,
  typeName: string,
  inwardKey: string,
  outwardKey: string,
): Promise<void> {
  return jsm.operation(async (session) => {
    await session.send<unknown>({
      method: "POST",
      path: "/rest/api/3/issueLink",
      body: {
        type: { name: typeName },
        inwardIssue: { key: inwardKey },
        outwardIssue: { key: outwardKey },
      },
    });
  });
}

/**
 * An issue's links of one type, each with the other issue's key (GET
 * /rest/api/3/issue/{key}?fields=issuelinks, read:jira-work; the id is
 * what removes it, as the create's documentation says).
 */
export function issueLinks(
  jsm: JsmClient,
  issueIdOrKey: string,
  typeName: string,
): Promise<{ id: string; otherKey: string }[]> {
  return jsm.operation(async (session) => {
    const issue = await session.send<IssueWithLinks>({
      method: "GET",
      path: `/rest/api/3/issue/${
        encodeURIComponent(issueIdOrKey)
      }?fields=issuelinks`,
    });
    return (issue.fields?.issuelinks ?? [])
      .filter((l) => l.type?.name === typeName)
      .map((l) => ({
        id: String(l.id),
        otherKey: String(l.inwardIssue?.key ?? l.outwardIssue?.key ?? ""),
      }));
  });
}

/**
 * DELETE /rest/api/3/issueLink/{id} (204, write:jira-work). A link that
 * is gone already (404) is what was wanted: resending is harmless.
 */
export function removeIssueLink(
  jsm: JsmClient,
  linkId: string,
): Promise<void> {
  return jsm.operation(async (session) => {
    try {
      await session.send<unknown>({
        method: "DELETE",
        path: `/rest/api/3/issueLink/${encodeURIComponent(linkId)}`,
      });
    } catch (error) {
      if (error instanceof JsmError && error.code === "not_found") return;
      throw error;
    }
  });
}
