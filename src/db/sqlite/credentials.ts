// Legacy and initial IDs as sign-in needs them.
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from './client.js';
import { cardTable, credentialTable } from './schema.js';

export type CredentialRow = typeof credentialTable.$inferSelect & { holderId: number; cardEmail: string | null };

/** A legacy or initial ID that can still be used: not retired, and (initial IDs) not expired. */
export async function findUsableCredential(db: Db, loginId: string, now: number): Promise<CredentialRow | undefined> {
  const row = db
    .select({ credential: credentialTable, holderId: cardTable.holderId, cardEmail: cardTable.email })
    .from(credentialTable)
    .innerJoin(cardTable, eq(cardTable.id, credentialTable.cardId))
    .where(
      and(
        eq(credentialTable.loginId, loginId),
        isNull(credentialTable.retiredAt),
        or(isNull(credentialTable.expiresAt), gt(credentialTable.expiresAt, now)),
      ),
    )
    .get();
  return row && { ...row.credential, holderId: row.holderId, cardEmail: row.cardEmail };
}

/** Any credential with this login ID, usable or not (to address a lock notice). */
export async function findCredentialAnyState(db: Db, loginId: string): Promise<CredentialRow | undefined> {
  const row = db
    .select({ credential: credentialTable, holderId: cardTable.holderId, cardEmail: cardTable.email })
    .from(credentialTable)
    .innerJoin(cardTable, eq(cardTable.id, credentialTable.cardId))
    .where(eq(credentialTable.loginId, loginId))
    .get();
  return row && { ...row.credential, holderId: row.holderId, cardEmail: row.cardEmail };
}
