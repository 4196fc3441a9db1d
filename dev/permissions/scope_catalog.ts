// Every bot scope Helpdesk may ask for: Slack's own description (from
// https://docs.slack.dev/reference/scopes/<scope>) and Helpdesk's reason. The
// approval text for admins and docs/setup.md's permissions table are both made
// from this table, so they can't drift apart.

export interface ScopeEntry {
  /** Slack's description, shown to admins on the approval screen. */
  slack: string;
  /** Why Helpdesk asks for it. */
  reason: string;
}

export const SCOPE_CATALOG: Readonly<Record<string, ScopeEntry>> = {
  // Only with HELPDESK_FILES=on, files:write also with HELPDESK_EXPORT=on
  // (settingScopes in deployment_options.ts).
  "files:read": {
    slack:
      "View files shared in channels and conversations that your slack app has been added to",
    reason:
      "With `HELPDESK_FILES=on`: download the files on a message that becomes a ticket, and those its requester adds in that message's thread, with the run's token, to copy them to the ticket's card thread; offer a file field (Block Kit `file_input`, which requires this scope) in the request form and in Reply to requester, and look up (`files.info`) and read the files picked there, to copy them to the card's thread or the requester; with JSM on, look up and read back those copies to attach them to the JSM request. The check-up reads back its own test file (`files.info`, then a download). Nothing else is read.",
  },
  "files:write": {
    slack: "Upload, edit, and delete files as your slack app",
    reason:
      "With `HELPDESK_FILES=on`: upload those copies into the card's thread, or for a private request into its agents' DMs, and a reply's files where the requester reads the reply (files.getUploadURLExternal, then files.completeUploadExternal). With `HELPDESK_EXPORT=on` (or `HELPDESK_FILES=on`): upload the Helpdesk report's CSV export into the DM of the admin or queue owner who asked for it. With `HELPDESK_FILES=on` the check-up uploads one small test file into a thread in the triage channel and deletes it again (`files.delete`); Helpdesk never edits or deletes anyone else's files.",
  },
  "chat:write": {
    slack: "Send messages as @Helpdesk",
    reason:
      "Post ticket cards, redraw them, reply in their threads (SLA warnings included), DM requesters (status changes, rating requests) and the escalation owner, post the weekly report, and show private explanations and on-demand reports (ephemeral messages). The Helpdesk check-up DMs its findings to the admin who ran it, and posts a test message in the triage channel that it deletes a moment later. DMs go to a user ID, so `im:write` is not needed.",
  },
  "channels:join": {
    slack: "Join public channels in a workspace",
    reason:
      "Join the public triage channel when it is configured, and again if someone removes Helpdesk from it. Private channels need an invitation instead.",
  },
  "datastore:read": {
    slack: "View and see data from Slack App Datastore",
    reason:
      "Read tickets, the ticket lookup index, the open work index and the daily report figures the scheduled checks keep, the settings, the queues, the request types, when each ticket's lock was taken, and the Jira Service Management updates already applied. The check-up reads back what it just wrote, to see whether reads are up to date.",
  },
  "datastore:write": {
    slack: "Write data to Slack App Datastore",
    reason:
      "Save tickets, the lookup index, the open work index and the daily report figures, the settings, the queues, the request types, when each ticket's lock was taken, and which Jira Service Management updates were applied (so a redelivered one is not applied twice). The check-up writes and deletes a test item, and the order Slack named a requester reply's timestamps in.",
  },
  "triggers:write": {
    slack: "Create new Platform triggers",
    reason:
      "Configure Helpdesk creates the link triggers behind the card buttons and the rating buttons, and the scheduled triggers for the SLA checks and the weekly digest. Configure Helpdesk and Configure a queue keep the reaction triggers on the triage channels (:eyes:, :white_check_mark:) and on the intake channels (:ticket:) in step with the queues: one trigger per 20 channels, Slack's limit, created, updated and deleted as channels come and go.",
  },
  "triggers:read": {
    slack: "Read new Platform triggers",
    reason:
      "List the reaction triggers Helpdesk made (workflows.triggers.list, its own only), so that no trigger is left watching channels after a failed or simultaneous save: each save finds every one of them and updates or deletes it. The check-up lists all of the app's triggers to tell an admin which one is missing.",
  },
  "reactions:read": {
    slack:
      "View emoji reactions and their associated content in channels and conversations that your slack app has been added to",
    reason:
      "Receive :eyes: and :white_check_mark: reactions on cards in the triage channels, and the :ticket: reaction on messages in intake channels; then ask Slack whether that person's reaction is really on that message before acting for them.",
  },
  "channels:read": {
    slack: "View basic information about public channels in a workspace",
    reason:
      "A queue's members can be everyone in a public channel: Helpdesk lists its members when someone acts on a ticket. It also names a channel in a form's error message, which Slack shows as plain text; and the check-up asks whether Helpdesk is still a member of each triage and intake channel.",
  },
  "groups:read": {
    slack:
      "View basic information about private channels that your slack app has been added to",
    reason:
      "The same for a private channel named as a queue's members or in a form's error, once @Helpdesk is invited there.",
  },
  "channels:history": {
    slack:
      "View messages and other content in public channels that your slack app has been added to",
    reason:
      "Read the one message someone reacted to with :ticket: in a queue's intake channel, to turn it into a ticket; and, when opening a ticket is retried, find in the triage channel the card an interrupted attempt already posted, so it is not posted twice; and, in the scheduled run, read each triage channel's messages since its last run, to take back cards of tickets that were never saved. The check-up reads its test message back to see that message metadata is kept.",
  },
  "groups:history": {
    slack:
      "View messages and other content in private channels that your slack app has been added to",
    reason:
      "The same in a private intake or triage channel @Helpdesk was invited to.",
  },
  "reactions:write": {
    slack: "Add and edit emoji reactions",
    reason:
      "Mark a message that became a ticket, which is also what keeps two people's :ticket: reactions from making two tickets; and lock a ticket while one change is made to it (a reaction on its card), so that two people's clicks at the same moment can't undo each other. The check-up adds one reaction several times at once on its test message, to prove Slack lets exactly one through, then removes it.",
  },
  "usergroups:read": {
    slack: "View user groups in a workspace",
    reason:
      "Agents can be the members of a Slack user group, read when someone acts; and the settings forms list the workspace's user groups to choose from, as Block Kit has no user group picker.",
  },
};

/** Scopes Slack requires whenever an app declares a datastore. */
export const DATASTORE_SCOPES = ["datastore:read", "datastore:write"];

/**
 * Scopes for events a trigger listens to, from Slack's event reference
 * (https://docs.slack.dev/reference/events/<event>).
 */
export const EVENT_SCOPES: Readonly<Record<string, readonly string[]>> = {
  ReactionAdded: ["reactions:read"],
  ReactionRemoved: ["reactions:read"],
  MessagePosted: ["channels:history"],
  ChannelCreated: ["channels:read"],
  UserJoinedChannel: ["channels:read"],
};

/**
 * Scopes Slack's built-in functions need, from
 * https://docs.slack.dev/reference/slack-functions/<function>.
 */
export const BUILTIN_FUNCTION_SCOPES: Readonly<
  Record<string, readonly string[]>
> = {
  OpenForm: [],
  SendMessage: ["chat:write"],
  SendDm: ["chat:write"],
  ReplyInThread: ["chat:write"],
  SendEphemeralMessage: ["chat:write"],
  AddReaction: ["reactions:write"],
  Delay: [],
};
