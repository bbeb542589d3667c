import { CadreSummaryView, ErrorBody, IdParams, OkBody, PrintBody, TeamSummaryView } from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import { cadreSummary, recordPrint, teamSummary } from '../services/supervision/summary.service.ts';

/** The verdict at the top of a cadre's profile and of a team's page; a page printed (audited). */
export function summaryRoutes(app: App, deps: AppDeps): void {
  const tags = ['规则引擎'];

  app.get('/api/cadres/:id/summary', {
    config: { permission: 'cadre:read' },
    schema: {
      tags, summary: '干部档案概要：使用资格（及可能变化的日期）、未处置预警（按颜色）、影响期、未完成待办',
      description: '档案首屏所需的结论。各部分按读者权限返回（无权时为 null）；超出管辖范围为 404；记入审计日志。',
      params: IdParams, response: { 200: CadreSummaryView, 404: ErrorBody },
    },
  }, async (req) => cadreSummary(deps, requireActor(req), req.params.id));

  app.get('/api/teams/:id/summary', {
    config: { permission: 'cadre:read' }, // as the team's roster (GET /api/orgs/:id/team)
    schema: {
      tags, summary: '领导班子概要：未处置预警（按颜色）、本年度调研、未完成待办',
      description: '各部分按读者权限返回（无权时为 null）；超出管辖范围或上级管理的班子为 404；记入审计日志。',
      params: IdParams, response: { 200: TeamSummaryView, 404: ErrorBody },
    },
  }, async (req) => teamSummary(deps, requireActor(req), req.params.id));

  app.post('/api/print', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: '记录一次打印（干部档案、领导班子、台账、预警、待办）',
      description: '打印前由页面调用，记入审计日志：打印的页面、对象或筛选条件、行数。须有查看该页面的权限。',
      body: PrintBody, response: { 200: OkBody, 400: ErrorBody, 403: ErrorBody },
    },
  }, async (req) => {
    await recordPrint(deps, requireActor(req), req.body);
    return { ok: true as const };
  });
}
