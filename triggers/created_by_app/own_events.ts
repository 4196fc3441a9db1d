// Helpdesk's own posts and reactions must not start its own workflows: the
// key it posts in an intake thread would otherwise start a relay run, and
// every mark it adds a reaction run. Event triggers filter on the event's
// data (trigger filters: statements on {{data.…}} combined with AND, OR and
// NOT; https://docs.slack.dev/tools/deno-slack-sdk/guides/creating-event-triggers
// and the trigger-filters page in deno-slack-api's docs/triggers). message_posted and
// reaction_added both carry `user_id`, which for Helpdesk's own acts is its
// bot user (auth.test's user_id).

/** A trigger filter node, as Slack takes them (deno-slack-api's shape). */
export type FilterNode =
  | { statement: string; operator?: never; inputs?: never }
  | {
    operator: "AND" | "OR" | "NOT";
    inputs: [FilterNode, ...FilterNode[]];
    statement?: never;
  };

/** `root`, and not done by `ownUserId` when it is known. */
export function notFrom(
  ownUserId: string | undefined,
  root: FilterNode,
): FilterNode {
  if (!ownUserId) return root;
  return {
    operator: "AND",
    inputs: [root, { statement: `{{data.user_id}} != ${ownUserId}` }],
  };
}
