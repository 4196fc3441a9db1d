// A request's files, both ways: attaching Slack files to it (servicedeskapi's
// attachTemporaryFile, then "Create attachment"), and listing and reading the
// ones agents add in JSM ("Get attachments for request", Jira's "Get
// attachment content").
import type { JsmClient } from "./jsm_client.ts";
import { REQUESTS_PATH } from "./customer_requests.ts";
import { isRateLimited } from "./retry_policy.ts";
import { allPages } from "./paged_list.ts";

/** An attachment as servicedeskapi lists it (AttachmentDTO). */
interface RawAttachment {
  filename?: string;
  size?: number;
  mimeType?: string;
  author?: { displayName?: string };
  _links?: { self?: string; jiraRest?: string; content?: string };
}

export interface JsmAttachment {
  id: string;
  filename: string;
  size: number;
  mimeType: string;
  author: string;
}

/**
 * The DTO has no id field: the id is the last segment of its Jira link
 * (…/rest/api/2/attachment/10042) or of its content link.
 */
function attachmentIdOf(a: RawAttachment): string | undefined {
  for (const link of [a._links?.jiraRest, a._links?.self, a._links?.content]) {
    const id = link?.match(/\/attachment\/(?:content\/)?(\d+)(?:[?#].*)?$/)
      ?.[1];
    if (id) return id;
  }
  return undefined;
}

/**
 * The first of JSM's two steps: the file becomes a temporary file of the
 * service desk (a multipart POST, safe to resend: an unused temporary file
 * is simply dropped by JSM). Its temporary ids, for addAttachments.
 */
export async function uploadTemporaryFile(
  jsm: JsmClient,
  file: { name: string; type: string; bytes: Uint8Array },
): Promise<string[]> {
  const temporary = await jsm.operation((session) => {
    const form = new FormData();
    form.append(
      "file",
      new Blob([file.bytes.slice()], { type: file.type }),
      file.name,
    );
    return session.send<
      { temporaryAttachments?: { temporaryAttachmentId: string }[] }
    >({
      method: "POST",
      path: `/rest/servicedeskapi/servicedesk/${
        encodeURIComponent(jsm.serviceDeskId)
      }/attachTemporaryFile`,
      form,
    });
  });
  return (temporary?.temporaryAttachments ?? []).map((t) =>
    t.temporaryAttachmentId
  );
}

/**
 * The second step: the temporary files become the request's attachments,
 * public or internal. Resent only after a 429: one that failed otherwise
 * may have been made (mayHaveLanded), and the caller looks before adding
 * it again (jsm_file_sync.ts). The attachments' ids, so that the webhook
 * never copies them back.
 */
export async function addAttachments(
  jsm: JsmClient,
  issueIdOrKey: string,
  temporaryIds: string[],
  isPublic: boolean,
): Promise<string[]> {
  const added = await jsm.operation(
    (session) =>
      session.send<{ attachments?: { values?: RawAttachment[] } }>({
        method: "POST",
        path: `${REQUESTS_PATH}/${encodeURIComponent(issueIdOrKey)}/attachment`,
        body: { temporaryAttachmentIds: temporaryIds, public: isPublic },
      }),
    isRateLimited,
  );
  return (added?.attachments?.values ?? []).flatMap((a) => {
    const id = attachmentIdOf(a);
    return id ? [id] : [];
  });
}

/**
 * The request's attachments: only ids listed here are read, so a webhook
 * can't name another request's file. "Get attachments for request", GET
 * /rest/servicedeskapi/request/{issueIdOrKey}/attachment
 * (developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/):
 * a paged list (start, limit, isLastPage; 50 a page by default) of
 * AttachmentDTOs, each with filename, size in bytes, mimeType, author,
 * created and _links, but no id field. Every page is read (allPages): a
 * file beyond the first page is still the request's.
 */
export async function requestAttachments(
  jsm: JsmClient,
  issueIdOrKey: string,
): Promise<JsmAttachment[]> {
  return (await allPages<RawAttachment>(
    jsm,
    `${REQUESTS_PATH}/${encodeURIComponent(issueIdOrKey)}/attachment`,
  )).flatMap(asAttachment);
}

function asAttachment(a: RawAttachment): JsmAttachment[] {
  const id = attachmentIdOf(a);
  return id
    ? [{
      id,
      filename: String(a.filename ?? id),
      size: Number(a.size ?? 0),
      mimeType: String(a.mimeType ?? "application/octet-stream"),
      author: String(a.author?.displayName ?? ""),
    }]
    : [];
}

/**
 * An attachment's bytes: Jira's "Get attachment content" on the site
 * itself with redirect=false. Without it Jira answers 303 to
 * api.media.atlassian.com, a host the manifest would have to name (and
 * a redirect would carry the credentials elsewhere).
 */
export function attachmentContent(
  jsm: JsmClient,
  id: string,
): Promise<Uint8Array> {
  return jsm.operation((session) =>
    session.send<Uint8Array>({
      method: "GET",
      path: `/rest/api/3/attachment/content/${encodeURIComponent(id)}`,
      query: { redirect: "false" },
      binary: true,
    })
  );
}
