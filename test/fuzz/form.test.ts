// SPEC X4: the form reader under any body — it never throws, keeps the first value of a repeated field, and refuses what a browser would not send.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readForm } from '../../src/web/form.js';
import { FUZZ_RUNS, FUZZ_SEED, hostileValue } from './support/hostile.js';

const URLENCODED = 'application/x-www-form-urlencoded';
const req = (body: BodyInit, type = URLENCODED) => new Request('http://localhost/x', { method: 'POST', headers: { 'content-type': type }, body });
const runs = { numRuns: FUZZ_RUNS * 5, seed: FUZZ_SEED };

describe('readForm', () => {
  it('returns the first value of every field, whatever its name or value, for well-formed bodies', async () => {
    const name = fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty', 'csrf'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, fc.string({ maxLength: 30 })), { maxLength: 20 }), async (pairs) => {
        const body = new URLSearchParams(pairs).toString();
        const form = await readForm(URLENCODED, req(body));
        const expected = new Map<string, string>();
        for (const [k, v] of new URLSearchParams(body)) if (!expected.has(k)) expected.set(k, v);
        expect(form).toBeDefined();
        expect(Object.entries(form!).sort()).toEqual([...expected].sort());
        expect(Object.getPrototypeOf({})).toBe(Object.prototype); // nothing leaked into Object.prototype
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      runs,
    );
  });

  it('never throws on arbitrary bytes, broken percent-encoding, odd content types or broken multipart', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array(b) as BodyInit), hostileValue().map((s) => s as BodyInit)),
        fc.constantFrom(URLENCODED, 'multipart/form-data', 'multipart/form-data; boundary=x', 'text/plain', '', 'application/json', `${URLENCODED}; charset=shift_jis`),
        async (body, type) => {
          const form = await readForm(type, req(body, type));
          if (form) for (const v of Object.values(form)) expect(typeof v).toBe('string');
          if (!type.startsWith(URLENCODED) && !type.startsWith('multipart/form-data')) expect(form).toBeUndefined();
        },
      ),
      runs,
    );
  });

  it('refuses a malformed percent sign and more than 50 distinct fields', async () => {
    expect(await readForm(URLENCODED, req('id=%E3%81&x=%zz'))).toBeUndefined();
    expect(await readForm(URLENCODED, req('id=100%'))).toBeUndefined();
    expect(await readForm(URLENCODED, req(Array.from({ length: 51 }, (_, i) => `f${i}=1`).join('&')))).toBeUndefined();
    expect(await readForm(URLENCODED, req(Array.from({ length: 500 }, () => 'f=1').join('&')))).toEqual({ f: '1' });
  });

  it('reads invalid UTF-8 as replacement characters rather than failing', async () => {
    expect(await readForm(URLENCODED, req('id=%FF%FE&p=%ED%A0%80'))).toEqual({ id: '\ufffd\ufffd', p: '\ufffd\ufffd\ufffd' });
  });
});
