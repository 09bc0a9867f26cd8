// `npm run import -- FILE.csv` (SPEC §2): a main-like entry that reads settings through loadConfig only.
import { readFileSync } from 'node:fs';
import { systemClock } from '../auth/clock.js';
import { CommandError, loadSettings, openCommandDb, runCommand } from './command.js';
import { importCsv, type ImportCounts } from './importer.js';

/** The file as UTF-8 text, or one line saying why it cannot be read. */
function readCsv(file: string): { ok: true; text: string } | { ok: false; problem: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(code ?? e);
    return { ok: false, problem: `cannot read ${file}: ${why}` };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: `cannot read ${file}: it is not UTF-8 text (convert it first, e.g. from Shift_JIS)` };
  }
}

function describeCounts(c: ImportCounts): string {
  return `imported ${c.holders} holders, ${c.cards} cards, ${c.phones} phones, ${c.legacyIds} legacy IDs, ${c.initialIds} initial IDs, ${c.accounts} accounts`;
}

async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const file = argv[0];
  if (!file || argv.length > 1) throw new CommandError('usage: npm run import -- FILE.csv');
  const config = loadSettings(env);
  const csv = readCsv(file);
  if (!csv.ok) throw new CommandError(csv.problem);
  // the first import may be what creates the database
  const db = await openCommandDb(config);
  try {
    const result = await importCsv(db.stores.import, csv.text, {
      secret: config.SECRET,
      clock: systemClock,
      initialIdTtlDays: config.INITIAL_ID_TTL_DAYS,
      termsVersion: config.TERMS_VERSION,
    });
    if (!result.ok) {
      for (const line of result.errors) console.error(line);
      console.error(`${result.errors.length} problem(s) found; nothing was imported`);
      return 1;
    }
    console.log(describeCounts(result.counts));
    return 0;
  } finally {
    await db.close();
  }
}

await runCommand(import.meta.url, main);
