// What every migration step shares: where the flow lives, its step numbers and the table's next step.
import { paths } from '../../paths.js';
import { atStep, loadFlow, stepUrl } from '../guard.js';
import { nextStep } from '../machine.js';
import { MIGRATION_TOTAL_STEPS, migrationStepNumber, migrationSteps, type MigrationEvent, type MigrationStep } from './machine.js';

export const KIND = 'migration';
export const base = paths.migration;
export const cancelAction = `${base}/cancel`;

export const urlOf = (step: MigrationStep) => stepUrl(base, step);
export const stepOf = (step: MigrationStep) => ({ current: migrationStepNumber[step], total: MIGRATION_TOTAL_STEPS });

/** The step an event leads to; the table is the only place transitions are written down. */
export function next(from: MigrationStep, event: MigrationEvent): MigrationStep {
  const to = nextStep(migrationSteps, from, event);
  if (!to) throw new Error(`migration: ${from} does not accept ${event}`);
  return to;
}

/** The shared flow guard for one step: a live migration flow that is at this step. */
export const at = (step: MigrationStep) => [loadFlow(KIND), atStep(base, step)] as const;
