// Every page of one of servicedeskapi's paged lists (PagedDTO: start, limit,
// isLastPage, values; 50 a page by default, see "Pagination" in
// developer.atlassian.com/cloud/jira/service-desk/rest/intro/), so an item
// beyond the first page is still seen.
import type { JsmClient } from "./jsm_client.ts";

/** 1,000 items even at 50 a page: more than a request should have. */
const MAX_PAGES = 20;

export async function allPages<T>(jsm: JsmClient, path: string): Promise<T[]> {
  const all: T[] = [];
  for (let start = 0, page = 0; page < MAX_PAGES; page++) {
    const listed = await jsm.operation((session) =>
      session.send<{ values?: T[]; isLastPage?: boolean }>({
        method: "GET",
        path,
        query: { start, limit: 100 },
      })
    );
    const values = listed?.values ?? [];
    all.push(...values);
    if (listed?.isLastPage !== false || values.length === 0) break;
    start += values.length;
  }
  return all;
}
