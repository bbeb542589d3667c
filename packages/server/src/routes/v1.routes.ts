import { ErrorBody, PUSH_MAX_ITEMS, PushBody, PushHeaders, PushResponse } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireApiToken } from '../plugins/auth.ts';
import { pushEntries } from '../services/push.service.ts';

const PUSH_DESCRIPTION = `成员单位业务系统使用接口令牌（请求头 \`Authorization: Bearer <令牌>\`，不使用登录会话）批量报送台账记录。

- **每批**最多 ${PUSH_MAX_ITEMS} 条。请求格式不符合本接口定义（缺字段、类型错误、超过条数）时整批拒绝（400），不写入任何数据。
- **逐条校验**：类别须在令牌允许的类别内；干部按身份证号、或姓名＋所在单位精确查找，领导班子按所在单位（teamOrgId）查找，均只在令牌的管辖范围内；详情字段按类别校验（见 GET /api/entry-kinds）。通过的记录写入为“待审核”，由组织部审核；未通过的逐条返回原因（issues）。整批在一个事务内完成。
- **Idempotency-Key**（必填）：同一令牌以同一键、同一请求体重试时，返回首次的结果（状态 200，响应头 \`Idempotent-Replayed: true\`），不再写入；同一键配不同请求体返回 422。
- **externalId**：本单位系统的记录编号。同一编号只入库一次：再次报送（无论换不换 Idempotency-Key）返回 duplicate 及已入库记录的 entryId。`;

/** The department-system API (bearer 接口令牌, not sessions). */
export function v1Routes(app: App, deps: AppDeps): void {
  app.post('/api/v1/entries', {
    config: { permission: 'api-token' },
    schema: {
      tags: ['系统对接'],
      summary: '成员单位系统批量报送台账记录',
      description: PUSH_DESCRIPTION,
      headers: PushHeaders,
      body: PushBody,
      response: { 200: PushResponse, 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 422: ErrorBody },
    },
  }, async (req, reply) => {
    const r = await pushEntries(deps, requireApiToken(req), req.headers['idempotency-key'], req.body);
    if (r.kind === 'key_reused') {
      return reply.code(422).send({
        error: 'idempotency_key_reused', requestId: req.id,
        message: '该 Idempotency-Key 已用于另一份不同的请求：重试请保持请求体完全一致，新的一批数据请使用新的 Idempotency-Key',
      });
    }
    if (r.replayed) reply.header('Idempotent-Replayed', 'true');
    return r.response;
  });
}
