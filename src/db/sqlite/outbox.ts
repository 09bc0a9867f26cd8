// The outbox on SQLite (SPEC §2, D5): the stand-in notifier's messages, one row each.
import { desc } from 'drizzle-orm';
import type { OutboxEntry, OutboxStore } from '../contract.js';
import type { Db } from './client.js';
import { outboxTable } from './schema.js';

/** A stored row as SPEC §2's outbox entry. */
export function outboxEntry(row: typeof outboxTable.$inferSelect): OutboxEntry {
  const { messageId, createdAt, channel, recipient, subject, text, code } = row;
  return { id: messageId, at: new Date(createdAt).toISOString(), channel, to: recipient, subject, text, ...(code === null ? {} : { code }) };
}

export function outboxStore(db: Db): OutboxStore {
  return {
    async add({ id, now, channel, to, subject, text, code }) {
      db.insert(outboxTable).values({ messageId: id, createdAt: now, channel, recipient: to, subject, text, code: code ?? null }).run();
    },
    async list(limit = 1000) {
      return db.select().from(outboxTable).orderBy(desc(outboxTable.id)).limit(limit).all().map(outboxEntry);
    },
  };
}
