// The legacy import's storage (SPEC §2): which keys are taken, and writing a whole file in one transaction; the demo extras.
import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { ImportCounts, ImportKeys, ImportStore, TakenImportKeys, WriteImportResult } from '../contract.js';
import { inTransaction, type Db, type Executor } from './client.js';
import { accountCardTable, accountTable, cardTable, credentialTable, holderTable, noticeTable, phoneTable, signInAttemptTable } from './schema.js';

const CHUNK = 500;

function takenIn(values: string[], lookup: (chunk: string[]) => string[]): Set<string> {
  const taken = new Set<string>();
  const unique = [...new Set(values)];
  for (let i = 0; i < unique.length; i += CHUNK) for (const v of lookup(unique.slice(i, i + CHUNK))) taken.add(v);
  return taken;
}

function findTaken(ex: Executor, keys: ImportKeys): TakenImportKeys {
  return {
    holderKeys: takenIn(keys.holderKeys, (c) => ex.select({ v: holderTable.holderKey }).from(holderTable).where(inArray(holderTable.holderKey, c)).all().map((r) => r.v)),
    cardHashes: takenIn(keys.cardHashes, (c) => ex.select({ v: cardTable.numberHash }).from(cardTable).where(inArray(cardTable.numberHash, c)).all().map((r) => r.v)),
    loginIds: takenIn(keys.loginIds, (c) => ex.select({ v: credentialTable.loginId }).from(credentialTable).where(inArray(credentialTable.loginId, c)).all().map((r) => r.v)),
    myIds: takenIn(keys.myIds, (c) =>
      ex
        .select({ v: accountTable.email })
        .from(accountTable)
        .where(and(inArray(accountTable.email, c), isNull(accountTable.closedAt)))
        .all()
        .map((r) => r.v),
    ),
  };
}

const anyTaken = (t: TakenImportKeys) => t.holderKeys.size + t.cardHashes.size + t.loginIds.size + t.myIds.size > 0;

export function importStore(db: Db): ImportStore {
  return {
    async findTakenKeys(keys) {
      return findTaken(db, keys);
    },

    async write(plan, keys) {
      return inTransaction(db, (tx): WriteImportResult => {
        // checked again inside the transaction: a key taken since validation aborts everything
        const taken = findTaken(tx, keys);
        if (anyTaken(taken)) return { ok: false, taken };
        const counts: ImportCounts = { holders: 0, cards: 0, phones: 0, legacyIds: 0, initialIds: 0, accounts: 0 };
        for (const h of plan.holders) {
          const holderId = tx
            .insert(holderTable)
            .values({ holderKey: h.holderKey, name: h.name, nameKana: h.nameKana, nameRoman: h.nameRoman, birthdate: h.birthdate })
            .returning({ id: holderTable.id })
            .get().id;
          counts.holders++;
          h.phones.forEach((p, position) => {
            tx.insert(phoneTable).values({ holderId, number: p.number, kind: p.kind, position }).run();
            counts.phones++;
          });
          const accountId = h.account
            ? tx
                .insert(accountTable)
                .values({
                  holderId,
                  email: h.account.email,
                  passwordHash: h.account.passwordHash,
                  termsVersion: plan.termsVersion,
                  createdAt: plan.now,
                  passwordChangedAt: plan.now,
                })
                .returning({ id: accountTable.id })
                .get().id
            : null;
          if (accountId !== null) counts.accounts++;
          for (const c of h.cards) {
            const { credentials, linked, ...card } = c;
            const cardId = tx.insert(cardTable).values({ holderId, ...card }).returning({ id: cardTable.id }).get().id;
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
        return { ok: true, counts };
      });
    },

    async countHolders() {
      return db.select({ n: sql<number>`count(*)` }).from(holderTable).get()?.n ?? 0;
    },

    async countHoldersWithKeys(holderKeys) {
      if (holderKeys.length === 0) return 0;
      return db.select({ n: sql<number>`count(*)` }).from(holderTable).where(inArray(holderTable.holderKey, holderKeys)).get()?.n ?? 0;
    },

    async writeDemoExtras(extras) {
      inTransaction(db, (tx) => {
        for (const n of extras.notices) tx.insert(noticeTable).values(n).run();
        for (const l of extras.locked) {
          tx.insert(signInAttemptTable)
            .values({ identifierHash: l.identifierHash, failures: l.failures, lockedAt: l.at, updatedAt: l.at })
            .onConflictDoUpdate({ target: signInAttemptTable.identifierHash, set: { failures: l.failures, lockedAt: l.at, updatedAt: l.at } })
            .run();
        }
      });
    },
  };
}
