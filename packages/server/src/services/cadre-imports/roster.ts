/**
 * 干部名册 (roster) as a kind of the import job (`services/imports/`): the wizard's upload, header mapping,
 * background check and commit, with the roster's columns (`ROSTER_COLUMNS`).
 *
 * Check: each row → the cadre's facts (`rosterRowFacts`) → matched (身份证号, else 姓名 + 出生年月, in
 * scope) → planned (`planCadre`, merge mode: only the cells the row fills). Rows to create or update are
 * staged in `import_staging` (kind `roster`; `id` = the cadre to write, pre-assigned for a new one;
 * `details` = the row's field texts, its field-by-field difference, the cadre version seen, and the
 * 身份证号 SM4-encrypted for that cadre — never in clear). Unchanged rows count as duplicates; problems
 * are `import_issue` rows by Excel row and column, like the ledger's.
 *
 * Commit (one transaction, called by `imports.service` commit through `rosterImport`): each staged row is re-checked (the cadre
 * unchanged since the check, a new cadre still new) and applied in its own savepoint; a conflict becomes
 * a problem of that row and the others are written.
 */
import crypto from 'node:crypto';
import {
  DEPARTMENT, ROSTER_COLUMNS, ROSTER_EXTRA_FIELDS, ROSTER_KIND, ROSTER_KIND_NAME, birthOf, isRosterKind, rosterRowFacts,
  type CadreDiffItem, type PlacementHow, type RosterChange,
} from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import * as recs from '../../repositories/cadre-records.repository.ts';
import * as importsRepo from '../../repositories/imports.repository.ts';
import { todayOf, type Actor } from '../../context.ts';
import { idAad, insertTenureIn } from '../cadres.service.ts';
import { reevaluate } from '../supervision/evaluate.ts';
import { openTenuresOf } from '../../repositories/placement.repository.ts';
import { TenureBook, loadPlacement, placeExisting, placeNew, type PlacementContext, type TenurePlan } from './placement.ts';
import { ServiceError, pgErrorOf } from '../../errors.ts';
import type { ChunkResult, ImportKind, SheetRowIn } from '../imports/kind.ts';
import {
  ApplyConflict, applyCadre, bidxOf, loadStates, matchCadres, planCadre, type IncomingCadre, type UpsertDeps,
} from '../cadre-upsert.ts';

export { ROSTER_COLUMNS };

/** The roster as a kind of the import job (services/imports/kinds.ts). */
export const rosterImport: ImportKind = {
  resolve: (ref) => (isRosterKind(ref) ? ROSTER_KIND : null),
  label: () => ROSTER_KIND_NAME,
  async target(_deps, actor) {
    // A roster writes cadres: 组织部 only, never a member department.
    if (!actor.permissions.has('cadre:write')) throw new ServiceError('forbidden', '没有导入干部名册的权限（成员单位不能导入干部）');
    return { kind: ROSTER_KIND, sourceDept: DEPARTMENT.organization, sourceName: '组织部' };
  },
  specs: async () => [...ROSTER_COLUMNS],
  async check(deps, actor, batch, { headerOf }) {
    const roster = new RosterCheck(deps, actor, { ...batch, options: batch.options ?? {} });
    return {
      async chunk(tx, rows) {
        const res = await roster.chunk(tx, rows, headerOf);
        // The roster's texts are its own (the 身份证号 encrypted in `details`), staged as they are.
        return { ...res, staged: res.staged.map((s) => ({ ...s, batchId: batch.id })) };
      },
    };
  },
  async commit(tx, deps, actor, batch) {
    const r = await commitRoster(tx, deps, actor, batch);
    return { imported: r.created + r.updated, failed: r.failed, counts: { created: r.created, updated: r.updated, tenures: r.tenures } };
  },
  changes: (tx, batchId, afterRow, limit) => rosterChanges(tx, batchId, afterRow, limit),
};

/** What a staged roster row keeps in `import_staging.details`. */
interface RosterStaged {
  /** unchanged: the cadre stays as he is, only the tenure is created. */
  status: 'create' | 'update' | 'unchanged';
  match: 'id' | 'name_birth' | 'none';
  version: number | null;
  name: string;
  orgName: string | null;
  fields: Record<string, string>;
  /** The row's 身份证号, SM4-encrypted with the AAD of the cadre it will be stored on (base64). */
  idEnc: string | null;
  diff: CadreDiffItem[];
  warnings: string[];
  /** How a new cadre's unit was found. */
  orgHow?: PlacementHow | null;
  /** The tenure to create (the import's `tenures` option), in the team of `orgName`'s unit. */
  tenure?: (TenurePlan & { team: string }) | null;
}

interface BatchRef { id: string; fileName: string; fileSm3: string; sourceDept: string; options?: { orgId?: string | null; tenures?: boolean } }


/** The check of one roster file: keeps, across chunks, which cadres earlier rows named. */
export class RosterCheck {
  private readonly seen = new Map<string, number>();
  private placement: PlacementContext | null = null;
  private readonly book = new TenureBook();

  constructor(private readonly deps: UpsertDeps, private readonly actor: Actor, private readonly batch: BatchRef) {}

  async chunk(tx: Tx, rows: SheetRowIn[], headerOf: (key: string) => string): Promise<ChunkResult> {
    const out: ChunkResult = { staged: [], issues: [], duplicates: 0, rejectedRows: 0 };
    const reject = (row: number, problems: Array<{ column: string; message: string }>) => {
      out.issues.push(...problems.map((p) => ({ row, ...p })));
      out.rejectedRows++;
    };
    const valid: Array<{ row: number; incoming: IncomingCadre; orgName: string | null }> = [];
    for (const r of rows) {
      if (r.duplicateOf !== null) { out.duplicates++; continue; }
      if (r.errors.length > 0) { reject(r.row, r.errors); continue; }
      const { facts, issues } = rosterRowFacts(r.values);
      if (issues.length > 0) { reject(r.row, issues.map((i) => ({ column: headerOf(i.key), message: i.message }))); continue; }
      valid.push({
        row: r.row, orgName: facts.orgName,
        incoming: { source: { format: 'roster', name: this.batch.fileName, sm3: this.batch.fileSm3 }, mode: 'merge', name: facts.name, idNumber: facts.idNumber, fields: facts.fields },
      });
    }
    const matches = await matchCadres(tx, this.deps.crypto, this.actor, valid.map((v) => v.incoming));
    const states = await loadStates(tx, this.deps.crypto, matches.map((m) => m.cadreId).filter((x): x is string => x !== null), this.actor);
    // The units new cadres may go to, and the open tenures of their teams: once per check.
    if (!this.placement) {
      this.placement = await loadPlacement(tx, this.actor, this.batch.options?.orgId ?? null);
      if (this.batch.options?.tenures) await this.book.load(tx, [...this.placement.units.values()].map((u) => u.teamId).filter((t): t is string => t !== null));
    }
    const ctx = this.placement;
    const today = todayOf(this.deps.clock);

    valid.forEach((v, i) => {
      const m = matches[i]!;
      const who = headerOf('idNumber') && v.incoming.idNumber ? headerOf('idNumber') : headerOf('name');
      if (m.error) { reject(v.row, [{ column: m.match === 'id' ? headerOf('idNumber') : who, message: m.error }]); return; }
      const state = m.cadreId ? states.get(m.cadreId) ?? null : null;
      const warnings = [...m.warnings];
      const post = v.incoming.fields.XianRenZhiWu ?? null;
      // A new cadre's unit: the 单位 column, else the unit 现任职务 names, else the default unit.
      const placed = state ? placeExisting(ctx, state.orgId, post) : placeNew(ctx, v.orgName, post);
      if (!state) {
        if (placed?.error) { reject(v.row, [{ column: headerOf(placed.error.column), message: placed.error.message }]); return; }
        if (!placed?.org) {
          reject(v.row, [{ column: headerOf(post ? 'currentPost' : 'orgName'), message: `新干部需要所在单位：${post ? `“现任职务”（${post}）中认不出系统中的单位` : '没有“现任职务”'}；请填写“单位”列，或在导入时选择默认单位` }]);
          return;
        }
        v.incoming.org = placed.org;
      }
      if (state && v.orgName && v.orgName !== state.orgName) {
        warnings.push(`“单位”为“${v.orgName}”，系统中所在单位为“${state.orgName}”：导入不改变所在单位（调动请在任职中办理）`);
      }
      const bidx = bidxOf(this.deps.crypto, v.incoming.idNumber);
      const plan = planCadre(v.incoming, state, bidx);
      if (plan.status === 'error') {
        reject(v.row, plan.errors.map((message) => ({ column: message.includes('单位') ? headerOf('orgName') : message.includes('身份证') ? headerOf('idNumber') : headerOf('name'), message })));
        return;
      }
      if (plan.status === 'unchanged' && !this.batch.options?.tenures) { out.duplicates++; return; }
      const keys = [plan.cadreId ? `c:${plan.cadreId}` : null, bidx ? `i:${bidx.toString('hex')}` : null,
        !plan.cadreId && !bidx ? `n:${plan.name}|${birthOf(v.incoming) ?? ''}` : null].filter((x): x is string => x !== null);
      const earlier = keys.map((k) => this.seen.get(k)).find((x) => x !== undefined);
      if (earlier !== undefined) { reject(v.row, [{ column: who, message: `与第${earlier}行是同一名干部，请合并为一行` }]); return; }
      for (const k of keys) this.seen.set(k, v.row);
      const target = plan.cadreId ?? crypto.randomUUID();
      // The tenure in the unit's team (asked for): 任现职务时间 as its start, else the import day.
      const planned = this.batch.options?.tenures && placed
        ? this.book.plan(placed, { cadreId: plan.cadreId, key: target, name: plan.name }, v.incoming.fields[ROSTER_EXTRA_FIELDS.postSince] ?? null, today) : null;
      if (planned?.warning) warnings.push(planned.warning);
      const tenure = planned?.tenure ? { ...planned.tenure, team: placed!.org!.name } : null;
      if (plan.status === 'unchanged' && !tenure) { out.duplicates++; return; }

      const details: RosterStaged = {
        status: plan.status, match: m.match, version: plan.version, name: plan.name, orgName: state ? state.orgName : v.incoming.org!.name,
        orgHow: state ? null : placed!.how, tenure,
        fields: v.incoming.fields,
        idEnc: v.incoming.idNumber ? this.deps.crypto.encrypt(v.incoming.idNumber, idAad(target)).toString('base64') : null,
        // A roster carries no family: the difference holds no family member.
        diff: plan.diff.map(({ members: _m, ...d }) => d), warnings,
      };
      out.staged.push({
        batchId: '', row: v.row, id: target, kind: 'roster', sourceDept: this.batch.sourceDept, cadreId: plan.cadreId, teamId: null,
        orgId: state ? state.orgId : v.incoming.org!.id, regionCode: state ? state.regionCode : v.incoming.org!.regionCode,
        occurredOn: today, refNo: null, summary: plan.name, outcome: plan.status === 'unchanged' ? 'tenure' : plan.status, details: details as unknown as Record<string, unknown>,
        impactUntil: null, impactBasis: null, sensitivity: '一般', naturalKey: `roster:${this.batch.id}:${v.row}`,
      });
    });
    return out;
  }
}

const detailsOf = (d: unknown): RosterStaged => (typeof d === 'string' ? JSON.parse(d) : d) as RosterStaged;

/**
 * Applies the staged rows of a roster import in the caller's transaction. Returns the counts; rows that
 * conflict become problems of the import (`import_issue`).
 */
export async function commitRoster(tx: Tx, deps: UpsertDeps, actor: Actor, batch: BatchRef): Promise<{ created: number; updated: number; failed: number; unchanged: number; tenures: number }> {
  const r = { created: 0, updated: 0, failed: 0, unchanged: 0, tenures: 0 };
  const failures: Array<{ row: number; column: string; message: string }> = [];
  const tenured = { cadreIds: [] as string[], teamIds: [] as string[] };
  const principalTaken = new Set<string>();
  let after = 0;
  for (;;) {
    const chunk = await recs.rosterStaged(tx, batch.id, after, 500);
    if (chunk.length === 0) break;
    after = chunk[chunk.length - 1]!.row;
    const items = chunk.map((s) => {
      const d = detailsOf(s.details);
      const incoming: IncomingCadre = {
        source: { format: 'roster', name: batch.fileName, sm3: batch.fileSm3 }, mode: 'merge', name: d.name, fields: d.fields,
        idNumber: d.idEnc ? deps.crypto.decrypt(Buffer.from(d.idEnc, 'base64'), idAad(s.id)) : null,
        org: d.status === 'create' ? { id: s.orgId, name: d.orgName ?? '', regionCode: s.regionCode } : null,
      };
      return { s, d, incoming };
    });
    const matches = await matchCadres(tx, deps.crypto, actor, items.map((x) => x.incoming));
    const states = await loadStates(tx, deps.crypto, matches.map((m) => m.cadreId).filter((x): x is string => x !== null), actor);
    // The teams' open tenures now (the check's picture may have moved): no second tenure, no second 一把手.
    const open = await openTenuresOf(tx, items.flatMap((x) => (x.d.tenure ? [x.d.tenure.teamId] : [])));
    for (const t of open) if (t.isPrincipal) principalTaken.add(t.teamId);
    for (let i = 0; i < items.length; i++) {
      const { s, d, incoming } = items[i]!;
      const m = matches[i]!;
      const fail = (message: string) => { failures.push({ row: s.row, column: '', message }); r.failed++; };
      if (m.error) { fail(m.error); continue; }
      if (d.status === 'create' && m.cadreId) { fail('检查之后系统中已录入了该干部，未导入；请重新检查'); continue; }
      const state = m.cadreId ? states.get(m.cadreId) ?? null : null;
      if (d.status !== 'create' && (m.cadreId !== s.cadreId || state?.version !== d.version)) { fail('检查之后该干部的信息已被修改，未导入；请重新检查'); continue; }
      const plan = planCadre(incoming, state, bidxOf(deps.crypto, incoming.idNumber));
      if (plan.status === 'error') { fail(plan.errors.join('；')); continue; }
      const t = d.tenure && !open.some((o) => o.teamId === d.tenure!.teamId && o.cadreId === s.id) ? { ...d.tenure } : null;
      if (plan.status === 'unchanged' && !t) { r.unchanged++; continue; }
      if (t?.isPrincipal && principalTaken.has(t.teamId)) {
        t.isPrincipal = false;
        failures.push({ row: s.row, column: '', message: `${t.team}领导班子已有一把手，任职按非一把手建立` });
      }
      try {
        await tx.transaction(async (sp) => {
          await applyCadre(sp, deps, actor, incoming, plan, state, { importId: batch.id, newId: s.id });
          if (t) await insertTenureIn(sp, deps.clock, actor, s.id, { teamId: t.teamId, title: t.title, isPrincipal: t.isPrincipal, startDate: t.startDate }, { importId: batch.id });
        });
        if (plan.status === 'create') r.created++;
        else if (plan.status === 'update') r.updated++;
        else r.unchanged++;
        if (t) {
          r.tenures++;
          tenured.cadreIds.push(s.id);
          tenured.teamIds.push(t.teamId);
          if (t.isPrincipal) principalTaken.add(t.teamId);
        }
      } catch (e) {
        if (e instanceof ApplyConflict || e instanceof ServiceError) fail(e.message);
        else if (pgErrorOf(e)?.code === '23505') fail('导入时发现系统中已有此身份证号的干部，未导入；请重新检查');
        else throw e;
      }
    }
  }
  // The new tenures' cadres and teams, re-evaluated in the commit's transaction (as a tenure added by hand).
  if (tenured.cadreIds.length > 0) await reevaluate(tx, deps.clock, { cadreIds: [...new Set(tenured.cadreIds)], teamIds: [...new Set(tenured.teamIds)] }, actor.login);
  await importsRepo.insertIssues(tx, batch.id, failures);
  await recs.clearRosterStaged(tx, batch.id);
  if (r.failed > 0) await recordAudit(tx, actor, { action: 'import.roster-conflicts', objectType: 'import', objectId: batch.id, details: { failed: r.failed } }, deps.clock);
  return r;
}

/** The rows a roster import would create or update, with their differences, in row order. */
export async function rosterChanges(tx: Tx, batchId: string, afterRow: number, limit: number): Promise<{ counts: { create: number; update: number }; items: RosterChange[] }> {
  const staged = await recs.rosterStaged(tx, batchId, afterRow, limit);
  const counts = await recs.rosterStagedCounts(tx, batchId);
  return {
    counts,
    items: staged.map((s) => {
      const d = detailsOf(s.details);
      return {
        row: s.row, status: d.status, cadre: { id: s.cadreId, name: d.name }, match: d.match, orgName: d.status === 'create' ? d.orgName : null,
        orgHow: d.orgHow ?? null, tenure: d.tenure ? { team: d.tenure.team, title: d.tenure.title, isPrincipal: d.tenure.isPrincipal, startDate: d.tenure.startDate, startFrom: d.tenure.startFrom } : null,
        diff: d.diff, warnings: d.warnings,
      };
    }),
  };
}
