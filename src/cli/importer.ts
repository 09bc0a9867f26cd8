// SPEC §2: import legacy card data from CSV, all or nothing — validate every row, hash, then one transaction.
import type { Clock } from '../auth/clock.js';
import { phoneKind } from '../auth/normalise.js';
import { hashPassword } from '../auth/password.js';
import { keyedHash } from '../auth/secrets.js';
import type { ImportCounts, ImportStore, PlannedCard, PlannedHolder } from '../db/contract.js';
import { parseCsv } from './csv.js';
import { checkAcrossRows, checkAgainstDb, sortErrors } from './import-checks.js';
import { COLUMNS, PRECOMPUTED_HASH, validateRow, type ImportRow } from './import-rows.js';

export type ImportOptions = { secret: string; clock: Clock; initialIdTtlDays: number; termsVersion: string };
export type ImportResult = { ok: true; counts: ImportCounts } | { ok: false; errors: string[] };
export type { ImportCounts };

const HASH_BATCH = 8;
const DAY_MS = 86_400_000;

/** Parses, validates and stores a legacy CSV. On any bad row nothing is written and every problem is returned. */
export async function importCsv(store: ImportStore, csvText: string, options: ImportOptions): Promise<ImportResult> {
  const parsed = parseCsv(csvText);
  if (!parsed.ok) return { ok: false, errors: [`line ${parsed.line}: row: ${parsed.problem}`] };
  const [header, ...records] = parsed.records;
  if (!header || header.fields.map((f) => f.trim()).join(',') !== COLUMNS.join(',')) {
    return { ok: false, errors: [`line ${header?.line ?? 1}: header: must be exactly ${COLUMNS.join(',')}`] };
  }
  if (records.length === 0) return { ok: false, errors: [`line ${header.line}: header: the file has no rows`] };

  const now = options.clock.now();
  const today = new Date(now).toISOString().slice(0, 10);
  const errors: string[] = [];
  const rows: ImportRow[] = [];
  for (const record of records) {
    const result = validateRow(record.line, record.fields, today);
    if (result.ok) rows.push(result.row);
    else errors.push(...result.errors);
  }
  errors.push(...checkAcrossRows(rows));

  // SPEC §1: card numbers are kept only as a keyed hash
  const cardHashes = rows.map((r) => keyedHash(options.secret, 'card', r.card_number));
  const keys = {
    holderKeys: rows.map((r) => r.holder_key),
    cardHashes,
    loginIds: rows.flatMap((r) => [r.legacy_id, r.initial_id].filter((id): id is string => !!id)),
    myIds: rows.flatMap((r) => (r.my_id ? [r.my_id] : [])),
  };
  errors.push(...checkAgainstDb(rows, cardHashes, await store.findTakenKeys(keys)));
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };

  const hashes = await hashAll(rows.flatMap((r) => [r.legacy_password, r.initial_password, r.my_password]));
  const holders = planHolders(rows, cardHashes, hashes);
  const plan = { now, initialExpiresAt: now + options.initialIdTtlDays * DAY_MS, termsVersion: options.termsVersion, holders };
  // the store checks the keys again inside its unit of work: one taken since validation means nothing is written
  const written = await store.write(plan, keys);
  return written.ok ? written : { ok: false, errors: sortErrors(checkAgainstDb(rows, cardHashes, written.taken)) };
}

/** Argon2id hashes for every distinct password, a batch at a time off the main thread; `$argon2id$` values kept verbatim. */
async function hashAll(passwords: (string | null)[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const plain = [...new Set(passwords.filter((p): p is string => !!p))];
  for (const p of plain) if (PRECOMPUTED_HASH.test(p)) out.set(p, p);
  const todo = plain.filter((p) => !out.has(p));
  for (let i = 0; i < todo.length; i += HASH_BATCH) {
    const batch = todo.slice(i, i + HASH_BATCH);
    const hashed = await Promise.all(batch.map((p) => hashPassword(p)));
    batch.forEach((p, j) => out.set(p, hashed[j]));
  }
  return out;
}

/** Groups validated rows by holder; a holder's account links every card whose email is its My ID (SPEC M8). */
function planHolders(rows: ImportRow[], cardHashes: string[], hashes: Map<string, string>): PlannedHolder[] {
  const byKey = new Map<string, { holder: PlannedHolder; rows: ImportRow[]; hashes: string[] }>();
  rows.forEach((row, i) => {
    let entry = byKey.get(row.holder_key);
    if (!entry) {
      entry = {
        holder: {
          holderKey: row.holder_key,
          name: row.name,
          nameKana: row.name_kana,
          nameRoman: row.name_roman,
          birthdate: row.birthdate,
          phones: row.phones.map((number) => ({ number, kind: phoneKind(number) })),
          cards: [],
          account: null,
        },
        rows: [],
        hashes: [],
      };
      byKey.set(row.holder_key, entry);
    }
    entry.rows.push(row);
    entry.hashes.push(cardHashes[i]);
    if (row.my_id && row.my_password && !entry.holder.account) {
      entry.holder.account = { email: row.my_id, passwordHash: hashes.get(row.my_password)! };
    }
  });
  for (const { holder, rows: own, hashes: numberHashes } of byKey.values()) {
    const myId = holder.account?.email ?? null;
    holder.cards = own.map((row, i): PlannedCard => {
      const email = row.my_id ?? row.email;
      const credentials: PlannedCard['credentials'] = [];
      if (row.legacy_id && row.legacy_password) credentials.push({ kind: 'legacy', loginId: row.legacy_id, passwordHash: hashes.get(row.legacy_password)! });
      if (row.initial_id && row.initial_password) credentials.push({ kind: 'initial', loginId: row.initial_id, passwordHash: hashes.get(row.initial_password)! });
      return {
        numberHash: numberHashes[i],
        last4: row.card_number.slice(-4),
        cardName: row.card_name,
        email,
        paymentDate: row.payment_date,
        confirmedAmount: row.confirmed_amount,
        points: row.points,
        credentials,
        linked: myId !== null && email === myId,
      };
    });
  }
  return [...byKey.values()].map((e) => e.holder);
}
