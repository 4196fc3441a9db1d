// What a person does on the local workspace page, as steps a browser test
// reads like the README: be someone, open a channel, run a shortcut, fill a
// modal, react, click a card's button, reply in a thread. Each waits for
// what the person would wait for, so tests need no sleeps.
import { Buffer } from "node:buffer";
import type { Locator, Page } from "playwright-core";

export class LocalPage {
  constructor(readonly page: Page, readonly screenshots: URL) {}

  /** Signs in as the seeded person whose name matches, e.g. /Riley/. */
  async be(name: RegExp) {
    const switcher = this.page.getByTestId("person-switcher");
    const value = await switcher.locator("option").filter({ hasText: name })
      .getAttribute("value");
    if (!value) throw new Error(`nobody called ${name} in the switcher`);
    await switcher.selectOption(value);
  }

  async openChannel(name: string) {
    await this.page.getByTestId(`channel-${name}`).click();
    await this.page.getByTestId("conversation-title").filter({
      hasText: `#${name}`,
    }).waitFor();
  }

  async openAppDm() {
    await this.page.getByTestId("dm-helpdesk").click();
    await this.page.getByTestId("conversation-title").filter({
      hasText: "Helpdesk",
    }).waitFor();
  }

  /** Runs a shortcut from the sidebar; resolves once its modal is open. */
  async runShortcut(name: string): Promise<Modal> {
    await this.page.getByTestId(`shortcut-${name.replaceAll(" ", "-")}`)
      .click();
    return await this.modal();
  }

  async modal(title?: string): Promise<Modal> {
    const modal = new Modal(this.page);
    await modal.root.waitFor();
    if (title) await modal.root.locator("h3", { hasText: title }).waitFor();
    return modal;
  }

  /** A message in the open conversation, by text it contains. */
  message(text: string | RegExp): Locator {
    return this.page.locator("#messages .message", { hasText: text }).last();
  }

  /** Reacts with one of the hover bar's emoji (eyes, white_check_mark, ticket). */
  async react(message: Locator, name: string) {
    await message.hover();
    await message.getByTestId(`react-${name}`).click();
    await message.getByTestId(`reaction-${name}`).waitFor();
  }

  /** Clicks a button on a message (a card, a DM) by its label. */
  async click(message: Locator, label: string) {
    await message.getByTestId(`action-${label}`).click();
  }

  /** Posts in the open conversation, with files picked with 📎 if any. */
  async post(
    text: string,
    files: { name: string; mimeType: string; buffer: Uint8Array }[] = [],
  ) {
    if (files.length) {
      // Playwright takes a Node Buffer, which it sends as base64.
      await this.page.getByTestId("attach").setInputFiles(
        files.map((f) => ({ ...f, buffer: Buffer.from(f.buffer) })),
      );
    }
    await this.page.getByTestId("composer").fill(text);
    await this.page.getByTestId("composer").press("Enter");
    await this.message(text).waitFor();
  }

  /** Opens a message's thread; resolves to the thread pane. */
  async openThread(message: Locator): Promise<Locator> {
    await message.getByTestId("replies").click();
    const thread = this.page.getByTestId("thread");
    await thread.waitFor();
    return thread;
  }

  async reply(text: string) {
    const thread = this.page.getByTestId("thread");
    await thread.getByTestId("thread-composer").fill(text);
    await thread.getByTestId("thread-composer").press("Enter");
    await thread.locator(".message", { hasText: text }).waitFor();
  }

  async screenshot(name: string, path?: URL) {
    await this.page.screenshot({
      path: (path ?? new URL(`${name}.png`, this.screenshots)).pathname,
    });
  }
}

/** The open modal: fields by block_id, as Slack's view state names them. */
export class Modal {
  readonly root: Locator;

  constructor(private page: Page) {
    this.root = page.getByTestId("modal");
  }

  field(blockId: string): Locator {
    return this.root.getByTestId(`input-${blockId}`);
  }

  async fill(blockId: string, value: string) {
    await this.field(blockId).fill(value);
  }

  /** A single-choice menu (static, user or channel select), by label. */
  async choose(blockId: string, label: string | RegExp) {
    const menu = this.field(blockId);
    const value = await menu.locator("option").filter({ hasText: label })
      .first().getAttribute("value");
    if (value === null) throw new Error(`no ${label} in ${blockId}`);
    await menu.selectOption(value);
  }

  /** A multi-picker: types each name and picks the first match, as in Slack. */
  async pick(blockId: string, ...names: string[]) {
    const picker = this.field(blockId);
    for (const name of names) {
      await picker.locator(".picker-search").fill(name);
      await picker.getByRole("option", { name: new RegExp(name) }).first()
        .click();
      await picker.locator(".pick", { hasText: name }).waitFor();
    }
  }

  async check(blockId: string) {
    await this.field(blockId).check();
  }

  async submit() {
    await this.root.getByTestId("modal-submit").click();
  }

  /** Submits and waits for the modal to close. */
  async submitAndClose() {
    await this.submit();
    await this.root.waitFor({ state: "detached" });
  }

  /** Submits and waits until the app replaces the view with `title`. */
  async submitAndExpect(title: string) {
    await this.submit();
    await this.root.locator("h3", { hasText: title }).waitFor();
  }

  error(blockId: string): Locator {
    return this.root.getByTestId(`error-${blockId}`);
  }
}
