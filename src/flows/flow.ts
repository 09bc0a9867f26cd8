// One flow, defined once from its step table: where it lives, the guard of each step, the one way it moves (guarded, then
// the arrival effect of the step it enters), how it starts and ends, and its step indicator (SPEC §3).
import type { Context, MiddlewareHandler } from 'hono';
import type { FlowPatch, NewFlow } from '../db/contract.js';
import type { AppEnv } from '../web/env.js';
import { readFlow, type Flow, type FlowData } from './data.js';
import { atStep, dropFlowCookie, loadFlow, startFlow, stepUrl } from './guard.js';
import { extendPath, next, shortestPath, stepNumber, type StepNumber, type StepTable } from './machine.js';

export type FlowKind = 'migration' | 'reset' | 'registration' | 'my-id-change';

/** What entering a step does besides showing it (e.g. SPEC M6 ⑦-1: the SMS goes on arrival at the phone step). */
export type Arrival = (c: Context<AppEnv>, flow: Flow) => Promise<void>;

/** A move's changes besides the step: the flow's address, and facts merged into its data. */
export type Move = Omit<FlowPatch, 'data'> & { data?: Partial<FlowData> };

export type FlowSpec<S extends string, E extends string> = {
  kind: FlowKind;
  base: string;
  /** The step the flow starts at. */
  first: S;
  steps: StepTable<S, E>;
  /** The steps whose arrival does something: which step factory's effect runs (checked when the flow is mounted). */
  arrivals?: Partial<Record<S, 'send-email-code' | 'send-first-sms'>>;
  /** SPEC §3: pages shown before the flow starts (reset's and registration's first form count as step 1). */
  before?: number;
  /** False for a flow whose pages carry no step indicator (the settings' My ID change). */
  numbered?: boolean;
  /** Where a cancelled flow lands. */
  cancelledTo: string;
  /**
   * Where a request of this browser's flow lands once the flow has ended (a second submit of its last step, sent before the
   * first one's answer came back). Without it, the sign-in page's "expired" notice.
   */
  endedTo?: string;
  /** Runs after the flow is loaded on every step, e.g. to check it belongs to the signed-in member. */
  flowGuard?: MiddlewareHandler<AppEnv>;
};

const pass: MiddlewareHandler<AppEnv> = (_c, go) => go();

export function defineFlow<S extends string, E extends string>(spec: FlowSpec<S, E>) {
  const effects: Partial<Record<S, Arrival>> = {};
  const url = (step: S) => stepUrl(spec.base, step);
  // a unit of work that makes the last move itself (completion) leaves the path one step behind the flow
  const pathOf = (flow: Flow): S[] => extendPath((flow.data.path as S[] | undefined) ?? shortestPath(spec.steps, spec.first, flow.step as S), flow.step as S);

  async function arrive(c: Context<AppEnv>, flow: Flow): Promise<void> {
    const step = flow.step as S;
    if (spec.arrivals?.[step] && !effects[step]) throw new Error(`${spec.kind}: nothing performs the arrival of ${step}`);
    await effects[step]?.(c, flow);
  }

  return {
    ...spec,
    cancelAction: `${spec.base}/cancel`,
    url,
    /** The step an event leads to; the table is the only place transitions are written down (throws on one it lacks). */
    next: (from: S, event: E): S => next(spec.kind, spec.steps, from, event),
    /** The guard of one step: a live flow of this kind, the flow's own check, at this step (else to the step it is at). */
    at: (step: S) => [loadFlow(spec.kind, spec.endedTo), spec.flowGuard ?? pass, atStep(spec.base, step)] as const,
    /** The guard of an action valid at any step (cancel, extend). */
    loaded: () => [loadFlow(spec.kind, spec.endedTo), spec.flowGuard ?? pass] as const,
    /** A step factory says what arriving at its step does. */
    onArrival(step: S, effect: Arrival): void {
      effects[step] = effect;
    },
    /**
     * Moves the flow by `event` only if it is still at `from` (`UPDATE … WHERE step = from`), records the step in its path,
     * runs the arrival of the step entered, and answers its URL; undefined when another request moved it first.
     */
    async move(c: Context<AppEnv>, flow: Flow, from: S, event: E, change: Move = {}): Promise<string | undefined> {
      const to = next(spec.kind, spec.steps, from, event);
      const data: FlowData = { ...flow.data, ...change.data, path: extendPath(pathOf(flow), to) };
      if (!(await c.get('deps').stores.flows.advance(flow.id, from, to, { ...change, data }))) return undefined;
      const moved: Flow = { ...flow, ...change, step: to, data };
      c.set('flow', moved);
      await arrive(c, moved);
      return url(to);
    },
    /** Starts the flow at its first step for this browser (replacing any other it was in) and runs that step's arrival. */
    async start(c: Context<AppEnv>, facts: Omit<NewFlow, 'kind' | 'step'>): Promise<{ url: string; flow: Flow | undefined }> {
      const deps = c.get('deps');
      const id = await startFlow(c, { ...facts, kind: spec.kind, step: spec.first });
      const row = await deps.stores.flows.findById(id);
      const flow = row && readFlow(row);
      if (flow) await arrive(c, flow);
      return { url: url(spec.first), flow };
    },
    /** Ends the flow and forgets its cookie (cancel, or a budget spent). */
    async end(c: Context<AppEnv>, flow: Flow): Promise<void> {
      const deps = c.get('deps');
      await deps.stores.flows.end(flow.id, deps.clock.now());
      dropFlowCookie(c);
    },
    /** SPEC §3: the indicator of the step the flow is at, counted along the path it took; undefined when the flow has none. */
    stepOf(flow: Flow): StepNumber | undefined {
      return spec.numbered === false ? undefined : stepNumber(spec.steps, pathOf(flow), spec.before ?? 0);
    },
    /** The indicator of a page before the flow starts (step 1 of the whole). */
    startNumber(): StepNumber {
      const first = stepNumber(spec.steps, [spec.first], spec.before ?? 0);
      return { current: 1, total: first.total };
    },
  };
}

export type FlowDef<S extends string = string, E extends string = string> = ReturnType<typeof defineFlow<S, E>>;

/** What the shared step factories need of any flow, whatever its steps (method syntax, so every FlowDef is one). */
export interface AnyFlow {
  kind: FlowKind;
  cancelAction: string;
  url(step: string): string;
  at(step: string): readonly [MiddlewareHandler<AppEnv>, MiddlewareHandler<AppEnv>, MiddlewareHandler<AppEnv>];
  move(c: Context<AppEnv>, flow: Flow, from: string, event: string, change?: Move): Promise<string | undefined>;
  onArrival(step: string, effect: Arrival): void;
  stepOf(flow: Flow): StepNumber | undefined;
  cancelledTo: string;
  loaded(): readonly [MiddlewareHandler<AppEnv>, MiddlewareHandler<AppEnv>];
  end(c: Context<AppEnv>, flow: Flow): Promise<void>;
}
