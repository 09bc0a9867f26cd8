// SPEC O1 and §2, as an operator starts the real server: loopback by default, no demo in production, no secret echoed.
import { spawn } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDir, freePort, portalEnv, ROOT, startPortal, stopPortal, type Portal } from '../support/portal-process.js';

const SECRET = 'production-secret-production-secret-0001';

/** Runs main.ts to its exit (a start that is refused), with its output. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

const nonLoopbackIPv4 = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

let running: Portal | undefined;
afterEach(async () => {
  if (running) await stopPortal(running);
  running = undefined;
});

describe('O1 the demo as npm start runs it', () => {
  it('listens on 127.0.0.1 when HOST is not set, says so, and warns that it is a demo', async () => {
    const dir = dataDir();
    const port = await freePort();
    running = await startPortal(dir, port, { HOST: undefined, DEV_OUTBOX: undefined, SEED_DEMO: undefined });
    const out = running.output();
    expect(out).toContain('HOST=127.0.0.1: this machine only');
    expect(out).toMatch(/Warning: demo environment: the database holds the demo data set/);
    expect(out).toMatch(/Warning: demo environment: every message sent, codes included, is shown at \/dev\/outbox/);
    const page = await (await fetch(`${running.url}/login`)).text();
    expect(page).toContain('デモ環境');
    // the outbox (and so every code) is not reachable from another machine
    const lan = nonLoopbackIPv4();
    if (lan) await expect(fetch(`http://${lan}:${port}/dev/outbox`)).rejects.toThrow();
  });
});

describe('O1 production', () => {
  // SPEC D2: no transport is set here, so NOTIFY_STAND_IN=true keeps the stand-in on purpose
  const production = (dir: string, port: number, extra: Record<string, string | undefined> = {}) =>
    portalEnv(dir, port, { NODE_ENV: 'production', SECRET, SEED_DEMO: undefined, DEV_OUTBOX: undefined, NOTIFY_STAND_IN: 'true', ...extra });

  it('on an empty database loads no demo set: the published demo password signs nobody in, and there is no outbox page', async () => {
    const dir = dataDir();
    const port = await freePort();
    running = await startPortal(dir, port, { NODE_ENV: 'production', SECRET, SEED_DEMO: undefined, DEV_OUTBOX: undefined, NOTIFY_STAND_IN: 'true' });
    expect(running.output()).not.toContain('Warning: demo environment');
    expect(running.output()).toContain(`Warning: NOTIFY_STAND_IN=true: email, sms, voice messages go to the console, ${join(dir, 'outbox.jsonl')} and the outbox table, not to members.`);
    expect((await fetch(`${running.url}/dev/outbox`)).status).toBe(404);
    const page = await fetch(`${running.url}/login`);
    const html = await page.text();
    expect(html).not.toContain('デモ環境');
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const res = await fetch(`${running.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: running.url, cookie },
      body: new URLSearchParams({ csrf, id: 'member@example.jp', password: 'Demo#2025pass' }).toString(),
    });
    expect(res.status).toBe(422);
  });

  it.each(['SEED_DEMO', 'DEV_OUTBOX'])('with %s=true stops at start with one line', async (key) => {
    const dir = dataDir();
    const { code, output } = await runToExit(production(dir, await freePort(), { [key]: 'true' }));
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toEqual([`Invalid setting ${key}: must not be true when NODE_ENV=production (it publishes demo passwords or codes)`]);
  });

  it('D2: without a transport for every channel, and without NOTIFY_STAND_IN=true, stops at start with one line', async () => {
    const dir = dataDir();
    const { code, output } = await runToExit(production(dir, await freePort(), { NOTIFY_STAND_IN: undefined, SMTP_URL: 'smtps://mailer:hunter2-pass@smtp.example.jp:465', MAIL_FROM: 'no-reply@example.jp' }));
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toEqual([
      'Invalid setting SMS_WEBHOOK_URL: must be set when NODE_ENV=production, since sms has no other transport (also unset: VOICE_WEBHOOK_URL); NOTIFY_STAND_IN=true keeps the console + file stand-in on purpose',
    ]);
  });

  it('refuses a database that holds the demo set, with one line', async () => {
    const dir = dataDir();
    const port = await freePort();
    running = await startPortal(dir, port, { SECRET }); // a demo, seeded
    await stopPortal(running);
    running = undefined;
    const { code, output } = await runToExit(production(dir, port));
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toEqual([
      `Refusing to start: ${join(dir, 'app.db')} holds the demo data set (its passwords are public); use a database without it when NODE_ENV=production`,
    ]);
  });
});

describe('§2 a bad setting is named, and a secret is never printed', () => {
  it('a short SECRET stops the start without showing it', async () => {
    const dir = dataDir();
    const { code, output } = await runToExit(portalEnv(dir, await freePort(), { SECRET: 'tiny-secret-value' }));
    expect(code).toBe(1);
    expect(output.trim()).toBe('Invalid setting SECRET: must be at least 32 characters');
    expect(output).not.toContain('tiny-secret-value');
  });

  it('D2: a refused SMTP_URL is named with its password as ***, and a webhook URL without WEBHOOK_SECRET is named', async () => {
    const dir = dataDir();
    const smtp = await runToExit(portalEnv(dir, await freePort(), { SMTP_URL: 'smtp://mailer:hunter2-pass@smtp.example.jp:25?ignoreTLS=true', MAIL_FROM: 'no-reply@example.jp' }));
    expect(smtp.code).toBe(1);
    expect(smtp.output.trim()).toBe(
      'Invalid setting SMTP_URL: must have no path or query: TLS follows from the scheme (smtps://, or smtp:// with STARTTLS required except to this machine) (got "smtp://mailer:***@smtp.example.jp:25?ignoreTLS=true")',
    );
    const hook = await runToExit(portalEnv(dir, await freePort(), { SMS_WEBHOOK_URL: 'https://sms.example.jp/send' }));
    expect(hook.code).toBe(1);
    expect(hook.output.trim()).toBe('Invalid setting WEBHOOK_SECRET: must be set when SMS_WEBHOOK_URL is (every webhook request is signed with it)');
  });

  it('a setting that holds no secret still shows what was given', async () => {
    const dir = dataDir();
    const { code, output } = await runToExit(portalEnv(dir, await freePort(), { PORT: 'eighty' }));
    expect(code).toBe(1);
    expect(output.trim()).toBe('Invalid setting PORT: must be a whole number (got "eighty")');
  });
});
