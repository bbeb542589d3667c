import { z } from 'zod';
import {
  CadreCreateBody, CadreDetail, CadreListItem, CadreListQuery, CadreLookupQuery, CadreLookupResult, CountResult, DateString, ErrorBody,
  IdNumberReveal, IdParams, ManageLevelBody, OkBody, TenureCreateBody, pageOf,
  TenureDomainHistory, TenureDomainsBody,
} from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as cadresSvc from '../services/cadres.service.ts';
import * as tenureDomainsSvc from '../services/tenure-domains.service.ts';

export function cadresRoutes(app: App, deps: AppDeps): void {
  const tags = ['干部'];

  app.get('/api/cadres', {
    config: { permission: 'cadre:read' },
    schema: {
      tags, summary: '干部列表（按姓名拼音排序，键集分页）',
      description: '`q` 可为姓名片段、拼音首字母（zsm 找到 张三明）或完整18位身份证号（精确匹配）。身份证号以掩码返回。',
      querystring: CadreListQuery, response: { 200: pageOf(CadreListItem), 400: ErrorBody },
    },
  }, async (req) => cadresSvc.listCadres(deps, requireActor(req), req.query));

  app.get('/api/cadres/count', {
    config: { permission: 'cadre:read' },
    schema: {
      tags, summary: '干部列表共多少条（筛选条件同列表；超过一万条时为估计数，exact=false）',
      querystring: CadreListQuery.omit({ cursor: true, limit: true, sort: true }), response: { 200: CountResult, 400: ErrorBody },
    },
  }, async (req) => cadresSvc.countCadres(deps, requireActor(req), req.query));

  app.get('/api/cadres/lookup', {
    config: { permission: 'cadre:lookup' },
    schema: {
      tags, summary: '精确查找干部（成员单位报送时使用）',
      description: '只能按完整身份证号，或按姓名+所在单位精确查找；不能浏览。每次查找记入审计日志。',
      querystring: CadreLookupQuery, response: { 200: z.array(CadreLookupResult), 400: ErrorBody },
    },
  }, async (req) => cadresSvc.lookupCadre(deps, requireActor(req), req.query));

  app.get('/api/cadres/:id', {
    config: { permission: 'cadre:read' },
    schema: { tags, summary: '干部基本档案（查看记入审计日志）', params: IdParams, response: { 200: CadreDetail, 404: ErrorBody } },
  }, async (req) => cadresSvc.getCadre(deps, requireActor(req), req.params.id));

  app.get('/api/cadres/:id/id-number', {
    config: { permission: 'cadre:sensitive' },
    schema: { tags, summary: '查看完整身份证号（敏感字段，记入审计日志）', params: IdParams, response: { 200: IdNumberReveal, 404: ErrorBody } },
  }, async (req) => ({ idNumber: (await cadresSvc.revealIdNumber(deps, requireActor(req), req.params.id)) ?? '' }));

  app.post('/api/cadres', {
    config: { permission: 'cadre:write' },
    schema: { tags, summary: '新增干部', body: CadreCreateBody, response: { 200: z.object({ id: z.uuid() }), 400: ErrorBody, 409: ErrorBody } },
  }, async (req) => cadresSvc.createCadre(deps, requireActor(req), req.body));

  app.put('/api/cadres/:id/manage-level', {
    config: { permission: 'cadre:write' },
    schema: {
      tags, summary: '调整干部管理权限（中管/省管/市管/县管；null 为按职务层次）',
      description: '只有县级以上（管辖全部管理权限）的监督员可以调整；理由与调整前后的管理权限记入审计日志。',
      params: IdParams, body: ManageLevelBody, response: { 200: CadreDetail, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
  }, async (req) => cadresSvc.setManageLevel(deps, requireActor(req), req.params.id, req.body));

  app.post('/api/cadres/:id/tenures', {
    config: { permission: 'cadre:write' },
    schema: { tags, summary: '新增任职', params: IdParams, body: TenureCreateBody, response: { 200: z.object({ id: z.uuid() }), 400: ErrorBody, 404: ErrorBody } },
  }, async (req) => cadresSvc.addTenure(deps, requireActor(req), req.params.id, req.body));

  app.post('/api/tenures/:id/end', {
    config: { permission: 'cadre:write' },
    schema: {
      tags, summary: '结束任职（任职变动）', params: IdParams, body: z.strictObject({ endDate: DateString }),
      response: { 200: OkBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => {
    await cadresSvc.endTenure(deps, requireActor(req), req.params.id, req.body.endDate);
    return { ok: true as const };
  });

  app.get('/api/tenures/:id/domains', {
    config: { permission: 'cadre:read' },
    schema: { tags, summary: '分工（分管领域）调整记录', params: IdParams, response: { 200: TenureDomainHistory, 404: ErrorBody } },
  }, async (req) => tenureDomainsSvc.tenureDomainHistory(deps, requireActor(req), req.params.id));

  app.post('/api/tenures/:id/domains', {
    config: { permission: 'cadre:write' },
    schema: {
      tags, summary: '分工调整（不结束任职）',
      description: '新的分管领域自生效日期起适用（不早于任职开始、不晚于任职结束和今天）；只追加，不修改历史。分管违规等预警按当日适用的分工重新计算。',
      params: IdParams, body: TenureDomainsBody, response: { 200: TenureDomainHistory, 400: ErrorBody, 404: ErrorBody },
    },
  }, async (req) => tenureDomainsSvc.changeTenureDomains(deps, requireActor(req), req.params.id, req.body));
}
