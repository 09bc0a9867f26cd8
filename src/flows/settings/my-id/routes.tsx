// SPEC T2 My ID変更: new email (M3) → code to it (M4, where a mistyped address can be corrected) → confirm with the current password.
import { Hono } from 'hono';
import type { AppEnv } from '../../../web/env.js';
import { cancelAction } from '../../steps/cancel.js';
import { myIdChange } from './machine.js';
import { addressSteps } from './steps/address.js';
import { confirmStep } from './steps/confirm.js';
import { emailCodeStep } from './steps/email-code.js';

export const myIdRoutes = new Hono<AppEnv>();

addressSteps(myIdRoutes);
emailCodeStep(myIdRoutes);
confirmStep(myIdRoutes);
cancelAction(myIdRoutes, myIdChange);
