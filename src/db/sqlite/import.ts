// The legacy import's storage (SPEC §2): which keys are taken, and writing a whole file in one transaction.
import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { accountCardTable, accountTable, cardTable, credentialTable, holderTable, phoneTable } from './schema.js';

export type ImportKeys = { holderKeys: string[]; cardHashes: string[]; loginIds: string[]; myIds: string[] };
export type TakenImportKeys = { holderKeys: Set<string>; cardHashes: Set<string>; loginIds: Set<string>; myIds: Set<string> };

export type PlannedCard = {
  numberHash: string;
  last4: string;
  cardName: string;
  email: string | null;
  paymentDate: string | null;
  confirmedAmount: number | null;
  points: number | null;
  credentials: { kind: 'legacy' | 'initial'; loginId: string; passwordHash: string }[];
  /** Linked to the holder's already-migrated account: its credentials are stored retired (SPEC M8). */
  linked: boolean;
};

export type PlannedHolder = {
  holderKey: string;
  name: string;
  nameKana: string;
  nameRoman: string;
  birthdate: string;
  phones: { number: string; kind: 'mobile' | 'landline' }[];
  cards: PlannedCard[];
  account: { email: string; passwordHash: string } | null;
};

export type ImportPlan = { now: number; initialExpiresAt: number; termsVersion: string; holders: PlannedHolder[] };

export type ImportCounts = { holders: number; cards: number; phones: number; legacyIds: number; initialIds: number; accounts: number };

const CHUNK = 500;

function takenIn(values: string[], lookup: (chunk: string[]) => string[]): Set<string> {
  const taken = new Set<string>();
  const unique = [...new Set(values)];
  for (let i = 0; i < unique.length; i += CHUNK) for (const v of lookup(unique.slice(i, i + CHUNK))) taken.add(v);
  return taken;
}

/** The holder keys, card hashes, login IDs and open My IDs among these that the database already holds. */
export function findTakenImportKeys(db: Db, keys: ImportKeys): TakenImportKeys {
  return {
    holderKeys: takenIn(keys.holderKeys, (c) =>
      db.select({ v: holderTable.holderKey }).from(holderTable).where(inArray(holderTable.holderKey, c)).all().map((r) => r.v),
    ),
    cardHashes: takenIn(keys.cardHashes, (c) =>
      db.select({ v: cardTable.numberHash }).from(cardTable).where(inArray(cardTable.numberHash, c)).all().map((r) => r.v),
    ),
    loginIds: takenIn(keys.loginIds, (c) =>
      db.select({ v: credentialTable.loginId }).from(credentialTable).where(inArray(credentialTable.loginId, c)).all().map((r) => r.v),
    ),
    myIds: takenIn(keys.myIds, (c) =>
      db
        .select({ v: accountTable.email })
        .from(accountTable)
        .where(and(inArray(accountTable.email, c), isNull(accountTable.closedAt)))
        .all()
        .map((r) => r.v),
    ),
  };
}

/**
 * Writes a whole import in one synchronous transaction. `recheck` runs first inside it, so a key taken
 * since validation aborts everything: it returns the errors, and nothing is written.
 */
export async function writeImport(
  db: Db,
  plan: ImportPlan,
  recheck: () => string[],
): Promise<{ ok: true; counts: ImportCounts } | { ok: false; errors: string[] }> {
  const counts: ImportCounts = { holders: 0, cards: 0, phones: 0, legacyIds: 0, initialIds: 0, accounts: 0 };
  let errors: string[] = [];
  const rollback = new Error('import rolled back');
  try {
    db.transaction(
      (tx) => {
        errors = recheck();
        if (errors.length > 0) throw rollback;
        for (const h of plan.holders) {
          const holderId = Number(
            tx.insert(holderTable)
              .values({ holderKey: h.holderKey, name: h.name, nameKana: h.nameKana, nameRoman: h.nameRoman, birthdate: h.birthdate })
              .run().lastInsertRowid,
          );
          counts.holders++;
          h.phones.forEach((p, position) => {
            tx.insert(phoneTable).values({ holderId, number: p.number, kind: p.kind, position }).run();
            counts.phones++;
          });
          const accountId = h.account
            ? Number(
                tx.insert(accountTable)
                  .values({
                    holderId,
                    email: h.account.email,
                    passwordHash: h.account.passwordHash,
                    termsVersion: plan.termsVersion,
                    createdAt: plan.now,
                    passwordChangedAt: plan.now,
                  })
                  .run().lastInsertRowid,
              )
            : null;
          if (accountId !== null) counts.accounts++;
          for (const c of h.cards) {
            const { credentials, linked, ...card } = c;
            const cardId = Number(tx.insert(cardTable).values({ holderId, ...card }).run().lastInsertRowid);
            counts.cards++;
            if (linked && accountId !== null) tx.insert(accountCardTable).values({ accountId, cardId, linkedAt: plan.now }).run();
            for (const cr of credentials) {
              tx.insert(credentialTable)
                .values({
                  cardId,
                  kind: cr.kind,
                  loginId: cr.loginId,
                  passwordHash: cr.passwordHash,
                  createdAt: plan.now,
                  expiresAt: cr.kind === 'initial' ? plan.initialExpiresAt : null,
                  retiredAt: linked ? plan.now : null,
                })
                .run();
              if (cr.kind === 'legacy') counts.legacyIds++;
              else counts.initialIds++;
            }
          }
        }
      },
      { behavior: 'immediate' },
    );
  } catch (e) {
    if (e === rollback) return { ok: false, errors };
    throw e;
  }
  return { ok: true, counts };
}

/** How many holders the database has (the demo is only loaded into an empty one). */
export async function countHolders(db: Db): Promise<number> {
  return db.select({ n: sql<number>`count(*)` }).from(holderTable).get()?.n ?? 0;
}
