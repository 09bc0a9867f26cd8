// `npm run backup -- FILE` (SPEC O5): writes a consistent copy of the database while the portal runs, then checks the copy.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkFileIntegrity } from '../db/sqlite/backup.js';
import { CommandError, loadSettings, openExistingDb, runCommand } from './command.js';

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  if (argv.length !== 1 || argv[0].startsWith('-')) throw new CommandError('usage: npm run backup -- FILE');
  const file = resolve(argv[0]);
  if (existsSync(file)) throw new CommandError(`refusing to overwrite ${file}: it exists (choose a new file name)`);
  if (!existsSync(dirname(file)) || !statSync(dirname(file)).isDirectory()) throw new CommandError(`cannot write ${file}: no folder ${dirname(file)}`);
  const config = loadSettings(env);
  const db = openExistingDb(config);
  try {
    const { pages } = await db.backup(file);
    const integrity = await checkFileIntegrity(file);
    if (integrity !== 'ok') throw new CommandError(`the copy at ${file} failed its integrity check: ${integrity}`);
    console.log(`wrote ${file}: ${statSync(file).size} bytes, ${pages} pages copied from ${config.DATABASE_FILE}, integrity ok`);
    const secret = env.SECRET ? 'the SECRET setting' : `the secret file ${join(dirname(config.DATABASE_FILE), 'secret')}`;
    console.log(`keep ${secret} with it: without it no token, code or card number in it can be checked`);
    return 0;
  } finally {
    await db.close();
  }
}

await runCommand(import.meta.url, main);
