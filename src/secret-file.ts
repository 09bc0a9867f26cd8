// SPEC §2: when SECRET is unset, one is generated on first start and kept in the data folder.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The secret kept in the data folder, if there is one the server would use (a shorter one it replaces on start). */
export function savedSecret(dataDir: string): string | undefined {
  const file = join(dataDir, 'secret');
  const saved = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  return saved.length >= 32 ? saved : undefined;
}

export function loadOrCreateSecret(dataDir: string): string {
  const saved = savedSecret(dataDir);
  if (saved) return saved;
  const file = join(dataDir, 'secret');
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
