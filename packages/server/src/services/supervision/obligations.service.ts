/** 待办: obligations in the reader's jurisdiction (the responsible supervisors are those whose scope covers the subject). */
import { OBLIGATION_NAMES, OBLIGATION_STATE_NAMES, type CountResult, type ObligationListQuery, type ObligationPage, type ObligationView } from '@jiandu/domain';
import type { Exporter } from '../../exports/format.ts';
import type { CellInput, SheetColumn } from '../../exports/xlsx.ts';
import { decodeCursor, decodeSortCursor, encodeCursor, encodeSortCursor } from '../../lib/cursor.ts';
import { cursorShape } from '../../repositories/lists.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import * as repo from '../../repositories/warnings.repository.ts';
import { todayOf, type Actor } from '../../context.ts';
import { EXPORT_CHUNK, XLSX_TYPE, streamSheet, type ExportFile } from '../exports.service.ts';
import { jsonArray, type RulesDeps } from './warnings.service.ts';

export function obligationView(r: repo.ObligationRow): ObligationView {
  return {
    id: r.id, type: r.type, typeName: OBLIGATION_NAMES[r.type], subjectType: r.subject_type, cadreId: r.cadre_id, cadreName: r.cadre_name,
    teamId: r.team_id, teamName: r.team_name, orgId: r.org_id, orgName: r.org_name, title: r.title, triggeredOn: r.triggered_on,
    dueOn: r.due_on, doneOn: r.done_on, doneBy: r.done_by, state: r.state, evidence: repo.pgUuidArray(r.evidence),
    responsibleId: r.responsible_id, responsibleName: r.responsible_name, assigned: r.assigned,
    closedOn: r.closed_on, closedByLogin: r.closed_by_login, closeNote: r.close_note,
  };
}

/** 我的待办 (mine=true): the ones the actor answers for. */
function filterOf(actor: Actor, q: Omit<ObligationListQuery, 'cursor' | 'limit'>): repo.ObligationFilter {
  const { mine, ...rest } = q;
  // An actor without an account (system) answers for nothing: an impossible id keeps 我的 empty.
  return mine === 'true' ? { ...rest, responsibleId: actor.userId ?? '00000000-0000-0000-0000-000000000000' } : rest;
}

export async function listObligations(deps: RulesDeps, actor: Actor, q: ObligationListQuery): Promise<ObligationPage> {
  const plan = q.sort ? repo.obligationSortPlan(q.sort) : null;
  const sorted = q.sort && plan ? { plan, after: decodeSortCursor(q.cursor, q.sort, cursorShape(plan)) } : undefined;
  return deps.db.tx(async (tx) => {
    const found = await repo.listObligations(tx, filterOf(actor, q), actor.scope, todayOf(deps.clock), sorted ? null : decodeCursor<repo.ObligationCursor>(q.cursor, ['int', 'date', 'uuid']), q.limit + 1, sorted);
    const more = found.length > q.limit;
    if (more) found.pop();
    const lastRow = found[found.length - 1];
    const items = found.map(obligationView);
    if (q.cadreId || q.teamId) {
      await recordAudit(tx, actor, { action: 'obligation.list', objectType: q.cadreId ? 'cadre' : 'team', objectId: q.cadreId ?? q.teamId ?? null, details: { returned: items.length } }, deps.clock);
    }
    if (q.sort) return { items, nextCursor: more && lastRow ? encodeSortCursor(q.sort, jsonArray(lastRow.sort_key)) : null };
    return { items, nextCursor: more && lastRow ? encodeCursor(repo.obligationCursorOf(lastRow)) : null };
  });
}

/** 共 N 条 of the 待办 list with its filters; audited like the list (a subject's 待办 only). */
export async function countObligations(deps: RulesDeps, actor: Actor, q: Omit<ObligationListQuery, 'cursor' | 'limit' | 'sort'>, cap?: number): Promise<CountResult> {
  return deps.db.tx(async (tx) => {
    const n = await repo.countObligationsCapped(tx, filterOf(actor, q), actor.scope, todayOf(deps.clock), cap);
    if (q.cadreId || q.teamId) {
      await recordAudit(tx, actor, { action: 'obligation.list', objectType: q.cadreId ? 'cadre' : 'team', objectId: q.cadreId ?? q.teamId ?? null, details: { counted: n.total } }, deps.clock);
    }
    return n;
  });
}

const COLUMNS: readonly SheetColumn[] = [
  { header: '类型', width: 16 }, { header: '对象', width: 16 }, { header: '单位', width: 24 }, { header: '事项', width: 50, wrap: true },
  { header: '触发日期', width: 12 }, { header: '期限', width: 12 }, { header: '状态', width: 8 }, { header: '完成日期', width: 12 },
  { header: '负责人', width: 12 }, { header: '办结说明', width: 30, wrap: true },
];

export async function exportObligations(deps: RulesDeps, actor: Actor, who: string, q: Omit<ObligationListQuery, 'cursor' | 'limit'>): Promise<ExportFile> {
  const exporter: Exporter = { who, at: deps.clock.now() };
  const asOf = todayOf(deps.clock);
  const total = await deps.db.tx(async (tx) => {
    const n = await repo.countObligations(tx, filterOf(actor, q), actor.scope, asOf);
    await recordAudit(tx, actor, { action: 'export.obligations', objectType: 'obligation', objectId: null, details: { type: q.type ?? null, state: q.state ?? null, year: q.year ?? null, orgId: q.orgId ?? null, rows: n } }, deps.clock);
    return n;
  });
  async function* chunks(): AsyncGenerator<CellInput[][]> {
    let after: repo.ObligationCursor | null = null;
    for (;;) {
      const cursor: repo.ObligationCursor | null = after;
      const found: repo.ObligationRow[] = await deps.db.tx((tx) => repo.listObligations(tx, filterOf(actor, q), actor.scope, asOf, cursor, EXPORT_CHUNK));
      if (!found.length) return;
      yield found.map((r) => [OBLIGATION_NAMES[r.type], r.cadre_name ?? r.team_name ?? r.org_name, r.org_name, r.title, r.triggered_on, r.due_on, OBLIGATION_STATE_NAMES[r.state], r.done_on ?? r.closed_on,
        r.responsible_name, r.close_note]);
      if (found.length < EXPORT_CHUNK) return;
      after = repo.obligationCursorOf(found[found.length - 1]!);
    }
  }
  return {
    fileName: '待办义务清单.xlsx', contentType: XLSX_TYPE, rows: total,
    body: streamSheet({ sheetName: '待办', title: `待办义务清单\u3000共${total}条`, columns: COLUMNS, exporter }, chunks()),
  };
}
