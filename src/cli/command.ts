// What every operator command shares: the server's settings (with its secret file), the database (SQLite or PostgreSQL, behind the store contract), and one clear line on failure.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { describeDatabase, openDatabase, type OpenedDatabase } from '../db/open.js';
import { loadOrCreateSecret } from '../secret-file.js';

/** A refusal or bad input: its message is the one line the operator sees, with exit code 1. */
export class CommandError extends Error {}

/**
 * The settings the server would use, with the same secret file when SECRET is unset (as src/main.ts does); a read-only
 * command (`createSecret: false`) leaves a missing secret missing rather than make one the server never used.
 */
export function loadSettings(env: Record<string, string | undefined>, { createSecret = true } = {}): Config {
  try {
    const first = loadConfig(env);
    // SPEC Z2: with DATABASE_URL, SECRET is required and loadConfig has already said so
    if (first.SECRET || !createSecret) return first;
    return loadConfig(env, loadOrCreateSecret(dirname(first.DATABASE_FILE)));
  } catch (e) {
    if (e instanceof ConfigError) throw new CommandError(e.message);
    throw e;
  }
}

/** Opens the database the settings name: PostgreSQL with DATABASE_URL, else the existing SQLite file (a command never creates an empty one by mistake). */
export async function openExistingDb(config: Config): Promise<OpenedDatabase> {
  requireDatabase(config);
  return openCommandDb(config);
}

/** Refuses settings that name a SQLite file that is not there (before anything else is asked of the operator). */
export function requireDatabase(config: Config): void {
  if (!config.DATABASE_URL && !existsSync(config.DATABASE_FILE)) throw new CommandError(`no database at ${config.DATABASE_FILE} (set DATABASE_FILE, or DATABASE_URL for PostgreSQL)`);
}

/** Opens the database the settings name, creating and migrating a SQLite file that is not there yet (the first import). */
export async function openCommandDb(config: Config): Promise<OpenedDatabase> {
  try {
    return await openDatabase(config);
  } catch (e) {
    throw new CommandError(`cannot open the database ${describeDatabase(config)}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Runs a command's main when the file is the entry point: exit code from main, one line (never a stack trace) on any error. */
export async function runCommand(metaUrl: string, main: (argv: string[], env: Record<string, string | undefined>) => Promise<number>): Promise<void> {
  if (!process.argv[1] || metaUrl !== pathToFileURL(process.argv[1]).href) return;
  try {
    process.exitCode = await main(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(e instanceof CommandError ? e.message : `failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
