// "Erase a person": its two modal views (whom, then the confirmation naming
// them) and the admin's receipt once it is done. The receipt names ticket
// keys and counts only: none of the erased words.
import type { KnownBlock, ModalView } from "@slack/types";
import type { Erasure } from "../../helpdesk/tickets/erasure.ts";
import { slackDateTime, userMention } from "./mrkdwn.ts";

export const ERASE_PERSON_BLOCK = "person";

// Copies Helpdesk does not keep track of, so can't find again: said before
// and after, so that nobody takes the erasure for more than it is.
const NOT_REACHED_SHORT =
  "direct messages Helpdesk sent other people about these tickets (a private ticket's agents, followers, requesters offered a solved ticket as an answer), and what was already synced to Jira Service Management.";
const NOT_REACHED = `Not changed: ${NOT_REACHED_SHORT}`;

const section = (text: string): KnownBlock => ({
  type: "section",
  text: { type: "mrkdwn", text },
});

export function erasurePickModal(callbackId: string): ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    title: { type: "plain_text", text: "Erase a person" },
    submit: { type: "plain_text", text: "Next" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      section(
        "For a request under privacy law: Helpdesk removes this person's name and words from every ticket they opened or wrote in. You confirm on the next screen.",
      ),
      {
        type: "input",
        block_id: ERASE_PERSON_BLOCK,
        label: { type: "plain_text", text: "Whom to erase" },
        element: { type: "users_select", action_id: ERASE_PERSON_BLOCK },
      },
    ],
  };
}

/** The confirmation, naming the person chosen; metadata carries them. */
export function erasureConfirmModal(
  callbackId: string,
  person: string,
): ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    private_metadata: JSON.stringify({ person }),
    title: { type: "plain_text", text: "Erase a person" },
    submit: { type: "plain_text", text: "Erase" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      section(`*Erase ${userMention(person)}?* This can't be undone.`),
      section(
        [
          "• Every ticket they opened, open ones too, is removed: its card and Helpdesk's messages about it say it was removed at their request.",
          "• On tickets they reported, followed, worked on or wrote in, Helpdesk's messages that name or quote them are replaced, and they leave the ticket's fields and history.",
          "• Messages they posted themselves stay: only they or a workspace admin can delete them. The receipt counts them.",
          "• Report figures stay; they hold no names or words.",
          `• ${NOT_REACHED}`,
        ].join("\n"),
      ),
      section(
        "The scheduled run does it, a few tickets at a time, starting within 15 minutes. You get a receipt by DM when it is done.",
      ),
    ],
  };
}

/** Who the confirmation was for, or undefined for metadata not ours. */
export function confirmedPerson(metadata: string | undefined) {
  try {
    const person = JSON.parse(metadata ?? "")?.person;
    return typeof person === "string" && /^[UW][A-Z0-9]+$/.test(person)
      ? person
      : undefined;
  } catch {
    return undefined;
  }
}

const keys = (list: readonly string[], count: number) =>
  list.length
    ? `: ${list.join(", ")}${
      count > list.length ? ` and ${count - list.length} more` : ""
    }`
    : "";

export function erasureReceipt(
  job: Erasure,
): { text: string; blocks: KnownBlock[] } {
  const lines = [
    `:white_check_mark: The erasure of ${
      userMention(job.user)
    } you asked for is done.`,
    `• Tickets they opened, removed: ${job.counts.purged}${
      keys(job.purged, job.counts.purged)
    }`,
    `• Tickets they wrote in, worked on or followed, cleaned: ${job.counts.cleaned}${
      keys(job.cleaned, job.counts.cleaned)
    }`,
    `• Helpdesk's messages replaced: ${job.replaced}`,
    `• Messages they posted themselves, which only they or a workspace admin can delete: ${job.uneditable}`,
    `• Not changed: ${NOT_REACHED_SHORT}`,
  ];
  // Tickets they opened or wrote in while it ran were looked at again; what
  // they write after the last look is theirs, as anyone's new words are.
  if (job.looked_at !== undefined) {
    lines.push(
      job.unsettled
        ? `:warning: They kept writing in tickets while it ran: tickets they opened or wrote in after ${
          slackDateTime(job.looked_at)
        } may still hold their words. Run Erase a person again for those.`
        : `• Covers tickets they opened or wrote in up to ${
          slackDateTime(job.looked_at)
        }, those opened or written in while it ran included.`,
    );
  }
  if (job.failed?.length) {
    lines.push(
      `:warning: Not erased, after an error: ${
        job.failed.join(", ")
      }. Run Erase a person again for them to try once more.`,
    );
  }
  const text = lines.join("\n");
  return { text, blocks: [section(text)] };
}
