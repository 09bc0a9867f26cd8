// A POST form carrying the CSRF token, and the buttons it holds (SPEC X2: every POST form has the token).
import type { Child } from 'hono/jsx';
import type { View } from '../view.js';

export function Form({ v, action, children, class: cls }: { v: View; action: string; children?: Child; class?: string }) {
  return (
    <form method="post" action={action} novalidate class={cls ?? 'form'}>
      <input type="hidden" name="csrf" value={v.csrf} />
      {children}
    </form>
  );
}

export function Button({ children, name, value, secondary }: { children?: Child; name?: string; value?: string; secondary?: boolean }) {
  return (
    <button type="submit" class={secondary ? 'button button-secondary' : 'button'} name={name} value={value}>
      {children}
    </button>
  );
}

export function ButtonRow({ children }: { children?: Child }) {
  return <div class="button-row">{children}</div>;
}
