// Every setting of SPEC §2 as a valibot schema; loadConfig fails fast with one line naming the variable.
import * as v from 'valibot';

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

const text = (fallback: string, max = 200) =>
  v.pipe(v.optional(v.string(), fallback), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`));

export const ConfigSchema = v.object({
  NODE_ENV: v.optional(v.string(), 'development'),
  PORT: int(3000, 0, 65535),
  HOST: text('0.0.0.0'),
  DATABASE_FILE: text('data/app.db', 1000),
  OUTBOX_FILE: text('data/outbox.jsonl', 1000),
  SEED_DEMO: bool(true),
  DEV_OUTBOX: bool(undefined),
  BRAND_NAME: text('My Card', 60),
  LEGACY_NAME: text('Card Net', 60),
  TERMS_VERSION: text('2025-01', 40),
  LOGIN_MAX_FAILURES: int(5, 1, 100),
  CODE_TTL_SECONDS: int(300, 30, 86_400),
  CODE_MAX_FAILURES: int(5, 1, 100),
  CODE_LOCK_SECONDS: int(1800, 1, 604_800),
  CODE_RESEND_SECONDS: int(30, 0, 3600),
  CODE_MAX_SENDS_PER_HOUR: int(5, 1, 1000),
  FLOW_TTL_SECONDS: int(1800, 60, 604_800),
  SESSION_IDLE_SECONDS: int(900, 60, 604_800),
  SESSION_MAX_SECONDS: int(43_200, 60, 31_536_000),
  IP_MAX_FAILURES: int(30, 1, 1_000_000),
  IP_WINDOW_SECONDS: int(600, 1, 86_400),
  INITIAL_ID_TTL_DAYS: int(90, 1, 3650),
  SECRET: v.optional(v.pipe(v.string(), v.trim(), v.minLength(32, 'must be at least 32 characters'))),
  TRUST_PROXY: bool(false),
  COOKIE_SECURE: bool(undefined),
  PUBLIC_ORIGIN: v.optional(
    v.pipe(v.string(), v.trim(), v.url('must be a URL such as https://portal.example.jp'), v.regex(/^https?:\/\/[^/]+$/, 'must be an origin with no path')),
  ),
});

type Raw = v.InferOutput<typeof ConfigSchema>;

export type Config = Readonly<
  Omit<Raw, 'SEED_DEMO' | 'DEV_OUTBOX' | 'TRUST_PROXY' | 'SECRET'> & {
    SEED_DEMO: boolean;
    DEV_OUTBOX: boolean;
    TRUST_PROXY: boolean;
    SECRET: string;
    production: boolean;
  }
>;

export class ConfigError extends Error {}

/** Validates the environment; throws ConfigError whose message is one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined>, secret?: string): Config {
  const input = Object.fromEntries(
    Object.keys(ConfigSchema.entries).flatMap((k) => (env[k] === undefined ? [] : [[k, env[k]]])),
  );
  const result = v.safeParse(ConfigSchema, input);
  if (!result.success) {
    const issue = result.issues[0];
    const key = v.getDotPath(issue) ?? 'setting';
    throw new ConfigError(`Invalid setting ${key}: ${issue.message} (got ${JSON.stringify(env[key] ?? '')})`);
  }
  const raw = result.output;
  const production = raw.NODE_ENV === 'production';
  return Object.freeze({
    ...raw,
    SEED_DEMO: raw.SEED_DEMO ?? true,
    DEV_OUTBOX: raw.DEV_OUTBOX ?? !production,
    TRUST_PROXY: raw.TRUST_PROXY ?? false,
    SECRET: raw.SECRET ?? secret ?? '',
    production,
  });
}

/** A config for tests: defaults plus overrides, with a fixed secret. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ SECRET: 'test-secret-test-secret-test-secret-0000', SEED_DEMO: 'false', ...overrides });
}
