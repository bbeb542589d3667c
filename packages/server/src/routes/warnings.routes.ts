import { z } from 'zod';
import {
  CountResult, ErrorBody, IdParams, ObligationActionView, ObligationAssignBody, ObligationAssigneeQuery, ObligationAssigneeView, ObligationListQuery,
  ObligationNoteBody, ObligationPage, ObligationResponsibleBody, ObligationResponsibleView, OkBody, RuleCatalogItem, WarningDetail,
  WarningListQuery, WarningPage, WarningStatusBody, WarningStatusByFilterBody, WarningStatusResult,
} from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import * as actions from '../services/supervision/obligation-actions.service.ts';
import * as obligations from '../services/supervision/obligations.service.ts';
import * as warnings from '../services/supervision/warnings.service.ts';
import { exporterName, sendFile } from './exports.routes.ts';

/** 预警 and 待办: lists in the reader's jurisdiction, the lifecycle of a warning, exports. */
export function warningsRoutes(app: App, deps: AppDeps): void {
  const tags = ['预警与待办'];
  const exportQuery = WarningListQuery.omit({ cursor: true, limit: true });

  app.get('/api/rules/catalog', {
    config: { permission: 'warning:read' },
    schema: { tags, summary: '预警规则目录（名称、条件、颜色、是否启用）', response: { 200: z.array(RuleCatalogItem) } },
  }, async () => warnings.ruleCatalog(deps));

  app.get('/api/warnings', {
    config: { permission: 'warning:read' },
    schema: {
      tags, summary: '预警列表（默认只列未处置、未排除且仍成立的）',
      description: 'orgId 为区域（含下级）。view=open 未处置；active 仍成立的全部；all 含已消除的。每次查询记入审计日志。',
      querystring: WarningListQuery, response: { 200: WarningPage, 400: ErrorBody },
    },
  }, async (req) => warnings.listWarnings(deps, requireActor(req), req.query));

  app.get('/api/warnings/count', {
    config: { permission: 'warning:read' },
    schema: {
      tags, summary: '预警列表共多少条（筛选条件同列表；超过一万条时为估计数，exact=false）',
      querystring: exportQuery.omit({ sort: true }), response: { 200: CountResult, 400: ErrorBody },
    },
  }, async (req) => warnings.countWarnings(deps, requireActor(req), req.query));

  app.get('/api/warnings/export.xlsx', {
    config: { permission: 'warning:read' },
    schema: { tags, summary: '导出预警清单（Excel，筛选条件同列表）', querystring: exportQuery, response: { 400: ErrorBody } },
  }, async (req, reply) => sendFile(reply, await warnings.exportWarnings(deps, requireActor(req), exporterName(req), req.query)));

  app.get('/api/warnings/:id', {
    config: { permission: 'warning:read' },
    schema: {
      tags, summary: '预警详情：说明、证据记录与处置经过', params: IdParams,
      response: { 200: WarningDetail, 404: ErrorBody },
    },
  }, async (req) => warnings.getWarning(deps, requireActor(req), req.params.id));

  app.post('/api/warnings/status', {
    config: { permission: 'warning:handle' },
    schema: {
      tags, summary: '批量标记预警：已阅 / 已处置 / 已排除',
      description: '已处置、已排除须填写理由；已阅不覆盖已处置或已排除。记入审计日志与预警的处置经过。',
      body: WarningStatusBody, response: { 200: WarningStatusResult, 400: ErrorBody, 404: ErrorBody },
    },
  }, async (req) => warnings.setWarningStatus(deps, requireActor(req), req.body));

  app.post('/api/warnings/status-by-filter', {
    config: { permission: 'warning:handle' },
    schema: {
      tags, summary: '按筛选条件批量标记预警（选择全部 N 条）：已阅 / 已处置 / 已排除',
      description: '处理管辖范围内符合列表筛选条件的全部预警（一次最多一万条，超过时拒绝并提示缩小范围）；一个事务，记入审计日志（条件与条数）。',
      body: WarningStatusByFilterBody, response: { 200: WarningStatusResult.extend({ matched: z.number().int() }), 400: ErrorBody },
    },
  }, async (req) => warnings.setWarningStatusByFilter(deps, requireActor(req), req.body));

  app.get('/api/obligations', {
    config: { permission: 'obligation:read' },
    schema: {
      tags, summary: '待办义务（谈心谈话、一把手培训、调研全覆盖、联席会议），按期限排序',
      description: '状态按今天计算：已完成 / 已逾期（期限已过未完成）/ 待办。',
      querystring: ObligationListQuery, response: { 200: ObligationPage, 400: ErrorBody },
    },
  }, async (req) => obligations.listObligations(deps, requireActor(req), req.query));

  app.get('/api/obligations/count', {
    config: { permission: 'obligation:read' },
    schema: {
      tags, summary: '待办义务共多少条（筛选条件同列表；超过一万条时为估计数，exact=false）',
      querystring: ObligationListQuery.omit({ cursor: true, limit: true, sort: true }), response: { 200: CountResult, 400: ErrorBody },
    },
  }, async (req) => obligations.countObligations(deps, requireActor(req), req.query));

  app.get('/api/obligations/export.xlsx', {
    config: { permission: 'obligation:read' },
    schema: { tags, summary: '导出待办义务（Excel，筛选条件同列表）', querystring: ObligationListQuery.omit({ cursor: true, limit: true }), response: { 400: ErrorBody } },
  }, async (req, reply) => sendFile(reply, await obligations.exportObligations(deps, requireActor(req), exporterName(req), req.query)));

  app.post('/api/obligations/:id/assign', {
    config: { permission: 'obligation:act' },
    schema: {
      tags, summary: '分派待办给同事（其管理范围须包含该对象），并通知对方',
      description: '记入处理记录与审计日志；此后该待办不再随区域默认负责人变化。', params: IdParams, body: ObligationAssignBody,
      response: { 200: OkBody, 400: ErrorBody, 404: ErrorBody },
    },
  }, async (req) => actions.assignObligation(deps, requireActor(req), req.params.id, req.body));

  app.post('/api/obligations/:id/close', {
    config: { permission: 'obligation:act' },
    schema: {
      tags, summary: '办结待办（无需登记记录时），须填写说明', description: '办结后状态为已完成，不再产生义务逾期预警。',
      params: IdParams, body: ObligationNoteBody, response: { 200: OkBody, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => actions.closeObligation(deps, requireActor(req), req.params.id, req.body));

  app.post('/api/obligations/:id/reopen', {
    config: { permission: 'obligation:act' },
    schema: {
      tags, summary: '重新打开已办结的待办，须填写说明', params: IdParams, body: ObligationNoteBody,
      response: { 200: OkBody, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => actions.reopenObligation(deps, requireActor(req), req.params.id, req.body));

  app.get('/api/obligations/:id/actions', {
    config: { permission: 'obligation:read' },
    schema: { tags, summary: '待办的处理记录（分派、办结、重新打开）', params: IdParams, response: { 200: z.array(ObligationActionView), 404: ErrorBody } },
  }, async (req) => actions.obligationActions(deps, requireActor(req), req.params.id));

  app.get('/api/obligations/:id/assignees', {
    config: { permission: 'obligation:act' },
    schema: {
      tags, summary: '可分派的用户（在用、管理范围包含该对象），按登录名', params: IdParams, querystring: ObligationAssigneeQuery,
      response: { 200: z.array(ObligationAssigneeView), 404: ErrorBody },
    },
  }, async (req) => actions.obligationAssignees(deps, requireActor(req), req.params.id, req.query.q));

  app.get('/api/obligation-responsibles', {
    config: { permission: 'obligation:read' },
    schema: { tags, summary: '各区域待办默认负责人（按区域、类型）', response: { 200: z.array(ObligationResponsibleView) } },
  }, async (req) => actions.listResponsibles(deps, requireActor(req)));

  app.get('/api/obligation-responsibles/candidates', {
    config: { permission: 'obligation:act' },
    schema: {
      tags, summary: '可作为某区域待办默认负责人的用户（在用、管理范围包含该区域）',
      querystring: ObligationAssigneeQuery.extend({ orgId: z.string().uuid() }), response: { 200: z.array(ObligationAssigneeView), 404: ErrorBody },
    },
  }, async (req) => actions.areaCandidates(deps, requireActor(req), req.query.orgId, req.query.q));

  app.post('/api/obligation-responsibles', {
    config: { permission: 'obligation:act' },
    schema: {
      tags, summary: '设置（或清除）某区域待办的默认负责人，可按类型',
      description: '该区域（含下级）未分派的未完成待办随即改由其负责；更具体的区域、指定类型的设置优先；都没有时为管理范围最具体的监督科用户。',
      body: ObligationResponsibleBody, response: { 200: z.object({ updated: z.number().int() }), 400: ErrorBody, 404: ErrorBody },
    },
  }, async (req) => actions.setResponsible(deps, requireActor(req), req.body));
}
