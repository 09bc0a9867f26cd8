// Test data written straight into the database: a holder with cards, phones, a legacy ID and optionally an account.
import { keyedHash } from '../../src/auth/secrets.js';
import { hashPassword } from '../../src/auth/password.js';
import { phoneKind } from '../../src/auth/normalise.js';
import type { Deps } from '../../src/deps.js';
import { accountCardTable, accountTable, cardTable, credentialTable, holderTable, phoneTable } from '../../src/db/sqlite/schema.js';

let counter = 0;

export type HolderSpec = {
  name?: string;
  nameRoman?: string;
  birthdate?: string;
  phones?: string[];
  cards?: { number?: string; email?: string | null; cardName?: string; paymentDate?: string; confirmedAmount?: number; points?: number }[];
  legacyId?: string;
  legacyPassword?: string;
  initialId?: string;
  initialPassword?: string;
  account?: { email: string; password: string; termsVersion?: string };
};

/** Inserts a holder; returns the ids made. Card numbers default to distinct 16-digit numbers. */
export async function addHolder(deps: Deps, spec: HolderSpec = {}) {
  const n = ++counter;
  const now = deps.clock.now();
  const secret = deps.config.SECRET;
  const hashes = await Promise.all([
    spec.legacyId ? hashPassword(spec.legacyPassword ?? 'legacy-pass') : undefined,
    spec.initialId ? hashPassword(spec.initialPassword ?? 'initial-pass') : undefined,
    spec.account ? hashPassword(spec.account.password) : undefined,
  ]);
  return deps.db.transaction((tx) => {
    const holder = tx
      .insert(holderTable)
      .values({ holderKey: `H${n}-${now}`, name: spec.name ?? '山田 太郎', nameKana: 'ヤマダ タロウ', nameRoman: spec.nameRoman ?? 'TARO YAMADA', birthdate: spec.birthdate ?? '1980-04-01' })
      .returning()
      .get();
    (spec.phones ?? ['09012345678']).forEach((number, position) =>
      tx.insert(phoneTable).values({ holderId: holder.id, number, kind: phoneKind(number), position }).run(),
    );
    const cards = (spec.cards ?? [{}]).map((c, i) => {
      const number = c.number ?? `4${String(n).padStart(7, '0')}${String(i).padStart(8, '0')}`;
      return tx
        .insert(cardTable)
        .values({
          holderId: holder.id,
          numberHash: keyedHash(secret, 'card', number),
          last4: number.slice(-4),
          cardName: c.cardName ?? 'デモカード',
          email: c.email === undefined ? `holder${n}@example.jp` : c.email,
          paymentDate: c.paymentDate ?? '2025-02-27',
          confirmedAmount: c.confirmedAmount ?? 12345,
          points: c.points ?? 299,
        })
        .returning()
        .get();
    });
    const legacy = spec.legacyId
      ? tx.insert(credentialTable).values({ cardId: cards[0].id, kind: 'legacy', loginId: spec.legacyId.toLowerCase(), passwordHash: hashes[0]!, createdAt: now }).returning().get()
      : undefined;
    const initial = spec.initialId
      ? tx
          .insert(credentialTable)
          .values({ cardId: cards[0].id, kind: 'initial', loginId: spec.initialId.toLowerCase(), passwordHash: hashes[1]!, createdAt: now, expiresAt: now + deps.config.INITIAL_ID_TTL_DAYS * 86_400_000 })
          .returning()
          .get()
      : undefined;
    let account: typeof accountTable.$inferSelect | undefined;
    if (spec.account) {
      account = tx
        .insert(accountTable)
        .values({ holderId: holder.id, email: spec.account.email.toLowerCase(), passwordHash: hashes[2]!, termsVersion: spec.account.termsVersion ?? deps.config.TERMS_VERSION, createdAt: now, passwordChangedAt: now })
        .returning()
        .get();
      for (const card of cards) tx.insert(accountCardTable).values({ accountId: account.id, cardId: card.id, linkedAt: now }).run();
    }
    return { holder, cards, legacy, initial, account };
  });
}

/** `body` with the Luhn check digit appended: a card number the importer accepts. */
export function withLuhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}
