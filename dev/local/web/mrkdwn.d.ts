// Types for mrkdwn.js, which the page loads as plain JavaScript.
export declare function mrkdwn(source: string): { text: string };
export declare function emojify(text: string): string;
export declare function useEmoji(
  loaded: { names: Record<string, string>; tones: Record<string, string[]> },
): void;
export declare function useNames(
  lookup: {
    person?: (id: string) => string | undefined;
    channel?: (id: string) => string | undefined;
    usergroup?: (id: string) => string | undefined;
    timeZone?: () => string | undefined;
    workspaceUrl?: () => string | undefined;
  },
): void;
