// The Hono environment: what middleware puts on the context for handlers and views.
import type { Deps } from '../deps.js';
import type { Lang, T } from '../i18n/index.js';
import type { SessionInfo } from '../auth/session.js';
import type { FlowRow } from '../db/contract.js';

export type AppEnv = {
  Variables: {
    deps: Deps;
    lang: Lang;
    t: T;
    csrfToken: string;
    /** The posted form: first value of each field, as sent (not yet normalised). */
    form: Record<string, string>;
    address: string;
    secure: boolean;
    session?: SessionInfo;
    /** A session cookie came but its session had timed out or ended. */
    sessionEnded?: 'expired' | 'unknown';
    /** The paths that answer a GET: where a refused form restarts (issue 19). */
    pagePaths?: ReadonlySet<string>;
    /** The flow this browser is in, set by the flow guard. */
    flow?: FlowRow;
  };
};
