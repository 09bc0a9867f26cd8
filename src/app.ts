// createApp(deps): the one composition root — middleware in a visible order, one sub-app per flow, 404 and errors.
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Deps } from './deps.js';
import { devRoutes } from './flows/dev/routes.js';
import { helpRoutes } from './flows/help/routes.js';
import { memberRoutes } from './flows/member/routes.js';
import { migrationRoutes } from './flows/migration/routes.js';
import { registrationRoutes } from './flows/registration/routes.js';
import { resetRoutes } from './flows/reset/routes.js';
import { settingsRoutes } from './flows/settings/routes.js';
import { termsRoutes } from './flows/terms/routes.js';
import { signInRoutes } from './flows/signin/routes.js';
import { flowTimeRoutes } from './flows/extend.js';
import { logSecurityEvents } from './log/events.js';
import { silentLogger } from './log/logger.js';
import { logRequests } from './log/request-log.js';
import { healthRoutes } from './ops/health.js';
import { paths } from './paths.js';
import { identifyClient } from './web/client.js';
import { checkOrigin, checkToken, issueToken } from './web/csrf.js';
import type { AppEnv } from './web/env.js';
import { errorResponse } from './web/errors.js';
import { answerError } from './web/on-error.js';
import { parseForm } from './web/form.js';
import { limitBody } from './web/body-limit.js';
import { securityHeaders } from './web/security-headers.js';
import { chooseLanguage } from './web/language.js';
import { loadSession } from './web/session.js';
import { inSequence } from './web/in-sequence.js';
import { setHashQueueMax } from './auth/password.js';

export const BODY_LIMIT_BYTES = 16 * 1024;

export function createApp(deps: Deps) {
  setHashQueueMax(deps.config.HASH_QUEUE_MAX);
  const app = new Hono<AppEnv>();
  // SPEC O3: one line per request and per security event
  const logger = deps.logger ?? silentLogger;
  logSecurityEvents(deps.stores.audit, logger);
  app.use(logRequests(logger));

  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  // first, so every response (static files and errors too) carries HSTS when served over https (SPEC O9)
  app.use(identifyClient);
  app.use(securityHeaders);
  const pagePaths = new Set<string>();
  app.use(async (c, next) => {
    c.set('pagePaths', pagePaths);
    await next();
  });
  app.use(paths.static + '/*', serveStatic({ root: './public', rewriteRequestPath: (p) => p.slice(paths.static.length) }));
  app.use(async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  // SPEC O2: before the language, CSRF and session middleware, so a probe gets no cookie and needs no token
  app.route('/', healthRoutes({ stores: deps.stores, logger }));
  // each of these only works before the handler: one layer for all of them (issue 20)
  app.use(
    inSequence(
      chooseLanguage,
      issueToken,
      loadSession,
      // only requests that carry a body pay for it (a GET would otherwise build the whole web Request)
      limitBody(BODY_LIMIT_BYTES, (c) => errorResponse(c, 413)),
      checkOrigin(deps.config.PUBLIC_ORIGIN),
      parseForm,
      checkToken,
    ),
  );

  mountFlows(app, deps);
  for (const path of getPagePaths(app)) pagePaths.add(path);

  app.notFound((c) => errorResponse(c, 404));
  app.onError(answerError(logger));
  return app;
}

/** One sub-app per flow; the operator's outbox page only when DEV_OUTBOX is on. */
function mountFlows(app: Hono<AppEnv>, deps: Deps): void {
  app.route('/', signInRoutes);
  app.route('/', memberRoutes);
  app.route('/', flowTimeRoutes);
  app.route(paths.help, helpRoutes);
  app.route(paths.terms, termsRoutes);
  app.route(paths.settings, settingsRoutes);
  app.route(paths.reset, resetRoutes);
  app.route(paths.register, registrationRoutes);
  app.route(paths.migration, migrationRoutes);
  if (deps.config.DEV_OUTBOX) app.route('/', devRoutes);
}

/** The pages a bad form can restart at (errorResponse): every fixed GET path but the root. */
function getPagePaths(app: Hono<AppEnv>): string[] {
  const found = app.routes.filter((r) => r.method === 'GET' && !/[:*]/.test(r.path)).map((r) => r.path.replace(/\/+$/, '') || '/');
  return [...new Set(found)].filter((p) => p !== '/');
}

export type App = ReturnType<typeof createApp>;
