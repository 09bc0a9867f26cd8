// The store contract (SPEC Z5, STYLE "Storage behind one seam"): everything flows, rules and commands may ask of the database.
// Plain values in and out, every method async; each method that writes several rows is one whole unit of work (atomic inside).
// src/db/sqlite implements it on better-sqlite3; a PostgreSQL implementation implements the same interfaces, and no flow changes.

// One file per concept under contract/; this file is the one import the code uses.
export type * from './contract/records.js';
export type * from './contract/flows-sessions.js';
export type * from './contract/accounts.js';
export type * from './contract/codes.js';
export type * from './contract/address-budget.js';
export type * from './contract/lockout.js';
export type * from './contract/procedures.js';
export type * from './contract/import.js';
export type * from './contract/audit.js';
export type * from './contract/outbox.js';
export type * from './contract/operations.js';
export type * from './contract/stores.js';
