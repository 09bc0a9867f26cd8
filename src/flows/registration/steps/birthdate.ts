// SPEC G1: the date of birth as the page's three fields (issue 19), or a single YYYY-MM-DD field from older forms and scripts.
import type { DateParts } from '../../../../views/components/DateOfBirthField.js';
import type { FieldError } from '../../../../views/view.js';
import { normaliseText } from '../../../auth/normalise.js';
import type { T } from '../../../i18n/index.js';

type BirthdateForm = { 'birthdate-year': string; 'birthdate-month': string; 'birthdate-day': string; birthdate: string };

/** The three date fields: the ISO date, or the message for the first wrong field (issue 19: errors point at it). */
function readDateParts(t: T, y: string, m: string, d: string): { iso: string } | FieldError {
  const [year, month, day] = [y, m, d].map((s) => normaliseText(s).replace(/\s/g, ''));
  if (!year && !month && !day) return { field: 'birthdate-year', message: t('registration.errorBirthdateRequired') };
  if (!/^\d{4}$/.test(year)) return { field: 'birthdate-year', message: t('registration.errorBirthYear') };
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return { field: 'birthdate-month', message: t('registration.errorBirthMonth') };
  if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) return { field: 'birthdate-day', message: t('registration.errorBirthDay') };
  const iso = isoDate(`${year}-${month}-${day}`);
  return iso ? { iso } : { field: 'birthdate-year', message: t('registration.errorBirthdateInvalid') };
}

/** A real calendar date as YYYY-MM-DD (what a type=date field sends), else undefined. */
function isoDate(typed: string): string | undefined {
  // typed by hand where type=date is not supported: 1985/4/12, 1985年4月12日 and 19850412 are read too
  const value = normaliseText(typed).replace(/\s/g, '').replace(/[/.年月\u2010-\u2015\u2212\u30FC]/g, '-').replace(/日$/, '');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** The typed date of birth: the ISO date or the message for the first wrong field, and the parts to show again. */
export function readBirthdate(t: T, form: BirthdateForm): { date: { iso: string } | FieldError; parts: DateParts } {
  const fromSingle = isoDate(form.birthdate);
  if (form.birthdate.trim() !== '') {
    if (!fromSingle) return { date: { field: 'birthdate-year', message: t('registration.errorBirthdateFormat') }, parts: { year: form['birthdate-year'], month: form['birthdate-month'], day: form['birthdate-day'] } };
    return { date: { iso: fromSingle }, parts: { year: fromSingle.slice(0, 4), month: String(Number(fromSingle.slice(5, 7))), day: String(Number(fromSingle.slice(8))) } };
  }
  return {
    date: readDateParts(t, form['birthdate-year'], form['birthdate-month'], form['birthdate-day']),
    parts: { year: form['birthdate-year'], month: form['birthdate-month'], day: form['birthdate-day'] },
  };
}
