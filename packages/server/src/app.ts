/** buildApp(deps) → a Fastify instance; tests call app.inject, main.ts listens. */
import crypto from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppDeps } from './app-types.ts';
import { safeError } from './lib/safe-error.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerHttpGuards } from './plugins/http-guards.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerThrottle } from './plugins/throttle.ts';
import { registerWeb } from './plugins/web.ts';
import { accountChangesRoutes } from './routes/account-changes.routes.ts';
import { apiTokensRoutes } from './routes/api-tokens.routes.ts';
import { attachmentsRoutes } from './routes/attachments.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { mfaRoutes } from './routes/mfa.routes.ts';
import { cadreImportsRoutes } from './routes/cadre-imports.routes.ts';
import { cadresRoutes } from './routes/cadres.routes.ts';
import { entriesRoutes } from './routes/entries.routes.ts';
import { importsRoutes } from './routes/imports.routes.ts';
import { exportsRoutes } from './routes/exports.routes.ts';
import { orgsRoutes } from './routes/orgs.routes.ts';
import { securityRoutes } from './routes/security.routes.ts';
import { systemRoutes } from './routes/system.routes.ts';
import { usersRoutes } from './routes/users.routes.ts';
import { v1Routes } from './routes/v1.routes.ts';
import { meetingsRoutes } from './routes/meetings.routes.ts';
import { meetingDecisionsRoutes } from './routes/meeting-decisions.routes.ts';
import { meetingTasksRoutes } from './routes/meeting-tasks.routes.ts';
import { meetingDocumentsRoutes } from './routes/meeting-documents.routes.ts';
import { followupsRoutes } from './routes/followups.routes.ts';
import { meetingContactsRoutes } from './routes/meeting-contacts.routes.ts';
import { notificationsRoutes } from './routes/notifications.routes.ts';
import { rulesRoutes } from './routes/rules.routes.ts';
import { summaryRoutes } from './routes/summary.routes.ts';
import { warningsRoutes } from './routes/warnings.routes.ts';

export type { AppDeps } from './app-types.ts';

/** Any `{ err }` logged anywhere goes through safeError: no SQL text or parameters in logs (AUD-02). */
function withSafeErrors(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger || typeof logger !== 'object') return logger ?? false;
  const own = (logger as { serializers?: object }).serializers;
  return { ...logger, serializers: { ...own, err: safeError } } as unknown as FastifyServerOptions['logger'];
}

export async function buildApp(deps: AppDeps, opts: { logger?: FastifyServerOptions['logger'] } = {}): Promise<App> {
  const app = Fastify({
    logger: withSafeErrors(opts.logger),
    genReqId: () => crypto.randomUUID(),
    trustProxy: deps.config.trustProxy || false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.removeContentTypeParser('text/plain');

  await app.register(cookie);
  registerHttpGuards(app, deps);
  registerThrottle(app, deps); // before auth: a flood is refused before any session or token lookup
  registerAuth(app, deps);
  await registerOpenApi(app);

  systemRoutes(app, deps);
  authRoutes(app, deps);
  mfaRoutes(app, deps);
  usersRoutes(app, deps);
  accountChangesRoutes(app, deps);
  orgsRoutes(app, deps);
  cadresRoutes(app, deps);
  cadreImportsRoutes(app, deps);
  entriesRoutes(app, deps);
  importsRoutes(app, deps);
  attachmentsRoutes(app, deps);
  exportsRoutes(app, deps);
  auditRoutes(app, deps);
  securityRoutes(app, deps);
  apiTokensRoutes(app, deps);
  v1Routes(app, deps);
  warningsRoutes(app, deps);
  rulesRoutes(app, deps);
  summaryRoutes(app, deps);
  meetingsRoutes(app, deps);
  meetingDecisionsRoutes(app, deps);
  meetingTasksRoutes(app, deps);
  meetingDocumentsRoutes(app, deps);
  followupsRoutes(app, deps);
  meetingContactsRoutes(app, deps);
  notificationsRoutes(app, deps);
  registerWeb(app, deps.config.webDist);

  await app.ready();
  return app;
}
