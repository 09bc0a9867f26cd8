// A person at a JavaScript-off Chromium: finds fields by label and buttons by text (pointer) or by Tab alone (keyboard,
// keyboard.ts), and hands every page it reaches — error states included — to the Checker. What the person sees: page-reader.ts.
import type { Browser, BrowserContext, Response } from 'playwright-core';
import { expect } from 'vitest';
import type { Lang } from '../../../src/i18n/index.js';
import { textsOf } from './texts.js';
import type { Checker } from './checks.js';
import type { FocusInfo } from './focus.js';
import { Keyboard } from './keyboard.js';
import { esc, PageReader, type Visit } from './page-reader.js';
import type { PortalServer } from './server.js';

export { textsOf };

export type Mode = 'pointer' | 'keyboard';

export type { Visit };

export class Walker extends PageReader {
  private context!: BrowserContext;
  /** Every page checked on this walk: "status path title". */
  readonly visited: string[] = [];
  private readonly keys = new Keyboard(
    () => this.page,
    () => this.last.path,
  );
  /** title (without the error prefix) → the path that had it */
  private titles = new Map<string, string>();

  /** Tab and Shift+Tab presses on this walk. */
  get tabs() {
    return this.keys.tabs;
  }

  constructor(
    readonly browser: Browser,
    readonly server: PortalServer,
    readonly checker: Checker,
    public lang: Lang,
    readonly mode: Mode,
  ) {
    super();
    this.t = textsOf(lang);
  }

  /** A new JavaScript-off browser profile (no cookies): a new person. */
  async start(options: { extraCss?: string } = {}) {
    await this.context?.close();
    this.context = await this.browser.newContext({ javaScriptEnabled: false, locale: this.lang === 'ja' ? 'ja-JP' : 'en-GB', viewport: { width: 1024, height: 800 } });
    const { extraCss } = options;
    if (extraCss) {
      // only for proving the checks can fail: the stylesheet with rules appended
      await this.context.route('**/static/app.css', async (route) => {
        const res = await route.fetch();
        await route.fulfill({ response: res, body: (await res.text()) + extraCss });
      });
    }
    this.page = await this.context.newPage();
    return this;
  }

  async close() {
    await this.context?.close();
  }

  // ---- navigation: every document reached is recorded and checked ----

  private async navigate(action: () => Promise<unknown>): Promise<Visit> {
    const page = this.page;
    const arrived = page.waitForResponse((r: Response) => r.frame() === page.mainFrame() && r.request().isNavigationRequest() && !(r.status() >= 300 && r.status() < 400), { timeout: 20_000 });
    await action();
    const res = await arrived;
    await page.waitForLoadState('load');
    const url = new URL(res.url());
    this.last = { status: res.status(), url: res.url(), path: url.pathname + url.search, html: await res.text() };
    this.keys.focus = null;
    await this.checkPage();
    return this.last;
  }

  private async checkPage() {
    const title = await this.page.title();
    this.visited.push(`${this.last.status} ${this.last.path} ${title}`);
    // SPEC §3: each step has its own <title> (the shared error pages aside)
    if (![403, 404, 413, 500].includes(this.last.status)) {
      const bare = title.replace(this.t('common.errorPrefix'), '');
      const pathname = new URL(this.last.url).pathname;
      const other = this.titles.get(bare);
      // a step's own sub-action (…/email-code/resend re-rendering the code page) is the same step
      const sameStep = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
      expect(other === undefined || sameStep(other, pathname), `<title> "${bare}" on ${pathname} is also the title of ${other}`).toBe(true);
      if (other === undefined) this.titles.set(bare, pathname);
    }
    const problems = await this.checker.check(this.last.url, this.last.html, { lang: this.lang, errorPrefix: this.t('common.errorPrefix') });
    expect(problems, `accessibility/HTML problems on ${this.last.status} ${this.last.path} "${title}" (${this.lang})`).toEqual([]);
  }

  async open(path: string): Promise<Visit> {
    return this.navigate(() => this.page.goto(this.server.url + path));
  }

  /** Follows the language link in the header; the page (and every later one) must then be in the other language. */
  async switchLanguage(): Promise<Visit> {
    const [text, name] = [this.t('common.languageSwitch'), this.t('common.languageSwitchLabel')];
    this.lang = this.lang === 'ja' ? 'en' : 'ja';
    this.t = textsOf(this.lang);
    if (this.mode === 'keyboard') return this.follow(text);
    return this.navigate(() => this.page.getByRole('link', { name, exact: true }).click());
  }

  /** Fills the field whose label is `label` (the "required" tag may follow it). */
  async fill(label: string, value: string) {
    if (this.mode === 'pointer') {
      await this.page.getByLabel(this.labelPattern(label)).fill(value);
      return;
    }
    await this.keys.tabTo(`field "${label}"`, (f) => f.tag === 'input' && this.labelPattern(label).test(f.label));
    if (this.keys.focus!.type === 'date') {
      // Chromium's date field takes its segments in the browser's own order (mm/dd/yyyy here); a keyboard user types them
      const [y, m, d] = value.split('-');
      await this.page.keyboard.type(`${m}${d}${y}`);
      expect(await this.page.locator(':focus').inputValue(), `date typed into "${label}"`).toBe(value);
      return;
    }
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    // a long value is pasted (one insertText), as a person would; short ones are typed key by key
    if (value.length > 200) await this.page.keyboard.insertText(value);
    else if (value) await this.page.keyboard.type(value);
  }

  /** Picks the radio button whose label is `label`. */
  async choose(label: string) {
    if (this.mode === 'pointer') {
      await this.page.getByRole('radio', { name: this.labelPattern(label) }).check();
      return;
    }
    const match = (f: FocusInfo) => f.type === 'radio' && this.labelPattern(label).test(f.label);
    await this.keys.tabTo('a radio group', (f) => f.type === 'radio');
    expect(await this.keys.arrowTo(match), `radio "${label}" reachable with arrow keys on ${this.last.path}`).toBe(true);
    await this.page.keyboard.press('Space');
  }

  /** Presses the button whose text is `text` (Space in keyboard mode) and checks the page it leads to. */
  async press(text: string): Promise<Visit> {
    if (this.mode === 'pointer') return this.navigate(() => this.page.getByRole('button', { name: text, exact: true }).click());
    await this.keys.tabTo(`button "${text}"`, (f) => f.tag === 'button' && f.text === text);
    await this.keys.peekFocus();
    return this.navigate(() => this.page.keyboard.press('Space'));
  }

  /** Follows the link whose text is `text` (Enter in keyboard mode). */
  async follow(text: string): Promise<Visit> {
    if (this.mode === 'pointer') return this.navigate(() => this.page.getByRole('link', { name: text, exact: true }).first().click());
    await this.keys.tabTo(`link "${text}"`, (f) => f.tag === 'a' && f.text === text);
    await this.keys.peekFocus();
    return this.navigate(() => this.page.keyboard.press('Enter'));
  }

  private labelPattern(label: string): RegExp {
    return new RegExp(`^\\s*${esc(label)}\\s*(${esc(this.t('common.required'))}|${esc(this.t('common.optional'))})?\\s*$`);
  }
}
