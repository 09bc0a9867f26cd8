// SPEC X6 / WCAG 2.2.1: a signed-in page says when the session ends if left idle, with a button that extends it.
import { paths } from '../../src/paths.js';
import type { View } from '../view.js';
import { ExtendForm } from './ExtendForm.js';

export function SessionTime({ v }: { v: View }) {
  const member = v.member;
  if (!member) return null;
  const time = v.clockTime(member.endsAt);
  return (
    <div class="session-timeout">
      <p>{member.capped ? v.t('common.sessionEndsCapped', { time }) : v.t('common.sessionEnds', { minutes: member.idleMinutes, time })}</p>
      {!member.capped && <ExtendForm v={v} action={paths.extendSession} label={v.t('common.sessionExtend')} />}
    </div>
  );
}
