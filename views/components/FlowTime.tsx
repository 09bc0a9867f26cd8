// SPEC X6 / WCAG 2.2.1: a timed flow page says by when the procedure must be finished, with a button that gives it its full time again.
import { paths } from '../../src/paths.js';
import type { View } from '../view.js';

export function FlowTime({ v, deadline }: { v: View; deadline: number }) {
  return (
    <div class="session-timeout flow-timeout">
      <p class="meta">{v.t('verify.flowDeadline', { time: v.clockTime(deadline) })}</p>
      <form method="post" action={paths.extendFlow} class="inline-form">
        <input type="hidden" name="csrf" value={v.csrf} />
        <input type="hidden" name="back" value={v.path} />
        <button type="submit" class="button button-secondary">
          {v.t('verify.flowExtend')}
        </button>
      </form>
    </div>
  );
}
