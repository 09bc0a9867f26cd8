// Issue 20: what this process already knows of throttled addresses (SPEC L7), so that a flood from one address is refused
// without a database read per attempt. A window's count only grows until the window ends, so an address the store found
// throttled stays throttled until its retryAt, on every instance; the memo is asked again after MEMO_MS all the same, in
// case an operator cleared the row from another process (demo:reset), and it holds at most MEMO_MAX addresses.

/** How long a verdict is believed without reading it again. */
export const MEMO_MS = 1_000;
/** Addresses remembered at once; past it the oldest verdict is forgotten (and read again when needed). */
export const MEMO_MAX = 10_000;

export type ThrottleMemo = {
  /** The retryAt of an address the store found throttled within MEMO_MS, if its window has not ended. */
  get(network: string, now: number): number | undefined;
  /** The store's verdict: throttled until retryAt. */
  set(network: string, retryAt: number, now: number): void;
};

export function throttleMemo(max = MEMO_MAX, believeMs = MEMO_MS): ThrottleMemo {
  const known = new Map<string, { retryAt: number; until: number }>();
  return {
    get(network, now) {
      const entry = known.get(network);
      if (entry === undefined) return undefined;
      if (now < entry.until && now < entry.retryAt) return entry.retryAt;
      known.delete(network);
      return undefined;
    },
    set(network, retryAt, now) {
      known.delete(network);
      // a Map iterates in insertion order: the first key is the oldest verdict
      if (known.size >= max) known.delete(known.keys().next().value as string);
      known.set(network, { retryAt, until: now + believeMs });
    },
  };
}

const memos = new WeakMap<object, ThrottleMemo>();

/** One memo per database (its lockout store): tests open many, and one database's verdicts say nothing of another's. */
export function memoFor(store: object): ThrottleMemo {
  let memo = memos.get(store);
  if (!memo) memos.set(store, (memo = throttleMemo()));
  return memo;
}
