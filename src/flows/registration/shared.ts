// What the registration's routes and code steps share: where the flow lives, its step numbers and the table's next step.
import { paths } from '../../paths.js';
import { nextStep } from '../machine.js';
import { REGISTRATION_TOTAL_STEPS, registrationStepNumber, registrationSteps, type RegistrationEvent, type RegistrationStep } from './machine.js';

export const KIND = 'registration';
export const base = paths.register;
export const cancelAction = `${base}/cancel`;
export const stepOf = (step: RegistrationStep | 'start') => ({ current: registrationStepNumber[step], total: REGISTRATION_TOTAL_STEPS });
export const next = (from: RegistrationStep, event: RegistrationEvent) => nextStep(registrationSteps, from, event) as RegistrationStep;
