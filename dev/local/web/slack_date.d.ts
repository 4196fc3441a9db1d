// Types for slack_date.js, which the page loads as plain JavaScript.
export declare function formatSlackDate(
  timestamp: string,
  format: string,
  fallback: string,
  options?: { now?: number; timeZone?: string },
): string;
