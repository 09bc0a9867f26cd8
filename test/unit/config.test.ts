// SPEC §2: every setting is validated at start-up; a bad value names the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const secret = 'x'.repeat(40);

describe('settings', () => {
  it('has the SPEC defaults', () => {
    const c = loadConfig({}, secret);
    expect(c).toMatchObject({
      PORT: 3000,
      DATABASE_FILE: 'data/app.db',
      OUTBOX_FILE: 'data/outbox.jsonl',
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

  it('turns the demo outbox off in production unless DEV_OUTBOX is set', () => {
    expect(loadConfig({ NODE_ENV: 'production' }, secret).DEV_OUTBOX).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DEV_OUTBOX: 'true' }, secret).DEV_OUTBOX).toBe(true);
    expect(loadConfig({ DEV_OUTBOX: 'false' }, secret).DEV_OUTBOX).toBe(false);
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
