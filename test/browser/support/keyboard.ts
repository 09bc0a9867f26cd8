// The keyboard half of the walker (SPEC X6): a person with Tab, Shift+Tab and the arrow keys alone. Every element passed on the way
// must show a visible focus indicator, and focus must move on each press.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { focusIsVisible, readFocus, type FocusInfo } from './focus.js';

export class Keyboard {
  /** What has focus now; null on a page just reached. */
  focus: FocusInfo | null = null;
  /** Tab and Shift+Tab presses so far. */
  tabs = 0;

  /** `page()`: the walker's page now (a new person gets a new one); `where()`: its path, for the messages. */
  constructor(
    private readonly page: () => Page,
    private readonly where: () => string,
  ) {}

  /** Tab away and Shift+Tab back: the element about to be activated shows its focus indicator too, and Shift+Tab works. */
  async peekFocus() {
    const target = this.focus!;
    await this.page().keyboard.press('Tab');
    const away = await this.page().evaluate(readFocus, target.mark);
    if (away.prevStyle) {
      expect(focusIsVisible(target.style, away.prevStyle), `visible focus on <${target.tag}> "${target.label || target.text}" on ${this.where()}`).toBe(true);
    }
    await this.page().keyboard.press('Shift+Tab');
    this.tabs += 2;
    const back = await this.page().evaluate(readFocus, away.mark || target.mark);
    expect(back.text, `Shift+Tab returns to "${target.text}" on ${this.where()}`).toBe(target.text);
    expect(back.tag).toBe(target.tag);
    this.focus = back;
  }

  /** ArrowDown within a radio group (at most 10 presses) until `want` has focus; whether it has. */
  async arrowTo(want: (f: FocusInfo) => boolean): Promise<boolean> {
    for (let i = 0; i < 10 && !want(this.focus!); i++) {
      await this.page().keyboard.press('ArrowDown');
      this.focus = await this.page().evaluate(readFocus, this.focus!.mark);
    }
    return want(this.focus!);
  }

  /**
   * Tab (or Shift+Tab when `backwards`) until `want` has focus; every element passed on the way must show a
   * visible focus indicator, and focus must move on each press.
   */
  async tabTo(what: string, want: (f: FocusInfo) => boolean, backwards = false) {
    if (this.focus && this.focus.mark && want(this.focus)) return;
    const key = backwards ? 'Shift+Tab' : 'Tab';
    let wrapped = 0;
    for (let i = 0; i < 120; i++) {
      await this.page().keyboard.press(key);
      this.tabs++;
      const before = this.focus;
      const now = await this.page().evaluate(readFocus, before?.mark ?? 0);
      if (before && before.mark && now.prevStyle && !before.native) {
        expect(focusIsVisible(before.style, now.prevStyle), `visible focus on <${before.tag}> "${before.label || before.text}" (${before.id}) on ${this.where()}: focused ${JSON.stringify(before.style)} vs ${JSON.stringify(now.prevStyle)}`).toBe(true);
      }
      // a date field takes Tab between its own parts; anything else must let focus move on
      expect(now.same && now.type !== 'date', `Tab left focus on <${now.tag}> "${now.label || now.text}" on ${this.where()}`).toBe(false);
      // focus left the page (wrapping round): nothing of ours to check on the way back in
      this.focus = now.mark ? now : { ...now, mark: before?.mark ?? 0, native: true };
      if (!now.mark) {
        if (++wrapped > 1) break;
        continue;
      }
      if (want(now)) return;
    }
    throw new Error(`keyboard: could not reach ${what} with ${key} on ${this.where()}`);
  }
}
