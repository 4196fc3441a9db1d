// What the Jira Cloud connector hands back, made safe to show: its outputs
// are an issue id and a link, and the key people know is in the link's
// /browse/ path.

const KEY = /^[A-Z][A-Z0-9_]*-\d+$/;

export type JiraIssueRef =
  | { ok: true; key: string; url?: string }
  | { ok: false; problem: string };

export function jiraIssueRef(
  issueUrl: string | undefined,
  issueId: string | undefined,
): JiraIssueRef {
  const url = issueUrl?.trim();
  const safeUrl = url && /^https:\/\/[^\s<>|]+$/.test(url) ? url : undefined;
  const fromUrl = safeUrl?.match(/\/browse\/([A-Z][A-Z0-9_]*-\d+)(?:[/?#]|$)/)
    ?.[1];
  const id = issueId?.trim();
  const key = fromUrl ?? (id && KEY.test(id) ? id : undefined);
  if (key) return { ok: true, key, url: safeUrl };
  if (id && /^\d+$/.test(id)) return { ok: true, key: id, url: safeUrl };
  return {
    ok: false,
    problem:
      `The Jira connector returned no issue key Helpdesk can read (link "${
        url ?? ""
      }", id "${id ?? ""}").`,
  };
}
