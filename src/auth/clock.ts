// Time comes from here so tests can move it: every rule takes a Clock, never Date.now().
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can set and advance. */
export function fakeClock(start = Date.UTC(2025, 0, 15, 1, 0, 0)): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms), set: (ms) => void (t = ms) };
}
