// `npm run demo:reset` (SPEC O10): puts the demo data set back as first seeded, for the next demo — refusing any other data.
import { systemClock } from '../auth/clock.js';
import { describeDatabase } from '../db/open.js';
import { demoHolderKeys, seedDemo } from './seed-demo.js';
import { CommandError, loadSettings, openExistingDb, runCommand } from './command.js';

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  if (argv.length > 0) throw new CommandError('usage: npm run demo:reset');
  const config = loadSettings(env);
  // SPEC O1: production never holds the demo set, so there is nothing to reset there
  if (config.production) throw new CommandError('refusing: demo:reset is for demos, and NODE_ENV=production');
  const db = await openExistingDb(config);
  try {
    const erased = await db.stores.demoReset.eraseDemoData(demoHolderKeys());
    if ('refused' in erased) {
      const { otherHolders, otherAccounts } = erased.refused;
      throw new CommandError(`refusing: ${describeDatabase(config)} holds data that is not the demo set (${otherHolders} other holder(s), ${otherAccounts} account(s) of them); nothing was changed`);
    }
    const seeded = await seedDemo({ stores: db.stores, config, clock: systemClock });
    if (!seeded.seeded) throw new CommandError('the demo set could not be seeded again: the database was not empty after the reset');
    const c = seeded.counts;
    console.log(`demo data set restored: ${erased.holders} holder(s) removed, ${c.holders} holders, ${c.cards} cards, ${c.accounts} accounts seeded; sessions, flows, locks, the audit log and the outbox emptied`);
    return 0;
  } finally {
    await db.close();
  }
}

await runCommand(import.meta.url, main);
