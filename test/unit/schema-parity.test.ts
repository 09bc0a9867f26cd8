// SPEC Z5: one contract, two schemas — every table of the SQLite schema exists on PostgreSQL with the same columns, nullability, keys and indexes.
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pg from '../../src/db/pg/schema.js';
import * as sqlite from '../../src/db/sqlite/schema.js';

type Shape = { name: string; columns: string[]; primaryKey: string[]; unique: string[]; indexes: string[]; foreignKeys: string[] };

type Config = ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>;

/** What must agree between the dialects: names, nullability, defaults, keys and indexes — not the column types, which differ by design (bigint for times). */
function shape(c: Config): Shape {
  const columns = c.columns.map((col) => `${col.name}${col.notNull ? ' not null' : ''}${col.hasDefault ? ' default' : ''}${col.isUnique ? ' unique' : ''}`);
  const primaryKey = [...c.columns.filter((col) => col.primary).map((col) => col.name), ...c.primaryKeys.flatMap((pk) => pk.columns.map((col) => col.name))];
  const indexes = c.indexes.map((i) => `${i.config.name}${i.config.unique ? ' unique' : ''}(${i.config.columns.map((col) => ('name' in col ? col.name : '?')).join(',')})${i.config.where ? ' partial' : ''}`);
  const foreignKeys = c.foreignKeys.map((fk) => {
    const ref = fk.reference();
    return `${ref.columns.map((col) => col.name).join(',')}→${getName(ref.foreignTable)}`;
  });
  return { name: c.name, columns: columns.sort(), primaryKey: primaryKey.sort(), unique: c.uniqueConstraints.map((u) => u.getName() ?? '').sort(), indexes: indexes.sort(), foreignKeys: foreignKeys.sort() };
}

const getName = (table: unknown) => (table instanceof PgTable ? pgConfig(table).name : sqliteConfig(table as SQLiteTable).name);

const pgTables = (Object.values(pg) as unknown[]).filter((t): t is PgTable => t instanceof PgTable).map((t) => shape(pgConfig(t)));
const sqliteTables = (Object.values(sqlite) as unknown[]).filter((t): t is SQLiteTable => t instanceof SQLiteTable).map((t) => shape(sqliteConfig(t)));

describe('the two schemas', () => {
  it('have the same tables', () => {
    expect(pgTables.map((t) => t.name).sort()).toEqual(sqliteTables.map((t) => t.name).sort());
    expect(pgTables.length).toBeGreaterThanOrEqual(16);
  });

  it.each(sqliteTables.map((t) => [t.name, t] as const))('agree on %s: columns, nullability, defaults, keys, indexes', (name, table) => {
    expect(pgTables.find((t) => t.name === name)).toEqual(table);
  });

  it('keep every time as a 64-bit integer on PostgreSQL (milliseconds outgrow 32 bits)', () => {
    const narrow = (Object.values(pg) as unknown[])
      .filter((t): t is PgTable => t instanceof PgTable)
      .flatMap((t) => pgConfig(t).columns.filter((c) => /(_at|_until)$|^at$/.test(c.name) && c.getSQLType() !== 'bigint').map((c) => `${pgConfig(t).name}.${c.name}`));
    expect(narrow).toEqual([]);
  });
});
