// `npm run report -- --out FILE.html [--lang en] [--days 14]` (SPEC O7): writes the migration progress report as one self-contained HTML file.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { systemClock } from '../auth/clock.js';
import { renderReportHtml, type ReportLang } from '../report/html.js';
import { buildReport } from '../report/model.js';
import { CommandError, loadSettings, openExistingDb, runCommand } from './command.js';

const USAGE = 'usage: npm run report -- --out FILE.html [--lang ja|en] [--days 1-90]';

function parseArgs(argv: string[]): { out: string; lang: ReportLang; days: number } {
  let out: string | undefined;
  let lang: ReportLang = 'ja';
  let days = 14;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new CommandError(`${flag} needs a value\n${USAGE}`);
    if (flag === '--out') out = value;
    else if (flag === '--lang') {
      if (value !== 'ja' && value !== 'en') throw new CommandError(`--lang ${value}: use ja or en`);
      lang = value;
    } else if (flag === '--days') {
      if (!/^\d{1,2}$/.test(value) || Number(value) < 1 || Number(value) > 90) throw new CommandError(`--days ${value}: use a whole number from 1 to 90`);
      days = Number(value);
    } else throw new CommandError(`unknown option ${flag}\n${USAGE}`);
  }
  if (!out) throw new CommandError(USAGE);
  return { out: resolve(out), lang, days };
}

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const args = parseArgs(argv);
  if (!existsSync(dirname(args.out)) || !statSync(dirname(args.out)).isDirectory()) throw new CommandError(`cannot write ${args.out}: no folder ${dirname(args.out)}`);
  const config = loadSettings(env);
  const db = await openExistingDb(config);
  try {
    const report = await buildReport(db.stores, systemClock.now(), args.days);
    writeFileSync(args.out, renderReportHtml(report, args.lang, config.BRAND_NAME));
    console.log(
      `wrote ${args.out}: ${report.holders} holders, ${report.migratedHolders} migrated; ${report.flows.started} migrations started, ${report.totals.completed} completed`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

await runCommand(import.meta.url, main);
