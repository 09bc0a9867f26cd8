// SPEC §2 import: the CSV columns and the valibot rules one row must pass on its own.
import * as v from 'valibot';
import { normaliseDigits, normaliseIdentifier, normalisePassword, normaliseText } from '../auth/normalise.js';
import { ARGON2_OPTIONS, isWeakerThanCurrent } from '../auth/password.js';

export const COLUMNS = [
  'holder_key',
  'name',
  'name_kana',
  'name_roman',
  'birthdate',
  'card_number',
  'card_name',
  'email',
  'phones',
  'legacy_id',
  'legacy_password',
  'initial_id',
  'initial_password',
  'my_id',
  'my_password',
  'payment_date',
  'confirmed_amount',
  'points',
] as const;

export type Column = (typeof COLUMNS)[number];

/** An Argon2id hash in PHC form, as a real export would carry it; stored verbatim. */
export const PRECOMPUTED_HASH = /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The Luhn check digit rule every card number passes. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const REQUIRED = 'is required';
const text = (max: number) => v.pipe(v.string(), v.transform(normaliseText), v.nonEmpty(REQUIRED), v.maxLength(max, `must be at most ${max} characters`));
const optional = <T extends v.GenericSchema<string, unknown>>(
  normalise: (s: string) => string,
  inner: T,
) => v.pipe(v.string(), v.transform(normalise), v.transform((s) => (s === '' ? null : s)), v.nullable(inner));

// SPEC §1: legacy and initial IDs are 4–32 of [A-Za-z0-9._-], compared case-insensitively
const loginId = v.pipe(v.string(), v.regex(/^[a-z0-9._-]{4,32}$/, 'must be 4–32 characters of A–Z a–z 0–9 . _ -'));
const password = v.pipe(
  v.string(),
  v.maxLength(256, 'must be at most 256 characters'),
  v.check((s) => !s.startsWith('$argon2') || PRECOMPUTED_HASH.test(s), 'looks like a hash but is not an $argon2id$ PHC string'),
  // SPEC S7: an imported hash is kept as it is, so it must be at least as strong as the OWASP floor
  v.check(
    (s) => !PRECOMPUTED_HASH.test(s) || !isWeakerThanCurrent(s),
    `is an Argon2id hash weaker than m=${ARGON2_OPTIONS.memoryCost}, t=${ARGON2_OPTIONS.timeCost}; export it again with at least those parameters`,
  ),
);
const email = v.pipe(v.string(), v.maxLength(254, 'must be at most 254 characters'), v.rfcEmail('is not a valid email address'));
const date = v.pipe(v.string(), v.check(isCalendarDate, 'must be a real date written YYYY-MM-DD'));
const count = v.pipe(
  v.string(),
  v.regex(/^\d{1,15}$/, 'must be a whole number of 0 or more'),
  v.transform(Number),
  v.maxValue(Number.MAX_SAFE_INTEGER, 'is too large'),
);

const phones = v.pipe(
  v.string(),
  v.transform((s) => s.split(';').map(normaliseDigits).filter((p) => p !== '')),
  v.minLength(1, 'needs at least one phone number'),
  v.check((list) => list.every((p) => /^0\d{9,10}$/.test(p)), 'each number must be 10–11 digits starting with 0'),
  v.check((list) => new Set(list).size === list.length, 'lists the same number twice'),
);

const RowSchema = v.object({
  holder_key: text(64),
  name: text(100),
  name_kana: v.pipe(v.string(), v.transform(normaliseText), v.maxLength(100, 'must be at most 100 characters')),
  name_roman: v.pipe(
    v.string(),
    v.transform((s) => normaliseText(s).toUpperCase().replace(/\s+/g, ' ')),
    v.regex(/^[A-Z .'-]{0,60}$/, "must be at most 60 letters A–Z, spaces and . ' -"),
  ),
  birthdate: v.pipe(v.string(), v.transform(normaliseText), v.nonEmpty(REQUIRED), date),
  card_number: v.pipe(
    v.string(),
    v.transform(normaliseDigits),
    v.nonEmpty(REQUIRED),
    v.regex(/^\d{12,19}$/, 'must be 12–19 digits (spaces and hyphens allowed)'),
    v.check(passesLuhn, 'fails the Luhn check digit'),
  ),
  card_name: text(100),
  email: optional(normaliseIdentifier, email),
  phones,
  legacy_id: optional(normaliseIdentifier, loginId),
  legacy_password: optional(normalisePassword, password),
  initial_id: optional(normaliseIdentifier, loginId),
  initial_password: optional(normalisePassword, password),
  my_id: optional(normaliseIdentifier, email),
  my_password: optional(
    normalisePassword,
    v.pipe(password, v.regex(/^[!-~]+$/, 'must be printable half-width characters without spaces')),
  ),
  payment_date: optional(normaliseText, date),
  confirmed_amount: optional(normaliseText, count),
  points: optional(normaliseText, count),
});

export type ImportRow = v.InferOutput<typeof RowSchema> & { line: number };

export type RowResult = { ok: true; row: ImportRow } | { ok: false; errors: string[] };

/** Validates one record against the columns; every error is `line N: column: problem`, one per column. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function validateRow(line: number, fields: string[], today: string): RowResult {
  if (fields.length !== COLUMNS.length) {
    return { ok: false, errors: [`line ${line}: row: has ${fields.length} fields, expected ${COLUMNS.length}`] };
  }
  // text that is not well-formed Unicode (a lone surrogate) would be stored as U+FFFD and could collide later
  const broken = COLUMNS.findIndex((_, i) => LONE_SURROGATE.test(fields[i]));
  if (broken >= 0) return { ok: false, errors: [`line ${line}: ${COLUMNS[broken]}: is not valid Unicode text`] };
  const input = Object.fromEntries(COLUMNS.map((c, i) => [c, fields[i]]));
  const parsed = v.safeParse(RowSchema, input);
  const problems = new Map<Column, string>();
  const add = (column: Column, problem: string) => {
    if (!problems.has(column)) problems.set(column, problem);
  };
  if (!parsed.success) {
    for (const issue of parsed.issues) add((v.getDotPath(issue) ?? 'row') as Column, issue.message);
  } else {
    const r = parsed.output;
    if (r.birthdate > today) add('birthdate', 'is in the future');
    // an ID without its password (or the reverse) cannot be used to sign in
    if (r.legacy_id && !r.legacy_password) add('legacy_password', 'is required when legacy_id is given');
    if (!r.legacy_id && r.legacy_password) add('legacy_id', 'is required when legacy_password is given');
    if (r.initial_id && !r.initial_password) add('initial_password', 'is required when initial_id is given');
    if (!r.initial_id && r.initial_password) add('initial_id', 'is required when initial_password is given');
    if (r.my_id && !r.my_password) add('my_password', 'is required when my_id is given');
    if (!r.my_id && r.my_password) add('my_id', 'is required when my_password is given');
    if (r.legacy_id && r.legacy_id === r.initial_id) add('initial_id', 'is the same as legacy_id');
    // SPEC M8: a migrated card carries its My ID as the registered email
    if (r.my_id && r.email && r.email !== r.my_id) add('email', 'must be empty or equal to my_id on an already-migrated card');
  }
  if (problems.size > 0) {
    const ordered = COLUMNS.filter((c) => problems.has(c)).map((c) => `line ${line}: ${c}: ${problems.get(c)}`);
    const other = [...problems].filter(([c]) => !COLUMNS.includes(c)).map(([c, p]) => `line ${line}: ${c}: ${p}`);
    return { ok: false, errors: [...ordered, ...other] };
  }
  return { ok: true, row: { ...(parsed.output as v.InferOutput<typeof RowSchema>), line } };
}
