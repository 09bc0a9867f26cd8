// SPEC R1–R3 パスワードをお忘れの方はこちら: My ID → "if it exists we sent a code" → email code → phone code → new password → done.
import { Hono } from 'hono';
import type { AppEnv } from '../../web/env.js';
import { cancelAction } from '../steps/cancel.js';
import { reset } from './machine.js';
import { emailCodeStep, resetPhoneStep } from './steps/codes.js';
import { doneStep, passwordStep } from './steps/password.js';
import { startStep } from './steps/start.js';

export const resetRoutes = new Hono<AppEnv>();

startStep(resetRoutes);
emailCodeStep(resetRoutes);
resetPhoneStep(resetRoutes);
passwordStep(resetRoutes);
doneStep(resetRoutes);
cancelAction(resetRoutes, reset);
