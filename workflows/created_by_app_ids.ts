// The callback ids of the workflows that Helpdesk's own triggers start
// (triggers/created_by_app/). A trigger names its workflow by this id alone
// and imports the workflow only as a type, so the functions that create
// triggers (Configure Helpdesk, Configure a queue, the check-up) do not
// bundle the workflow's definition and every step's function definition,
// which they never run. The workflows take their callback_id from here, so
// the two cannot drift apart.
export const CARD_REACTION_WORKFLOW = "card_reaction";
export const MESSAGE_TO_TICKET_WORKFLOW = "message_to_ticket";
export const RATE_TICKET_WORKFLOW = "rate_ticket";
export const REQUESTER_MESSAGE_WORKFLOW = "requester_message";
export const SERVICE_LEVEL_SWEEP_WORKFLOW = "service_level_sweep";
export const UPDATE_TICKET_WORKFLOW = "update_ticket";
export const WEEKLY_DIGEST_WORKFLOW = "weekly_digest";
