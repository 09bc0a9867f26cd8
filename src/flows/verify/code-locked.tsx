// The page of a locked code step (SPEC M6a, S1's rolling day) or a closed one (S1): every code step of every flow shows it instead of the code form.
import type { Context } from 'hono';
import { CodeLockedPage } from '../../../views/pages/verify/CodeLockedPage.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { currentFlow } from '../guard.js';
import { supportOf, type CodeStepSpec } from './code-step.js';

/** Locked until a time, or closed (`lockedUntil` null) until an operator — or, for M and G, a password reset — reopens it. */
export function showCodeLocked(c: Context<AppEnv>, spec: CodeStepSpec, lockedUntil: number | null, status: 200 | 429) {
  const t = c.get('t');
  const text = spec.text(t, currentFlow(c));
  return c.html(
    <CodeLockedPage
      v={viewOf(c)}
      title={text.title}
      message={lockedUntil === null ? t('verify.codeErrorClosed') : t('verify.codeErrorLocked')}
      lockedUntil={lockedUntil}
      reopenedByReset={spec.kind === 'migration' || spec.kind === 'registration'}
      restartAction={spec.cancelAction}
      restartFrom={spec.kind === 'my-id-change' ? 'settings' : 'signIn'}
      support={supportOf(c.get('deps').config)}
    />,
    status,
  );
}
