import {
  DashboardQuery, DashboardView, DictionariesBody, EligibilityView, ErrorBody, IdParams, OkBody, RuleJobView, RuleSettingsBody,
  RuleSettingsView,
} from '@jiandu/domain';
import type { App, AppDeps } from '../app-types.ts';
import { requireActor } from '../plugins/auth.ts';
import { recordAction } from '../services/audit.service.ts';
import { dashboard } from '../services/supervision/dashboard.service.ts';
import { eligibilityDocx, getEligibility } from '../services/supervision/eligibility.service.ts';
import { latestJob, startFullEvaluation } from '../services/supervision/jobs.ts';
import { getRuleSettings, putDictionaries, putRuleSettings } from '../services/supervision/settings.service.ts';
import { exporterName, sendFile } from './exports.routes.ts';

/** The 工作台, eligibility (凡提必查), rule settings and the full re-evaluation. */
export function rulesRoutes(app: App, deps: AppDeps): void {
  const tags = ['规则引擎'];

  app.get('/api/dashboard', {
    config: { permission: 'dashboard:read' },
    schema: {
      tags, summary: '工作台统计：待办、预警（按颜色、区域、规则）、覆盖率、各来源台账数',
      description: '每个数字都对应一个列表的筛选条件（/api/warnings、/api/obligations、/api/entries），可逐级查看到记录。',
      querystring: DashboardQuery, response: { 200: DashboardView, 404: ErrorBody },
    },
  }, async (req) => dashboard(deps, requireActor(req), req.query));

  app.get('/api/cadres/:id/eligibility', {
    config: { permission: 'eligibility:read' },
    schema: {
      tags, summary: '干部使用资格（凡提必查 / 任前廉政意见）：可以使用 / 暂缓 / 不宜，附全部理由与证据',
      description: '按今天的台账即时计算；已免责、查否的信访等不计入的记录单独列出。敏感查询，记入审计日志。',
      params: IdParams, response: { 200: EligibilityView, 404: ErrorBody },
    },
  }, async (req) => getEligibility(deps, requireActor(req), req.params.id));

  app.get('/api/cadres/:id/eligibility.docx', {
    config: { permission: 'eligibility:read' },
    schema: { tags, summary: '下载任前廉政意见（凡提必查，Word，一页）', params: IdParams, response: { 404: ErrorBody } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    return sendFile(reply, await eligibilityDocx(deps, actor, exporterName(req), '组织部干部监督科', req.params.id));
  });

  app.get('/api/rules/settings', {
    config: { permission: 'settings:read' },
    schema: { tags, summary: '规则设置（阈值、影响期、不直接分管领域）与台账字典', response: { 200: RuleSettingsView } },
  }, async () => getRuleSettings(deps));

  app.put('/api/rules/settings', {
    config: { permission: 'settings:rules' },
    schema: {
      tags, summary: '修改规则设置（随后全部重新评估）',
      description: '修改记入审计日志（修改前后的值）；保存后启动一次全量重新评估，返回该任务。',
      body: RuleSettingsBody, response: { 200: RuleJobView, 400: ErrorBody },
    },
  }, async (req) => putRuleSettings(deps, requireActor(req), req.body));

  app.put('/api/rules/dictionaries', {
    config: { permission: 'settings:rules' },
    schema: { tags, summary: '修改台账字典（枚举值）', body: DictionariesBody, response: { 200: OkBody, 400: ErrorBody } },
  }, async (req) => putDictionaries(deps, requireActor(req), req.body));

  app.post('/api/rules/jobs', {
    config: { permission: 'rules:run' },
    schema: { tags, summary: '启动全量重新评估（已有任务在运行时返回该任务）', response: { 200: RuleJobView } },
  }, async (req) => {
    const actor = requireActor(req);
    const job = await startFullEvaluation(deps, actor, '手动发起');
    await recordAction(deps, actor, { action: 'rules.evaluate', objectType: 'rule_job', objectId: job.id });
    return job;
  });

  app.get('/api/rules/jobs/latest', {
    config: { permission: 'settings:read' },
    schema: { tags, summary: '最近一次全量重新评估的进度', response: { 200: RuleJobView.nullable() } },
  }, async () => deps.db.tx((tx) => latestJob(tx)));
}

