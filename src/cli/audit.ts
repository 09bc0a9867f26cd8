// `npm run audit -- --since 1h` (SPEC X5): prints the security events of the audit log, one line each, oldest first.
import { dirname } from 'node:path';
import { identifierHash } from '../auth/lockout.js';
import { savedSecret } from '../secret-file.js';
import { CommandError, loadSettings, openCommandDb, requireDatabase, runCommand } from './command.js';

const USAGE = 'usage: npm run audit -- [--since 30m|1h|2d|2025-01-15T10:00:00+09:00] [--event NAME] [--id IDENTIFIER]';
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30m`, `1h`, `2d` back from now, or an ISO date/time; undefined when it is neither. */
export function parseSince(value: string, now: number): number | undefined {
  const relative = /^(\d{1,6})([smhd])$/.exec(value.trim());
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS];
  if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return undefined;
  const at = Date.parse(value.trim());
  return Number.isNaN(at) ? undefined : at;
}

export type AuditRow = { at: number; event: string; accountId: number | null; subject: string | null; address: string | null; detail: string | null };

/** One line: time (UTC), event, account, hashed identifier, client address, then the details as key=value. */
export function formatAuditLine(row: AuditRow): string {
  let detail = '';
  if (row.detail) {
    try {
      detail = Object.entries(JSON.parse(row.detail) as Record<string, unknown>)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ');
    } catch {
      detail = row.detail;
    }
  }
  const parts = [
    new Date(row.at).toISOString(),
    row.event,
    `account=${row.accountId ?? '-'}`,
    `subject=${row.subject ?? '-'}`,
    `address=${row.address ?? '-'}`,
    detail,
  ];
  return parts.filter((p) => p !== '').join(' ');
}

type Options = { since: number; event?: string; id?: string };

function parseArgs(argv: string[], now: number): Options | string {
  const opts: Options = { since: now - UNIT_MS.d };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) return `${flag} needs a value`;
    if (flag === '--since') {
      const since = parseSince(value, now);
      if (since === undefined) return `--since ${value}: use 30m, 1h, 2d or an ISO time such as 2025-01-15T10:00:00+09:00`;
      opts.since = since;
    } else if (flag === '--event') opts.event = value;
    else if (flag === '--id') opts.id = value;
    else return `unknown option ${flag}`;
  }
  return opts;
}

async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const now = Date.now();
  const opts = parseArgs(argv, now);
  if (typeof opts === 'string') throw new CommandError(`${opts}\n${USAGE}`);
  // read-only: the audit never creates the secret file the server would
  const config = loadSettings(env, { createSecret: false });
  requireDatabase(config);
  let subject: string | undefined;
  if (opts.id !== undefined) {
    // the secret the server hashes identifiers with: SECRET, or the one kept next to the database
    const secret = config.SECRET || savedSecret(dirname(config.DATABASE_FILE));
    if (!secret) throw new CommandError('--id needs the server secret: set SECRET or keep the secret file next to the database');
    subject = identifierHash(secret, opts.id);
  }
  const db = await openCommandDb(config);
  try {
    const rows = (await db.stores.audit.list(opts.since)).filter((r) => (!opts.event || r.event === opts.event) && (!subject || r.subject === subject));
    for (const row of rows) console.log(formatAuditLine(row));
    console.error(`${rows.length} event(s) since ${new Date(opts.since).toISOString()}`);
    return 0;
  } finally {
    await db.close();
  }
}

await runCommand(import.meta.url, main);
