// The message "Configure Helpdesk" leaves in the triage channel, so everyone
// there knows what the channel is for and who the agents are.
import { channelMention, userGroupMention, userMention } from "./mrkdwn.ts";

export function setupNotice(
  settings: { agentUsers: string[]; agentGroup?: string; admin: string },
): string {
  const agents = settings.agentUsers.map(userMention);
  if (settings.agentGroup) {
    agents.push(`members of ${userGroupMention(settings.agentGroup)}`);
  }
  return `:gear: Helpdesk now posts new tickets in this channel. Agents: ${
    listInWords(agents)
  }. React :eyes: on a card to claim it and :white_check_mark: to resolve it. (Set up by ${
    userMention(settings.admin)
  }.)`;
}

function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * Said to whoever saves a public triage channel: everyone in the workspace
 * can read its cards' threads, requesters included, so notes go to the
 * agents by DM there (see docs/roles-and-lifecycle.md).
 */
export function publicTriageWarning(channel: string): string {
  return `:warning: ${
    channelMention(channel)
  } is public: anyone in the workspace can read its cards' threads, requesters included. Internal notes on its tickets therefore go to the agents by DM; in a private triage channel without the requesters they stay in the card's thread.`;
}
