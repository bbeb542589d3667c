import { z } from 'zod';
import { DepartmentView, ErrorBody, IdParams, UserStatusBody, UserView } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as usersSvc from '../services/users.service.ts';

export function usersRoutes(app: App, deps: AppDeps): void {
  const d = { db: deps.db, clock: deps.clock, pbkdf2Iterations: deps.config.pbkdf2Iterations };
  const tags = ['账号管理'];

  app.get('/api/users', {
    config: { permission: 'user:admin' },
    schema: { tags, summary: '账号列表', response: { 200: z.array(UserView) } },
  }, async () => usersSvc.listUsers(d));

  app.post('/api/users/:id/status', {
    config: { permission: 'user:admin' },
    schema: { tags, summary: '停用账号（立即结束其会话）；启用须提交审批（POST /api/account-changes）', params: IdParams, body: UserStatusBody, response: { 200: UserView, 409: ErrorBody } },
  }, async (req) => usersSvc.setDisabled(d, requireActor(req), req.params.id, req.body.disabled));

  app.post('/api/users/:id/unlock', {
    config: { permission: 'user:admin' },
    schema: { tags, summary: '解除登录锁定', params: IdParams, response: { 200: UserView } },
  }, async (req) => usersSvc.unlock(d, requireActor(req), req.params.id));

  app.get('/api/departments', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '成员单位及其可报送的台账类别', response: { 200: z.array(DepartmentView) } },
  }, async () => usersSvc.listDepartments(d));
}
