// "ステップ 3/8" on multi-step flows (SPEC §3).
import type { View } from '../view.js';

export function StepIndicator({ v, current, total }: { v: View; current: number; total: number }) {
  return <p class="step-indicator">{v.t('common.step', { current, total })}</p>;
}
