// A masked value (`***-****-5678`) is read by screen readers as a run of stars: it is hidden from them and said in words instead (issue 19).
export function Masked({ shown, spoken }: { shown: string; spoken: string }) {
  return (
    <>
      <span aria-hidden="true">{shown}</span>
      <span class="visually-hidden">{spoken}</span>
    </>
  );
}

/** A message with one value in it, rendered around a component: `t(key, { name: SLOT })` split at the slot. */
export const SLOT = '\u0000';
export function around(text: string) {
  const i = text.indexOf(SLOT);
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + SLOT.length)];
}
