// Verification codes in tests: the harness injects a sequence through Deps (no mocking of the CSPRNG module), and the codes sent are read from the outbox.
import type { OutboxEntry } from '../../src/notify/notifier.js';
/**
 * 1000, 1001, … 9999, then 1000 again: every code differs from the one before it, so "the code sent to A no longer
 * works" is always a real test, and WRONG_CODE is never issued.
 */
export function sequentialCodes(start = 1000): () => string {
  let n = start;
  return () => {
    const code = String(n);
    n = n >= 9999 ? 1000 : n + 1;
    return code;
  };
}

/** A well-formed code the harness never issues: typing it is always a wrong code. */
export const WRONG_CODE = '0000';

/** Well-formed codes the harness never issues, for tests that type several wrong ones. */
export const WRONG_CODES = ['0000', '0001', '0002', '0003', '0004', '0005', '0006', '0007', '0008', '0009'] as const;

/** What the tests read codes from: a harness's outbox. */
type HasOutbox = { outbox(): Promise<OutboxEntry[]> };

/** Every message carrying a code sent to `to` (email address or phone digits), newest first. */
export async function codesTo(h: HasOutbox, to: string) {
  return (await h.outbox()).filter((m) => m.to === to && m.code);
}

/** The newest code sent to `to`; throws when none was sent. */
export async function lastCode(h: HasOutbox, to: string): Promise<string> {
  const entry = (await codesTo(h, to))[0];
  if (!entry?.code) throw new Error(`no code sent to ${to}`);
  return entry.code;
}

/** Well-formed codes other than `sent`: the wrong codes for a real server process, whose codes are random. */
export function codesOtherThan(sent: string, n = 1): string[] {
  return WRONG_CODES.filter((c) => c !== sent).slice(0, n);
}
