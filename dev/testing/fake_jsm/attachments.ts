// Attachments in the fake JSM, in two steps as the servicedeskapi has them
// (developer.atlassian.com, Jira Service Management Cloud REST, "Attach
// temporary file" and "Add attachment"): POST
// /servicedesk/{id}/attachTemporaryFile takes multipart/form-data whose
// parts are named `file`, and only with the header X-Atlassian-Token:
// no-check (XSRF protection; without it Jira answers 403 "XSRF check
// failed"); it answers {temporaryAttachments: [{temporaryAttachmentId,
// fileName}]}. POST /request/{key}/attachment then takes
// {temporaryAttachmentIds, public} and answers 201 with the comment that
// carries them and the attachments. A service desk admin can turn
// attachments off, and Jira has a size limit per file; the answers to those
// (status and wording) are a plausible model, not a transcript.
import { jsmError } from "./jsm_error.ts";

/** One part of a multipart/form-data body, as the server reads it. */
export interface MultipartPart {
  name: string;
  filename?: string;
  type?: string;
  bytes: Uint8Array;
}

/**
 * Jira's attachment size limit per file: an admin setting; 1 GB assumed
 * here (not verified against Atlassian's pages), and tests lower it.
 */
export const JSM_MAX_ATTACHMENT_BYTES = 1024 * 1024 * 1024;

export interface FakeAttachment {
  id: string;
  filename: string;
  mimeType: string;
  size: number;
  bytes: Uint8Array;
  public: boolean;
  authorAccountId: string;
  createdAt: number;
}

interface TemporaryFile {
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
}

export class FakeAttachmentStore {
  /** Per file; tests lower it to exercise the refusal. */
  maxBytes = JSM_MAX_ATTACHMENT_BYTES;
  /** File extensions the site refuses (e.g. by an admin's app), lower case. */
  refusedExtensions: string[] = [];
  /** The desk's "allow attachments" switch. */
  enabled = true;
  readonly temporary = new Map<string, TemporaryFile>();
  /** By issue key. */
  readonly byRequest = new Map<string, FakeAttachment[]>();
  #next = 1;

  /** POST attachTemporaryFile; `parts` are the multipart body's parts. */
  attachTemporary(
    parts: MultipartPart[],
    headers: Headers,
  ): { status: number; body?: unknown; text?: string } {
    if (headers.get("x-atlassian-token") !== "no-check") {
      return { status: 403, text: "XSRF check failed" };
    }
    if (!this.enabled) {
      throw jsmError(403, "Attachments are disabled for this service desk.");
    }
    const files = parts.filter((p) => p.name === "file" && p.filename);
    if (files.length === 0) {
      throw jsmError(400, "The multipart body has no part named 'file'.");
    }
    for (const part of files) {
      if (part.bytes.length > this.maxBytes) {
        throw jsmError(
          413,
          `The file ${part.filename} is ${part.bytes.length} bytes; the limit is ${this.maxBytes} bytes.`,
        );
      }
      const extension = part.filename!.includes(".")
        ? part.filename!.split(".").pop()!.toLowerCase()
        : "";
      if (this.refusedExtensions.includes(extension)) {
        throw jsmError(400, `Files of type .${extension} are not allowed.`);
      }
    }
    const made = files.map((part) => {
      const id = `temp${this.#next++}`;
      this.temporary.set(id, {
        filename: part.filename!,
        mimeType: part.type || "application/octet-stream",
        bytes: part.bytes,
      });
      return { temporaryAttachmentId: id, fileName: part.filename! };
    });
    return { status: 201, body: { temporaryAttachments: made } };
  }

  /** Turns temporary files into the request's attachments (once each). */
  attach(
    issueKey: string,
    ids: unknown,
    isPublic: unknown,
    authorAccountId: string,
    now: number,
  ): FakeAttachment[] {
    if (!Array.isArray(ids) || ids.length === 0) {
      throw jsmError(400, "temporaryAttachmentIds must not be empty.");
    }
    const files = ids.map((id) => {
      const file = this.temporary.get(String(id));
      if (!file) {
        throw jsmError(400, `The temporary attachment ${id} does not exist.`);
      }
      return [String(id), file] as const;
    });
    const list = this.byRequest.get(issueKey) ?? [];
    const added = files.map(([id, file]) => {
      this.temporary.delete(id);
      return {
        id: String(20000 + this.#next++),
        filename: file.filename,
        mimeType: file.mimeType,
        size: file.bytes.length,
        bytes: file.bytes,
        public: isPublic !== false,
        authorAccountId,
        createdAt: now,
      };
    });
    list.push(...added);
    this.byRequest.set(issueKey, list);
    return added;
  }

  /** What an agent attaches in JSM itself (tests stage it). */
  addByAgent(
    issueKey: string,
    file: { filename: string; mimeType: string; bytes: Uint8Array },
    options: { authorAccountId: string; public?: boolean; now?: number },
  ): FakeAttachment {
    const made: FakeAttachment = {
      id: String(20000 + this.#next++),
      ...file,
      size: file.bytes.length,
      public: options.public ?? true,
      authorAccountId: options.authorAccountId,
      createdAt: options.now ?? Math.floor(Date.now() / 1000),
    };
    this.byRequest.set(issueKey, [
      ...(this.byRequest.get(issueKey) ?? []),
      made,
    ]);
    return made;
  }

  /** Deleted in JSM: its content answers 404 from then on. */
  remove(id: string) {
    for (const [key, list] of this.byRequest) {
      this.byRequest.set(key, list.filter((a) => a.id !== id));
    }
  }

  find(id: string): FakeAttachment | undefined {
    for (const list of this.byRequest.values()) {
      const found = list.find((a) => a.id === id);
      if (found) return found;
    }
    return undefined;
  }
}

/** How Jira's wiki markup names an attachment in the comment it adds. */
export function attachmentMarkup(a: FakeAttachment): string {
  return a.mimeType.startsWith("image/")
    ? `!${a.filename}|thumbnail!`
    : `[^${a.filename}]`;
}
