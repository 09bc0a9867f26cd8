// A person at a JavaScript-off Chromium: finds fields by label and buttons by text (pointer) or by Tab alone (keyboard),
// and hands every page it reaches — error states included — to the Checker.
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import type { Lang } from '../../../src/i18n/index.js';
import { textsOf } from './texts.js';
import type { Checker } from './checks.js';
import type { PortalServer } from './server.js';

export { textsOf };

export type Mode = 'pointer' | 'keyboard';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type FocusStyle = { outline: string; outlineStyle: string; outlineWidth: string; outlineColor: string; boxShadow: string; background: string; border: string; color: string };
type FocusInfo = { mark: number; tag: string; type: string; id: string; label: string; text: string; checked: boolean; native: boolean; same: boolean; style: FocusStyle; prevStyle: FocusStyle | null };

/** In the page: what now has focus, marked so its unfocused style can be read after the next Tab. */
function readFocus(prevMark: number): FocusInfo {
  const styleOf = (el: Element): FocusStyle => {
    const s = getComputedStyle(el);
    return { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor, boxShadow: s.boxShadow, background: s.backgroundColor, border: s.borderColor, color: s.color };
  };
  const prev = document.querySelector(`[data-kbd-mark="${prevMark}"]`);
  const prevStyle = prev && prev !== document.activeElement ? styleOf(prev) : null;
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    return { mark: 0, tag: 'body', type: '', id: '', label: '', text: '', checked: false, native: false, same: false, style: styleOf(document.body), prevStyle };
  }
  const same = prev === el;
  const mark = prevMark + 1;
  el.setAttribute('data-kbd-mark', String(mark));
  const input = el as HTMLInputElement;
  const label = input.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? '';
  // focus on a part of a native control (the date field's calendar button): the browser draws that ring, not our CSS
  const native = !el.matches(':focus');
  return { mark, tag: el.tagName.toLowerCase(), type: input.type ?? '', id: el.id, label: label.replace(/\s+/g, ' ').trim(), text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(), checked: !!input.checked, native, same, style: styleOf(el), prevStyle };
}

/** SPEC X6 visible focus: focused, the element shows an outline, or its shadow, background or border changes. */
function focusIsVisible(focused: FocusStyle, unfocused: FocusStyle): boolean {
  const transparent = (c: string) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
  const outline = focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) >= 1 && !transparent(focused.outlineColor) && focused.outline !== unfocused.outline;
  return outline || focused.boxShadow !== unfocused.boxShadow || focused.background !== unfocused.background || focused.border !== unfocused.border;
}

export type Visit = { status: number; url: string; path: string; html: string };

export class Walker {
  t: ReturnType<typeof textsOf>;
  page!: Page;
  private context!: BrowserContext;
  last!: Visit;
  /** Every page checked on this walk: "status path title". */
  readonly visited: string[] = [];
  private focus: FocusInfo | null = null;
  /** title (without the error prefix) → the path that had it */
  private titles = new Map<string, string>();
  tabs = 0;

  constructor(
    readonly browser: Browser,
    readonly server: PortalServer,
    readonly checker: Checker,
    public lang: Lang,
    readonly mode: Mode,
  ) {
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
    this.focus = null;
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
    await this.tabTo(`field "${label}"`, (f) => f.tag === 'input' && this.labelPattern(label).test(f.label));
    if (this.focus!.type === 'date') {
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
    await this.tabTo('a radio group', (f) => f.type === 'radio');
    for (let i = 0; i < 10 && !match(this.focus!); i++) {
      await this.page.keyboard.press('ArrowDown');
      this.focus = await this.page.evaluate(readFocus, this.focus!.mark);
    }
    expect(match(this.focus!), `radio "${label}" reachable with arrow keys on ${this.last.path}`).toBe(true);
    await this.page.keyboard.press('Space');
  }

  /** Presses the button whose text is `text` (Space in keyboard mode) and checks the page it leads to. */
  async press(text: string): Promise<Visit> {
    if (this.mode === 'pointer') return this.navigate(() => this.page.getByRole('button', { name: text, exact: true }).click());
    await this.tabTo(`button "${text}"`, (f) => f.tag === 'button' && f.text === text);
    await this.peekFocus();
    return this.navigate(() => this.page.keyboard.press('Space'));
  }

  /** Follows the link whose text is `text` (Enter in keyboard mode). */
  async follow(text: string): Promise<Visit> {
    if (this.mode === 'pointer') return this.navigate(() => this.page.getByRole('link', { name: text, exact: true }).first().click());
    await this.tabTo(`link "${text}"`, (f) => f.tag === 'a' && f.text === text);
    await this.peekFocus();
    return this.navigate(() => this.page.keyboard.press('Enter'));
  }

  /** Tab away and Shift+Tab back: the element about to be activated shows its focus indicator too, and Shift+Tab works. */
  private async peekFocus() {
    const target = this.focus!;
    await this.page.keyboard.press('Tab');
    const away = await this.page.evaluate(readFocus, target.mark);
    if (away.prevStyle) {
      expect(focusIsVisible(target.style, away.prevStyle), `visible focus on <${target.tag}> "${target.label || target.text}" on ${this.last.path}`).toBe(true);
    }
    await this.page.keyboard.press('Shift+Tab');
    this.tabs += 2;
    const back = await this.page.evaluate(readFocus, away.mark || target.mark);
    expect(back.text, `Shift+Tab returns to "${target.text}" on ${this.last.path}`).toBe(target.text);
    expect(back.tag).toBe(target.tag);
    this.focus = back;
  }

  private labelPattern(label: string): RegExp {
    return new RegExp(`^\\s*${esc(label)}\\s*(${esc(this.t('common.required'))}|${esc(this.t('common.optional'))})?\\s*$`);
  }

  /**
   * Tab (or Shift+Tab when `backwards`) until `want` has focus; every element passed on the way must show a
   * visible focus indicator, and focus must move on each press.
   */
  async tabTo(what: string, want: (f: FocusInfo) => boolean, backwards = false) {
    if (this.focus && this.focus.mark && want(this.focus)) return;
    const key = backwards ? 'Shift+Tab' : 'Tab';
    let wrapped = 0;
    for (let i = 0; i < 120; i++) {
      await this.page.keyboard.press(key);
      this.tabs++;
      const before = this.focus;
      const now = await this.page.evaluate(readFocus, before?.mark ?? 0);
      if (before && before.mark && now.prevStyle && !before.native) {
        expect(focusIsVisible(before.style, now.prevStyle), `visible focus on <${before.tag}> "${before.label || before.text}" (${before.id}) on ${this.last.path}: focused ${JSON.stringify(before.style)} vs ${JSON.stringify(now.prevStyle)}`).toBe(true);
      }
      // a date field takes Tab between its own parts; anything else must let focus move on
      expect(now.same && now.type !== 'date', `Tab left focus on <${now.tag}> "${now.label || now.text}" on ${this.last.path}`).toBe(false);
      // focus left the page (wrapping round): nothing of ours to check on the way back in
      this.focus = now.mark ? now : { ...now, mark: before?.mark ?? 0, native: true };
      if (!now.mark) {
        if (++wrapped > 1) break;
        continue;
      }
      if (want(now)) return;
    }
    throw new Error(`keyboard: could not reach ${what} with ${key} on ${this.last.path}`);
  }

  // ---- what the person sees ----

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
