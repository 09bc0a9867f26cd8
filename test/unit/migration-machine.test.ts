// The migration step table (STYLE "the flow as data"): every step reachable, every step reaches the end, nothing undefined accepted.
import { describe, expect, it } from 'vitest';
import { nextStep, reachableFrom } from '../../src/flows/machine.js';
import { MIGRATION_FIRST_STEP, migrationStepNumber, migrationSteps, type MigrationEvent, type MigrationStep } from '../../src/flows/migration/machine.js';

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

  it('step numbers run 1..8 in the order of the seed guide', () => {
    expect(Object.values(migrationStepNumber).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
