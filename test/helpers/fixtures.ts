// Test data written through the contract's inspection API: a holder with cards, phones, a legacy ID and optionally an account.
import { keyedHash } from '../../src/auth/secrets.js';
import { hashPassword } from '../../src/auth/password.js';
import { normaliseIdentifier, phoneKind } from '../../src/auth/normalise.js';
import type { AccountRecord, Inspection } from '../../src/db/contract.js';
import type { Deps } from '../../src/deps.js';

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

/** What a fixture needs: the settings and clock of the app under test, and the inspection API of its database. */
export type FixtureTarget = { deps: Pick<Deps, 'config' | 'clock'>; inspect: Inspection };

/** Inserts a holder; returns the rows made. Card numbers default to distinct 16-digit numbers. */
export async function addHolder(target: FixtureTarget, spec: HolderSpec = {}) {
  const { deps, inspect } = target;
  const n = ++counter;
  const now = deps.clock.now();
  const secret = deps.config.SECRET;
  const hashes = await Promise.all([
    spec.legacyId ? hashPassword(spec.legacyPassword ?? 'legacy-pass') : undefined,
    spec.initialId ? hashPassword(spec.initialPassword ?? 'initial-pass') : undefined,
    spec.account ? hashPassword(spec.account.password) : undefined,
  ]);
  const holder = await inspect.insert('holder', { holderKey: `H${n}-${now}`, name: spec.name ?? '山田 太郎', nameKana: 'ヤマダ タロウ', nameRoman: spec.nameRoman ?? 'TARO YAMADA', birthdate: spec.birthdate ?? '1980-04-01' });
  for (const [position, number] of (spec.phones ?? ['09012345678']).entries()) await inspect.insert('phone', { holderId: holder.id, number, kind: phoneKind(number), position });
  const cards = [];
  for (const [i, c] of (spec.cards ?? [{}]).entries()) {
    const number = c.number ?? `4${String(n).padStart(7, '0')}${String(i).padStart(8, '0')}`;
    cards.push(
      await inspect.insert('card', {
        holderId: holder.id,
        numberHash: keyedHash(secret, 'card', number),
        last4: number.slice(-4),
        cardName: c.cardName ?? 'デモカード',
        email: c.email === undefined ? `holder${n}@example.jp` : c.email,
        paymentDate: c.paymentDate ?? '2025-02-27',
        confirmedAmount: c.confirmedAmount ?? 12345,
        points: c.points ?? 299,
      }),
    );
  }
  const legacy = spec.legacyId
    ? await inspect.insert('credential', { cardId: cards[0].id, kind: 'legacy', loginId: normaliseIdentifier(spec.legacyId), passwordHash: hashes[0]!, createdAt: now })
    : undefined;
  const initial = spec.initialId
    ? await inspect.insert('credential', { cardId: cards[0].id, kind: 'initial', loginId: normaliseIdentifier(spec.initialId), passwordHash: hashes[1]!, createdAt: now, expiresAt: now + deps.config.INITIAL_ID_TTL_DAYS * 86_400_000 })
    : undefined;
  let account: AccountRecord | undefined;
  if (spec.account) {
    account = await inspect.insert('account', { holderId: holder.id, email: normaliseIdentifier(spec.account.email), passwordHash: hashes[2]!, termsVersion: spec.account.termsVersion ?? deps.config.TERMS_VERSION, createdAt: now, passwordChangedAt: now });
    for (const card of cards) await inspect.insert('account_card', { accountId: account.id, cardId: card.id, linkedAt: now });
  }
  return { holder, cards, legacy, initial, account };
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
