// `npm run screenshots:report`: builds a fortnight of pilot-like traffic over a throwaway database (fake clock, the real app),
// writes the SPEC O7 report from it and saves docs/screenshots/report.png from Chromium.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeClock } from '../src/auth/clock.js';
import { testConfig } from '../src/config.js';
import { pruneNow } from '../src/ops/prune.js';
import { renderReportHtml } from '../src/report/html.js';
import { buildReport } from '../src/report/model.js';
import { browser, fileHarness } from '../test/helpers/app.js';
import { addHolder } from '../test/helpers/fixtures.js';
import { GOOD_PASSWORD, startMigration } from '../test/helpers/walk.js';
import { lastCode } from '../test/helpers/codes.js';
import { launchChromium } from '../test/browser/support/chromium.js';
import { ROOT } from '../test/support/portal-process.js';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'report-shot-'));
const outbox = join(dir, 'outbox.jsonl');
const config = testConfig({ DATABASE_FILE: join(dir, 'app.db'), OUTBOX_FILE: outbox, CODE_MAX_FAILURES: '3', IP_MAX_FAILURES: '100000' });
const end = Date.now();
const clock = fakeClock(end - 13 * DAY);
const h = fileHarness(config, clock);
const deps = h.deps;

let n = 0;
// holders imported before the campaign: some already migrated, most not
for (let i = 0; i < 40; i++) await addHolder(h, { cards: [{}], account: i < 6 ? { email: `early${i}@example.jp`, password: 'Early#Pass123' } : undefined });
for (let day = 0; day < 14; day++) {
  clock.set(end - (13 - day) * DAY + 9 * 3_600_000);
  const plan = [2, 3, 5, 4, 6, 8, 7, 9, 6, 10, 8, 11, 9, 12][day];
  for (let k = 0; k < plan + 3; k++) {
    const id = `pilot-${++n}`;
    const phone = `090${String(10_000_000 + n).slice(-8)}`;
    await addHolder(h, { legacyId: id, legacyPassword: 'Legacy#1', phones: [phone], cards: [{ email: `${id}@example.jp` }] });
    const { b } = await startMigration(h, id, 'Legacy#1');
    if (k === plan) continue; // stopped at the email choice
    if (k === plan + 1) {
      await b.post('/migration/cancel', {});
      continue;
    }
    await b.post('/migration/email-choice', { choice: 'yes' });
    await b.get('/migration/phone');
    if (k === plan + 2) {
      const phoneCode = await lastCode(h, phone);
      if (day % 3 === 0) for (const g of ['0000', '1111', '2222', '3333'].filter((c) => c !== phoneCode).slice(0, 3)) await b.post('/migration/phone', { code: g });
      continue;
    }
    await b.post('/migration/phone', { code: await lastCode(h, phone) });
    await b.post('/migration/password', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD });
  }
  const stranger = browser(h);
  for (let i = 0; i < (day % 4 === 1 ? 5 : 2); i++) await stranger.post('/login', { id: `typo-${day}`, password: `x${i}` });
}
clock.set(end);
await pruneNow(deps);
const report = await buildReport(deps.stores, end, 14);
const file = join(dir, 'report.html');
writeFileSync(file, renderReportHtml(report, 'ja', config.BRAND_NAME));
const chromium = await launchChromium();
try {
  const context = await chromium.newContext({ javaScriptEnabled: false, locale: 'ja-JP', viewport: { width: 820, height: 900 } });
  const page = await context.newPage();
  await page.goto(`file://${file}`);
  await page.screenshot({ path: join(ROOT, 'docs/screenshots/report.png'), fullPage: true });
  console.log(`docs/screenshots/report.png  (${report.holders} holders, ${report.flows.started} migrations started, report at ${file})`);
} finally {
  await chromium.close();
  await h.close();
}
