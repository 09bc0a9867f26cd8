// Every setting of SPEC §2 (and D2's delivery settings) as a valibot schema; loadConfig fails fast with one line naming the variable.
import * as v from 'valibot';
import { LOG_LEVELS } from './log/logger.js';
import { deliveryProblem, mailFrom, smtpUrl, webhookSecret, webhookUrl } from './notify/transports/settings.js';

const int = (fallback: number, min = 1, max = 10_000_000) =>
  v.pipe(
    v.optional(v.string(), String(fallback)),
    v.trim(),
    v.regex(/^\d+$/, 'must be a whole number'),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );

const bool = (fallback: boolean | undefined) =>
  v.pipe(
    v.optional(v.string(), fallback === undefined ? '' : String(fallback)),
    v.trim(),
    v.toLowerCase(),
    v.picklist(['', 'true', 'false', '1', '0', 'yes', 'no', 'on', 'off', 'auto'], 'must be true or false'),
    v.transform((s): boolean | undefined =>
      s === '' || s === 'auto' ? undefined : ['true', '1', 'yes', 'on'].includes(s),
    ),
  );

/** SQLITE_CACHE_MB's default, also what a database opened without settings (tests, the bench's data sets) gets. */
export const SQLITE_CACHE_MB_DEFAULT = 2;

const text = (fallback: string, max = 200) =>
  v.pipe(v.optional(v.string(), fallback), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`));

export const ConfigSchema = v.object({
  NODE_ENV: v.optional(v.string(), 'development'),
  PORT: int(3000, 0, 65535),
  HOST: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200, 'must be at most 200 characters'))),
  DATABASE_FILE: text('data/app.db', 1000),
  // SPEC P6: SQLite's page cache stays resident once filled; the operating system caches the file as well
  SQLITE_CACHE_MB: int(SQLITE_CACHE_MB_DEFAULT, 1, 1024),
  // SPEC §2: the stand-in also appends each message as one JSON line here (the table is what the outbox page and the worker read)
  OUTBOX_FILE: text('data/outbox.jsonl', 1000),
  // SPEC Z1: PostgreSQL instead of the SQLite file, for several instances over one database
  DATABASE_URL: v.optional(
    v.pipe(v.string(), v.trim(), v.maxLength(2000, 'must be at most 2000 characters'), v.regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a URL such as postgres://user:password@host:5432/portal')),
  ),
  SEED_DEMO: bool(undefined),
  DEV_OUTBOX: bool(undefined),
  BRAND_NAME: text('My Card', 60),
  LEGACY_NAME: text('Card Net', 60),
  TERMS_VERSION: text('2025-01', 40),
  // SPEC §2: the support desk that lock pages, closures and notices point to
  SUPPORT_PHONE: v.pipe(text('0120-000-000', 40), v.regex(/^[0-9０-９+()\- ]+$/, 'must be a phone number such as 0120-000-000')),
  SUPPORT_HOURS: text('9:00〜17:00', 60),
  LOGIN_MAX_FAILURES: int(5, 1, 100),
  CODE_TTL_SECONDS: int(300, 30, 86_400),
  CODE_MAX_FAILURES: int(5, 1, 100),
  CODE_LOCK_SECONDS: int(1800, 1, 604_800),
  CODE_RESEND_SECONDS: int(30, 0, 3600),
  CODE_MAX_SENDS_PER_HOUR: int(5, 1, 1000),
  // SPEC S1: wrong codes per holder/account, purpose and flow kind in any rolling 24 hours, and in all (then closed)
  CODE_MAX_FAILURES_PER_DAY: int(10, 1, 10_000),
  CODE_MAX_FAILURES_TOTAL: int(20, 1, 100_000),
  // SPEC S2: valid addresses submitted in M3, G2 or T2 per flow, and per holder/account in 24 hours
  EMAIL_TAKEN_MAX_PER_FLOW: int(3, 1, 100),
  EMAIL_TAKEN_MAX_PER_DAY: int(10, 1, 10_000),
  FLOW_TTL_SECONDS: int(1800, 60, 604_800),
  SESSION_IDLE_SECONDS: int(900, 60, 604_800),
  SESSION_MAX_SECONDS: int(43_200, 60, 31_536_000),
  IP_MAX_FAILURES: int(30, 1, 1_000_000),
  IP_WINDOW_SECONDS: int(600, 1, 86_400),
  INITIAL_ID_TTL_DAYS: int(90, 1, 3650),
  // SPEC S3: right passwords of one legacy/initial ID start at most this many migration flows in 24 hours
  MIGRATION_STARTS_PER_DAY: int(10, 1, 1000),
  // SPEC S4: how long a card-number lock from G1 failures lasts
  CARD_LOCK_SECONDS: int(86_400, 60, 31_536_000),
  // SPEC S5: the mail-bomb ceiling, per destination across every requester
  CODE_MAX_SENDS_PER_DESTINATION_PER_HOUR: int(50, 1, 100_000),
  // SPEC S6: how many password hashes may wait for a thread in this process before requests get 503
  HASH_QUEUE_MAX: int(64, 0, 100_000),
  SECRET: v.optional(v.pipe(v.string(), v.trim(), v.minLength(32, 'must be at least 32 characters'))),
  TRUST_PROXY: bool(undefined),
  TRUST_PROXY_HOPS: v.optional(int(0, 0, 10)),
  COOKIE_SECURE: bool(undefined),
  // SPEC O3, O4
  LOG_LEVEL: v.pipe(v.optional(v.string(), 'info'), v.trim(), v.toLowerCase(), v.picklist(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`)),
  PRUNE_INTERVAL_SECONDS: int(3600, 0, 604_800),
  LOCK_RETENTION_DAYS: int(365, 1, 36_500),
  AUDIT_RETENTION_DAYS: int(400, 1, 36_500),
  // SPEC D2: the real transports; a channel without one uses the console + file stand-in unless NOTIFY_STAND_IN=false
  SMTP_URL: smtpUrl,
  MAIL_FROM: mailFrom,
  SMS_WEBHOOK_URL: webhookUrl,
  VOICE_WEBHOOK_URL: webhookUrl,
  WEBHOOK_SECRET: webhookSecret,
  NOTIFY_TIMEOUT_MS: int(5000, 100, 120_000),
  // SPEC D1: attempts per message before it has failed, and how many messages a worker sends at once
  NOTIFY_MAX_ATTEMPTS: int(5, 1, 50),
  NOTIFY_CONCURRENCY: int(4, 1, 64),
  NOTIFY_STAND_IN: bool(undefined),
  PUBLIC_ORIGIN: v.optional(
    v.pipe(v.string(), v.trim(), v.url('must be a URL such as https://portal.example.jp'), v.regex(/^https?:\/\/[^/]+$/, 'must be an origin with no path')),
  ),
});

type Raw = v.InferOutput<typeof ConfigSchema>;

export type Config = Readonly<
  Omit<Raw, 'HOST' | 'SEED_DEMO' | 'DEV_OUTBOX' | 'TRUST_PROXY' | 'TRUST_PROXY_HOPS' | 'SECRET' | 'NOTIFY_STAND_IN'> & {
    HOST: string;
    SEED_DEMO: boolean;
    DEV_OUTBOX: boolean;
    TRUST_PROXY: boolean;
    /** SPEC O8: how many proxies nearest the portal are trusted to write X-Forwarded-For / -Proto */
    TRUST_PROXY_HOPS: number;
    SECRET: string;
    /** SPEC D2: channels without a transport use the console + file stand-in (true outside production unless set) */
    NOTIFY_STAND_IN: boolean;
    production: boolean;
  }
>;

export class ConfigError extends Error {}

// SPEC §2: an error line never prints these values; a URL setting's password is shown as ***
const SECRET_SETTINGS = new Set(['SECRET', 'WEBHOOK_SECRET']);
const URL_SETTINGS = new Set(['SMTP_URL', 'DATABASE_URL', 'SMS_WEBHOOK_URL', 'VOICE_WEBHOOK_URL']);

/** A URL's password as ***: everything between the scheme and the last @ but the user name (all of it when there is no user:password). */
function maskUrlPassword(text: string): string {
  const at = text.lastIndexOf('@');
  if (at < 0) return text;
  const scheme = text.indexOf('://');
  const start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
  const userinfo = text.slice(start, at);
  const colon = userinfo.indexOf(':');
  return `${text.slice(0, start)}${colon < 0 ? '' : userinfo.slice(0, colon + 1)}***@${text.slice(at + 1)}`;
}

/** The value as an error line may show it: nothing for a secret, a URL with its password masked. */
export function shownValue(key: string, value: string | undefined): string {
  if (SECRET_SETTINGS.has(key)) return '';
  const text = value ?? '';
  return ` (got ${JSON.stringify(URL_SETTINGS.has(key) ? maskUrlPassword(text) : text)})`;
}

/** SPEC O1: the demo's conveniences cannot be switched on in production. */
function refuseDemoInProduction(raw: Raw): void {
  for (const key of ['SEED_DEMO', 'DEV_OUTBOX'] as const) {
    if (raw[key] === true) throw new ConfigError(`Invalid setting ${key}: must not be true when NODE_ENV=production (it publishes demo passwords or codes)`);
  }
}

/** SPEC O8: TRUST_PROXY=true means one trusted hop; TRUST_PROXY_HOPS says how many, and the two must agree. */
function trustedHops(raw: Raw): number {
  if (raw.TRUST_PROXY_HOPS === undefined) return raw.TRUST_PROXY ? 1 : 0;
  if (raw.TRUST_PROXY === true && raw.TRUST_PROXY_HOPS === 0) throw new ConfigError('Invalid setting TRUST_PROXY_HOPS: must be at least 1 when TRUST_PROXY=true');
  if (raw.TRUST_PROXY === false && raw.TRUST_PROXY_HOPS > 0) throw new ConfigError('Invalid setting TRUST_PROXY: is false while TRUST_PROXY_HOPS trusts proxies (set one of them)');
  return raw.TRUST_PROXY_HOPS;
}

/** SPEC S1: the code budgets nest — a lock's count within the day's, the day's within the total. */
function checkCodeBudgets(raw: Raw, env: Record<string, string | undefined>): void {
  if (raw.CODE_MAX_FAILURES > raw.CODE_MAX_FAILURES_PER_DAY) {
    throw new ConfigError(`Invalid setting CODE_MAX_FAILURES_PER_DAY: must be at least CODE_MAX_FAILURES (${raw.CODE_MAX_FAILURES}) (got ${JSON.stringify(env.CODE_MAX_FAILURES_PER_DAY ?? String(raw.CODE_MAX_FAILURES_PER_DAY))})`);
  }
  if (raw.CODE_MAX_FAILURES_PER_DAY > raw.CODE_MAX_FAILURES_TOTAL) {
    throw new ConfigError(`Invalid setting CODE_MAX_FAILURES_TOTAL: must be at least CODE_MAX_FAILURES_PER_DAY (${raw.CODE_MAX_FAILURES_PER_DAY}) (got ${JSON.stringify(env.CODE_MAX_FAILURES_TOTAL ?? String(raw.CODE_MAX_FAILURES_TOTAL))})`);
  }
}

/** Validates the environment; throws ConfigError whose message is one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined>, secret?: string): Config {
  const input = Object.fromEntries(
    Object.keys(ConfigSchema.entries).flatMap((k) => (env[k] === undefined ? [] : [[k, env[k]]])),
  );
  const result = v.safeParse(ConfigSchema, input);
  if (!result.success) {
    const issue = result.issues[0];
    const key = v.getDotPath(issue) ?? 'setting';
    throw new ConfigError(`Invalid setting ${key}: ${issue.message}${shownValue(key, env[key])}`);
  }
  const raw = result.output;
  const production = raw.NODE_ENV === 'production';
  if (production) refuseDemoInProduction(raw);
  const hops = trustedHops(raw);
  checkCodeBudgets(raw, env);
  const standIn = raw.NOTIFY_STAND_IN ?? !production;
  const delivery = deliveryProblem(raw, standIn, production);
  if (delivery) throw new ConfigError(`Invalid setting ${delivery.key}: ${delivery.message}`);
  // SPEC O4: a lock's last attempts are read from the audit log, which must outlive them
  // SPEC Z2: every instance over one PostgreSQL must hash with the same key, so a per-machine generated secret will not do
  if (raw.DATABASE_URL !== undefined && raw.SECRET === undefined) {
    throw new ConfigError('Invalid setting SECRET: must be set when DATABASE_URL is (every instance must share it; a generated secret file is for one machine only)');
  }
  if (raw.AUDIT_RETENTION_DAYS < raw.LOCK_RETENTION_DAYS) {
    throw new ConfigError(`Invalid setting AUDIT_RETENTION_DAYS: must be at least LOCK_RETENTION_DAYS (${raw.LOCK_RETENTION_DAYS}), since retention reads a lock's last attempts from the audit log (got ${JSON.stringify(env.AUDIT_RETENTION_DAYS ?? '')})`);
  }
  return Object.freeze({
    ...raw,
    // SPEC O1: outside production the portal listens on loopback only, so the demo's codes stay on this machine
    HOST: raw.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    SEED_DEMO: raw.SEED_DEMO ?? !production,
    DEV_OUTBOX: raw.DEV_OUTBOX ?? !production,
    TRUST_PROXY: hops > 0,
    TRUST_PROXY_HOPS: hops,
    SECRET: raw.SECRET ?? secret ?? '',
    NOTIFY_STAND_IN: standIn,
    production,
  });
}

/** A config for tests: defaults plus overrides, with a fixed secret; the harness's channels use the stand-in, in production too. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ SECRET: 'test-secret-test-secret-test-secret-0000', SEED_DEMO: 'false', NOTIFY_STAND_IN: 'true', ...overrides });
}
