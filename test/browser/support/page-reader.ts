// What the person at the browser sees (SPEC §3, X6): the heading without its step caption, the step, the main text, the error
// summary, and where the page is. The walker (walker.ts) is this plus what the person does.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { textsOf } from './texts.js';

export const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type Visit = { status: number; url: string; path: string; html: string };

export class PageReader {
  t!: ReturnType<typeof textsOf>;
  page!: Page;
  /** The document the last navigation reached. */
  last!: Visit;

  /** The <h1> without its step caption (SPEC §3: the indicator is part of the heading; `step()` reads it). */
  async heading(): Promise<string> {
    const full = (await this.page.locator('h1').innerText()).trim();
    const caption = await this.step();
    return caption === undefined ? full : full.slice(caption.length).trim();
  }

  /** The step caption inside the <h1>, if the page is a step of a flow. */
  async step(): Promise<string | undefined> {
    const caption = this.page.locator('h1 .step-indicator');
    return (await caption.count()) === 0 ? undefined : (await caption.innerText()).trim();
  }

  async mainText(): Promise<string> {
    return this.page.locator('main').innerText();
  }

  /** The page is `status` with heading `h1`, and (when given) shows `texts`. */
  async expectPage(status: number, h1: string, ...texts: string[]) {
    expect(this.last.status, `status of ${this.last.path}`).toBe(status);
    expect(await this.heading(), `heading of ${this.last.path}`).toBe(h1);
    const main = await this.mainText();
    for (const text of texts) expect(main, `text on ${this.last.path}`).toContain(text);
  }

  /** The error summary lists exactly `messages`, each linking to a field, and the title says Error. */
  async expectErrors(...messages: string[]) {
    const items = await this.page.locator('.error-summary li').allInnerTexts();
    expect(items.map((s) => s.trim())).toEqual(messages);
    expect(await this.page.title()).toMatch(new RegExp(`^${esc(this.t('common.errorPrefix'))}`));
  }

  /** The error summary mentions each of `messages` (a message may carry more detail after it). */
  async expectErrorsMention(...messages: string[]) {
    const summary = await this.page.locator('.error-summary').innerText();
    for (const m of messages) expect(summary).toContain(m);
    expect(await this.page.title()).toMatch(new RegExp(`^${esc(this.t('common.errorPrefix'))}`));
  }

  async path(): Promise<string> {
    const u = new URL(this.page.url());
    return u.pathname + u.search;
  }
}
