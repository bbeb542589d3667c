/**
 * The audit log as the 审计管理员 sees it: filtered reads and exports (themselves audited) and the
 * verification of the chain against the signed checkpoints kept outside the database.
 */
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, ROLE_NAMES, type CountResult, type AuditExportQuery, type AuditQuery, type AuditRow, type AuditVerifyResult, type Role } from '@jiandu/domain';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { beijingDateCompact, beijingTime, type Exporter } from '../exports/format.ts';
import type { CellInput, SheetColumn } from '../exports/xlsx.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { countAudit, countAuditCapped, queryAudit, recordAudit, recordAuditAlone, type AuditEvent, type AuditFilter } from '../repositories/audit.repository.ts';
import { checkpointPath, loadVerifier, verifyWithCheckpoints } from './audit-checkpoints.ts';
import type { Actor, Clock } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { EXPORT_CHUNK, XLSX_TYPE, streamSheet, type ExportFile } from './exports.service.ts';

/** Records one action in the audit log, in its own transaction (for a route whose work wrote nothing else). */
export async function recordAction(deps: { db: Database; clock: Clock }, actor: Actor, event: AuditEvent): Promise<void> {
  await recordAuditAlone(deps.db, actor, event, deps.clock);
}

function parseTime(v: string | undefined, field: string): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new ServiceError('invalid', `${field}不是有效的时间`, 'invalid', [{ path: field, message: '时间格式无效' }]);
  return d;
}

function filterOf(q: AuditExportQuery): Omit<AuditFilter, 'limit'> {
  return {
    from: parseTime(q.from, 'from'), to: parseTime(q.to, 'to'), actor: q.actor, action: q.action,
    objectType: q.objectType, objectId: q.objectId, result: q.result,
  };
}

export async function readAudit(deps: { db: Database; clock: Clock }, actor: Actor, q: AuditQuery): Promise<{ items: AuditRow[]; nextCursor: string | null }> {
  const [beforeSeq] = decodeCursor<[number]>(q.cursor, ['int']) ?? [undefined];
  const filter = { ...filterOf(q), beforeSeq, limit: q.limit + 1 };
  return deps.db.tx(async (tx) => {
    const items = await queryAudit(tx, filter);
    const more = items.length > q.limit;
    if (more) items.pop();
    await recordAudit(tx, actor, {
      action: 'audit.read', objectType: 'audit_log',
      details: { actor: q.actor ?? null, action: q.action ?? null, from: q.from ?? null, to: q.to ?? null, returned: items.length },
    }, deps.clock);
    return { items, nextCursor: more ? encodeCursor([items[items.length - 1]!.seq]) : null };
  });
}

/** 共 N 条 of the audit log with the list's filters; audited like the list (audit.read, `counted`). */
export async function countAuditRows(deps: { db: Database; clock: Clock }, actor: Actor, q: AuditExportQuery, cap?: number): Promise<CountResult> {
  const filter = filterOf(q);
  return deps.db.tx(async (tx) => {
    const n = await countAuditCapped(tx, filter, cap);
    await recordAudit(tx, actor, {
      action: 'audit.read', objectType: 'audit_log',
      details: { actor: q.actor ?? null, action: q.action ?? null, from: q.from ?? null, to: q.to ?? null, counted: n.total },
    }, deps.clock);
    return n;
  });
}

export async function verify(deps: { db: Database; clock: Clock; config: Config }, actor: Actor): Promise<AuditVerifyResult> {
  const result = await verifyWithCheckpoints(deps.db, checkpointPath(deps.config), loadVerifier(deps.config));
  await recordAuditAlone(deps.db, actor, {
    action: 'audit.verify', objectType: 'audit_log', result: result.ok ? 'success' : 'failure',
    reason: result.ok ? null : result.message, details: { checked: result.checked, brokenAt: result.brokenAt, cutOff: result.cutOff ?? null },
  }, deps.clock);
  return result;
}

const EXPORT_COLUMNS: readonly SheetColumn[] = [
  { header: '序号', width: 9 },
  { header: '时间', width: 20 },
  { header: '操作人', width: 18 },
  { header: '单位', width: 20, wrap: true },
  { header: '角色', width: 12 },
  { header: '操作', width: 18 },
  { header: '对象类型', width: 12 },
  { header: '对象', width: 26, wrap: true },
  { header: '对象编号', width: 20 },
  { header: '结果', width: 8 },
  { header: '原因', width: 30, wrap: true },
  { header: 'IP', width: 16 },
  { header: '请求编号', width: 20 },
  { header: '详情', width: 40, wrap: true },
];

const RESULT_NAMES: Record<string, string> = { success: '成功', failure: '失败', denied: '拒绝' };

function auditCells(r: AuditRow): CellInput[] {
  const roles = r.actorRole ? r.actorRole.split(',').map((c) => ROLE_NAMES[c as Role] ?? c).join('、') : '';
  const who = r.actorName && r.actorName !== r.actorLogin ? `${r.actorName}（${r.actorLogin}）` : r.actorLogin;
  return [
    r.seq, beijingTime(new Date(r.at)), who, r.actorUnit, roles, AUDIT_ACTIONS[r.action] ?? r.action,
    r.objectType ? AUDIT_OBJECT_TYPES[r.objectType] ?? r.objectType : '', r.objectName, r.objectId,
    RESULT_NAMES[r.result] ?? r.result, r.reason, r.clientIp, r.requestId,
    Object.keys(r.details).length ? JSON.stringify(r.details) : '',
  ];
}

/** A filtered range of the log as .xlsx, newest first like the page; audited (filter and row count) before a byte leaves. */
export async function exportAudit(deps: { db: Database; clock: Clock }, actor: Actor, who: string, q: AuditExportQuery): Promise<ExportFile> {
  const filter = filterOf(q);
  const at = deps.clock.now();
  const total = await deps.db.tx(async (tx) => {
    const n = await countAudit(tx, filter);
    await recordAudit(tx, actor, {
      action: 'audit.export', objectType: 'audit_log',
      details: { actor: q.actor ?? null, action: q.action ?? null, objectType: q.objectType ?? null, result: q.result ?? null, from: q.from ?? null, to: q.to ?? null, rows: n },
    }, deps.clock);
    return n;
  });
  async function* chunks(): AsyncIterable<CellInput[][]> {
    let beforeSeq: number | undefined;
    for (;;) {
      const rows = await deps.db.tx((tx) => queryAudit(tx, { ...filter, beforeSeq, limit: EXPORT_CHUNK }));
      if (rows.length === 0) return;
      yield rows.map(auditCells);
      if (rows.length < EXPORT_CHUNK) return;
      beforeSeq = rows[rows.length - 1]!.seq;
    }
  }
  const exporter: Exporter = { who, at };
  const body = streamSheet({ sheetName: '审计日志', title: '审计日志', columns: EXPORT_COLUMNS, exporter }, chunks());
  return { fileName: `审计日志-${beijingDateCompact(at)}.xlsx`, contentType: XLSX_TYPE, rows: total, body };
}
