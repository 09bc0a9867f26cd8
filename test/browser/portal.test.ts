// Real-browser acceptance (SPEC X6): Chromium with JavaScript off walks every flow by label and button text, in Japanese
// with the pointer and in English with the keyboard alone (the two side by side, each on its own portal); every page
// reached gets axe, html-validate and the 320 px reflow check.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Lang } from '../../src/i18n/index.js';
import { Checker } from './support/checks.js';
import { ChromiumMissing, chromiumPresent, CHROMIUM_PATH, launchChromium, skipBrowser } from './support/chromium.js';
import { startPortal, type PortalServer } from './support/server.js';
import { Walker, type Mode } from './support/walker.js';
import { migrationBranches, migrationKeepEmail, migrationNewEmailVoice } from './walks/migration.js';
import { registration } from './walks/registration.js';
import { lockout, passwordReset } from './walks/reset.js';
import { settings } from './walks/settings.js';
import { revisedPortal, revisedTermsAndThrottle } from './walks/terms-throttle.js';
import { memberTopAndSignOut, noticesAndErrorPages, signInErrors, switchLanguage } from './walks/signin.js';

const RUNS: { lang: Lang; mode: Mode }[] = [
  { lang: 'ja', mode: 'pointer' },
  { lang: 'en', mode: 'keyboard' },
];

type Walk = (w: Walker) => Promise<void>;
const WALKS: [string, Walk][] = [
  ['sign-in: empty fields, generic error', signInErrors],
  ['sign-in as a member → top page → settings → sign-out; return after sign-in', memberTopAndSignOut],
  ['session/flow expiry notices, 404, 403, 413 and the demo outbox', noticesAndErrorPages],
  ['language switch', switchLanguage],
  ['migration: keep the card email, SMS code, password rules, completion linking the holder\'s cards, sign-in', (w) => migrationKeepEmail(w, 'Quiet#Rv7m2Wx')],
  ['migration: new email with its errors, email code, confirm, landline voice code, completion, sign-in', (w) => migrationNewEmailVoice(w, 'Quiet#Rv7m2Wx')],
  ['migration branches: card email taken, no card email, both phone kinds, initial ID, cancel, skipping ahead', migrationBranches],
  ['lockout: five failures lock an unknown ID; a locked My ID stays locked with the right password', lockout],
  ['password reset: email code (and a resend), SMS code, password rules, done, sign-in (unlocks)', (w) => passwordReset(w, 'Quiet#Rv7m2Wx')],
  ['new My ID: card + birth date, SMS code, terms, email rules, email code, password, sign-in', (w) => registration(w, 'Maple!Tx93vQz')],
  [
    'settings: password change and My ID change with their errors (uses the new My ID above)',
    (w) => settings(w, { id: `new-${w.lang}@example.jp`, password: 'Maple!Tx93vQz' }, { id: `changed-${w.lang}@example.jp`, password: 'Birch%Tq48wLm' }),
  ],
];

// Without Chromium exactly one test fails, with one line saying how to install it (SKIP_BROWSER=1 skips everything here).
describe.skipIf(skipBrowser)('Chromium', () => {
  test(`is installed at ${CHROMIUM_PATH}`, () => {
    if (!chromiumPresent()) throw new ChromiumMissing();
  });
});

describe.skipIf(skipBrowser || !chromiumPresent()).sequential('Chromium, JavaScript off', () => {
  let browser: Browser;
  const checkers = new Map<Lang, Checker>();
  const servers = new Map<Lang, PortalServer>();
  const walkers: Walker[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    // one fresh portal (own database, demo data, outbox) per language, so each language walks the demo holders from scratch;
    // CODE_RESEND_SECONDS=0: the reset and new-My-ID walks text the same demo mobile within seconds (M6a spacing is unit-tested)
    const settings = { CODE_RESEND_SECONDS: '0' };
    const [ja, en] = await Promise.all([startPortal(settings), startPortal(settings)]);
    servers.set('ja', ja).set('en', en);
    for (const { lang } of RUNS) {
      const checker = new Checker();
      await checker.open(browser);
      checkers.set(lang, checker);
    }
  }, 120_000);

  afterAll(async () => {
    for (const [lang, c] of checkers) {
      if (process.env.BROWSER_LOG) console.log(`${lang}: checked ${c.checked} distinct pages; ms spent: ${JSON.stringify(c.spent, (_k, v) => (typeof v === 'number' ? Math.round(v) : v))}`);
    }
    for (const w of walkers) await w.close().catch(() => {});
    for (const c of checkers.values()) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await Promise.all([...servers.values()].map((s) => s.stop()));
  });

  /** Runs `walk` in Japanese (pointer) and English (keyboard) at once; a failure names its language. */
  async function inBothLanguages(name: string, walk: Walk, serverOf: (lang: Lang) => Promise<PortalServer> | PortalServer = (lang) => servers.get(lang)!) {
    const results = await Promise.allSettled(
      RUNS.map(async ({ lang, mode }) => {
        const w = await new Walker(browser, await serverOf(lang), checkers.get(lang)!, lang, mode).start();
        walkers.push(w);
        try {
          await walk(w);
          if (process.env.BROWSER_LOG) console.log(`${lang}/${mode} ${name}: ${w.tabs} Tab presses\n  ${w.visited.join('\n  ')}`);
          expect(w.visited.length).toBeGreaterThan(0);
        } catch (err) {
          if (err instanceof Error) err.message = `[${lang}, ${mode}] ${err.message}\n  pages so far: ${w.visited.join(' → ')}`;
          throw err;
        } finally {
          await w.close();
        }
      }),
    );
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    if (failed.length === 1) throw failed[0];
    if (failed.length > 1) {
      failed[0].message += failed.slice(1).map((e) => `\n\nand also ${e.message}`).join('');
      throw failed[0];
    }
  }

  // The checks themselves must be able to fail: the real sign-in page, broken on purpose in the ways X6 forbids.
  describe('the checks catch', () => {
    const broken = async (mutate: (html: string) => string, query: string) => {
      const server = servers.get('ja')!;
      const res = await fetch(`${server.url}/login`, { method: 'GET' });
      const html = await res.text();
      const changed = mutate(html);
      expect(changed, 'the mutation applied').not.toBe(html);
      return checkers.get('ja')!.check(`${server.url}/login?selftest=${query}`, changed, { lang: 'ja', errorPrefix: 'エラー: ' });
    };
    test('a label no longer tied to its field', async () => {
      const problems = await broken((h) => h.replace('<label class="label" for="id">', '<label class="label">'), 'label');
      expect(problems.join('\n')).toMatch(/axe label/);
    });
    test('a field in error with no error summary', async () => {
      const problems = await broken(
        (h) => h.replace('<input class="input input-long" id="id"', '<input class="input input-long" aria-invalid="true" id="id"'),
        'summary',
      );
      expect(problems).toContain('fields in error (#id) but no error summary');
    });
    test('a missing doctype and a page wider than 320 px', async () => {
      const problems = await broken((h) => h.replace('<!DOCTYPE html>', '').replace('<h1>', '<pre>' + 'x'.repeat(120) + '</pre><h1>'), 'wide');
      expect(problems.join('\n')).toMatch(/html-validate missing-doctype/);
      expect(problems.join('\n')).toMatch(/horizontal scroll at 320 px/);
    });
    test('a focus indicator hidden by the stylesheet', async () => {
      const w = await new Walker(browser, servers.get('ja')!, checkers.get('ja')!, 'ja', 'keyboard').start({
        extraCss: '*:focus, *:focus-visible { outline: none !important; box-shadow: none !important; background: inherit !important; border-color: inherit !important; }',
      });
      walkers.push(w);
      await w.open('/login');
      await expect(w.fill(w.t('signin.idLabel'), 'x')).rejects.toThrow(/visible focus/);
      await w.close();
    });
  });

  describe('every flow, ja with the pointer and en with the keyboard alone', () => {
    for (const [name, walk] of WALKS) {
      test(name, { timeout: 180_000 }, () => inBothLanguages(name, walk));
    }
    test('revised terms after sign-in (T4), code resend too soon and code lock (M6a), sign-in throttle (L7), on a restarted portal', { timeout: 180_000 }, async () => {
      const started: PortalServer[] = [];
      try {
        await inBothLanguages('revised terms', revisedTermsAndThrottle, async () => {
          const server = await revisedPortal();
          started.push(server);
          return server;
        });
      } finally {
        await Promise.all(started.map((s) => s.stop()));
      }
    });
  });
});
