// What keyboard focus looks like in the page (SPEC X6 visible focus): read inside the page by the keyboard walker, and compared
// focused against unfocused.

export type FocusStyle = { outline: string; outlineStyle: string; outlineWidth: string; outlineColor: string; boxShadow: string; background: string; border: string; color: string };
export type FocusInfo = { mark: number; tag: string; type: string; id: string; label: string; text: string; checked: boolean; native: boolean; same: boolean; style: FocusStyle; prevStyle: FocusStyle | null };

/** In the page: what now has focus, marked so its unfocused style can be read after the next Tab. */
export function readFocus(prevMark: number): FocusInfo {
  const styleOf = (el: Element): FocusStyle => {
    const s = getComputedStyle(el);
    return { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor, boxShadow: s.boxShadow, background: s.backgroundColor, border: s.borderColor, color: s.color };
  };
  const prev = document.querySelector(`[data-kbd-mark="${prevMark}"]`);
  const prevStyle = prev && prev !== document.activeElement ? styleOf(prev) : null;
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    return { mark: 0, tag: 'body', type: '', id: '', label: '', text: '', checked: false, native: false, same: false, style: styleOf(document.body), prevStyle };
  }
  const same = prev === el;
  const mark = prevMark + 1;
  el.setAttribute('data-kbd-mark', String(mark));
  const input = el as HTMLInputElement;
  const label = input.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? '';
  // focus on a part of a native control (the date field's calendar button): the browser draws that ring, not our CSS
  const native = !el.matches(':focus');
  return { mark, tag: el.tagName.toLowerCase(), type: input.type ?? '', id: el.id, label: label.replace(/\s+/g, ' ').trim(), text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(), checked: !!input.checked, native, same, style: styleOf(el), prevStyle };
}

/** SPEC X6 visible focus: focused, the element shows an outline, or its shadow, background or border changes. */
export function focusIsVisible(focused: FocusStyle, unfocused: FocusStyle): boolean {
  const transparent = (c: string) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
  const outline = focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) >= 1 && !transparent(focused.outlineColor) && focused.outline !== unfocused.outline;
  return outline || focused.boxShadow !== unfocused.boxShadow || focused.background !== unfocused.background || focused.border !== unfocused.border;
}
