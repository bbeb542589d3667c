import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission, RoutePermission } from '@jiandu/domain';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { FieldCrypto } from './crypto/keys.ts';
import type { UserRow } from './repositories/users.repository.ts';
import type { ApiTokenAuth } from './services/api-tokens.service.ts';
import type { Actor, Clock } from './context.ts';

export interface AppDeps {
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
  config: Config;
}

export interface RequestAuth {
  user: UserRow;
  actor: Actor;
  tokenHash: Buffer;
  /** Second factor still due ('verify'/'enroll'): only `mfa` routes answer such a session. */
  mfaState?: 'verify' | 'enroll' | null;
}

export interface RouteInfo {
  method: string | string[];
  url: string;
  config?: { permission?: RoutePermission };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with its declared permission (the deny-by-default test walks it). */
    routeTable: RouteInfo[];
  }
  interface FastifyContextConfig {
    /** Every route declares one (deny by default): a permission, or 'public'. */
    permission?: RoutePermission;
    /** A second permission that also opens the route (either suffices; the service narrows what each sees). */
    orPermission?: Permission;
  }
  interface FastifyRequest {
    auth: RequestAuth | null;
    /** The department system on an `api-token` route (bearer token; sessions are not used there). */
    apiToken: ApiTokenAuth | null;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
