// A flow as data: step → the events it accepts → the next step (STYLE "The flow as data"), and what the table tells
// about a path through it: where an event leads, and the step indicator's numbers (SPEC §3).
export type StepTable<S extends string, E extends string> = Readonly<Record<S, Readonly<Partial<Record<E, S>>>>>;

/** The step an event leads to, or undefined when the step does not accept it. */
export function nextStep<S extends string, E extends string>(table: StepTable<S, E>, step: S, event: E): S | undefined {
  return table[step]?.[event];
}

/** The step an event leads to; an event the step does not accept is a bug in the caller, so it throws. */
export function next<S extends string, E extends string>(name: string, table: StepTable<S, E>, step: S, event: E): S {
  const to = nextStep(table, step, event);
  if (!to) throw new Error(`${name}: ${step} does not accept ${event}`);
  return to;
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

/** The steps with no way on: a flow's last page. */
const isEnd = <S extends string, E extends string>(table: StepTable<S, E>, step: S) => Object.keys(table[step] ?? {}).length === 0;

/** How many more steps every way from `step` to the end takes, never through a step already `behind`; undefined when the ways differ. */
function stepsLeft<S extends string, E extends string>(table: StepTable<S, E>, step: S, behind: ReadonlySet<S>): number | undefined {
  const lengths = new Set<number>();
  const walk = (at: S, seen: Set<S>, length: number) => {
    if (isEnd(table, at)) return void lengths.add(length);
    for (const to of new Set(Object.values(table[at]) as S[])) if (!seen.has(to)) walk(to, new Set([...seen, to]), length + 1);
  };
  walk(step, new Set([...behind, step]), 0);
  return lengths.size === 1 ? [...lengths][0] : undefined;
}

/** The path once `to` is entered: a step entered again (back to correct an address) cuts the path back to it. */
export function extendPath<S extends string>(path: readonly S[], to: S): S[] {
  const at = path.indexOf(to);
  return at >= 0 ? path.slice(0, at + 1) : [...path, to];
}

/** The shortest way from `first` to `step`, for a flow that does not record its path. */
export function shortestPath<S extends string, E extends string>(table: StepTable<S, E>, first: S, step: S): S[] {
  const queue: S[][] = [[first]];
  const seen = new Set<S>([first]);
  while (queue.length > 0) {
    const path = queue.shift()!;
    const at = path[path.length - 1];
    if (at === step) return path;
    for (const to of Object.values(table[at] ?? {}) as S[]) if (!seen.has(to)) (seen.add(to), queue.push([...path, to]));
  }
  return [step];
}

export type StepNumber = { current: number; total?: number };

/**
 * SPEC §3: the indicator counts the steps of the path actually taken ("ステップ 3"), with the total once the rest of the
 * path is known ("ステップ 3/5"): when every way on from here is equally long. `before` counts pages shown before the flow
 * started (reset's and registration's first form).
 */
export function stepNumber<S extends string, E extends string>(table: StepTable<S, E>, path: readonly S[], before = 0): StepNumber {
  const here = path[path.length - 1];
  const left = stepsLeft(table, here, new Set(path));
  const current = before + path.length;
  return left === undefined ? { current } : { current, total: current + left };
}
