// SPEC X6 / WCAG 2.2.1: the button that gives a time limit its full length again (the session's or the flow's), back to this page.
import type { View } from '../view.js';

export function ExtendForm({ v, action, label }: { v: View; action: string; label: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="csrf" value={v.csrf} />
      <input type="hidden" name="back" value={v.path} />
      <button type="submit" class="button button-secondary">
        {label}
      </button>
    </form>
  );
}
