// SPEC §2: every setting is validated at start-up; a bad value names the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, shownValue } from '../../src/config.js';

const secret = 'x'.repeat(40);

describe('settings', () => {
  it('has the SPEC defaults', () => {
    const c = loadConfig({}, secret);
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATABASE_FILE: 'data/app.db',
      SEED_DEMO: true,
      DEV_OUTBOX: true,
      BRAND_NAME: 'My Card',
      LEGACY_NAME: 'Card Net',
      LOGIN_MAX_FAILURES: 5,
      CODE_TTL_SECONDS: 300,
      CODE_MAX_FAILURES: 5,
      CODE_LOCK_SECONDS: 1800,
      CODE_RESEND_SECONDS: 30,
      CODE_MAX_SENDS_PER_HOUR: 5,
      FLOW_TTL_SECONDS: 1800,
      SESSION_IDLE_SECONDS: 900,
      SESSION_MAX_SECONDS: 43200,
      IP_MAX_FAILURES: 30,
      IP_WINDOW_SECONDS: 600,
      INITIAL_ID_TTL_DAYS: 90,
      TRUST_PROXY: false,
      SECRET: secret,
    });
    expect(c.COOKIE_SECURE).toBeUndefined();
  });

  // NOTIFY_STAND_IN=true: these production settings keep the stand-in notifier (SPEC D2), so only O1 is at issue
  it('SPEC O1: production turns the demo off and cannot turn it back on', () => {
    const prod = loadConfig({ NODE_ENV: 'production', NOTIFY_STAND_IN: 'true' }, secret);
    expect(prod).toMatchObject({ DEV_OUTBOX: false, SEED_DEMO: false, HOST: '0.0.0.0' });
    expect(() => loadConfig({ NODE_ENV: 'production', NOTIFY_STAND_IN: 'true', DEV_OUTBOX: 'true' }, secret)).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', NOTIFY_STAND_IN: 'true', SEED_DEMO: 'yes' }, secret)).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'production', NOTIFY_STAND_IN: 'true', SEED_DEMO: 'false', DEV_OUTBOX: 'off' }, secret).DEV_OUTBOX).toBe(false);
    expect(loadConfig({ DEV_OUTBOX: 'false' }, secret).DEV_OUTBOX).toBe(false);
  });

  it('SPEC O1: outside production the portal listens on loopback unless HOST says otherwise', () => {
    expect(loadConfig({}, secret).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }, secret).HOST).toBe('0.0.0.0');
  });

  it('SPEC O8: TRUST_PROXY=true is one trusted hop; TRUST_PROXY_HOPS counts them', () => {
    expect(loadConfig({}, secret)).toMatchObject({ TRUST_PROXY: false, TRUST_PROXY_HOPS: 0 });
    expect(loadConfig({ TRUST_PROXY: 'true' }, secret)).toMatchObject({ TRUST_PROXY: true, TRUST_PROXY_HOPS: 1 });
    expect(loadConfig({ TRUST_PROXY_HOPS: '3' }, secret)).toMatchObject({ TRUST_PROXY: true, TRUST_PROXY_HOPS: 3 });
    expect(() => loadConfig({ TRUST_PROXY_HOPS: '11' }, secret)).toThrow(/TRUST_PROXY_HOPS/);
  });

  it('SPEC §2: a secret is never shown in the error line, and a URL shows its password as ***', () => {
    expect(() => loadConfig({ SECRET: 'short-but-secret' })).toThrow(/^Invalid setting SECRET: must be at least 32 characters$/);
    expect(shownValue('SECRET', 'abc')).toBe('');
    expect(shownValue('WEBHOOK_SECRET', 'abc')).toBe('');
    expect(shownValue('DATABASE_URL', 'postgres://portal:s3cr%40t@db.internal:5432/portal')).toBe(' (got "postgres://portal:***@db.internal:5432/portal")');
    expect(shownValue('SMTP_URL', 'smtps://mailer:p@ss:word@smtp.example.jp:465')).toBe(' (got "smtps://mailer:***@smtp.example.jp:465")');
    expect(shownValue('SMTP_URL', 'smtp://tokenonly@smtp.example.jp')).toBe(' (got "smtp://***@smtp.example.jp")');
    expect(shownValue('SMTP_URL', 'not a url at all')).toBe(' (got "not a url at all")');
    expect(shownValue('PORT', 'eighty')).toBe(' (got "eighty")');
  });

  it('SPEC Z1/Z2: DATABASE_URL selects PostgreSQL, must be a postgres URL (password never shown), and requires SECRET', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://portal:pw@db:5432/portal', SECRET: secret }).DATABASE_URL).toBe('postgres://portal:pw@db:5432/portal');
    expect(loadConfig({}, secret).DATABASE_URL).toBeUndefined();
    expect(() => loadConfig({ DATABASE_URL: 'mysql://portal:hunter22@db/portal', SECRET: secret })).toThrow(
      new ConfigError('Invalid setting DATABASE_URL: must be a URL such as postgres://user:password@host:5432/portal (got "mysql://portal:***@db/portal")'),
    );
    // the generated secret file is one machine's: every instance must be given the same SECRET
    expect(() => loadConfig({ DATABASE_URL: 'postgres://portal:pw@db/portal' }, secret)).toThrow(
      new ConfigError('Invalid setting SECRET: must be set when DATABASE_URL is (every instance must share it; a generated secret file is for one machine only)'),
    );
  });

  it('reads booleans and numbers from their text', () => {
    const c = loadConfig({ SEED_DEMO: 'false', TRUST_PROXY: 'true', COOKIE_SECURE: 'on', LOGIN_MAX_FAILURES: ' 3 ' }, secret);
    expect(c.SEED_DEMO).toBe(false);
    expect(c.TRUST_PROXY).toBe(true);
    expect(c.COOKIE_SECURE).toBe(true);
    expect(c.LOGIN_MAX_FAILURES).toBe(3);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['LOGIN_MAX_FAILURES', '0'],
    ['CODE_TTL_SECONDS', '-5'],
    ['SEED_DEMO', 'maybe'],
    ['SECRET', 'short'],
    ['BRAND_NAME', '   '],
    ['PUBLIC_ORIGIN', 'not a url'],
  ])('refuses %s=%s with one line naming it', (key, value) => {
    let error: unknown;
    try {
      loadConfig({ [key]: value }, secret);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(key);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('the config is frozen', () => {
    expect(Object.isFrozen(loadConfig({}, secret))).toBe(true);
  });
});
