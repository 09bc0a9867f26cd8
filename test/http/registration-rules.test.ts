// The pure rules behind reset, new My ID and My ID change: the M3 email rules and the step tables (every step reachable, each reaching done).
import { describe, expect, it } from 'vitest';
import { checkEmailAddress } from '../../src/auth/email.js';
import { registrationSteps } from '../../src/flows/registration/machine.js';
import { resetSteps } from '../../src/flows/reset/machine.js';
import { myIdSteps } from '../../src/flows/settings/my-id/machine.js';
import { nextStep, reachableFrom, type StepTable } from '../../src/flows/machine.js';

describe('M3 email rules', () => {
  it.each([
    ['', 'required'],
    ['   ', 'required'],
    [`${'a'.repeat(250)}@x.jp`, 'tooLong'],
    ['たろう@example.jp', 'nonAscii'],
    ['taro yamada@example.jp', 'nonAscii'],
    ['taro.example.jp', 'atCount'],
    ['a@b@example.jp', 'atCount'],
    ['@example.jp', 'atEdge'],
    ['taro@', 'atEdge'],
    ['taro(x)@example.jp', 'symbol'],
    ['taro@exa_mple.jp', 'symbol'],
    ['taro@example', 'noDot'],
    ['taro@example.', 'noDot'],
  ])('%j breaks %s', (typed, problem) => {
    expect(checkEmailAddress(typed)).toEqual({ problem });
  });

  it('normalises full-width input, pasted spaces and case (N1), and keeps old carrier addresses', () => {
    expect(checkEmailAddress(' Ｔａｒｏ＠Example.JP\u200b\u3000')).toEqual({ email: 'taro@example.jp' });
    expect(checkEmailAddress('taro..yamada.@docomo.ne.jp')).toEqual({ email: 'taro..yamada.@docomo.ne.jp' });
    expect(checkEmailAddress("o'brien+card@mail.example.co.jp")).toEqual({ email: "o'brien+card@mail.example.co.jp" });
  });
});

function everyStepReachesDone<S extends string, E extends string>(table: StepTable<S, E>, start: S, done: S) {
  const steps = Object.keys(table) as S[];
  expect([...reachableFrom(table, start)].sort()).toEqual([...steps].sort());
  for (const step of steps) expect(reachableFrom(table, step).has(done)).toBe(true);
  expect(Object.keys(table[done])).toHaveLength(0);
}

describe('step tables', () => {
  it('reset: email code → phone → password → done', () => {
    everyStepReachesDone(resetSteps, 'email-code', 'done');
    expect(nextStep(resetSteps, 'email-code', 'EMAIL_CODE_VERIFIED')).toBe('phone');
    expect(nextStep(resetSteps, 'email-code', 'PASSWORD_SET')).toBeUndefined();
  });

  it('new My ID: phone → terms → email → email code → password → done, and back to email when the address was taken', () => {
    everyStepReachesDone(registrationSteps, 'phone', 'done');
    expect(nextStep(registrationSteps, 'terms', 'TERMS_ACCEPTED')).toBe('email');
    expect(nextStep(registrationSteps, 'password', 'EMAIL_TAKEN')).toBe('email');
    expect(nextStep(registrationSteps, 'email-code', 'EMAIL_CHANGE_REQUESTED')).toBe('email');
    expect(nextStep(registrationSteps, 'phone', 'EMAIL_CODE_VERIFIED')).toBeUndefined();
  });

  it('My ID change: email code → confirm → done', () => {
    everyStepReachesDone(myIdSteps, 'email-code', 'done');
  });
});
