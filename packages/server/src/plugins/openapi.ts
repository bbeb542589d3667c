/** OpenAPI document at /api/openapi.json (each operation notes its permission) and a local reference page at /api/docs. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { PERMISSIONS, type RoutePermission } from '@jiandu/domain';
import type { App } from '../app-types.ts';

export async function registerOpenApi(app: App): Promise<void> {
  // The docs plugin's own routes (static files) need a session like everything else.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...(route.config ?? {}), permission: 'authenticated' };
      route.schema = { ...(route.schema ?? {}), hide: true };
    }
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Jiandu（监督）API',
        description: '一把手和领导班子管理监督平台接口。除 /api/health 与登录外，所有接口都需要登录会话（Cookie `jiandu_sid`）；/api/v1/ 下供成员单位系统对接的接口改用接口令牌（`Authorization: Bearer`）。每个接口注明所需权限（x-permission）。',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'jiandu_sid' },
          apiToken: { type: 'http', scheme: 'bearer', description: '成员单位系统的接口令牌（jdt_…），由系统管理员创建，只显示一次' },
        },
      },
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input) as { schema: Record<string, unknown>; url: string };
      const permission = (input.route.config as { permission?: RoutePermission } | undefined)?.permission ?? 'public';
      const label = permission === 'public' ? '公开'
        : permission === 'api-token' ? '接口令牌（Authorization: Bearer，不使用登录会话）'
          : permission === 'mfa' ? '已登录（含尚未完成二次认证的会话）' : `${permission}（${PERMISSIONS[permission]}）`;
      const schema = { ...out.schema } as Record<string, unknown>;
      schema['x-permission'] = permission;
      schema.description = [schema.description, `**权限**：${label}`].filter(Boolean).join('\n\n');
      if (permission !== 'public') schema.security = [permission === 'api-token' ? { apiToken: [] } : { session: [] }];
      return { ...out, schema };
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null, docExpansion: 'list', deepLinking: true },
    staticCSP: false,
  });
  app.get('/api/openapi.json', { config: { permission: 'authenticated' }, schema: { hide: true } }, async () => app.swagger());
}
