// Opens a PostgreSQL pool, applies the migrations under an advisory lock, and the serializable transaction helper every store uses.
import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditEvent } from '../contract.js';
import { errorCode } from '../unavailable.js';
import * as schema from './schema.js';

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/** What a store helper queries through: the database, or the transaction it runs inside. */
export type Executor = PgDatabase<NodePgQueryResultHKT, typeof schema>;

const here = dirname(fileURLToPath(import.meta.url));
/** Beside this file in src/db/pg; dist/pg-migrations in the bundle, where SQLite's dist/migrations sits beside it (scripts/build.mjs). */
export const migrationsFolder = existsSync(join(here, 'pg-migrations')) ? join(here, 'pg-migrations') : join(here, 'migrations');

// PostgreSQL's int8 is a string in node-postgres; counts (count(*) is int8) are read as numbers (every count here is far below 2^53)
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type PoolOptions = { max?: number; idleTimeoutMillis?: number; onError?: (err: Error) => void };

export function openPool(url: string, options: PoolOptions = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, idleTimeoutMillis: options.idleTimeoutMillis ?? 10_000, connectionTimeoutMillis: 5_000 });
  // an idle connection cut by a PostgreSQL restart must not crash the process: the pool drops it and the next query reconnects
  pool.on('error', (err) => options.onError?.(err));
  // a connection cut while checked out between two queries (inside a transaction) emits 'error' on the client itself, which
  // would end the process unheard; its pending or next query fails instead, and the request answers 503 (src/db/unavailable.ts)
  pool.on('connect', (client) => client.on('error', (err) => options.onError?.(err)));
  return drizzle(pool, { schema }) as Db;
}

/** Runs `work` on one connection holding the session advisory lock `name` (SPEC Z1/Z3: instances starting together take turns). */
export async function withAdvisoryLock<T>(pool: pg.Pool, name: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`portal:${name}`]);
    try {
      return await work(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`portal:${name}`]);
    }
  } finally {
    client.release();
  }
}

/** SPEC Z1: the migrations, applied once however many instances start at the same moment. */
export async function migrateLocked(db: Db): Promise<void> {
  await withAdvisoryLock(db.$client, 'migrate', async (client) => {
    await migrate(drizzle(client, { schema }), { migrationsFolder });
  });
}

/** SPEC O3: audit rows written inside a transaction are heard once it commits (a retried attempt's rows never are). */
const pendingAudit = new WeakMap<Executor, AuditEvent[]>();
/** SPEC O3: who hears each audit row written through a database (see AuditStore.onRecord). */
export const auditListeners = new WeakMap<Executor, (e: AuditEvent) => void>();

/** Hands an audit event to the listener now, or when the transaction it was written in commits. */
export function heardAudit(ex: Executor, e: AuditEvent): void {
  const pending = pendingAudit.get(ex);
  if (pending) pending.push(e);
  else emit(ex, e);
}

function emit(db: Executor, e: AuditEvent): void {
  try {
    auditListeners.get(db)?.(e);
  } catch {
    /* a log line is never worth a failed request */
  }
}

/** 40001 serialization failure, 40P01 deadlock: the transaction lost a race and may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 12;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `work` as one SERIALIZABLE transaction, again from the start when PostgreSQL reports that it lost a race (40001, 40P01):
 * every read-then-write of a counter, cap or guard behaves as if the transactions had run one after another, as BEGIN IMMEDIATE
 * makes them on SQLite. `work` must do nothing but queries through `tx` (it may run more than once); hashing happens before.
 */
export async function inTransaction<T>(db: Db, work: (tx: Executor) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const events: AuditEvent[] = [];
    try {
      const result = await db.transaction(
        async (tx) => {
          pendingAudit.set(tx, events);
          return work(tx);
        },
        { isolationLevel: 'serializable' },
      );
      for (const e of events) emit(db, e);
      return result;
    } catch (err) {
      const code = errorCode(err);
      if (attempt >= MAX_ATTEMPTS || code === undefined || !RETRYABLE.has(code)) throw err;
      // a short random pause so the racers do not meet again at once
      await sleep(Math.random() * 5 * attempt);
    }
  }
}

/** SPEC M9: a unique index settled a race (SQLSTATE 23505). */
export function isUniqueViolation(err: unknown): boolean {
  return errorCode(err) === '23505';
}

/** The first row of a query, or undefined. */
export async function first<T>(rows: Promise<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}
