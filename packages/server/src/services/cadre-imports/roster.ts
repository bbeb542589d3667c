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
  DEPARTMENT,
  ROSTER_COLUMNS, ROSTER_KIND, ROSTER_KIND_NAME, birthOf, isRosterKind, rosterRowFacts, type CadreDiffItem, type RosterChange,
} from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import * as recs from '../../repositories/cadre-records.repository.ts';
import * as importsRepo from '../../repositories/imports.repository.ts';
import { todayOf, type Actor } from '../../context.ts';
import { idAad } from '../cadres.service.ts';
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
    const roster = new RosterCheck(deps, actor, batch);
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
    return { imported: r.created + r.updated, failed: r.failed, counts: { created: r.created, updated: r.updated } };
  },
  changes: (tx, batchId, afterRow, limit) => rosterChanges(tx, batchId, afterRow, limit),
};

/** What a staged roster row keeps in `import_staging.details`. */
interface RosterStaged {
  status: 'create' | 'update';
  match: 'id' | 'name_birth' | 'none';
  version: number | null;
  name: string;
  orgName: string | null;
  fields: Record<string, string>;
  /** The row's 身份证号, SM4-encrypted with the AAD of the cadre it will be stored on (base64). */
  idEnc: string | null;
  diff: CadreDiffItem[];
  warnings: string[];
}

interface BatchRef { id: string; fileName: string; fileSm3: string; sourceDept: string }


/** The check of one roster file: keeps, across chunks, which cadres earlier rows named. */
export class RosterCheck {
  private readonly seen = new Map<string, number>();

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
    const orgs = await importsRepo.orgsByName(tx, valid.filter((v, i) => !matches[i]!.cadreId && v.orgName).map((v) => v.orgName!), this.actor.scope);

    valid.forEach((v, i) => {
      const m = matches[i]!;
      const who = headerOf('idNumber') && v.incoming.idNumber ? headerOf('idNumber') : headerOf('name');
      if (m.error) { reject(v.row, [{ column: m.match === 'id' ? headerOf('idNumber') : who, message: m.error }]); return; }
      const state = m.cadreId ? states.get(m.cadreId) ?? null : null;
      const warnings = [...m.warnings];
      if (!state && v.orgName) {
        const found = orgs.get(v.orgName) ?? [];
        if (found.length === 0) { reject(v.row, [{ column: headerOf('orgName'), message: `没有名为“${v.orgName}”的单位（或不在管辖范围内）` }]); return; }
        if (found.length > 1) { reject(v.row, [{ column: headerOf('orgName'), message: `有${found.length}个单位名为“${v.orgName}”，请写全称` }]); return; }
        v.incoming.org = { id: found[0]!.id, name: found[0]!.name, regionCode: found[0]!.regionCode };
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
      if (plan.status === 'unchanged') { out.duplicates++; return; }
      const keys = [plan.cadreId ? `c:${plan.cadreId}` : null, bidx ? `i:${bidx.toString('hex')}` : null,
        !plan.cadreId && !bidx ? `n:${plan.name}|${birthOf(v.incoming) ?? ''}` : null].filter((x): x is string => x !== null);
      const earlier = keys.map((k) => this.seen.get(k)).find((x) => x !== undefined);
      if (earlier !== undefined) { reject(v.row, [{ column: who, message: `与第${earlier}行是同一名干部，请合并为一行` }]); return; }
      for (const k of keys) this.seen.set(k, v.row);

      const target = plan.cadreId ?? crypto.randomUUID();
      const details: RosterStaged = {
        status: plan.status, match: m.match, version: plan.version, name: plan.name, orgName: state ? state.orgName : v.incoming.org!.name,
        fields: v.incoming.fields,
        idEnc: v.incoming.idNumber ? this.deps.crypto.encrypt(v.incoming.idNumber, idAad(target)).toString('base64') : null,
        // A roster carries no family: the difference holds no family member.
        diff: plan.diff.map(({ members: _m, ...d }) => d), warnings,
      };
      out.staged.push({
        batchId: '', row: v.row, id: target, kind: 'roster', sourceDept: this.batch.sourceDept, cadreId: plan.cadreId, teamId: null,
        orgId: state ? state.orgId : v.incoming.org!.id, regionCode: state ? state.regionCode : v.incoming.org!.regionCode,
        occurredOn: todayOf(this.deps.clock), refNo: null, summary: plan.name, outcome: plan.status, details: details as unknown as Record<string, unknown>,
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
export async function commitRoster(tx: Tx, deps: UpsertDeps, actor: Actor, batch: BatchRef): Promise<{ created: number; updated: number; failed: number; unchanged: number }> {
  const r = { created: 0, updated: 0, failed: 0, unchanged: 0 };
  const failures: Array<{ row: number; column: string; message: string }> = [];
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
    for (let i = 0; i < items.length; i++) {
      const { s, d, incoming } = items[i]!;
      const m = matches[i]!;
      const fail = (message: string) => { failures.push({ row: s.row, column: '', message }); r.failed++; };
      if (m.error) { fail(m.error); continue; }
      if (d.status === 'create' && m.cadreId) { fail('检查之后系统中已录入了该干部，未导入；请重新检查'); continue; }
      const state = m.cadreId ? states.get(m.cadreId) ?? null : null;
      if (d.status === 'update' && (m.cadreId !== s.cadreId || state?.version !== d.version)) { fail('检查之后该干部的信息已被修改，未导入；请重新检查'); continue; }
      const plan = planCadre(incoming, state, bidxOf(deps.crypto, incoming.idNumber));
      if (plan.status === 'error') { fail(plan.errors.join('；')); continue; }
      if (plan.status === 'unchanged') { r.unchanged++; continue; }
      try {
        await tx.transaction((sp) => applyCadre(sp, deps, actor, incoming, plan, state, { importId: batch.id, newId: s.id }));
        if (plan.status === 'create') r.created++;
        else r.updated++;
      } catch (e) {
        if (e instanceof ApplyConflict) fail(e.message);
        else if (pgErrorOf(e)?.code === '23505') fail('导入时发现系统中已有此身份证号的干部，未导入；请重新检查');
        else throw e;
      }
    }
  }
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
        diff: d.diff, warnings: d.warnings,
      };
    }),
  };
}
