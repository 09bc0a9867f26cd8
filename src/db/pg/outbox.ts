// The outbox on PostgreSQL (SPEC §2, D5): the stand-in notifier's messages, one row each, shared by every instance.
import { desc } from 'drizzle-orm';
import type { OutboxEntry, OutboxStore } from '../contract.js';
import type { Db } from './client.js';
import { outboxTable } from './schema.js';

function outboxEntry(row: typeof outboxTable.$inferSelect): OutboxEntry {
  const { messageId, createdAt, channel, recipient, subject, text, code } = row;
  return { id: messageId, at: new Date(createdAt).toISOString(), channel, to: recipient, subject, text, ...(code === null ? {} : { code }) };
}

export function outboxStore(db: Db): OutboxStore {
  return {
    async add({ id, now, channel, to, subject, text, code }) {
      await db.insert(outboxTable).values({ messageId: id, createdAt: now, channel, recipient: to, subject, text, code: code ?? null });
    },
    async list(limit = 1000) {
      return (await db.select().from(outboxTable).orderBy(desc(outboxTable.id)).limit(limit)).map(outboxEntry);
    },
  };
}
