// G1 My ID作成はこちら: card number + birth date; one generic error for wrong details; a match starts the flow at the phone.
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import type { DateParts } from '../../../../views/components/DateOfBirthField.js';
import { RegisterStartPage, type RegisterRefusal } from '../../../../views/pages/registration/RegisterStartPage.js';
import type { FieldError } from '../../../../views/view.js';
import { cardLockKey } from '../../../auth/lockout.js';
import { normaliseDigits } from '../../../auth/normalise.js';
import { keyedHash } from '../../../auth/secrets.js';
import { takeRequestSlot } from '../../../auth/throttle.js';
import type { AppEnv } from '../../../web/env.js';
import { errorResponse } from '../../../web/errors.js';
import { viewOf } from '../../../web/view.js';
import { registration } from '../machine.js';
import { readBirthdate } from './birthdate.js';
import { identifyHolder } from './identify.js';
import { supportOf } from '../../steps/code-check.js';

const field = v.pipe(v.optional(v.string(), ''), v.maxLength(200));
const CardForm = v.object({
  card: field,
  // the three fields of the page (issue 19); a single `birthdate` (YYYY-MM-DD) is still read
  'birthdate-year': field,
  'birthdate-month': field,
  'birthdate-day': field,
  birthdate: field,
});

function showStart(c: Context<AppEnv>, status: 200 | 400 | 422, props: { card?: string; birthdate?: DateParts; errors?: FieldError[]; refusal?: RegisterRefusal } = {}) {
  return c.html(<RegisterStartPage v={viewOf(c)} step={registration.startNumber()} support={supportOf(c.get('deps').config)} {...props} />, status);
}

export function startStep(app: Hono<AppEnv>): void {
  app.get('/', (c) => showStart(c, 200));
  app.post('/', async (c) => {
    const t = c.get('t');
    const deps = c.get('deps');
    const parsed = v.safeParse(CardForm, c.get('form'));
    const form = parsed.success ? parsed.output : { card: '', 'birthdate-year': '', 'birthdate-month': '', 'birthdate-day': '', birthdate: '' };
    const digits = normaliseDigits(form.card);
    // SPEC L7/S5: every G1 request counts in the address throttle, taken before any other work
    const slot = await takeRequestSlot(deps, c.get('address'), cardLockKey(deps.config.SECRET, keyedHash(deps.config.SECRET, 'card', digits)));
    if (!slot.ok) return errorResponse(c, 429);
    const { date, parts } = readBirthdate(t, form);
    const errors: FieldError[] = [
      ...(digits === '' ? [{ field: 'card', message: t('registration.errorCardRequired') }] : !/^\d{12,19}$/.test(digits) ? [{ field: 'card', message: t('registration.errorCardFormat') }] : []),
      ...('iso' in date ? [] : [date]),
    ];
    const shown = { card: form.card, birthdate: parts };
    if (errors.length > 0 || !('iso' in date)) return showStart(c, 400, { ...shown, errors });

    const found = await identifyHolder(c, digits, date.iso);
    if ('refusal' in found) {
      // SPEC S4: the lock page says until when (Japan time)
      const message = found.refusal === 'locked' ? `${t('registration.errorLocked')}${t('registration.errorLockedUntil', { time: viewOf(c).dateTime(found.lockedUntil) })}` : t('registration.errorDetails');
      return showStart(c, 422, { ...shown, refusal: found.refusal, errors: [{ field: 'card', message }] });
    }
    // SPEC M6 ⑦-1: the SMS goes on arrival at the phone step
    return c.redirect((await registration.start(c, { holderId: found.holderId, cardId: found.cardId })).url, 303);
  });
}
