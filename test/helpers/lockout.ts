// The sign-in lock tests' material (SPEC L5, X5): the lock messages, N failures to a lock, three holders (a My ID, a legacy ID,
// an initial ID, each with a card email for the notice), wrong passwords posted, and the notices and audit rows read back.
import { makeHarness, type browser, type Harness } from './app.js';
import { addHolder } from './fixtures.js';

export const GENERIC = '入力されたIDとパスワードではログインできません。';
export const LOCKED_MY_ID = 'パスワードを一定回数以上誤って入力されたため、IDが無効となっています。';
export const LOCKED_LEGACY = '入力されたIDはロックされているためログインできません。';
export const NOTICE_SUBJECT = '【My Card】アカウント停止のお知らせ / [My Card] Your ID has been locked';
export const N = 5;

/** A fresh harness locking after N failures, holding the three holders. */
export async function lockoutHolders(): Promise<Harness> {
  const h = await makeHarness({ LOGIN_MAX_FAILURES: String(N) });
  await addHolder(h, { account: { email: 'hanako@example.jp', password: 'Sakura#2025x' }, cards: [{ email: 'hanako@example.jp' }] });
  await addHolder(h, { legacyId: 'Taro-01', legacyPassword: 'legacy-pass', cards: [{ email: 'taro@example.jp' }] });
  await addHolder(h, { initialId: 'init-7788', initialPassword: 'initial-pass', cards: [{ email: 'ken@example.jp' }] });
  return h;
}

/** The lock notices in the outbox. */
export const lockNotices = async (h: Harness) => (await h.outbox()).filter((m) => m.subject === NOTICE_SUBJECT);
/** The audit rows of one event. */
export const auditRows = async (h: Harness, event: string) => (await h.inspect.rows('audit_log')).filter((rec) => rec.event === event);

/** Posts wrong passwords and returns the responses. */
export async function fail(b: ReturnType<typeof browser>, id: string, times: number) {
  const out = [];
  for (let i = 0; i < times; i++) out.push(await b.post('/login', { id, password: `wrong-${i}` }));
  return out;
}
