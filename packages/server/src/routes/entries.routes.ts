import { z } from 'zod';
import {
  CountResult,
  EntryCorrectBody, EntryCreateBody, EntryHistory, EntryKindView, EntryListQuery, EntryPage, EntryReviewBody,
  EntryWithdrawBody, ErrorBody, IdParams, OkBody,
} from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as entries from '../services/entries.service.ts';
import { readIdempotencyKey } from '../services/idempotency.ts';

const Version = z.object({ version: z.number().int() });

const IDEMPOTENCY_NOTE = '**Idempotency-Key**（可选请求头，1–100 个可见 ASCII 字符，建议用 UUID；界面每次提交生成一个）：同一账号以同一键、同一请求体重试时，返回首次的结果（响应头 `Idempotent-Replayed: true`），不再写入；同一键配不同请求体返回 422。';
const KEY_REUSED = '该 Idempotency-Key 已用于另一份不同的请求：重试请保持请求体完全一致，新的提交请使用新的 Idempotency-Key';

/** The ledger routes, twice: under /api/entries for the 组织部, under /api/submissions for member departments. */
export function entriesRoutes(app: App, deps: AppDeps): void {
  const tags = ['管理监督台账'];
  for (const side of [
    { prefix: '/api/entries', mode: 'supervisor' as const, read: 'entry:read' as const, write: 'entry:write' as const, who: '组织部' },
    { prefix: '/api/submissions', mode: 'member' as const, read: 'entry:submit' as const, write: 'entry:submit' as const, who: '成员单位（仅本单位报送的记录）' },
  ]) {
    const { prefix, mode } = side;
    app.get(prefix, {
      config: { permission: side.read },
      schema: {
        tags, summary: `台账记录（当前版本，按发生日期倒序）——${side.who}`,
        description: '按干部（cadreId）或班子（teamId）查看即为其台账时间线。每次查询记入审计日志。',
        querystring: EntryListQuery, response: { 200: EntryPage, 400: ErrorBody },
      },
    }, async (req) => entries.listEntries(deps, requireActor(req), mode, req.query));

    app.get(`${prefix}/count`, {
      config: { permission: side.read },
      schema: {
        tags, summary: `台账记录共多少条（筛选条件同列表；超过一万条时为估计数，exact=false）——${side.who}`,
        querystring: EntryListQuery.omit({ cursor: true, limit: true, sort: true }), response: { 200: CountResult, 400: ErrorBody },
      },
    }, async (req) => entries.countEntries(deps, requireActor(req), mode, req.query));

    app.get(`${prefix}/:id`, {
      config: { permission: side.read },
      schema: { tags, summary: `台账记录及全部历史版本——${side.who}`, params: IdParams, response: { 200: EntryHistory, 404: ErrorBody } },
    }, async (req) => entries.getEntry(deps, requireActor(req), mode, req.params.id));

    app.post(prefix, {
      config: { permission: side.write },
      schema: {
        tags, summary: `新增台账记录——${side.who}`,
        description: `${mode === 'member' ? '成员单位报送的记录为“待审核”，组织部采纳后生效。' : '组织部录入的记录直接生效。'}\n\n${IDEMPOTENCY_NOTE}`,
        body: EntryCreateBody, response: { 200: z.object({ entryId: z.uuid() }), 400: ErrorBody, 409: ErrorBody, 422: ErrorBody },
      },
    }, async (req, reply) => {
      const key = readIdempotencyKey(req.headers['idempotency-key']);
      const r = await entries.createEntryOnce(deps, requireActor(req), mode, req.body, key);
      if (r.kind === 'key_reused') return reply.code(422).send({ error: 'idempotency_key_reused', requestId: req.id, message: KEY_REUSED });
      if (r.replayed) reply.header('Idempotent-Replayed', 'true');
      return r.response;
    });

    app.post(`${prefix}/:id/correct`, {
      config: { permission: side.write },
      schema: {
        tags, summary: `更正（新增一个版本，原版本保留）——${side.who}`, params: IdParams, body: EntryCorrectBody,
        response: { 200: Version, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    }, async (req) => entries.correctEntry(deps, requireActor(req), mode, req.params.id, req.body));

    app.post(`${prefix}/:id/withdraw`, {
      config: { permission: side.write },
      schema: {
        tags, summary: `撤销（新增一个带原因的撤销版本）——${side.who}`, params: IdParams, body: EntryWithdrawBody,
        response: { 200: Version, 404: ErrorBody, 409: ErrorBody },
      },
    }, async (req) => entries.withdrawEntry(deps, requireActor(req), mode, req.params.id, req.body.baseVersion, req.body.reason));
  }

  app.post('/api/entries/:id/review', {
    config: { permission: 'entry:review' },
    schema: {
      tags, summary: '审核成员单位报送：采纳或退回（退回须说明原因）', params: IdParams, body: EntryReviewBody,
      response: { 200: OkBody, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => {
    await entries.reviewEntry(deps, requireActor(req), req.params.id, req.body.decision, req.body.reason, req.body.baseVersion);
    return { ok: true as const };
  });

  app.get('/api/entry-kinds', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '台账类别及其详情字段（JSON Schema，用于生成表单）；成员单位只返回本单位可报送的类别',
      response: { 200: z.array(EntryKindView) },
    },
  }, async (req) => entries.entryKinds(deps, requireActor(req)));
}
