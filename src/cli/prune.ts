// `npm run prune` (SPEC O4): runs the retention rules once and prints one line per table with the count removed.
import { systemClock } from '../auth/clock.js';
import { describePrune, pruneNow } from '../ops/prune.js';
import { CommandError, loadSettings, openExistingDb, runCommand } from './command.js';

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  if (argv.length > 0) throw new CommandError('usage: npm run prune');
  const config = loadSettings(env);
  const db = await openExistingDb(config);
  try {
    const counts = await pruneNow({ stores: db.stores, config, clock: systemClock });
    for (const line of describePrune(counts)) console.log(line);
    return 0;
  } finally {
    await db.close();
  }
}

await runCommand(import.meta.url, main);
