// The page of a locked code step (SPEC M6a): every code step of every flow shows it instead of the code form while locked.
import type { Context } from 'hono';
import { CodeLockedPage } from '../../../views/pages/verify/CodeLockedPage.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { currentFlow } from '../guard.js';
import { supportOf, type CodeStepSpec } from './code-step.js';

export function showCodeLocked(c: Context<AppEnv>, spec: CodeStepSpec, lockedUntil: number, status: 200 | 429) {
  const t = c.get('t');
  const text = spec.text(t, currentFlow(c));
  return c.html(
    <CodeLockedPage
      v={viewOf(c)}
      title={text.title}
      message={t('verify.codeErrorLocked')}
      lockedUntil={lockedUntil}
      restartAction={spec.cancelAction}
      restartFrom={spec.kind === 'my-id-change' ? 'settings' : 'signIn'}
      support={supportOf(c.get('deps').config)}
    />,
    status,
  );
}
