// The help page (SPEC H1) at /help, linked from the header and footer of every page.
import { Hono } from 'hono';
import { HelpPage, type HelpLimits } from '../../../views/pages/help/HelpPage.js';
import type { Config } from '../../config.js';
import type { AppEnv } from '../../web/env.js';
import { viewOf } from '../../web/view.js';
import { supportOf } from '../verify/code-step.js';

/** The settings the help texts quote, in the units a reader expects. */
export function helpLimits(config: Config): HelpLimits {
  return {
    max: config.LOGIN_MAX_FAILURES,
    minutes: Math.ceil(config.IP_WINDOW_SECONDS / 60),
    idle: Math.ceil(config.SESSION_IDLE_SECONDS / 60),
    hours: Math.round((config.SESSION_MAX_SECONDS / 3600) * 10) / 10,
    flowMinutes: Math.ceil(config.FLOW_TTL_SECONDS / 60),
    codeMax: config.CODE_MAX_FAILURES,
    codeMinutes: Math.ceil(config.CODE_TTL_SECONDS / 60),
    lockMinutes: Math.ceil(config.CODE_LOCK_SECONDS / 60),
    resendSeconds: config.CODE_RESEND_SECONDS,
    perHour: config.CODE_MAX_SENDS_PER_HOUR,
    cardLockHours: Math.ceil(config.CARD_LOCK_SECONDS / 3600),
    codeDay: config.CODE_MAX_FAILURES_PER_DAY,
    codeTotal: config.CODE_MAX_FAILURES_TOTAL,
    addressMax: config.EMAIL_TAKEN_MAX_PER_FLOW,
    addressDay: config.EMAIL_TAKEN_MAX_PER_DAY,
    supportPhone: config.SUPPORT_PHONE,
    supportHours: config.SUPPORT_HOURS,
  };
}

export const helpRoutes = new Hono<AppEnv>().get('/', (c) => c.html(<HelpPage v={viewOf(c)} limits={helpLimits(c.get('deps').config)} support={supportOf(c.get('deps').config)} />));
