// Demo extras (SPEC §2): notices for the top page and a locked sign-in, written in one transaction.
import type { Db } from './client.js';
import { noticeTable, signInAttemptTable } from './schema.js';

export type DemoExtras = {
  notices: { titleJa: string; titleEn: string; publishedAt: number }[];
  /** Keyed hashes of identifiers to leave locked, as SPEC L5 would after this many failures. */
  locked: { identifierHash: string; failures: number; at: number }[];
};

export async function writeDemoExtras(db: Db, extras: DemoExtras): Promise<void> {
  db.transaction((tx) => {
    for (const n of extras.notices) tx.insert(noticeTable).values(n).run();
    for (const l of extras.locked) {
      tx.insert(signInAttemptTable)
        .values({ identifierHash: l.identifierHash, failures: l.failures, lockedAt: l.at, updatedAt: l.at })
        .onConflictDoUpdate({
          target: signInAttemptTable.identifierHash,
          set: { failures: l.failures, lockedAt: l.at, updatedAt: l.at },
        })
        .run();
    }
  });
}
