/** 预警: list, detail with evidence, lifecycle (已阅 / 已处置 / 已排除 with a reason), export. */
import {
  COLOUR_NAMES, ENTRY_KINDS, EXACT_COUNT_LIMIT, type CountResult, type WarningStatusByFilterBody, SENSITIVE_PLACEHOLDER, WARNING_RULES, fieldPolicyOf, mayReadEntry, type FieldPolicy, WARNING_STATUS_NAMES, ruleName, type EvidenceView, type RuleCatalogItem,
  type WarningDetail, type WarningListQuery, type WarningPage, type WarningStatusBody, type WarningView,
} from '@jiandu/domain';
import { entryText } from '../../crypto/entry-text.ts';
import type { FieldCrypto } from '../../crypto/keys.ts';
import type { Database, Tx } from '../../db/client.ts';
import type { Exporter } from '../../exports/format.ts';
import type { CellInput, SheetColumn } from '../../exports/xlsx.ts';
import { decodeCursor, decodeSortCursor, encodeCursor, encodeSortCursor } from '../../lib/cursor.ts';
import { cursorShape } from '../../repositories/lists.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import * as repo from '../../repositories/warnings.repository.ts';
import type { Actor, Clock, Scope } from '../../context.ts';
import { ServiceError, notFound } from '../../errors.ts';
import { EXPORT_CHUNK, XLSX_TYPE, streamSheet, type ExportFile } from '../exports.service.ts';
import { loadRuleSettings } from './settings.ts';

export interface RulesDeps {
  db: Database;
  clock: Clock;
  /** Opens the evidence entries' 摘要 (crypto/entry-text.ts). */
  crypto: FieldCrypto;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
export const kindNameOf = (code: string) => ENTRY_KINDS.find((k) => k.code === code)?.name ?? code;

export function warningView(r: repo.WarningRow): WarningView {
  return {
    id: r.id, rule: r.rule, ruleName: ruleName(r.rule), colour: r.colour, subjectType: r.subject_type, cadreId: r.cadre_id,
    cadreName: r.cadre_name, teamId: r.team_id, teamName: r.team_name, orgId: r.org_id, orgName: r.org_name,
    explanation: r.explanation, evidence: repo.pgUuidArray(r.evidence), until: r.until, active: r.active, status: r.status,
    statusReason: r.status_reason, statusByLogin: r.status_by_login, statusAt: iso(r.status_at),
    firstSeenAt: iso(r.first_seen_at)!, lastChangedAt: iso(r.last_changed_at)!,
  };
}

/**
 * Evidence as a reader sees it: entries outside the reader's scope are listed without their content, and
 * 敏感/重要 entries without clearance with the field policy's placeholder instead of their summary.
 */
export async function evidenceViews(tx: Tx, crypto: FieldCrypto, ids: readonly string[], scope: Scope | null, policy: FieldPolicy): Promise<EvidenceView[]> {
  const found = new Map((await repo.evidenceEntries(tx, ids, scope)).map((e) => [e.entry_id, e]));
  return ids.map((id) => {
    const e = found.get(id);
    if (!e) return { entryId: id, kind: '', kindName: '（记录不存在）', occurredOn: '', summary: '', visible: false };
    const visible = e.visible && e.status !== 'withdrawn';
    const redacted = !mayReadEntry(policy, { sensitivity: e.sensitivity, sourceDept: e.source_dept });
    const text = redacted ? SENSITIVE_PLACEHOLDER : entryText(crypto, id, 'summary', e.summary);
    return {
      entryId: id, kind: e.kind, kindName: kindNameOf(e.kind), occurredOn: e.occurred_on,
      summary: e.visible ? text + (e.status === 'withdrawn' ? '（已撤销）' : '') : '（不在您的查看范围内）', visible, redacted,
    };
  });
}

export async function listWarnings(deps: RulesDeps, actor: Actor, q: WarningListQuery): Promise<WarningPage> {
  const plan = q.sort ? repo.warningSortPlan(q.sort) : null;
  const sorted = q.sort && plan ? { plan, after: decodeSortCursor(q.cursor, q.sort, cursorShape(plan)) } : undefined;
  return deps.db.tx(async (tx) => {
    const found = await repo.listWarnings(tx, q, actor.scope, sorted ? null : decodeCursor<[string, string]>(q.cursor, ['timestamp', 'uuid']), q.limit + 1, sorted);
    const more = found.length > q.limit;
    if (more) found.pop();
    const items = found.map(warningView);
    await recordAudit(tx, actor, {
      action: 'warning.list', objectType: q.cadreId ? 'cadre' : q.teamId ? 'team' : 'warning', objectId: q.cadreId ?? q.teamId ?? null,
      details: { colour: q.colour ?? null, rule: q.rule ?? null, orgId: q.orgId ?? null, status: q.status ?? null, view: q.view, returned: items.length },
    }, deps.clock);
    const last = items[items.length - 1];
    if (q.sort) return { items, nextCursor: more && last ? encodeSortCursor(q.sort, jsonArray(found[found.length - 1]?.sort_key)) : null };
    return { items, nextCursor: more && last ? encodeCursor([last.lastChangedAt, last.id]) : null };
  });
}

/** A sort key read back from the database (json: parsed or text, by driver). */
export const jsonArray = (k: unknown): unknown[] => (typeof k === 'string' ? (JSON.parse(k) as unknown[]) : (k as unknown[]));

/** 共 N 条 of the warning list with its filters; audited like the list (warning.list, `counted`). */
export async function countWarnings(deps: RulesDeps, actor: Actor, q: Omit<WarningListQuery, 'cursor' | 'limit' | 'sort'>, cap?: number): Promise<CountResult> {
  return deps.db.tx(async (tx) => {
    const n = await repo.countWarningsCapped(tx, q, actor.scope, cap);
    await recordAudit(tx, actor, {
      action: 'warning.list', objectType: q.cadreId ? 'cadre' : q.teamId ? 'team' : 'warning', objectId: q.cadreId ?? q.teamId ?? null,
      details: { colour: q.colour ?? null, rule: q.rule ?? null, orgId: q.orgId ?? null, status: q.status ?? null, view: q.view, counted: n.total },
    }, deps.clock);
    return n;
  });
}

/**
 * 选择全部 N 条: the same decision on every warning the list's filters match in the reader's jurisdiction, in
 * one transaction; refused above `cap` (EXACT_COUNT_LIMIT) rows. Audited once with the filters and the count.
 */
export async function setWarningStatusByFilter(deps: RulesDeps, actor: Actor, body: WarningStatusByFilterBody, cap = EXACT_COUNT_LIMIT): Promise<{ updated: number; matched: number }> {
  const reason = body.reason?.trim() || null;
  if (body.status !== 'read' && !reason) {
    throw new ServiceError('invalid', `标记为“${WARNING_STATUS_NAMES[body.status]}”须填写理由`, 'invalid', [{ path: 'reason', message: '请填写理由' }]);
  }
  return deps.db.tx(async (tx) => {
    const ids = await repo.warningIdsOf(tx, body.filter, actor.scope, cap + 1);
    if (ids.length > cap) {
      throw new ServiceError('invalid', `符合条件的预警超过 ${cap} 条，不能一次批量处理，请先缩小筛选范围（如按颜色、规则或区域）`, 'too_many', [{ path: 'filter', message: `超过 ${cap} 条` }]);
    }
    const changed = ids.length ? await repo.setWarningStatus(tx, ids, body.status, reason, actor, deps.clock.now().toISOString()) : [];
    const f = body.filter;
    await recordAudit(tx, actor, {
      action: `warning.${body.status}`, objectType: 'warning', objectId: null, reason,
      details: { byFilter: true, colour: f.colour ?? null, rule: f.rule ?? null, orgId: f.orgId ?? null, status: f.status ?? null, view: f.view, matched: ids.length, updated: changed.length },
    }, deps.clock);
    return { updated: changed.length, matched: ids.length };
  });
}

export async function getWarning(deps: RulesDeps, actor: Actor, id: string): Promise<WarningDetail> {
  return deps.db.tx(async (tx) => {
    const [r] = await repo.listWarnings(tx, { ids: [id], view: 'all' }, actor.scope, null, 1);
    if (!r) throw notFound('预警');
    const view = warningView(r);
    const evidenceEntries = await evidenceViews(tx, deps.crypto, view.evidence, actor.scope, fieldPolicyOf(actor));
    const history = (await repo.warningEvents(tx, id)).map((e) => ({ at: iso(e.at)!, action: e.action, colour: e.colour, status: e.status, reason: e.reason, byLogin: e.by_login }));
    await recordAudit(tx, actor, { action: 'warning.read', objectType: 'warning', objectId: id }, deps.clock);
    return { ...view, evidenceEntries, history };
  });
}

export async function setWarningStatus(deps: RulesDeps, actor: Actor, body: WarningStatusBody): Promise<{ updated: number }> {
  const reason = body.reason?.trim() || null;
  if (body.status !== 'read' && !reason) {
    throw new ServiceError('invalid', `标记为“${WARNING_STATUS_NAMES[body.status]}”须填写理由`, 'invalid', [{ path: 'reason', message: '请填写理由' }]);
  }
  return deps.db.tx(async (tx) => {
    const ids = [...new Set(body.ids)];
    const visible = await repo.listWarnings(tx, { ids, view: 'all' }, actor.scope, null, ids.length);
    if (visible.length !== ids.length) throw notFound('预警');
    const now = deps.clock.now().toISOString();
    // 已阅 never overrides a decision already taken (已处置 / 已排除).
    const changed = await repo.setWarningStatus(tx, ids, body.status, reason, actor, now);
    await recordAudit(tx, actor, {
      action: `warning.${body.status}`, objectType: 'warning', objectId: ids.length === 1 ? ids[0]! : null, reason,
      details: { ids: ids.join(','), updated: changed.length },
    }, deps.clock);
    return { updated: changed.length };
  });
}

export async function ruleCatalog(deps: RulesDeps): Promise<RuleCatalogItem[]> {
  const s = await deps.db.tx((tx) => loadRuleSettings(tx));
  return WARNING_RULES.map((r) => ({
    code: r.code, name: r.name, subject: r.subject === 'cadre' ? '干部' : '班子', condition: r.condition, colours: [...r.colours],
    enabled: !s.disabledRules.includes(r.code),
  }));
}

const WARNING_COLUMNS: readonly SheetColumn[] = [
  { header: '颜色', width: 6 }, { header: '规则', width: 12 }, { header: '对象', width: 16 }, { header: '单位', width: 24 },
  { header: '说明', width: 60, wrap: true }, { header: '状态', width: 8 }, { header: '处置理由', width: 30, wrap: true },
  { header: '处置人', width: 12 }, { header: '首次发现', width: 18 }, { header: '有效至', width: 12 }, { header: '证据记录数', width: 10 },
];

function warningCells(w: WarningView): CellInput[] {
  return [
    COLOUR_NAMES[w.colour], w.ruleName, w.cadreName ?? w.teamName, w.orgName, w.explanation, w.active ? WARNING_STATUS_NAMES[w.status] : `${WARNING_STATUS_NAMES[w.status]}（已消除）`,
    w.statusReason, w.statusByLogin, w.firstSeenAt.slice(0, 19).replace('T', ' '), w.until, w.evidence.length,
  ];
}

export async function exportWarnings(deps: RulesDeps, actor: Actor, who: string, q: Omit<WarningListQuery, 'cursor' | 'limit'>): Promise<ExportFile> {
  const exporter: Exporter = { who, at: deps.clock.now() };
  const total = await deps.db.tx(async (tx) => {
    const n = await repo.countWarnings(tx, q, actor.scope);
    await recordAudit(tx, actor, {
      action: 'export.warnings', objectType: 'warning', objectId: null,
      details: { colour: q.colour ?? null, rule: q.rule ?? null, orgId: q.orgId ?? null, status: q.status ?? null, view: q.view, rows: n },
    }, deps.clock);
    return n;
  });
  async function* chunks(): AsyncGenerator<CellInput[][]> {
    let after: [string, string] | null = null;
    for (;;) {
      const cursor: [string, string] | null = after;
      const found: repo.WarningRow[] = await deps.db.tx((tx) => repo.listWarnings(tx, q, actor.scope, cursor, EXPORT_CHUNK));
      if (!found.length) return;
      yield found.map((r) => warningCells(warningView(r)));
      if (found.length < EXPORT_CHUNK) return;
      const last = found[found.length - 1]!;
      after = [iso(last.last_changed_at)!, last.id];
    }
  }
  const qualifiers = [q.colour ? `${COLOUR_NAMES[q.colour]}色` : null, q.rule ? ruleName(q.rule) : null].filter(Boolean);
  return {
    fileName: `预警清单${qualifiers.length ? `_${qualifiers.join('_')}` : ''}.xlsx`, contentType: XLSX_TYPE, rows: total,
    body: streamSheet({ sheetName: '预警', title: `预警清单${qualifiers.length ? `（${qualifiers.join('，')}）` : ''}\u3000共${total}条`, columns: WARNING_COLUMNS, exporter }, chunks()),
  };
}
