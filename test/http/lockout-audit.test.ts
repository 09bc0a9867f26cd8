// SPEC X5: the audit of sign-in events — success, failure and lock, with time, account or hashed identifier, and client address.
import { beforeEach, describe, expect, it } from 'vitest';
import { identifierHash } from '../../src/auth/lockout.js';
import { browser, type Harness } from '../helpers/app.js';
import { auditRows, fail, lockoutHolders, N } from '../helpers/lockout.js';

let h: Harness;
beforeEach(async () => {
  h = await lockoutHolders();
});

const audit = (event: string) => auditRows(h, event);

describe('X5 audit of sign-in events', () => {
  it('records success, failure and lock with time, account or hashed identifier, and client address', async () => {
    const b = browser(h);
    await b.post('/login', { id: 'hanako@example.jp', password: 'Sakura#2025x' });
    await fail(browser(h), 'nobody@example.jp', N);
    const success = await audit('sign_in_succeeded');
    expect(success).toHaveLength(1);
    expect(success[0].accountId).not.toBeNull();
    expect(success[0].address).toBe('unknown'); // app.request() has no socket
    expect(success[0].at).toBe(h.clock.now());
    const failed = await audit('sign_in_failed');
    expect(failed).toHaveLength(N);
    expect(failed.every((r) => r.accountId === null && r.subject === identifierHash(h.config.SECRET, 'nobody@example.jp'))).toBe(true);
    expect(JSON.stringify((await h.inspect.rows('audit_log')))).not.toContain('nobody@example.jp');
    expect(await audit('sign_in_locked')).toHaveLength(1);
  });

  it('a legacy sign-in success is logged under its hashed identifier with the credential', async () => {
    await browser(h).post('/login', { id: 'taro-01', password: 'legacy-pass' });
    const [row] = await audit('sign_in_succeeded');
    expect(row.subject).toBe(identifierHash(h.config.SECRET, 'taro-01'));
    expect(JSON.parse(row.detail!)).toHaveProperty('credentialId');
  });
});
