// SPEC X6 / WCAG 2.2.1: a signed-in page says when the session ends if left idle, with a button that extends it.
import { paths } from '../../src/paths.js';
import type { View } from '../view.js';

export function SessionTime({ v }: { v: View }) {
  const member = v.member;
  if (!member) return null;
  const time = v.clockTime(member.endsAt);
  return (
    <div class="session-timeout">
      <p>{member.capped ? v.t('common.sessionEndsCapped', { time }) : v.t('common.sessionEnds', { minutes: member.idleMinutes, time })}</p>
      {!member.capped && (
        <form method="post" action={paths.extendSession} class="inline-form">
          <input type="hidden" name="csrf" value={v.csrf} />
          <input type="hidden" name="back" value={v.path} />
          <button type="submit" class="button button-secondary">
            {v.t('common.sessionExtend')}
          </button>
        </form>
      )}
    </div>
  );
}
