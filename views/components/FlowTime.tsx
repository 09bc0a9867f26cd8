// SPEC X6 / WCAG 2.2.1: a timed flow page says by when the procedure must be finished, with a button that gives it its full time again.
import { paths } from '../../src/paths.js';
import type { View } from '../view.js';
import { ExtendForm } from './ExtendForm.js';

export function FlowTime({ v, deadline }: { v: View; deadline: number }) {
  return (
    <div class="session-timeout flow-timeout">
      <p class="meta">{v.t('verify.flowDeadline', { time: v.clockTime(deadline) })}</p>
      <ExtendForm v={v} action={paths.extendFlow} label={v.t('verify.flowExtend')} />
    </div>
  );
}
