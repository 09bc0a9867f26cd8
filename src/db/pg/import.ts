// The legacy import's storage on PostgreSQL (SPEC §2): which keys are taken, and writing a whole file in one transaction; the demo extras.
import { and, count, inArray, isNull } from 'drizzle-orm';
import type { ImportCounts, ImportKeys, ImportStore, PlannedHolder, TakenImportKeys, WriteImportResult } from '../contract.js';
import { first, inTransaction, type Db, type Executor } from './client.js';
import { accountCardTable, accountTable, cardTable, credentialTable, holderTable, noticeTable, phoneTable, signInAttemptTable } from './schema.js';

const CHUNK = 500;

async function takenIn(values: string[], lookup: (chunk: string[]) => Promise<string[]>): Promise<Set<string>> {
  const taken = new Set<string>();
  const unique = [...new Set(values)];
  for (let i = 0; i < unique.length; i += CHUNK) for (const v of await lookup(unique.slice(i, i + CHUNK))) taken.add(v);
  return taken;
}

async function findTaken(ex: Executor, keys: ImportKeys): Promise<TakenImportKeys> {
  const values = async (rows: Promise<{ v: string }[]>) => (await rows).map((r) => r.v);
  return {
    holderKeys: await takenIn(keys.holderKeys, (c) => values(ex.select({ v: holderTable.holderKey }).from(holderTable).where(inArray(holderTable.holderKey, c)))),
    cardHashes: await takenIn(keys.cardHashes, (c) => values(ex.select({ v: cardTable.numberHash }).from(cardTable).where(inArray(cardTable.numberHash, c)))),
    loginIds: await takenIn(keys.loginIds, (c) => values(ex.select({ v: credentialTable.loginId }).from(credentialTable).where(inArray(credentialTable.loginId, c)))),
    myIds: await takenIn(keys.myIds, (c) => values(ex.select({ v: accountTable.email }).from(accountTable).where(and(inArray(accountTable.email, c), isNull(accountTable.closedAt))))),
  };
}

const anyTaken = (t: TakenImportKeys) => t.holderKeys.size + t.cardHashes.size + t.loginIds.size + t.myIds.size > 0;

/** One holder with phones, account, cards and IDs, inside the import's transaction. */
async function writeHolder(tx: Executor, h: PlannedHolder, plan: { now: number; initialExpiresAt: number; termsVersion: string }, counts: ImportCounts): Promise<void> {
  const [{ id: holderId }] = await tx
    .insert(holderTable)
    .values({ holderKey: h.holderKey, name: h.name, nameKana: h.nameKana, nameRoman: h.nameRoman, birthdate: h.birthdate })
    .returning({ id: holderTable.id });
  counts.holders++;
  if (h.phones.length > 0) await tx.insert(phoneTable).values(h.phones.map((p, position) => ({ holderId, number: p.number, kind: p.kind, position })));
  counts.phones += h.phones.length;
  const accountId = h.account
    ? (
        await tx
          .insert(accountTable)
          .values({ holderId, email: h.account.email, passwordHash: h.account.passwordHash, termsVersion: plan.termsVersion, createdAt: plan.now, passwordChangedAt: plan.now })
          .returning({ id: accountTable.id })
      )[0].id
    : null;
  if (accountId !== null) counts.accounts++;
  for (const c of h.cards) {
    const { credentials, linked, ...card } = c;
    const [{ id: cardId }] = await tx.insert(cardTable).values({ holderId, ...card }).returning({ id: cardTable.id });
    counts.cards++;
    if (linked && accountId !== null) await tx.insert(accountCardTable).values({ accountId, cardId, linkedAt: plan.now });
    if (credentials.length === 0) continue;
    await tx.insert(credentialTable).values(
      credentials.map((cr) => ({
        cardId,
        kind: cr.kind,
        loginId: cr.loginId,
        passwordHash: cr.passwordHash,
        createdAt: plan.now,
        expiresAt: cr.kind === 'initial' ? plan.initialExpiresAt : null,
        retiredAt: linked ? plan.now : null,
      })),
    );
    for (const cr of credentials) {
      if (cr.kind === 'legacy') counts.legacyIds++;
      else counts.initialIds++;
    }
  }
}

export function importStore(db: Db): ImportStore {
  return {
    findTakenKeys: (keys) => findTaken(db, keys),

    async write(plan, keys) {
      return inTransaction(db, async (tx): Promise<WriteImportResult> => {
        // checked again inside the transaction: a key taken since validation aborts everything
        const taken = await findTaken(tx, keys);
        if (anyTaken(taken)) return { ok: false, taken };
        const counts: ImportCounts = { holders: 0, cards: 0, phones: 0, legacyIds: 0, initialIds: 0, accounts: 0 };
        for (const h of plan.holders) await writeHolder(tx, h, plan, counts);
        return { ok: true, counts };
      });
    },

    async countHolders() {
      return (await first(db.select({ n: count() }).from(holderTable)))?.n ?? 0;
    },

    async countHoldersWithKeys(holderKeys) {
      if (holderKeys.length === 0) return 0;
      return (await first(db.select({ n: count() }).from(holderTable).where(inArray(holderTable.holderKey, holderKeys))))?.n ?? 0;
    },

    async writeDemoExtras(extras) {
      await inTransaction(db, async (tx) => {
        if (extras.notices.length > 0) await tx.insert(noticeTable).values(extras.notices);
        for (const l of extras.locked) {
          await tx
            .insert(signInAttemptTable)
            .values({ identifierHash: l.identifierHash, failures: l.failures, lockedAt: l.at, updatedAt: l.at })
            .onConflictDoUpdate({ target: signInAttemptTable.identifierHash, set: { failures: l.failures, lockedAt: l.at, updatedAt: l.at } });
        }
      });
    },
  };
}
