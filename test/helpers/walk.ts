// The one way tests walk a flow to a step, as a member would over HTTP: a new step costs one edit here, not one per test.
import type { Harness } from './app.js';
import { browser } from './app.js';
import { lastCode } from './codes.js';

export type Browser = ReturnType<typeof browser>;

/** A password every M7 rule accepts for the fixtures' holders. */
export const GOOD_PASSWORD = 'Kumo#River82';

export type WalkOptions = {
  /** Carry on in this browser (default: a new one). */
  b?: Browser;
  /** Migration: the legacy or initial ID and its password. My ID change: the My ID and password to sign in with. */
  id?: string;
  password?: string;
  /** Migration: a new address (いいえ at M2); left out, the card's address is kept (はい). Registration, My ID change: the new My ID. */
  email?: string;
  /** Migration: the answer at M2 when it is not what `email` implies (はい on a taken card address, いいえ to stop at M3). */
  choice?: 'yes' | 'no';
  /** Registration (G1): the card number and birth date (YYYY-MM-DD). */
  card?: string;
  birthdate?: string;
  /** The new password set at the password step. */
  newPassword?: string;
};

type Flow = 'migration' | 'reset' | 'registration' | 'my-id-change';

/** The steps of each flow as the tests reach them ('start' is the form before the flow, 'done' its last page). */
export type StepOf = {
  migration: 'terms' | 'email-choice' | 'new-email' | 'email-code' | 'confirm-email' | 'phone' | 'password' | 'done';
  reset: 'email-code' | 'phone' | 'password' | 'done';
  registration: 'phone' | 'terms' | 'email' | 'email-code' | 'password' | 'done';
  'my-id-change': 'email-code' | 'confirm' | 'done';
};

type Answer = Awaited<ReturnType<Browser['post']>>;

/** What a move expects: a 303 into the flow's next step; anything else stops the walk and says what the page said. */
function stepFrom(res: Answer, base: string, what: string): string {
  const prefix = `${base}/`;
  if (res.status !== 303 || !res.location?.startsWith(prefix)) {
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.body)?.[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') ?? '';
    throw new Error(`walk: ${what} answered ${res.status} → ${res.location ?? '(no location)'} ${summary}`);
  }
  return res.location.slice(prefix.length);
}

/** The phone step: the SMS sent on arrival, or — for a holder with landlines only — a voice call to the first number. */
async function phoneCode(h: Harness, b: Browser, base: string): Promise<string> {
  const page = await b.get(`${base}/phone`);
  if (!/<input[^>]*id="code"/.test(page.body)) await b.post(`${base}/phone/send`, { phone: '0', channel: 'voice' });
  const sent = (await h.outbox()).find((m) => m.code && m.channel !== 'email');
  if (!sent?.code) throw new Error('walk: no phone code was sent');
  return sent.code;
}

const passwordForm = (o: WalkOptions) => ({ password: o.newPassword ?? GOOD_PASSWORD, confirm: o.newPassword ?? GOOD_PASSWORD });

/** Each flow's moves: from a step, what the member does there; the answer's Location is the next step. */
function movesOf(h: Harness, b: Browser, flow: Flow, o: WalkOptions): { base: string; start: () => Promise<Answer>; moves: Record<string, () => Promise<Answer>> } {
  const email = (o.email ?? '').trim().toLowerCase();
  const phone = (base: string) => async () => b.post(`${base}/phone`, { code: await phoneCode(h, b, base) });
  switch (flow) {
    case 'migration':
      return {
        base: '/migration',
        start: () => b.post('/login', { id: o.id ?? '', password: o.password ?? 'legacy-pass' }),
        moves: {
          terms: () => b.post('/migration/terms', {}),
          'email-choice': () => b.post('/migration/email-choice', { choice: o.choice ?? (o.email === undefined ? 'yes' : 'no') }),
          'new-email': () => b.post('/migration/new-email', { email: o.email ?? '' }),
          'email-code': async () => b.post('/migration/email-code', { code: await lastCode(h, email) }),
          'confirm-email': () => b.post('/migration/confirm-email', {}),
          phone: phone('/migration'),
          password: () => b.post('/migration/password', passwordForm(o)),
        },
      };
    case 'reset':
      return {
        base: '/reset',
        start: () => b.post('/reset', { email: o.email ?? '' }),
        moves: {
          'email-code': async () => b.post('/reset/email-code', { code: await lastCode(h, email) }),
          phone: phone('/reset'),
          password: () => b.post('/reset/password', passwordForm(o)),
        },
      };
    case 'registration':
      return {
        base: '/register',
        start: () => b.post('/register', { card: o.card ?? '', birthdate: o.birthdate ?? '' }),
        moves: {
          phone: phone('/register'),
          terms: () => b.post('/register/terms', {}),
          email: () => b.post('/register/email', { email: o.email ?? '' }),
          'email-code': async () => b.post('/register/email-code', { code: await lastCode(h, email) }),
          password: () => b.post('/register/password', passwordForm(o)),
        },
      };
    case 'my-id-change':
      return {
        base: '/settings/my-id',
        start: async () => {
          const signedIn = await b.post('/login', { id: o.id ?? '', password: o.password ?? '' });
          if (signedIn.status !== 303) throw new Error(`walk: sign-in answered ${signedIn.status}`);
          return b.post('/settings/my-id', { email: o.email ?? '' });
        },
        moves: {
          'email-code': async () => b.post('/settings/my-id/email-code', { code: await lastCode(h, email) }),
          confirm: async () => {
            const res = await b.post('/settings/my-id/confirm', { current: o.password ?? '' });
            // the change lands on the settings page, not on a step of the flow
            return res.status === 303 && res.location === '/settings?done=my-id' ? { ...res, location: '/settings/my-id/done' } : res;
          },
        },
      };
  }
}

/**
 * Walks `flow` from its start to `step` and returns the browser there (the flow is at `step`; its page not yet fetched).
 * Each move must answer 303 into the next step, so a walk that goes wrong fails where it went wrong.
 */
export async function walkTo<F extends Flow>(h: Harness, flow: F, step: StepOf[F], o: WalkOptions = {}): Promise<Browser> {
  const b = o.b ?? browser(h);
  const { base, start, moves } = movesOf(h, b, flow, o);
  let at = stepFrom(await start(), base, `${flow} start`);
  for (let i = 0; at !== step; i++) {
    const move = moves[at];
    if (!move || i > 20) throw new Error(`walk: ${flow} cannot go on from ${at} to ${step}`);
    at = stepFrom(await move(), base, `${flow} ${at}`);
  }
  return b;
}

/** Signs in with a legacy or initial ID and accepts the terms (M1); the browser and where the terms led (M2, or M3 without a card email). */
export async function startMigration(h: Harness, id: string, password: string): Promise<{ b: Browser; location: string }> {
  const b = await walkTo(h, 'migration', 'terms', { id, password });
  const terms = await b.get('/migration/terms');
  if (terms.status !== 200) throw new Error(`walk: the terms answered ${terms.status}`);
  const agreed = await b.post('/migration/terms', {});
  stepFrom(agreed, '/migration', 'migration terms');
  return { b, location: agreed.location! };
}
