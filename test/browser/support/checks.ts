// Every page reached is checked here: axe (WCAG 2.2 AA tags), html-validate, reflow at 320 CSS px and the portal's own X6 rules.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT } from './server.js';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_SCRIPT = join(ROOT, 'node_modules/axe-core/axe.min.js');
const htmlValidate = new HtmlValidate(new FileSystemConfigLoader());

export type Expect = { lang: 'ja' | 'en'; errorPrefix: string };

type AxeResult = { violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] };

/** What the portal promises about every page (SPEC X6), read from the DOM in a JS-enabled copy of the page. */
function pageRules(expected: Expect) {
  const problems: string[] = [];
  const html = document.documentElement;
  if (html.lang !== expected.lang) problems.push(`<html lang="${html.lang}">, expected ${expected.lang}`);
  const title = document.title.trim();
  if (!title) problems.push('empty <title>');
  if (document.querySelectorAll('h1').length !== 1) problems.push(`${document.querySelectorAll('h1').length} <h1> elements, expected 1`);
  const skip = document.querySelector('a.skip-link');
  if (!skip || !document.querySelector(skip.getAttribute('href') ?? '#none')) problems.push('no working skip link');
  if (!document.querySelector('header a[href="/help"]')) problems.push('no help link in the header');
  const summary = document.querySelector('.error-summary');
  const invalid = [...document.querySelectorAll('[aria-invalid="true"]')];
  if (invalid.length > 0 && !summary) problems.push(`fields in error (${invalid.map((f) => `#${f.id}`).join(', ')}) but no error summary`);
  if (summary) {
    if (summary.getAttribute('role') !== 'alert') problems.push('error summary without role="alert"');
    if (!summary.querySelector('li')) problems.push('empty error summary');
    if (!title.startsWith(expected.errorPrefix)) problems.push(`page shows errors but <title> "${title}" does not start with "${expected.errorPrefix}"`);
    for (const field of invalid) {
      if (!summary.querySelector(`a[href="#${CSS.escape(field.id)}"]`)) problems.push(`error summary has no link to #${field.id}`);
      const described = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      if (!described.some((id) => document.getElementById(id)?.classList.contains('error-message'))) {
        problems.push(`#${field.id} is aria-invalid but its error message is not in aria-describedby`);
      }
    }
  } else if (title.startsWith(expected.errorPrefix) && !document.querySelector('.error-page')) {
    problems.push(`<title> "${title}" says error but the page has no error summary and is no error page`);
  }
  for (const input of document.querySelectorAll('input[type="password"]')) {
    if (input.hasAttribute('value')) problems.push(`password field #${input.id} is pre-filled`);
  }
  for (const form of document.querySelectorAll('form[method="post"]')) {
    if (!form.querySelector('input[type="hidden"][name="csrf"]')) problems.push(`POST form to ${form.getAttribute('action')} has no csrf field`);
  }
  return problems;
}

/** SPEC X6 reflow: at 320 CSS px nothing scrolls sideways; names what sticks out. */
function reflowRules() {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5 || el.scrollWidth > Math.max(el.clientWidth, width))
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`);
  return [`horizontal scroll at 320 px (scrollWidth ${document.documentElement.scrollWidth}): ${wide.join(', ')}`];
}

export class Checker {
  private context!: BrowserContext;
  private page!: Page;
  private current = { url: '', html: '' };
  private origin = '';
  private seen = new Map<string, string[]>();
  checked = 0;
  /** Milliseconds spent checking, by part: for keeping the suite's run time in view. */
  readonly spent = { validate: 0, load: 0, axe: 0, reflow: 0 };

  async open(browser: Browser) {
    // JavaScript on here only: axe hangs where timers never fire (GOTCHAS). The HTML is the one the JS-off browser received.
    this.context = await browser.newContext({ javaScriptEnabled: true, viewport: { width: 1280, height: 900 } });
    this.page = await this.context.newPage();
    const assets = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>();
    await this.page.route('**/*', async (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url() === this.current.url) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: this.current.html });
      }
      if (request.method() !== 'GET') return route.abort();
      // the stylesheet and images from the real server, fetched once (the server sends them no-store)
      let asset = assets.get(request.url());
      if (!asset) {
        const res = await route.fetch();
        asset = { status: res.status(), headers: res.headers(), body: await res.body() };
        assets.set(request.url(), asset);
      }
      return route.fulfill(asset);
    });
  }

  async close() {
    await this.context?.close();
  }

  /**
   * Puts `html` in the page as if it came from `url`'s server: the first page of an origin is navigated to (and gets axe);
   * later ones replace the document in place (document.open keeps the window, so axe stays loaded), which is much quicker.
   */
  private async show(url: string, html: string) {
    const origin = new URL(url).origin;
    if (origin !== this.origin) {
      this.current = { url, html };
      await this.page.goto(url, { waitUntil: 'load' });
      this.origin = origin;
    } else {
      await this.page.setContent(html, { waitUntil: 'load' });
    }
    if (!(await this.page.evaluate(() => 'axe' in window))) await this.page.addScriptTag({ path: AXE_SCRIPT });
  }

  /** Every problem found on this HTML, as readable lines; an empty list means the page passes. */
  async check(url: string, html: string, expected: Expect): Promise<string[]> {
    const key = createHash('sha256')
      .update(url.replace(/[?#].*$/, ''))
      .update(html.replace(/name="csrf" value="[^"]*"/g, ''))
      .digest('hex');
    const cached = this.seen.get(key);
    if (cached) return cached;
    this.checked++;
    const problems: string[] = [];

    let t0 = performance.now();
    const lap = (part: keyof Checker['spent']) => {
      const now = performance.now();
      this.spent[part] += now - t0;
      t0 = now;
    };
    const report = await htmlValidate.validateString(html, join(ROOT, 'test/browser/page.html'));
    for (const result of report.results) {
      for (const m of result.messages) problems.push(`html-validate ${m.ruleId} (line ${m.line}:${m.column}): ${m.message}`);
    }

    lap('validate');
    await this.page.setViewportSize({ width: 1280, height: 900 });
    await this.show(url, html);
    problems.push(...(await this.page.evaluate(pageRules, expected)));

    lap('load');
    const axe = (await this.page.evaluate(
      (tags) => (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      AXE_TAGS,
    )) as AxeResult;
    for (const v of axe.violations) {
      problems.push(`axe ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }

    lap('axe');
    await this.page.setViewportSize({ width: 320, height: 640 });
    problems.push(...(await this.page.evaluate(reflowRules)));
    lap('reflow');

    this.seen.set(key, problems);
    return problems;
  }
}
