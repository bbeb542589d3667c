import { z } from 'zod';
import { ErrorBody, IdParams, OrgChildrenQuery, OrgCreateBody, OrgDetail, OrgNode, OrgSearchHit, TeamView } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
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
}
