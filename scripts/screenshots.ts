// `npm run screenshots`: regenerates docs/screenshots/*.png from the real portal in Chromium with JavaScript off.
// The pages shown in the README: sign-in, terms, code entry, password rules with errors, completion, top page, and the
// multi-card holder's check of what 登録 will do (issue 19 item 8).
// Old files are removed first so the folder holds exactly what this run made.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/browser/support/chromium.js';
import { ROOT, startPortal, type PortalServer } from '../test/browser/support/server.js';
import { textsOf } from '../test/browser/support/texts.js';

const OUT = join(ROOT, 'docs/screenshots');
/** demo-04 of src/cli/demo.csv: a multi-card holder — two cards share the email that is kept, a third has another. */
const MULTI = { legacyId: 'demo-multi', legacyPassword: 'demo-pass-4', phoneLast4: '7890' };
/** demo-01 of src/cli/demo.csv: a legacy ID whose card email becomes the My ID, verified by SMS. */
const HOLDER = { legacyId: 'demo-sms', legacyPassword: 'demo-pass-1', phoneLast4: '5678', email: 'taro.yamada@example.jp', password: 'Maple!Tx93vQz' };

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function main() {
  mkdirSync(OUT, { recursive: true });
  // report.png is made by npm run screenshots:report
  for (const old of readdirSync(OUT).filter((f) => f.endsWith('.png') && f !== 'report.png')) rmSync(join(OUT, old));
  const browser = await launchChromium();
  let server: PortalServer | undefined;
  try {
    server = await startPortal();
    const t = textsOf('ja');
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP', viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    const base = server.url;
    const label = (text: string) => page.getByLabel(new RegExp(`^\\s*${esc(text)}\\s*(${esc(t('common.required'))})?\\s*$`));
    const press = async (text: string) => {
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: text, exact: true }).click()]);
    };
    const shot = async (name: string, p: Page = page) => {
      await p.screenshot({ path: join(OUT, name), fullPage: true });
      console.log(`docs/screenshots/${name}  ${p.url().slice(base.length)}`);
    };

    await page.goto(`${base}/login`);
    await shot('01-sign-in.png');
    await press(t('signin.submit'));
    await shot('02-sign-in-errors.png');

    // migration (SPEC M1–M8) as demo-sms does it: terms, keep the card email, SMS code, password rules, completion
    await label(t('signin.idLabel')).fill(HOLDER.legacyId);
    await label(t('signin.passwordLabel')).fill(HOLDER.legacyPassword);
    await press(t('signin.submit'));
    await shot('03-terms.png');
    await press(t('migration.termsAccept'));
    await shot('04-email-choice.png');
    await press(t('migration.yes'));
    await shot('05-code-entry.png');
    await label(t('verify.codeLabel')).fill(await server.latestCode((m) => m.channel === 'sms' && m.to.replace(/\D/g, '').endsWith(HOLDER.phoneLast4)));
    await press(t('verify.codeSubmit'));
    await label(t('password.newLabel')).fill('taro1985');
    await label(t('password.confirmLabel')).fill('taro1986');
    await press(t('migration.register'));
    await shot('06-password-errors.png');
    await label(t('password.newLabel')).fill(HOLDER.password);
    await label(t('password.confirmLabel')).fill(HOLDER.password);
    await press(t('migration.register'));
    await shot('07-completion.png');

    await page.goto(`${base}/login`);
    await label(t('signin.idLabel')).fill(HOLDER.email);
    await label(t('signin.passwordLabel')).fill(HOLDER.password);
    await press(t('signin.submit'));
    await shot('08-top.png');

    // the multi-card holder's password page: which cards 登録 links and which stay separate (issue 19 item 8)
    const multi = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP', viewport: { width: 1024, height: 768 } });
    const multiPage = await multi.newPage();
    const multiLabel = (text: string) => multiPage.getByLabel(new RegExp(`^\\s*${esc(text)}\\s*(${esc(t('common.required'))})?\\s*$`));
    const multiPress = async (text: string) => {
      await Promise.all([multiPage.waitForEvent('load'), multiPage.getByRole('button', { name: text, exact: true }).click()]);
    };
    await multiPage.goto(`${base}/login`);
    await multiLabel(t('signin.idLabel')).fill(MULTI.legacyId);
    await multiLabel(t('signin.passwordLabel')).fill(MULTI.legacyPassword);
    await multiPress(t('signin.submit'));
    await multiPress(t('migration.termsAccept'));
    await multiPress(t('migration.yes'));
    await multiLabel(t('verify.codeLabel')).fill(await server.latestCode((m) => m.channel === 'sms' && m.to.replace(/\D/g, '').endsWith(MULTI.phoneLast4)));
    await multiPress(t('verify.codeSubmit'));
    await shot('11-check-answers.png', multiPage);

    // the same sign-in page in English and at 320 CSS px (SPEC X6 reflow)
    const en = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB', viewport: { width: 1024, height: 768 } });
    const enPage = await en.newPage();
    await enPage.goto(`${base}/login`);
    await shot('09-sign-in-en.png', enPage);
    const narrow = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP', viewport: { width: 320, height: 640 } });
    const narrowPage = await narrow.newPage();
    await narrowPage.goto(`${base}/login`);
    await shot('10-sign-in-320px.png', narrowPage);
  } finally {
    await browser.close();
    await server?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
