// Types for mrkdwn.js, which the page loads as plain JavaScript.
export declare function mrkdwn(source: string): { text: string };
export declare function useNames(
  lookup: {
    person?: (id: string) => string | undefined;
    channel?: (id: string) => string | undefined;
  },
): void;
