// SPEC M6a: checking verification codes — accepted once, expiry, replacement, and the count of wrong entries to the lock.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { codeState, sendCode, verifyCode } from '../../src/auth/codes.js';
import { fakeClock } from '../../src/auth/clock.js';
import { type CodeBed, codeHelpers, kind, SECOND, setup, subject } from '../helpers/code-bed.js';

let h: CodeBed;
let flowId: number;
beforeEach(async () => {
  h = await setup();
  flowId = await h.flow();
});
const { email, lastCode, wrong, verify, failures, events } = codeHelpers(() => ({ h, flowId }));

describe('verifyCode', () => {
  it('accepts the right code once', async () => {
    await sendCode(h, email());
    const code = lastCode();
    expect(await verify(code)).toEqual({ ok: true });
    expect(await verify(code)).toEqual({ error: 'none' });
  });

  it('accepts full-width, spaced and hyphenated input', async () => {
    for (const shape of [(c: string) => c.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), (c: string) => ` ${c.slice(0, 2)}-${c.slice(2)}\u3000`, (c: string) => c.split('').join(' ')]) {
      const f = await h.flow();
      await sendCode(h, email({ flowId: f, destination: `d${f}@example.jp` }));
      expect(await verify(shape(lastCode()), f)).toEqual({ ok: true });
    }
  });

  it('answers invalid for anything that is not 4 digits, without counting it', async () => {
    await sendCode(h, email());
    for (const input of ['', '123', '12345', 'abcd', '12a4']) expect(await verify(input)).toEqual({ error: 'invalid' });
    expect(await failures()).toEqual([]);
  });

  it('answers none when no code was sent', async () => {
    expect(await verify('1234')).toEqual({ error: 'none' });
  });

  it('expires at exactly CODE_TTL_SECONDS', async () => {
    await sendCode(h, email());
    h.clock.advance(300 * SECOND - 1);
    expect((await codeState(h, { flowId, kind, purpose: 'email', subject, address: '203.0.113.7' })).expiresAt).toBe(h.clock.now() + 1);
    const second = await h.flow();
    await sendCode(h, email({ flowId: second, destination: 'two@example.jp' }));
    const code2 = lastCode();
    h.clock.advance(1);
    expect(await verify(h.sent[0].code!)).toEqual({ error: 'expired' });
    // one millisecond before its own TTL the second code is still good
    h.clock.advance(300 * SECOND - 2);
    expect(await verify(code2, second)).toEqual({ ok: true });
  });

  it('replaces the previous code on resend: the old one no longer matches', async () => {
    await sendCode(h, email());
    const old = lastCode();
    h.clock.advance(30 * SECOND);
    await sendCode(h, email());
    const fresh = lastCode();
    if (old !== fresh) expect(await verify(old)).toEqual({ error: 'mismatch', remaining: 4 });
    expect(await verify(fresh)).toEqual({ ok: true });
    expect((await h.inspect.rows('challenge')).map((r) => [r.replacedAt !== null, r.usedAt !== null])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('counts wrong entries per subject across a resend and a new flow, locking at exactly CODE_MAX_FAILURES', async () => {
    await sendCode(h, email());
    expect(await verify(wrong(lastCode()))).toEqual({ error: 'mismatch', remaining: 4 });
    expect(await verify(wrong(lastCode()))).toEqual({ error: 'mismatch', remaining: 3 });
    h.clock.advance(30 * SECOND);
    await sendCode(h, email()); // a resend does not reset the count
    expect(await verify(wrong(lastCode()))).toEqual({ error: 'mismatch', remaining: 2 });
    const second = await h.flow();
    h.clock.advance(30 * SECOND);
    await sendCode(h, email({ flowId: second })); // nor does a new flow
    expect(await verify(wrong(lastCode()), second)).toEqual({ error: 'mismatch', remaining: 1 });
    const lockedUntil = h.clock.now() + 1_800 * SECOND;
    expect(await verify(wrong(lastCode()), second)).toEqual({ error: 'locked', lockedUntil });
    expect(await failures()).toMatchObject([{ subject: 'holder:1', purpose: 'email', failures: 5, lockedUntil }]);
    expect(await events('code_failed')).toHaveLength(5);
    expect(await events('code_locked')).toMatchObject([{ subject: 'holder:1', address: '203.0.113.7' }]);
  });

  it('refuses both sending and checking while locked, even the right code', async () => {
    await sendCode(h, email());
    const code = lastCode();
    for (let i = 0; i < 4; i++) await verify(wrong(code));
    const lockedUntil = h.clock.now() + 1_800 * SECOND;
    expect(await verify(wrong(code))).toEqual({ error: 'locked', lockedUntil });
    expect(await verify(code)).toEqual({ error: 'locked', lockedUntil });
    h.clock.advance(60 * SECOND);
    expect(await sendCode(h, email({ flowId: await h.flow() }))).toEqual({ error: 'locked', lockedUntil });
    expect(h.sent).toHaveLength(1);
    expect(await codeState(h, { flowId, kind, purpose: 'email', subject, address: '203.0.113.7' })).toMatchObject({ lockedUntil, expiresAt: null });
    // the lock is per purpose: the phone code is not locked
    expect(await sendCode(h, email({ purpose: 'phone', channel: 'sms', destination: '09012345678' }))).toMatchObject({ ok: true });
  });

  it('ends the lock after CODE_LOCK_SECONDS and starts the count again', async () => {
    await sendCode(h, email());
    for (let i = 0; i < 5; i++) await verify(wrong(lastCode()));
    h.clock.advance(1_800 * SECOND - 1);
    expect(await verify(lastCode())).toMatchObject({ error: 'locked' });
    h.clock.advance(1);
    // the code that was being guessed at was voided by the lock
    expect(await verify(lastCode())).toEqual({ error: 'none' });
    expect(await sendCode(h, email())).toMatchObject({ ok: true });
    expect(await verify(wrong(lastCode()))).toEqual({ error: 'mismatch', remaining: 4 });
    expect(await verify(lastCode())).toEqual({ ok: true });
  });

  it('resets the count after a right code', async () => {
    await sendCode(h, email());
    for (let i = 0; i < 4; i++) await verify(wrong(lastCode()));
    expect(await verify(lastCode())).toEqual({ ok: true });
    expect(await failures()).toEqual([]);
    h.clock.advance(30 * SECOND);
    await sendCode(h, email());
    expect(await verify(wrong(lastCode()))).toEqual({ error: 'mismatch', remaining: 4 });
  });

  it('counts concurrent wrong entries exactly', async () => {
    await sendCode(h, email());
    const results = await Promise.all(Array.from({ length: 20 }, () => verify(wrong(lastCode()))));
    expect(results.filter((r) => 'error' in r && r.error === 'mismatch')).toHaveLength(4);
    expect(results.filter((r) => 'error' in r && r.error === 'locked')).toHaveLength(16);
    expect(await failures()).toMatchObject([{ failures: 5 }]);
    expect(await events('code_failed')).toHaveLength(5);
    expect(await events('code_locked')).toHaveLength(1);
  });

  it('counts exactly when several processes type wrong codes into one database file at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codes-'));
    try {
      const shared = await setup(join(dir, 'app.db'), fakeClock(Date.now()));
      const f = await shared.flow();
      await sendCode(shared, { ...email(), flowId: f });
      const bad = wrong(shared.sent[0].code!);
      const worker = join(import.meta.dirname, 'fixtures', 'verify-worker.ts');
      const startAt = String(Date.now() + 2_000);
      const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', worker, join(dir, 'app.db'), String(f), bad, '40', '100', startAt]);
      const outputs = await Promise.all(Array.from({ length: 4 }, run));
      const results = outputs.flatMap((o) => JSON.parse(o.stdout) as string[]);
      // 160 wrong entries with CODE_MAX_FAILURES=100: exactly 99 mismatches, then the lock
      expect(results.filter((r) => r === 'mismatch')).toHaveLength(99);
      expect(results.filter((r) => r === 'locked')).toHaveLength(61);
      expect((await shared.inspect.rows('code_failure'))).toMatchObject([{ failures: 100 }]);
      const audit = (await shared.inspect.rows('audit_log'));
      expect(audit.filter((e) => e.event === 'code_failed')).toHaveLength(100);
      expect(audit.filter((e) => e.event === 'code_locked')).toHaveLength(1);
      await shared.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets only one of many concurrent right entries use the code', async () => {
    await sendCode(h, email());
    const results = await Promise.all(Array.from({ length: 10 }, () => verify(lastCode())));
    expect(results.filter((r) => 'ok' in r)).toHaveLength(1);
    expect(results.filter((r) => 'error' in r && r.error === 'none')).toHaveLength(9);
  });

  it('binds a code to its flow', async () => {
    await sendCode(h, email());
    const other = await h.flow();
    expect(await verify(lastCode(), other)).toEqual({ error: 'none' });
  });

  it('binds a code to its destination when the flow says which: a code sent elsewhere is none, and not counted', async () => {
    await sendCode(h, email());
    const code = lastCode();
    const at = (destination: string) => verifyCode(h, { flowId, kind, purpose: 'email', subject, code, destination });
    expect(await at('other@example.jp')).toEqual({ error: 'none' });
    expect(await failures()).toHaveLength(0);
    // the destination is compared normalised, as it was hashed when sent
    expect(await at('TARO@example.jp')).toEqual({ ok: true });
  });
});
