// Times on PostgreSQL: integer milliseconds since the epoch, so bigint (read as a JS number). Not a table: the barrel leaves it out.
import { bigint } from 'drizzle-orm/pg-core';

export const ms = (name: string) => bigint(name, { mode: 'number' });
