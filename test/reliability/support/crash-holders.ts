// The crash test's members (SPEC M8, X4; test/reliability/crash.test.ts): 600 holders with two cards each, a third on each path to a
// My ID, and the CSV that loads them with npm run import.
import { COLUMNS } from '../../../src/cli/import-rows.js';
import { withLuhnDigit } from '../../helpers/fixtures.js';

export const HOLDERS = 600;
export const BIRTHDATE = '1984-06-07';
export const PASSWORD = 'Kawa!Nagare77';

/** How a holder moves to a My ID: a new My ID from card details (G), or a migration keeping the card email or choosing a new one (M). */
export type Path = 'register' | 'migrateKeep' | 'migrateNew';
export type Holder = { key: string; cards: string[]; phone: string; legacyId: string; cardEmail: string; newEmail: string; path: Path; myId: string };

export const PATHS: Path[] = ['register', 'migrateKeep', 'migrateNew'];
export const holders: Holder[] = Array.from({ length: HOLDERS }, (_, i) => {
  const path = PATHS[i % 3];
  const h = {
    key: `crash-${i}`,
    cards: [withLuhnDigit(`4980777${String(i).padStart(8, '0')}`), withLuhnDigit(`4980778${String(i).padStart(8, '0')}`)],
    phone: `0907${String(i).padStart(7, '0')}`,
    legacyId: `crash-legacy-${i}`,
    cardEmail: `card${i}@example.jp`,
    newEmail: `crash${i}@example.jp`,
    path,
  };
  return { ...h, myId: path === 'migrateKeep' ? h.cardEmail : h.newEmail };
});

/** The CSV for `npm run import`; legacy passwords as one precomputed Argon2id hash (stored verbatim), so 600 rows import in a moment. */
export function csv(legacyHash: string): string {
  const rows = holders.flatMap((h, i) =>
    h.cards.map((card, n) => {
      const row: Record<string, string> = {
        holder_key: h.key, name: '山田 太郎', name_kana: 'ヤマダ タロウ', name_roman: 'TARO YAMADA', birthdate: BIRTHDATE, card_number: card,
        card_name: n === 0 ? 'クラシックカード' : 'ETCカード', email: h.cardEmail, phones: h.phone,
        legacy_id: n === 0 ? h.legacyId : '', legacy_password: n === 0 ? `"${legacyHash}"` : '', initial_id: '', initial_password: '', my_id: '', my_password: '',
        payment_date: '2026-12-10', confirmed_amount: '1000', points: '5',
      };
      return COLUMNS.map((c) => row[c]).join(',');
    }),
  );
  return [COLUMNS.join(','), ...rows].join('\n') + '\n';
}
