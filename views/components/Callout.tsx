// A highlighted message box: information, success or a page-level problem that is not about one field.
import type { Child } from 'hono/jsx';

export function Callout({ kind = 'info', children, role }: { kind?: 'info' | 'success' | 'warning'; children?: Child; role?: 'status' | 'alert' }) {
  return (
    <div class={`callout callout-${kind}`} role={role}>
      {children}
    </div>
  );
}
