import { z } from 'zod';
import { DepartmentView, ErrorBody, IdParams, OneTimePassword, UserCreateBody, UserStatusBody, UserView } from '@jiandu/domain';
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

  app.post('/api/users', {
    config: { permission: 'user:admin' },
    schema: {
      tags, summary: '创建账号（返回一次性密码）',
      description: '密码只显示这一次；用户首次登录必须修改。管理员三员角色互斥，且不能兼任业务角色。',
      body: UserCreateBody, response: { 200: OneTimePassword, 400: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => {
    const r = await usersSvc.createUser(d, requireActor(req), req.body);
    return { login: r.login, password: r.password };
  });

  app.post('/api/users/:id/reset-password', {
    config: { permission: 'user:admin' },
    schema: { tags, summary: '重置密码（返回一次性密码）', params: IdParams, response: { 200: OneTimePassword, 404: ErrorBody } },
  }, async (req) => usersSvc.resetPassword(d, requireActor(req), req.params.id));

  app.post('/api/users/:id/status', {
    config: { permission: 'user:admin' },
    schema: { tags, summary: '启用或停用账号（停用立即结束其会话）', params: IdParams, body: UserStatusBody, response: { 200: UserView } },
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
