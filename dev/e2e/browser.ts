// Headless Chromium for the browser tests, and a watch on everything a page
// reports as wrong: uncaught exceptions, console errors, and answers of 400
// or more from the local workspace. A test that ends with any of them fails.
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's chromium by default; CHROMIUM=/path/to/chrome elsewhere. */
export const CHROMIUM = Deno.env.get("CHROMIUM") ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    throw new Error(
      `No Chromium at ${CHROMIUM}: on Debian, apt-get install chromium; ` +
        "elsewhere set CHROMIUM to a Chromium or Chrome binary.",
    );
  }
  return await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Collects what went wrong on `page` from now on. */
export function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error}`));
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on("response", async (response) => {
    if (response.status() < 400) return;
    const body = await response.text().catch(() => "");
    problems.push(
      `${response.status()} from ${new URL(response.url()).pathname}: ${body}`,
    );
  });
  return problems;
}
