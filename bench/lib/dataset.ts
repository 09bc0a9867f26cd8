// Writes a benchmark data set straight into a fresh SQLite file: N migrated members plus a few unmigrated legacy IDs, all sharing one precomputed hash.
import { openDb } from '../../src/db/sqlite/client.js';
import { keyedHash } from '../../src/auth/secrets.js';

export type DatasetSpec = {
  file: string;
  /** migrated members with a My ID (the "accounts" of P5) */
  accounts: number;
  /** holders not yet migrated, each with a usable legacy ID */
  legacy: number;
  /** one Argon2id hash (bench password) shared by every row */
  passwordHash: string;
  secret: string;
  now: number;
};

/** The identifiers the data set contains, so the bench can sign in with them. */
export const ids = {
  myId: (i: number) => `member${i}@bench.example`,
  legacyId: (i: number) => `legacy${i}`,
  retiredLegacyId: (i: number) => `old${i}`,
};

/**
 * One holder, card and phone per member; members have an account linked to the card and a retired legacy ID;
 * the unmigrated holders have a usable legacy ID. Generated inside SQLite (recursive CTEs), one transaction.
 */
export function buildDataset(spec: DatasetSpec): { seconds: number } {
  const started = performance.now();
  const db = openDb(spec.file);
  const sql = db.$client;
  const total = spec.accounts + spec.legacy;
  // Card numbers are kept as keyed hashes; a cheap distinct value per row is enough to fill the unique index realistically.
  const cardPrefix = keyedHash(spec.secret, 'card', 'bench').slice(0, 20);
  sql.pragma('foreign_keys = OFF');
  sql.pragma('synchronous = OFF');
  const build = sql.transaction(() => {
    const series = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${total})`;
    sql.exec(`${series} INSERT INTO holder (id, holder_key, name, name_kana, name_roman, birthdate)
      SELECT i, 'H' || i, '山田 太郎', 'ヤマダ タロウ', 'TARO YAMADA', '1980-04-01' FROM n`);
    sql.exec(`${series} INSERT INTO phone (holder_id, number, kind, position)
      SELECT i, '090' || printf('%08d', i % 100000000), 'mobile', 0 FROM n`);
    sql.exec(`${series} INSERT INTO card (id, holder_id, number_hash, last4, card_name, email, payment_date, confirmed_amount, points)
      SELECT i, i, '${cardPrefix}' || i, printf('%04d', i % 10000), 'デモカード',
        CASE WHEN i <= ${spec.accounts} THEN 'member' || i || '@bench.example' ELSE 'holder' || i || '@bench.example' END,
        '2025-02-27', 12345, 299 FROM n`);
    const hash = spec.passwordHash.replace(/'/g, "''");
    // members: account + link + a retired legacy ID
    const members = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${spec.accounts})`;
    if (spec.accounts > 0) {
      sql.exec(`${members} INSERT INTO account (id, holder_id, email, password_hash, terms_version, created_at, password_changed_at)
        SELECT i, i, 'member' || i || '@bench.example', '${hash}', '2025-01', ${spec.now}, ${spec.now} FROM n`);
      sql.exec(`${members} INSERT INTO account_card (account_id, card_id, linked_at) SELECT i, i, ${spec.now} FROM n`);
      sql.exec(`${members} INSERT INTO credential (card_id, kind, login_id, password_hash, created_at, retired_at)
        SELECT i, 'legacy', 'old' || i, '${hash}', ${spec.now}, ${spec.now} FROM n`);
    }
    // unmigrated holders: a usable legacy ID
    if (spec.legacy > 0) {
      sql.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${spec.legacy})
        INSERT INTO credential (card_id, kind, login_id, password_hash, created_at)
        SELECT ${spec.accounts} + i, 'legacy', 'legacy' || i, '${hash}', ${spec.now} FROM n`);
    }
  });
  build();
  sql.pragma('foreign_keys = ON');
  sql.pragma('wal_checkpoint(TRUNCATE)');
  sql.exec('ANALYZE');
  sql.close();
  return { seconds: (performance.now() - started) / 1000 };
}
