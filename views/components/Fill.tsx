// A message with one markup slot: t() leaves an unknown `{name}` as it is, so the text around it stays the catalogue's.
import type { Child } from 'hono/jsx';

export function Fill({ text, slot, children }: { text: string; slot: string; children: Child }) {
  const at = text.indexOf(`{${slot}}`);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      {children}
      {text.slice(at + slot.length + 2)}
    </>
  );
}
