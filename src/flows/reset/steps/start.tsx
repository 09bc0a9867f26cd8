// R1 パスワードをお忘れの方はこちら: the My ID → "if it exists we sent a code"; known and unknown addresses alike (L6).
import type { Context, Hono } from 'hono';
import { ResetStartPage } from '../../../../views/pages/reset/ResetStartPage.js';
import type { FieldError } from '../../../../views/view.js';
import type { CodeSubject } from '../../../auth/codes.js';
import { identifierHash } from '../../../auth/lockout.js';
import { normaliseIdentifier } from '../../../auth/normalise.js';
import { keyedHash } from '../../../auth/secrets.js';
import { takeRequestSlot } from '../../../auth/throttle.js';
import type { AppEnv } from '../../../web/env.js';
import { errorResponse } from '../../../web/errors.js';
import { viewOf } from '../../../web/view.js';
import { typedEmail } from '../../steps/email-entry.js';
import { reset } from '../machine.js';

/** R1: a plausible address (decided from the input alone, so known and unknown addresses are treated alike). */
function emailShapeOk(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email);
}

/**
 * SPEC R1/L6: wrong codes of an address with no account are counted per address, like those of
 * a real account: a stable negative pseudo-account number derived from the address.
 */
function ghostSubject(secret: string, email: string): CodeSubject {
  const n = parseInt(keyedHash(secret, 'reset-ghost', email).replace(/[^0-9]/g, '').slice(0, 12) || '1', 10);
  return `account:${-Math.max(1, n)}`;
}

function showStart(c: Context<AppEnv>, status: 200 | 400, email?: string, errors: FieldError[] = []) {
  return c.html(<ResetStartPage v={viewOf(c)} email={email} errors={errors} step={reset.startNumber()} />, status);
}

export function startStep(app: Hono<AppEnv>): void {
  app.get('/', (c) => showStart(c, 200));
  app.post('/', async (c) => {
    const deps = c.get('deps');
    const t = c.get('t');
    const typed = typedEmail(c.get('form'));
    const email = normaliseIdentifier(typed);
    // SPEC S5: every R1 request counts in the address throttle of L7, taken before any other work (known or unknown alike)
    const slot = await takeRequestSlot(deps, c.get('address'), identifierHash(deps.config.SECRET, email));
    if (!slot.ok) return errorResponse(c, 429);
    if (email === '') return showStart(c, 400, typed, [{ field: 'email', message: t('reset.errorEmailRequired') }]);
    if (!emailShapeOk(email)) return showStart(c, 400, typed, [{ field: 'email', message: t('reset.errorEmailFormat') }]);
    // SPEC R1: the same flow, the same redirect and the same next page whether or not the address is a My ID
    const account = await deps.stores.accounts.findOpenByEmail(email);
    const subject: CodeSubject = account ? `account:${account.id}` : ghostSubject(deps.config.SECRET, email);
    const started = await reset.start(c, { accountId: account?.id ?? null, holderId: account?.holderId ?? null, email, data: { subject } });
    return c.redirect(started.url, 303);
  });
}
