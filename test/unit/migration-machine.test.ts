// The migration step table (STYLE "the flow as data"): every step reachable, every step reaches the end, nothing undefined accepted.
import { describe, expect, it } from 'vitest';
import { extendPath, next, nextStep, reachableFrom, stepNumber } from '../../src/flows/machine.js';
import { migration, migrationSteps, type MigrationEvent, type MigrationStep } from '../../src/flows/migration/machine.js';

const MIGRATION_FIRST_STEP = migration.first;

const steps = Object.keys(migrationSteps) as MigrationStep[];
const events = [...new Set(steps.flatMap((s) => Object.keys(migrationSteps[s])))] as MigrationEvent[];

describe('migration step table', () => {
  it('every step is reachable from the first', () => {
    expect([...reachableFrom(migrationSteps, MIGRATION_FIRST_STEP)].sort()).toEqual([...steps].sort());
  });

  it('every step can reach the end', () => {
    for (const step of steps) expect(reachableFrom(migrationSteps, step).has('done'), step).toBe(true);
  });

  it('the end accepts nothing', () => {
    expect(Object.keys(migrationSteps.done)).toEqual([]);
  });

  it('an event a step does not accept is refused', () => {
    for (const step of steps) {
      for (const event of events) {
        const to = nextStep(migrationSteps, step, event);
        if (!(event in migrationSteps[step])) expect(to, `${step} + ${event}`).toBeUndefined();
        else expect(steps).toContain(to);
      }
    }
  });

  it.each([
    ['terms', 'TERMS_ACCEPTED', 'email-choice'],
    ['terms', 'TERMS_ACCEPTED_WITHOUT_CARD_EMAIL', 'new-email'],
    ['email-choice', 'CARD_EMAIL_KEPT', 'phone'],
    ['email-choice', 'CARD_EMAIL_TAKEN', 'new-email'],
    ['email-choice', 'OTHER_EMAIL_CHOSEN', 'new-email'],
    ['new-email', 'EMAIL_ENTERED', 'email-code'],
    ['email-code', 'EMAIL_CODE_VERIFIED', 'confirm-email'],
    ['email-code', 'EMAIL_CHANGE_REQUESTED', 'new-email'],
    ['confirm-email', 'EMAIL_CONFIRMED', 'phone'],
    ['phone', 'PHONE_CODE_VERIFIED', 'password'],
    ['password', 'PASSWORD_SET', 'done'],
    ['password', 'EMAIL_TAKEN', 'new-email'],
  ] as const)('%s + %s → %s', (from, event, to) => {
    expect(nextStep(migrationSteps, from, event)).toBe(to);
  });

  it('next() throws on an event the step does not accept, instead of answering undefined', () => {
    expect(() => next('migration', migrationSteps, 'terms', 'PASSWORD_SET')).toThrow('migration: terms does not accept PASSWORD_SET');
    expect(next('migration', migrationSteps, 'phone', 'PHONE_CODE_VERIFIED')).toBe('password');
  });

  // SPEC §3 (issue 19 item 7): the indicator counts the path actually taken, with its total once the rest is known
  const numbers = (events: MigrationEvent[]) => {
    let path: MigrationStep[] = [MIGRATION_FIRST_STEP];
    const shown = [stepNumber(migrationSteps, path)];
    for (const event of events) {
      path = extendPath(path, next('migration', migrationSteps, path[path.length - 1], event));
      shown.push(stepNumber(migrationSteps, path));
    }
    return shown.map((n) => (n.total === undefined ? `${n.current}` : `${n.current}/${n.total}`));
  };

  it('keeping the card email: 1, 2, then 3/5 to 5/5 (no jump from 2/8 to 6/8)', () => {
    expect(numbers(['TERMS_ACCEPTED', 'CARD_EMAIL_KEPT', 'PHONE_CODE_VERIFIED', 'PASSWORD_SET'])).toEqual(['1', '2', '3/5', '4/5', '5/5']);
  });

  it('a new email: 1, 2, then 3/8 to 8/8', () => {
    expect(numbers(['TERMS_ACCEPTED', 'OTHER_EMAIL_CHOSEN', 'EMAIL_ENTERED', 'EMAIL_CODE_VERIFIED', 'EMAIL_CONFIRMED', 'PHONE_CODE_VERIFIED', 'PASSWORD_SET'])).toEqual(['1', '2', '3/8', '4/8', '5/8', '6/8', '7/8', '8/8']);
  });

  it('a card without email skips M2: 1, then 2/7 to 7/7', () => {
    expect(numbers(['TERMS_ACCEPTED_WITHOUT_CARD_EMAIL', 'EMAIL_ENTERED', 'EMAIL_CODE_VERIFIED', 'EMAIL_CONFIRMED', 'PHONE_CODE_VERIFIED', 'PASSWORD_SET'])).toEqual(['1', '2/7', '3/7', '4/7', '5/7', '6/7', '7/7']);
  });

  it('going back to correct the address counts that step again, not one more', () => {
    expect(numbers(['TERMS_ACCEPTED', 'OTHER_EMAIL_CHOSEN', 'EMAIL_ENTERED', 'EMAIL_CHANGE_REQUESTED', 'EMAIL_ENTERED'])).toEqual(['1', '2', '3/8', '4/8', '3/8', '4/8']);
  });
});
