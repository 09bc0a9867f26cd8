// The outbox table of a running portal (another process), read the way the demo outbox page reads it: newest first.
import Database from 'better-sqlite3';
import pg from 'pg';
import type { OutboxEntry } from '../../src/db/contract.js';

type Row = { message_id: string; created_at: number | string; channel: OutboxEntry['channel']; recipient: string; subject: string; text: string; code: string | null; state: OutboxEntry['state']; attempts: number };

const entry = (r: Row): OutboxEntry => ({ id: r.message_id, at: new Date(Number(r.created_at)).toISOString(), channel: r.channel, to: r.recipient, subject: r.subject, text: r.text, ...(r.code === null ? {} : { code: r.code }), state: r.state, attempts: r.attempts });
const QUERY = 'SELECT message_id, created_at, channel, recipient, subject, text, code, state, attempts FROM outbox ORDER BY id DESC';

/** Every message in the outbox of the SQLite file or PostgreSQL URL `source`, newest first (none before the first start). */
export async function readOutbox(source: string): Promise<OutboxEntry[]> {
  if (/^postgres(ql)?:\/\//.test(source)) {
    const client = new pg.Client({ connectionString: source });
    await client.connect();
    try {
      return (await client.query<Row>(QUERY)).rows.map(entry);
    } finally {
      await client.end();
    }
  }
  let db: Database.Database;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true });
  } catch {
    return [];
  }
  try {
    return (db.prepare(QUERY).all() as Row[]).map(entry);
  } catch {
    return []; // not migrated yet
  } finally {
    db.close();
  }
}
