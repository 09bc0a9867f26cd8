// SPEC O3: what the logger does to every line — secret keys censored at any depth, addresses and long numbers masked,
// the portal's own identifiers kept as written.
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/log/logger.js';

const lineOf = (write: (logger: ReturnType<typeof memoryLogger>['logger']) => void) => {
  const { logger, lines } = memoryLogger('info');
  write(logger);
  const all = lines();
  expect(all).toHaveLength(1);
  return JSON.parse(all[0]) as Record<string, unknown>;
};

describe('log lines', () => {
  it('censor secret keys wherever they sit, whatever their case', () => {
    const line = lineOf((l) => l.info({ password: 'hunter2', Token: 'abc', nested: { code: '1234', deeper: { csrf: 'c', OTP: '9' } }, list: [{ secret: 's' }] }, 'm'));
    expect(line).toMatchObject({ password: '[redacted]', Token: '[redacted]', nested: { code: '[redacted]', deeper: { csrf: '[redacted]', OTP: '[redacted]' } }, list: [{ secret: '[redacted]' }] });
    expect(JSON.stringify(line)).not.toMatch(/hunter2|abc|1234/);
  });

  it('censor and mask a child logger\'s bindings and objects put into the message, and write nothing past 5 levels', () => {
    const child = lineOf((l) => l.child({ token: 'T', who: 'taro@example.jp', n: { password: 'P' } }).child({ Secret: 'S2' }).info('x'));
    expect(child).toMatchObject({ token: '[redacted]', Secret: '[redacted]', who: 't***@e******.jp', n: { password: '[redacted]' } });
    const interpolated = lineOf((l) => l.info('u %o and %j', { password: 'X1' }, { nested: { Code: 'X2' } }));
    expect(String(interpolated.msg)).not.toMatch(/X1|X2/);
    expect(String(interpolated.msg)).toContain('[redacted]');
    const deep = lineOf((l) => l.info({ a: { b: { c: { d: { e: { password: 'P5' } } } } }, list: [[[[{ password: 'P6' }]]]] }, 'deep'));
    expect(JSON.stringify(deep)).not.toMatch(/P5|P6/);
  });

  it('mask email addresses and long numbers in values, the message and its arguments', () => {
    const line = lineOf((l) => l.info({ path: '/x/taro@example.jp', n: 'card 4980 1234 0011 0017', phone: 'tel 090-1234-5678', short: 'code 1234 567' }, 'sent to %s', 'hanako@example.org'));
    // what precedes the @ up to a space or quote counts as the address: a path is masked from its start, never under-masked
    expect(line).toMatchObject({ path: '/******@e******.jp', n: 'card ***0017', phone: 'tel ***5678', short: 'code 1234 567', msg: 'sent to h*****@e******.org' });
  });

  it('keep the portal\'s own fields as written, and numbers and booleans as they are', () => {
    const line = lineOf((l) => l.info({ reqId: '12345678-aaaa', subject: 'a@b.example', status: 200, ms: 1.5, ok: true, none: null }, 'request'));
    expect(line).toMatchObject({ reqId: '12345678-aaaa', subject: 'a@b.example', status: 200, ms: 1.5, ok: true, none: null, msg: 'request', level: 30 });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
  });

  it('write an error as its type, scrubbed message and stack', () => {
    const line = lineOf((l) => l.error({ err: new TypeError('no row for taro@example.jp') }, 'failed'));
    expect(line.err).toMatchObject({ type: 'TypeError', message: 'no row for t***@e******.jp' });
    expect(String((line.err as { stack: string }).stack)).not.toContain('taro@');
    const alone = lineOf((l) => l.error(new RangeError('no row for hanako@example.org')));
    expect(alone).toMatchObject({ msg: 'no row for h*****@e******.org', err: { type: 'RangeError', message: 'no row for h*****@e******.org' } });
    expect(lineOf((l) => l.error(new Error('for taro@example.jp'), 'failed'))).toMatchObject({ msg: 'failed', err: { message: 'for t***@e******.jp' } });
  });
});
