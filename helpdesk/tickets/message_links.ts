// Slack message links carry the message's ts: /archives/C123/p1700000000000100
// is ts 1700000000.000100. A reply's thread is read from its parent's link.

export function tsFromMessageLink(
  link: string | undefined,
): string | undefined {
  const match = /\/p(\d{10})(\d{6})(?:[?#]|$)/.exec(link ?? "");
  return match ? `${match[1]}.${match[2]}` : undefined;
}
