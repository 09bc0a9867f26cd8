// Every table of the portal (SPEC §1) on PostgreSQL: the same tables and columns as src/db/sqlite/schema.ts (test/unit/schema-parity.test.ts),
// in the same files under schema/. Times are integer milliseconds since the epoch, so bigint (read as a JS number; schema/time.ts).
export * from './schema/people.js';
export * from './schema/sessions.js';
export * from './schema/limits.js';
export * from './schema/records.js';
export * from './schema/messages.js';
