import { z } from 'zod';
import {
  ErrorBody, IdParams, OrgAbolishBody, OrgChange, OrgChildrenQuery, OrgCreateBody, OrgDetail, OrgMergeBody, OrgMoveBody, OrgNode,
  OrgRenameBody, OrgSearchHit, TeamView,
} from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as changesSvc from '../services/org-changes.service.ts';
import * as orgsSvc from '../services/orgs.service.ts';

export function orgsRoutes(app: App, deps: AppDeps): void {
  const tags = ['组织机构'];

  app.get('/api/orgs', {
    config: { permission: 'org:read' },
    schema: {
      tags, summary: '下级组织（不带 parentId 时返回管辖范围的根）', querystring: OrgChildrenQuery,
      response: { 200: z.array(OrgNode), 404: ErrorBody },
    },
  }, async (req) => orgsSvc.children(deps, requireActor(req), req.query.parentId ?? null));

  app.get('/api/orgs/search', {
    config: { permission: 'org:search' },
    schema: {
      tags, summary: '按名称查找组织（管辖范围内）；返回上级单位名称以区分同名单位，以及领导班子编号',
      querystring: z.object({ q: z.string().trim().min(1).max(50) }),
      response: { 200: z.array(OrgSearchHit) },
    },
  }, async (req) => orgsSvc.searchOrgs(deps, requireActor(req), req.query.q));

  app.get('/api/orgs/:id', {
    config: { permission: 'org:read' },
    schema: {
      tags, summary: '组织详情', params: IdParams,
      response: { 200: OrgDetail, 404: ErrorBody },
    },
  }, async (req) => orgsSvc.getOrg(deps, requireActor(req), req.params.id));

  // A roster of cadres (names, births, titles): a cadre permission, so the 系统管理员 (org tree only) gets 403.
  app.get('/api/orgs/:id/team', {
    config: { permission: 'cadre:read' },
    schema: {
      tags, summary: '领导班子及现任成员（一把手在前）', params: IdParams,
      response: { 200: z.object({ team: TeamView.nullable() }), 404: ErrorBody },
    },
  }, async (req) => ({ team: await orgsSvc.getTeam(deps, requireActor(req), req.params.id) }));

  app.post('/api/orgs', {
    config: { permission: 'org:write' },
    schema: { tags, summary: '新增组织', body: OrgCreateBody, response: { 200: OrgNode, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (req) => orgsSvc.createOrg(deps, requireActor(req), req.body));

  // Units as they change (机构改革): each dated, audited, in the jurisdiction (services/org-changes.service.ts).
  const changeResponse = { 200: OrgNode, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
  app.post('/api/orgs/:id/rename', {
    config: { permission: 'org:write' },
    schema: { tags, summary: '单位更名（原名称保留为曾用名，导入时仍可匹配）', params: IdParams, body: OrgRenameBody, response: changeResponse },
  }, async (req) => changesSvc.renameOrg(deps, requireActor(req), req.params.id, req.body));

  app.post('/api/orgs/:id/move', {
    config: { permission: 'org:write' },
    schema: { tags, summary: '调整隶属关系（连同下级单位移到新的上级单位之下）', params: IdParams, body: OrgMoveBody, response: changeResponse },
  }, async (req) => changesSvc.moveOrg(deps, requireActor(req), req.params.id, req.body));

  app.post('/api/orgs/:id/merge', {
    config: { permission: 'org:write' },
    schema: { tags, summary: '并入另一单位（干部、领导班子、下级单位随转，台账与历史保留）', params: IdParams, body: OrgMergeBody, response: changeResponse },
  }, async (req) => changesSvc.mergeOrg(deps, requireActor(req), req.params.id, req.body));

  app.post('/api/orgs/:id/abolish', {
    config: { permission: 'org:write' },
    schema: { tags, summary: '撤销单位（须先调整其在职干部、班子成员和下级单位；历史仍可查看）', params: IdParams, body: OrgAbolishBody, response: changeResponse },
  }, async (req) => changesSvc.abolishOrg(deps, requireActor(req), req.params.id, req.body));

  app.get('/api/orgs/:id/changes', {
    config: { permission: 'org:read' },
    schema: { tags, summary: '单位变更记录（新的在前）', params: IdParams, response: { 200: z.array(OrgChange), 404: ErrorBody } },
  }, async (req) => changesSvc.orgChanges(deps, requireActor(req), req.params.id));
}
