import { z } from 'zod';
import {
  AccountApproval, AccountChangeBody, AccountChangeQuery, AccountChangeView, AccountDecisionBody, AccountRejectBody,
  ErrorBody, IdParams, OneTimePassword,
} from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as svc from '../services/account-changes.service.ts';

/**
 * 双人审批: the 系统管理员 proposes (`user:admin`, /api/account-changes), the 安全管理员 decides
 * (`user:approve`, /api/account-approvals). Both see the same list of requests.
 */
export function accountChangesRoutes(app: App, deps: AppDeps): void {
  const d = { db: deps.db, clock: deps.clock, crypto: deps.crypto, pbkdf2Iterations: deps.config.pbkdf2Iterations };
  const tags = ['账号审批'];

  app.get('/api/account-changes', {
    config: { permission: 'user:admin' },
    schema: { tags, summary: '账号变更申请（系统管理员）', querystring: AccountChangeQuery, response: { 200: z.array(AccountChangeView) } },
  }, async (req) => svc.listChanges(d, req.query.status ?? null));

  app.post('/api/account-changes', {
    config: { permission: 'user:admin' },
    schema: {
      tags, summary: '提交账号变更申请：新建、启用、重置密码、重置二次认证（待安全管理员审批）',
      description: '申请提交后不产生任何变化；安全管理员批准后才生效。新建时填写 login、displayName、role（及管辖范围、成员单位），其他类型填写 userId。',
      body: AccountChangeBody, response: { 200: AccountChangeView, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => svc.proposeChange(d, requireActor(req), req.body));

  app.post('/api/account-changes/:id/withdraw', {
    config: { permission: 'user:admin' },
    schema: { tags, summary: '撤回本人提出的待审批申请', params: IdParams, response: { 200: AccountChangeView, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (req) => svc.withdrawChange(d, requireActor(req), req.params.id));

  app.post('/api/account-changes/:id/password', {
    config: { permission: 'user:admin' },
    schema: {
      tags, summary: '查看已批准申请的一次性密码（只能由提出人查看一次）',
      description: '显示后即从数据库中抹去；安全管理员账号的一次性密码在批准时交给审批人，不在此处显示。',
      params: IdParams, response: { 200: OneTimePassword, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => svc.takePassword(d, requireActor(req), req.params.id));

  app.get('/api/account-approvals', {
    config: { permission: 'user:approve' },
    schema: { tags, summary: '账号变更申请（安全管理员审批）', querystring: AccountChangeQuery, response: { 200: z.array(AccountChangeView) } },
  }, async (req) => svc.listChanges(d, req.query.status ?? null));

  app.post('/api/account-approvals/:id/approve', {
    config: { permission: 'user:approve' },
    schema: {
      tags, summary: '批准账号变更申请（立即生效）',
      description: '提出人与审批人必须是不同账号（数据库约束）。安全管理员账号的一次性密码在此返回给审批人，其他账号的由提出人查看。',
      params: IdParams, body: AccountDecisionBody, response: { 200: AccountApproval, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => svc.approveChange(d, requireActor(req), req.params.id, req.body.reason ?? null));

  app.post('/api/account-approvals/:id/reject', {
    config: { permission: 'user:approve' },
    schema: {
      tags, summary: '驳回账号变更申请（须填写理由）', params: IdParams, body: AccountRejectBody,
      response: { 200: AccountChangeView, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => svc.rejectChange(d, requireActor(req), req.params.id, req.body.reason));
}
