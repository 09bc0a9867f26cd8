// A flow as data: step → the events it accepts → the next step (STYLE "The flow as data").
export type StepTable<S extends string, E extends string> = Readonly<Record<S, Readonly<Partial<Record<E, S>>>>>;

/** The step an event leads to, or undefined when the step does not accept it. */
export function nextStep<S extends string, E extends string>(table: StepTable<S, E>, step: S, event: E): S | undefined {
  return table[step]?.[event];
}

/** Every step reachable from `start` (for tests: every step reachable, every step reaches the end). */
export function reachableFrom<S extends string, E extends string>(table: StepTable<S, E>, start: S): Set<S> {
  const seen = new Set<S>([start]);
  const queue: S[] = [start];
  while (queue.length > 0) {
    const step = queue.shift() as S;
    for (const to of Object.values(table[step] ?? {}) as S[]) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}
