// `npm run import -- FILE.csv` (SPEC §2): a main-like entry that reads settings through loadConfig only.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { systemClock } from '../auth/clock.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { describeDatabase, openDatabase } from '../db/open.js';
import { loadOrCreateSecret } from '../secret-file.js';
import { importCsv, type ImportCounts } from './importer.js';

/** The settings the server would use, with the same secret file when SECRET is unset. */
function loadSettings(env: Record<string, string | undefined>): Config {
  const first = loadConfig(env);
  return first.SECRET ? first : loadConfig(env, loadOrCreateSecret(dirname(first.DATABASE_FILE)));
}

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
  if (!file || argv.length > 1) {
    console.error('usage: npm run import -- FILE.csv');
    return 1;
  }
  let config: Config;
  try {
    config = loadSettings(env);
  } catch (e) {
    if (e instanceof ConfigError) return (console.error(e.message), 1);
    throw e;
  }
  const csv = readCsv(file);
  if (!csv.ok) return (console.error(csv.problem), 1);
  let db;
  try {
    db = await openDatabase(config);
  } catch (e) {
    return (console.error(`cannot open the database ${describeDatabase(config)}: ${e instanceof Error ? e.message : String(e)}`), 1);
  }
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

process.exitCode = await main(process.argv.slice(2), process.env);
