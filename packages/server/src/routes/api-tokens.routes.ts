import { z } from 'zod';
import { ApiTokenCreateBody, ApiTokenCreated, ApiTokenView, ErrorBody, IdParams } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as svc from '../services/api-tokens.service.ts';

/** 接口令牌 of department systems: the 系统管理员 creates (shown once), lists and revokes them. */
export function apiTokensRoutes(app: App, deps: AppDeps): void {
  const d = { db: deps.db, clock: deps.clock };
  const tags = ['接口令牌'];

  app.get('/api/api-tokens', {
    config: { permission: 'token:admin' },
    schema: {
      tags, summary: '接口令牌列表（只含前缀，不含令牌本身）',
      response: { 200: z.array(ApiTokenView) },
    },
  }, async () => svc.listApiTokens(d));

  app.post('/api/api-tokens', {
    config: { permission: 'token:admin' },
    schema: {
      tags, summary: '创建接口令牌（令牌只返回这一次）',
      description: '令牌绑定一个成员单位、该单位可报送类别中的若干类别和一个管辖范围；系统只保存令牌的 SM3 摘要，关闭后无法再次查看，遗失只能吊销后重建。',
      body: ApiTokenCreateBody, response: { 200: ApiTokenCreated, 400: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => svc.createApiToken(d, requireActor(req), req.body));

  app.post('/api/api-tokens/:id/revoke', {
    config: { permission: 'token:admin' },
    schema: {
      tags, summary: '吊销接口令牌（立即失效，不可恢复）', params: IdParams,
      response: { 200: ApiTokenView, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => svc.revokeApiToken(d, requireActor(req), req.params.id));
}
