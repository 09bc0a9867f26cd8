// The verification-code unit tests' bed: an in-memory database with one holder, a fake clock, sequential codes, and the code
// messages the store accepted with their challenge (SPEC D1: stored in its transaction), in order.
import { fakeClock } from '../../src/auth/clock.js';
import { verifyCode, type SendCodeInput } from '../../src/auth/codes.js';
import { argon2Verifier } from '../../src/auth/password.js';
import type { Database } from '../../src/db/contract.js';
import { testConfig } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import type { Message } from '../../src/notify/notifier.js';
import { sequentialCodes } from './codes.js';
import { openTestDatabase } from './stores.js';

export const SECOND = 1000;
/** TTL 300 s, 5 failures lock 1800 s, resends 30 s apart, 5 per hour. */
export const config = testConfig();
export const subject = 'holder:1' as const;
export const kind = 'migration';

export type CodeBed = Deps & Pick<Database, 'inspect' | 'close'> & { clock: ReturnType<typeof fakeClock>; sent: Message[]; flow: () => Promise<number> };

export async function setup(file = ':memory:', clock = fakeClock()): Promise<CodeBed> {
  const { stores: real, inspect, close } = openTestDatabase(file);
  const sent: Message[] = [];
  const recordSend: typeof real.codes.recordSend = async (input, limits) => {
    const result = await real.codes.recordSend(input, limits);
    if ('ok' in result && input.message) sent.push(input.message);
    return result;
  };
  const stores = { ...real, codes: { ...real.codes, recordSend } };
  await inspect.insert('holder', { holderKey: 'h1', name: '山田 太郎', nameRoman: 'TARO YAMADA', birthdate: '1985-04-12' });
  let n = 0;
  const flow = () => stores.flows.insert(`flow-${++n}`, { kind: 'migration', step: 'email-code', holderId: 1 }, clock.now(), 1_800_000);
  return { config, stores, inspect, close, clock, newCode: sequentialCodes(), passwords: argon2Verifier, sent, flow };
}

/** The tests' shorthands, over the bed and flow of the test running now. */
export function codeHelpers(current: () => { h: CodeBed; flowId: number }) {
  const email = (overrides: Partial<SendCodeInput> = {}): SendCodeInput => ({
    flowId: current().flowId,
    kind,
    purpose: 'email',
    channel: 'email',
    destination: 'taro@example.jp',
    subject,
    lang: 'ja',
    address: '203.0.113.7',
    ...overrides,
  });
  const lastCode = () => current().h.sent.at(-1)!.code!;
  const wrong = (code: string) => String((Number(code) + 1) % 10_000).padStart(4, '0');
  const verify = (code: string, f = current().flowId) => verifyCode(current().h, { flowId: f, kind, purpose: 'email', subject, code, address: '203.0.113.7' });
  const failures = async () => await current().h.inspect.rows('code_failure');
  const events = async (event: string) => (await current().h.inspect.rows('audit_log')).filter((e) => e.event === event);
  return { email, lastCode, wrong, verify, failures, events };
}
