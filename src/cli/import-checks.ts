// SPEC §2 import: the rules that span rows — one holder told the same way, and no duplicated IDs or cards.
import type { TakenImportKeys } from '../db/contract.js';
import { COLUMNS, type Column, type ImportRow } from './import-rows.js';

const HOLDER_FIELDS = ['name', 'name_kana', 'name_roman', 'birthdate', 'phones'] as const;

const err = (line: number, column: Column, problem: string) => `line ${line}: ${column}: ${problem}`;

/** Rows of one holder_key must describe the same person; IDs and card numbers appear once in the file. */
export function checkAcrossRows(rows: ImportRow[]): string[] {
  const errors: string[] = [];
  const holders = new Map<string, ImportRow>();
  const cards = new Map<string, number>();
  const loginIds = new Map<string, { line: number; column: Column }>();
  const myIds = new Map<string, ImportRow>();
  const holderMyId = new Map<string, ImportRow>();

  for (const row of rows) {
    const first = holders.get(row.holder_key);
    if (!first) holders.set(row.holder_key, row);
    else {
      for (const f of HOLDER_FIELDS) {
        if (String(row[f]) !== String(first[f])) errors.push(err(row.line, f, `differs from line ${first.line} for the same holder_key`));
      }
    }

    const cardLine = cards.get(row.card_number);
    if (cardLine !== undefined) errors.push(err(row.line, 'card_number', `duplicates line ${cardLine}`));
    else cards.set(row.card_number, row.line);

    // SPEC §1: legacy and initial IDs share one namespace
    for (const column of ['legacy_id', 'initial_id'] as const) {
      const id = row[column];
      if (!id) continue;
      const seen = loginIds.get(id);
      if (seen && seen.line !== row.line) {
        errors.push(err(row.line, column, `duplicates ${seen.column === column ? '' : `${seen.column} on `}line ${seen.line}`));
      } else if (!seen) loginIds.set(id, { line: row.line, column });
    }

    if (row.my_id) {
      const owner = myIds.get(row.my_id);
      const own = holderMyId.get(row.holder_key);
      if (owner && owner.holder_key !== row.holder_key) {
        errors.push(err(row.line, 'my_id', `duplicates line ${owner.line} (another holder)`));
      } else if (own && own.my_id !== row.my_id) {
        errors.push(err(row.line, 'my_id', `differs from line ${own.line}: a holder has one My ID`));
      } else if (own && own.my_password !== row.my_password) {
        errors.push(err(row.line, 'my_password', `differs from line ${own.line} for the same my_id`));
      }
      if (!owner) myIds.set(row.my_id, row);
      if (!own) holderMyId.set(row.holder_key, row);
    }
  }
  return errors;
}

/** Rows that clash with what the database already holds (SPEC §2: duplicates are invalid rows). */
export function checkAgainstDb(rows: ImportRow[], cardHashes: string[], taken: TakenImportKeys): string[] {
  const errors: string[] = [];
  rows.forEach((row, i) => {
    // a holder_key already imported would mix two files' view of one person
    if (taken.holderKeys.has(row.holder_key)) errors.push(err(row.line, 'holder_key', 'already in the database'));
    if (taken.cardHashes.has(cardHashes[i])) errors.push(err(row.line, 'card_number', 'already in the database'));
    if (row.legacy_id && taken.loginIds.has(row.legacy_id)) errors.push(err(row.line, 'legacy_id', 'already in the database'));
    if (row.initial_id && taken.loginIds.has(row.initial_id)) errors.push(err(row.line, 'initial_id', 'already in the database'));
    if (row.my_id && taken.myIds.has(row.my_id)) errors.push(err(row.line, 'my_id', 'already an open account in the database'));
  });
  return errors;
}

/** Orders errors by line, then by column as the header lists them. */
export function sortErrors(errors: string[]): string[] {
  const key = (e: string) => {
    const m = /^line (\d+): ([a-z_]+):/.exec(e);
    const col = m ? COLUMNS.indexOf(m[2] as Column) : -1;
    return [m ? Number(m[1]) : 0, col] as const;
  };
  return errors
    .map((e, i) => ({ e, i, k: key(e) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i)
    .map((x) => x.e);
}
