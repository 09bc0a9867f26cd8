// Every table of the portal (SPEC §1), one file per meaning under schema/. Times are integer milliseconds since the epoch.
// Importers and drizzle-kit read this barrel (drizzle.config.ts); a table is added to its file there, not here.
export * from './schema/people.js';
export * from './schema/sessions.js';
export * from './schema/limits.js';
export * from './schema/records.js';
export * from './schema/messages.js';
