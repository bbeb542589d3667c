import { z } from 'zod';
import type { App, AppDeps } from '../app-types.ts';

export function systemRoutes(app: App, deps: AppDeps): void {
  app.get('/api/health', {
    config: { permission: 'public' },
    schema: {
      tags: ['系统'], summary: '健康检查（公开）',
      response: {
        200: z.object({ status: z.literal('ok'), database: z.literal('up'), mode: z.enum(['pglite', 'pg']) }),
        503: z.object({ status: z.literal('degraded'), database: z.literal('down'), mode: z.enum(['pglite', 'pg']) }),
      },
    },
  }, async (_req, reply) => {
    const up = await deps.db.ping();
    if (!up) return reply.code(503).send({ status: 'degraded' as const, database: 'down' as const, mode: deps.db.kind });
    return { status: 'ok' as const, database: 'up' as const, mode: deps.db.kind };
  });
}
