// SPEC D2 and §2: the delivery settings are checked at start; each refusal is one line naming the setting, never its password.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { channelsWithoutTransport } from '../../src/notify/transports/index.js';

const secret = 'x'.repeat(40);
const WEBHOOK_SECRET = 'webhook-secret-webhook-secret-0001';
const all = {
  SMTP_URL: 'smtps://mailer:hunter2-pass@smtp.example.jp:465',
  MAIL_FROM: 'My Card <no-reply@example.jp>',
  SMS_WEBHOOK_URL: 'https://sms.example.jp/send',
  VOICE_WEBHOOK_URL: 'https://voice.example.jp/call',
  WEBHOOK_SECRET,
};

/** The one line loadConfig refuses these settings with. */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env, secret);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const line = (e as Error).message;
    expect(line.split('\n')).toHaveLength(1);
    return line;
  }
  throw new Error('the settings were accepted');
}

describe('D2 delivery settings', () => {
  it('outside production need nothing: every channel uses the stand-in, with a 5 s timeout', () => {
    const c = loadConfig({}, secret);
    expect(c).toMatchObject({ NOTIFY_STAND_IN: true, NOTIFY_TIMEOUT_MS: 5000 });
    expect([c.SMTP_URL, c.MAIL_FROM, c.SMS_WEBHOOK_URL, c.VOICE_WEBHOOK_URL, c.WEBHOOK_SECRET]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(channelsWithoutTransport(c)).toEqual(['email', 'sms', 'voice']);
  });

  it('take every transport, trimmed, in production too', () => {
    const c = loadConfig({ NODE_ENV: 'production', ...all, SMS_WEBHOOK_URL: ' https://sms.example.jp/send ' }, secret);
    expect(c).toMatchObject({ ...all, NOTIFY_STAND_IN: false });
    expect(channelsWithoutTransport(c)).toEqual([]);
  });

  it('accept plain smtp:// and http:// to this machine, and smtp:// (STARTTLS) to any host', () => {
    for (const url of ['smtp://127.0.0.1:2525', 'smtp://localhost:25', 'smtp://[::1]:25', 'smtp://user:pw@smtp.example.jp:587']) {
      expect(loadConfig({ SMTP_URL: url, MAIL_FROM: 'no-reply@example.jp' }, secret).SMTP_URL).toBe(url);
    }
    for (const url of ['http://127.0.0.1:9000/sms', 'http://localhost:9000/sms', 'http://[::1]:9000/sms', 'https://sms.example.jp/send?account=7']) {
      expect(loadConfig({ SMS_WEBHOOK_URL: url, WEBHOOK_SECRET }, secret).SMS_WEBHOOK_URL).toBe(url);
    }
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1', MAIL_FROM: '"マイカード" <no-reply@example.jp>' }, secret).MAIL_FROM).toBe('"マイカード" <no-reply@example.jp>');
  });

  it('in production, a channel without a transport stops the start, naming its setting', () => {
    expect(refusal({ NODE_ENV: 'production' })).toBe(
      'Invalid setting SMTP_URL: must be set when NODE_ENV=production, since email has no other transport (also unset: SMS_WEBHOOK_URL, VOICE_WEBHOOK_URL); NOTIFY_STAND_IN=true keeps the console + file stand-in on purpose',
    );
    const { VOICE_WEBHOOK_URL: _, ...noVoice } = all;
    expect(refusal({ NODE_ENV: 'production', ...noVoice })).toBe(
      'Invalid setting VOICE_WEBHOOK_URL: must be set when NODE_ENV=production, since voice has no other transport; NOTIFY_STAND_IN=true keeps the console + file stand-in on purpose',
    );
  });

  it('NOTIFY_STAND_IN=true keeps the stand-in in production on purpose; =false requires transports outside it', () => {
    const c = loadConfig({ NODE_ENV: 'production', NOTIFY_STAND_IN: 'true', SMTP_URL: all.SMTP_URL, MAIL_FROM: all.MAIL_FROM }, secret);
    expect(c.NOTIFY_STAND_IN).toBe(true);
    expect(channelsWithoutTransport(c)).toEqual(['sms', 'voice']);
    expect(refusal({ NOTIFY_STAND_IN: 'false', SMTP_URL: all.SMTP_URL, MAIL_FROM: all.MAIL_FROM })).toMatch(/^Invalid setting SMS_WEBHOOK_URL: must be set when NOTIFY_STAND_IN=false, since sms has no other transport \(also unset: VOICE_WEBHOOK_URL\)/);
    expect(refusal({ NOTIFY_STAND_IN: 'sometimes' })).toBe('Invalid setting NOTIFY_STAND_IN: must be true or false (got "sometimes")');
  });

  it.each([
    ['SMTP_URL', 'not a url', 'must be a URL such as smtps://user:password@smtp.example.jp:465 (got "not a url")'],
    ['SMTP_URL', 'http://smtp.example.jp', 'must start with smtps:// (TLS) or smtp:// (STARTTLS) (got "http://smtp.example.jp")'],
    ['SMTP_URL', 'smtp://smtp.example.jp:25?ignoreTLS=true', 'must have no path or query: TLS follows from the scheme (smtps://, or smtp:// with STARTTLS required except to this machine) (got "smtp://smtp.example.jp:25?ignoreTLS=true")'],
    ['SMTP_URL', 'smtp://smtp.example.jp/?secure=false', 'must have no path or query: TLS follows from the scheme (smtps://, or smtp:// with STARTTLS required except to this machine) (got "smtp://smtp.example.jp/?secure=false")'],
    ['SMS_WEBHOOK_URL', 'sms.example.jp/send', 'must be a URL such as https://sms.example.jp/send (got "sms.example.jp/send")'],
    ['SMS_WEBHOOK_URL', 'http://sms.example.jp/send', 'must use https:// unless the host is this machine (loopback) (got "http://sms.example.jp/send")'],
    ['VOICE_WEBHOOK_URL', 'http://192.0.2.10/call', 'must use https:// unless the host is this machine (loopback) (got "http://192.0.2.10/call")'],
    ['VOICE_WEBHOOK_URL', 'ftp://voice.example.jp/call', 'must start with https:// (got "ftp://voice.example.jp/call")'],
    ['NOTIFY_TIMEOUT_MS', '50', 'must be at least 100 (got "50")'],
  ])('refuses %s=%s with one line naming it', (key, value, message) => {
    expect(refusal({ [key]: value, MAIL_FROM: 'no-reply@example.jp', WEBHOOK_SECRET })).toBe(`Invalid setting ${key}: ${message}`);
  });

  it('refuses a URL with a password without printing the password', () => {
    const smtp = refusal({ SMTP_URL: 'http://mailer:hunter2-pass@smtp.example.jp:25', MAIL_FROM: 'no-reply@example.jp' });
    expect(smtp).toBe('Invalid setting SMTP_URL: must start with smtps:// (TLS) or smtp:// (STARTTLS) (got "http://mailer:***@smtp.example.jp:25")');
    const hook = refusal({ SMS_WEBHOOK_URL: 'https://acct:hunter2-pass@sms.example.jp/send', WEBHOOK_SECRET });
    expect(hook).toBe('Invalid setting SMS_WEBHOOK_URL: must not hold a user name or password (every request is signed with WEBHOOK_SECRET) (got "https://acct:***@sms.example.jp/send")');
    const voice = refusal({ VOICE_WEBHOOK_URL: 'http://acct:hunter2-pass@voice.example.jp/call', WEBHOOK_SECRET });
    expect(voice).toMatch(/^Invalid setting VOICE_WEBHOOK_URL: must use https:\/\//);
    for (const line of [smtp, hook, voice]) expect(line).not.toContain('hunter2');
  });

  it('a webhook URL without WEBHOOK_SECRET, or with a short one, stops the start without showing the secret', () => {
    expect(refusal({ SMS_WEBHOOK_URL: all.SMS_WEBHOOK_URL })).toBe('Invalid setting WEBHOOK_SECRET: must be set when SMS_WEBHOOK_URL is (every webhook request is signed with it)');
    expect(refusal({ VOICE_WEBHOOK_URL: all.VOICE_WEBHOOK_URL })).toBe('Invalid setting WEBHOOK_SECRET: must be set when VOICE_WEBHOOK_URL is (every webhook request is signed with it)');
    const short = refusal({ SMS_WEBHOOK_URL: all.SMS_WEBHOOK_URL, WEBHOOK_SECRET: 'tiny-hook-secret' });
    expect(short).toBe('Invalid setting WEBHOOK_SECRET: must be at least 32 characters');
  });

  it('SMTP_URL needs MAIL_FROM, an address with or without a name, on one line', () => {
    expect(refusal({ SMTP_URL: all.SMTP_URL })).toBe('Invalid setting MAIL_FROM: must be set when SMTP_URL is (the From address of every email)');
    for (const from of ['no-reply', 'My Card <no-reply>', 'no-reply@example.jp\r\nBcc: all@example.jp']) {
      expect(refusal({ SMTP_URL: all.SMTP_URL, MAIL_FROM: from })).toMatch(/^Invalid setting MAIL_FROM: must be an address such as no-reply@example.jp or "My Card <no-reply@example.jp>" \(got /);
    }
  });
});
