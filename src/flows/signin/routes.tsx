// Sign-in and sign-out (SPEC L1–L7, T3, X3).
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { SignInPage, type SignInNotice } from '../../../views/pages/signin/SignInPage.js';
import { signIn } from '../../auth/signin.js';
import { endSession } from '../../auth/session.js';
import { paths, safeReturnPath } from '../../paths.js';
import { clearCookie, writeCookie } from '../../web/cookies.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { completedFlowEmail, startMigrationFlow } from '../guard.js';
import { identifierHash } from '../../auth/lockout.js';
import { normaliseIdentifier } from '../../auth/normalise.js';
import { migration } from '../migration/machine.js';
import { supportOf } from '../steps/code-check.js';
import type { Deps } from '../../deps.js';
import { cacheable, cachedSignInPage, signInPageCache, type SignInPageCache, type SignInProps } from './cached-page.js';

const SignInForm = v.object({
  id: v.pipe(v.optional(v.string(), ''), v.maxLength(320)),
  password: v.pipe(v.optional(v.string(), ''), v.maxLength(1024)),
});

function noticeOf(c: Context<AppEnv>): SignInNotice | undefined {
  if (c.req.query('expired')) return 'expired';
  if (c.req.query('ended')) return 'ended';
  if (c.req.query('out')) return 'signedOut';
  if (c.req.query('flow') === 'expired') return 'flowExpired';
  if (c.req.query('flow') === 'cancelled') return 'flowCancelled';
  if (c.req.query('flow') === 'addresses') return 'addressBudget';
  if (c.req.query('flow') === 'addresses-day') return 'addressBudgetDay';
  return undefined;
}

type ShowProps = Omit<SignInProps, 'next' | 'notice'>;

// issue 20: the sign-in page (its plain form, the notices, the refusals a flood meets) is rendered once per app, language and variant
const pageCaches = new WeakMap<Deps, SignInPageCache>();

async function showSignIn(c: Context<AppEnv>, status: 200 | 400 | 422 | 429, props: ShowProps) {
  const v = viewOf(c);
  const page: SignInProps = { ...props, next: safeReturnPath(c.req.query('next')), notice: status === 200 ? noticeOf(c) : undefined };
  if (!cacheable(v, page)) return c.html(<SignInPage v={v} {...page} />, status);
  const deps = c.get('deps');
  const cache = pageCaches.get(deps) ?? pageCaches.set(deps, signInPageCache()).get(deps)!;
  return c.html(await cachedSignInPage(cache, v, page), status);
}

export const signInRoutes = new Hono<AppEnv>()
  .get('/', (c) => c.redirect(c.get('session') ? paths.top : paths.signIn, 303))
  .get(paths.signIn, async (c) => {
    if (c.get('session')) return c.redirect(safeReturnPath(c.req.query('next')) ?? paths.top, 303);
    // the done page's link carries no address: the My ID comes from this browser's completed flow
    const id = (await completedFlowEmail(c)) ?? c.req.query('id');
    return showSignIn(c, 200, { id: id && id.length <= 320 ? id : undefined });
  })
  .post(paths.signIn, async (c) => {
    const t = c.get('t');
    const parsed = v.safeParse(SignInForm, c.get('form'));
    const form = parsed.success ? parsed.output : { id: '', password: '' };
    const errors = [
      ...(form.id.trim() === '' ? [{ field: 'id', message: t('signin.errorIdRequired') }] : []),
      ...(form.password.trim() === '' ? [{ field: 'password', message: t('signin.errorPasswordRequired') }] : []),
    ];
    if (!parsed.success || errors.length > 0) return showSignIn(c, 400, { id: form.id, errors });

    const deps = c.get('deps');
    const result = await signIn(deps, { identifier: form.id, password: form.password, address: c.get('address') });
    // issue 19: a wait or a lock is not an input mistake, so no field is marked for it (field '')
    if (result.kind === 'throttled') {
      // SPEC L7: the guide's "wait and try again", and when the window ends
      c.header('Retry-After', String(Math.max(1, Math.ceil((result.retryAt - deps.clock.now()) / 1000))));
      return showSignIn(c, 429, { id: form.id, failure: 'throttled', retryAt: result.retryAt, errors: [{ field: '', message: t('errors.throttled') }] });
    }
    if (result.kind === 'locked') {
      const [failure, message] = result.message === 'myId' ? (['lockedMyId', 'signin.errorLockedMyId'] as const) : (['lockedLegacy', 'signin.errorLockedLegacy'] as const);
      return showSignIn(c, 422, { id: form.id, failure, errors: [{ field: '', message: t(message) }], support: supportOf(deps.config) });
    }
    if (result.kind === 'refused') {
      // issue 19: from the 3rd failure on, say how many remain — counted per typed ID, known or not (L6)
      const warn = result.failures >= 3 && result.remaining > 0 ? t('signin.triesLeft', { n: result.remaining }) : '';
      return showSignIn(c, 422, { id: form.id, failure: 'generic', errors: [{ field: 'id', message: t('signin.errorGeneric') + warn }] });
    }
    // SPEC S9: a sign-in from a browser that has a session ends that session server-side first, whoever signs in now
    const previous = c.get('session');
    if (previous) {
      await endSession(deps, previous, c.get('address'), 'new_sign_in');
      c.set('session', undefined);
      clearCookie(c, 'sid');
    }
    if (result.kind === 'legacy') {
      // SPEC L3: a legacy or initial ID starts the migration flow at the terms
      const flow = { kind: migration.kind, step: migration.first, holderId: result.holderId, cardId: result.cardId, credentialId: result.credentialId };
      const started = await startMigrationFlow(c, flow, identifierHash(deps.config.SECRET, normaliseIdentifier(form.id)));
      if ('error' in started) {
        // SPEC S3: the right password, but this ID started its day's migration flows already: not a failure, not a lock
        c.header('Retry-After', String(Math.max(1, Math.ceil((started.retryAt - deps.clock.now()) / 1000))));
        const time = viewOf(c).clockTime(started.retryAt);
        return showSignIn(c, 429, { id: form.id, failure: 'migrationBudget', retryAt: started.retryAt, errors: [{ field: '', message: t('signin.errorMigrationBudget', { time }) }] });
      }
      return c.redirect(migration.url(migration.first), 303);
    }
    // the session was stored with the sign-in's count, in its transaction (issue 20)
    writeCookie(c, 'sid', result.sessionToken);
    return c.redirect(safeReturnPath(c.req.query('next')) ?? paths.top, 303);
  })
  .post(paths.signOut, async (c) => {
    const session = c.get('session');
    if (session) await endSession(c.get('deps'), session, c.get('address'));
    clearCookie(c, 'sid');
    return c.redirect(`${paths.signIn}?out=1`, 303);
  });
