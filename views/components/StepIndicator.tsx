// SPEC §3: "ステップ 3/5" (or "ステップ 3" while the rest of the path is unknown) as a caption inside the <h1>, read with it.
import type { Child } from 'hono/jsx';
import type { StepNumber, View } from '../view.js';

/** The indicator's words, for the heading and the title alike. */
export function stepLabel(v: View, step: StepNumber): string {
  return step.total === undefined ? v.t('common.stepOpen', { current: step.current }) : v.t('common.step', { current: step.current, total: step.total });
}

/** The page's title with its step (kept short: a title is read first in every tab and list). */
export function titleWithStep(v: View, title: string, step: StepNumber): string {
  return step.total === undefined ? v.t('common.titleStepOpen', { title, current: step.current }) : v.t('common.titleStep', { title, current: step.current, total: step.total });
}

/** The page's <h1>, with the step as its caption when the page is a step of a flow. */
export function StepHeading({ v, step, children }: { v: View; step?: StepNumber; children?: Child }) {
  return (
    <h1>
      {step && <span class="step-indicator">{stepLabel(v, step)}</span>}
      {step && ' '}
      {children}
    </h1>
  );
}
