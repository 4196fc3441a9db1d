// What the two list modals share (My tickets, Open tickets): the "Loading…"
// view opened at once (an interactivity pointer expires within seconds,
// reading tickets may take longer), the page and order kept in the view's
// metadata, and the buttons between pages.
import type { ActionsBlock, ContextBlock, ModalView } from "@slack/types";
import {
  isListKey,
  type ListKey,
  type Page,
  type PageAt,
} from "../../helpdesk/tickets/ticket_lists.ts";

export interface ListState {
  page: number;
  order?: string;
  /** The first row shown, to redraw the same page after a click. */
  from?: ListKey;
}

export function listMetadata(state: ListState): string {
  return JSON.stringify(state);
}

/** The list's state from a view; the first page for anything else. */
export function listState(privateMetadata: string | undefined): ListState {
  try {
    const parsed = JSON.parse(privateMetadata ?? "{}");
    const page = Number(parsed?.page);
    return {
      page: Number.isInteger(page) && page >= 0 ? page : 0,
      ...(typeof parsed?.order === "string" ? { order: parsed.order } : {}),
      ...(isListKey(parsed?.from) ? { from: parsed.from } : {}),
    };
  } catch {
    return { page: 0 };
  }
}

export function listFrame(
  callbackId: string,
  title: string,
  state: ListState,
  blocks: ModalView["blocks"],
): ModalView {
  // notify_on_close: closing it ends the run that keeps its buttons working.
  return {
    type: "modal",
    callback_id: callbackId,
    notify_on_close: true,
    private_metadata: listMetadata(state),
    title: { type: "plain_text", text: title },
    close: { type: "plain_text", text: "Done" },
    blocks,
  };
}

export function loadingModal(callbackId: string, title: string): ModalView {
  return listFrame(callbackId, title, { page: 0 }, [
    note(":hourglass: Reading the tickets…"),
  ]);
}

export function note(text: string): ContextBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text }] };
}

/**
 * "← Previous" and "Next →", each carrying the page it goes to and the row
 * it starts from (ticket_lists.ts, pageAt).
 */
export function pageButtons(
  actionId: string,
  page: Page<unknown>,
): ActionsBlock | undefined {
  const buttons = [];
  const go = (at: PageAt) => JSON.stringify(at);
  if (page.page > 0) {
    buttons.push({
      type: "button" as const,
      action_id: `${actionId}_previous`,
      text: { type: "plain_text" as const, text: "← Previous" },
      value: go({ page: page.page - 1, before: page.first }),
    });
  }
  if (page.page < page.pages - 1) {
    buttons.push({
      type: "button" as const,
      action_id: `${actionId}_next`,
      text: { type: "plain_text" as const, text: "Next →" },
      value: go({ page: page.page + 1, after: page.last }),
    });
  }
  return buttons.length
    ? { type: "actions", block_id: "pages", elements: buttons }
    : undefined;
}

/**
 * The page a page button asks for; a bare number from a modal drawn before
 * pages carried their rows, and anything unreadable, by number only.
 */
export function pageClicked(value: string | undefined): PageAt {
  try {
    const parsed = JSON.parse(value ?? "0");
    if (typeof parsed === "number") {
      return { page: Number.isInteger(parsed) && parsed >= 0 ? parsed : 0 };
    }
    const page = Number(parsed?.page);
    const at: PageAt = {
      page: Number.isInteger(page) && page >= 0 ? page : 0,
    };
    for (const side of ["after", "before"] as const) {
      if (isListKey(parsed?.[side])) at[side] = parsed[side];
    }
    return at;
  } catch {
    return { page: 0 };
  }
}

/** "page 2 of 3" when there is more than one. */
export function pageCount(page: Page<unknown>): string {
  return page.pages > 1 ? ` · page ${page.page + 1} of ${page.pages}` : "";
}
