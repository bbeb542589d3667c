/**
 * 组织机构 (the org tree) as a kind of the import job: a sheet of units with 上级单位 by name, short name or
 * 行政区划代码, in any order (`ORG_COLUMNS`, `planOrgImport` in the domain).
 *
 * Check: a parent may come after its children, even in a later chunk of 1000 rows, so the chunks only parse
 * the rows (a cell problem is a problem of its row at once) and keep the facts; `finish`, at the end of the
 * file, plans the whole tree against the registry of the jurisdiction — cycles, unknown or ambiguous
 * parents, duplicates become problems of their rows — and stages the units to create or update
 * (`import_staging` kind `orgs`: `id` = the unit, pre-assigned for a new one; `details` = the plan item,
 * its place in the order parents-first, and the unit as seen at the check). Unchanged units count as duplicates.
 *
 * Commit (one transaction): parents first; a new unit gets its materialized path under its parent (as
 * orgs.service createOrg), its team when 是否设领导班子, an `org_change` of kind `import`, an audit record;
 * an updated unit must be as the check saw it. A row that fails (its parent failed, a same-named unit
 * appeared since the check …) becomes a problem of the import, in its own savepoint; the others are written.
 */
import {
  DEPARTMENT, ORG_COLUMNS, ORG_IMPORT_KIND, ORG_IMPORT_KIND_NAME, isOrgImportKind, orgRowFacts, planOrgImport,
  type OrgImportChange, type OrgPlanItem, type OrgRowFacts,
} from '@jiandu/domain';
import crypto from 'node:crypto';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import * as importsRepo from '../../repositories/imports.repository.ts';
import { insertChange } from '../../repositories/org-changes.repository.ts';
import * as repo from '../../repositories/org-imports.repository.ts';
import * as orgs from '../../repositories/orgs.repository.ts';
import { todayOf, type Actor, type Clock } from '../../context.ts';
import { ServiceError, pgErrorOf } from '../../errors.ts';
import type { ChunkResult, ImportKind } from './kind.ts';

/** What a staged unit keeps in `import_staging.details`. */
interface OrgStaged {
  order: number;
  item: OrgPlanItem;
  /** The unit as the check saw it (an update), to refuse a unit changed since. */
  seen: { name: string; parentId: string | null; shortName: string | null; type: string; level: string; regionCode: string; sortOrder: number; hasTeam: boolean } | null;
}

export const orgImport: ImportKind = {
  resolve: (ref) => (isOrgImportKind(ref) ? ORG_IMPORT_KIND : null),
  label: () => ORG_IMPORT_KIND_NAME,
  async target(_deps, actor) {
    if (!actor.permissions.has('org:write')) throw new ServiceError('forbidden', '没有导入组织机构的权限（需要“维护组织机构”权限）');
    return { kind: ORG_IMPORT_KIND, sourceDept: DEPARTMENT.organization, sourceName: '组织部' };
  },
  specs: async () => [...ORG_COLUMNS],
  async check(deps, actor, batch, { headerOf }) {
    const kept: Array<{ row: number; facts: OrgRowFacts }> = [];
    return {
      async chunk(_tx, rows) {
        const out: ChunkResult = { staged: [], issues: [], duplicates: 0, rejectedRows: 0 };
        for (const r of rows) {
          if (r.duplicateOf !== null) { out.duplicates++; continue; }
          const { facts, issues } = orgRowFacts(r.values);
          const problems = [...r.errors.map((e) => ({ column: e.column, message: e.message })), ...issues.map((i) => ({ column: headerOf(i.key), message: i.message }))];
          if (problems.length) { out.issues.push(...problems.map((p) => ({ row: r.row, ...p }))); out.rejectedRows++; continue; }
          kept.push({ row: r.row, facts });
        }
        return out;
      },
      async finish(tx) {
        const existing = await repo.orgsForImport(tx, actor.scope);
        const plan = planOrgImport(kept, existing, actor.scope?.orgId ?? null, () => crypto.randomUUID());
        const byId = new Map(existing.map((o) => [o.id, o]));
        const out: ChunkResult = {
          staged: [], issues: plan.issues.map((i) => ({ row: i.row, column: headerOf(i.key), message: i.message })),
          duplicates: 0, rejectedRows: new Set(plan.issues.map((i) => i.row)).size,
        };
        plan.items.forEach((item, order) => {
          if (item.status === 'unchanged') { out.duplicates++; return; }
          const o = item.status === 'update' ? byId.get(item.id)! : null;
          const details: OrgStaged = {
            order, item,
            seen: o && { name: o.name, parentId: o.parentId, shortName: o.shortName, type: o.type, level: o.level, regionCode: o.regionCode, sortOrder: o.sortOrder, hasTeam: o.hasTeam },
          };
          out.staged.push({
            batchId: batch.id, row: item.row, id: item.id, kind: ORG_IMPORT_KIND, sourceDept: batch.sourceDept, cadreId: null, teamId: null,
            orgId: item.id, regionCode: item.values.regionCode, occurredOn: todayOf(deps.clock), refNo: null, summary: item.name, outcome: item.status,
            details: details as unknown as Record<string, unknown>, impactUntil: null, impactBasis: null, sensitivity: '一般',
            naturalKey: `orgs:${batch.id}:${item.row}`,
          });
        });
        return out;
      },
    };
  },
  async commit(tx, deps, actor, batch) {
    const r = await commitOrgs(tx, deps.clock, actor, batch.id);
    return { imported: r.created + r.updated, failed: r.failed, counts: { created: r.created, updated: r.updated } };
  },
  changes: (tx, batchId, afterRow, limit) => orgChanges(tx, batchId, afterRow, limit),
};

const detailsOf = (d: unknown): OrgStaged => (typeof d === 'string' ? JSON.parse(d) : d) as OrgStaged;

class RowFailed extends Error {}

/** Writes a batch's staged units, parents first, in the caller's transaction. */
async function commitOrgs(tx: Tx, clock: Clock, actor: Actor, batchId: string): Promise<{ created: number; updated: number; failed: number }> {
  const r = { created: 0, updated: 0, failed: 0 };
  const failures: Array<{ row: number; column: string; message: string }> = [];
  const current = new Map((await repo.orgsForImport(tx, actor.scope)).map((o) => [o.id, o]));
  const written = new Map<string, string>(); // new unit id → its path
  const today = todayOf(clock);
  for (const s of await repo.orgStagedInOrder(tx, batchId)) {
    const { item, seen } = detailsOf(s.details);
    const v = item.values;
    try {
      await tx.transaction(async (sp) => {
        let parentPath: string;
        if (item.parent.id === null) {
          if (actor.scope) throw new RowFailed('只能在管辖范围内新增单位');
          parentPath = '/';
        } else if (item.parent.isNew) {
          const p = written.get(item.parent.id);
          if (!p) throw new RowFailed(`上级单位“${item.parent.name}”未导入，本行未导入`);
          parentPath = p;
        } else {
          const p = current.get(item.parent.id);
          if (!p) throw new RowFailed(`上级单位“${item.parent.name}”已不在管辖范围内或已撤销，本行未导入；请重新检查`);
          parentPath = p.path;
        }
        if (item.status === 'create') {
          const path = `${parentPath}${item.id}/`;
          await orgs.insertOrg(sp, {
            id: item.id, parentId: item.parent.id, path, name: item.name, shortName: v.shortName, type: v.type, level: v.level,
            managedBy: null, regionCode: v.regionCode, flags: {}, sortOrder: v.sortOrder ?? await orgs.nextSortOrder(sp, item.parent.id),
          });
          if (v.withTeam) await orgs.insertTeam(sp, item.id, `${item.name}领导班子`);
          await insertChange(sp, {
            orgId: item.id, kind: 'import', effectiveDate: today, details: { importId: batchId, row: item.row, parentId: item.parent.id, name: item.name },
            reason: null, createdBy: actor.userId, createdByLogin: actor.login,
          });
          await recordAudit(sp, actor, { action: 'org.import', objectType: 'org', objectId: item.id, details: { name: item.name, importId: batchId, row: item.row } }, clock);
          written.set(item.id, path);
          r.created++;
        } else {
          const o = current.get(item.id);
          const now = o && { name: o.name, parentId: o.parentId, shortName: o.shortName, type: o.type, level: o.level, regionCode: o.regionCode, sortOrder: o.sortOrder, hasTeam: o.hasTeam };
          if (!now || !seen || (Object.keys(now) as Array<keyof typeof now>).some((k) => now[k] !== seen[k])) throw new RowFailed('检查之后该单位已被修改，未导入；请重新检查');
          await repo.updateOrgFields(sp, item.id, { shortName: v.shortName, type: v.type, level: v.level, regionCode: v.regionCode, sortOrder: v.sortOrder ?? o.sortOrder });
          if (v.withTeam && !o.hasTeam) await orgs.insertTeam(sp, item.id, `${o.name}领导班子`);
          await recordAudit(sp, actor, { action: 'org.import-update', objectType: 'org', objectId: item.id, details: { name: o.name, importId: batchId, row: item.row, changed: item.diff.map((d) => d.label).join('、') } }, clock);
          r.updated++;
        }
      });
    } catch (e) {
      const message = e instanceof RowFailed ? e.message : pgErrorOf(e)?.code === '23505' ? `检查之后同一上级单位下已有“${item.name}”，未导入；请重新检查` : null;
      if (message === null) throw e;
      failures.push({ row: item.row, column: '', message });
      r.failed++;
    }
  }
  await importsRepo.insertIssues(tx, batchId, failures);
  await repo.clearOrgStaged(tx, batchId);
  return r;
}

/** The units an org import would create or update, by Excel row (the wizard draws the tree from them). */
async function orgChanges(tx: Tx, batchId: string, afterRow: number, limit: number): Promise<{ counts: { create: number; update: number }; items: OrgImportChange[] }> {
  const staged = await repo.orgStaged(tx, batchId, afterRow, limit);
  return {
    counts: await repo.orgStagedCounts(tx, batchId),
    items: staged.map((s) => {
      const { item } = detailsOf(s.details);
      return {
        row: item.row, status: item.status === 'create' ? 'create' : 'update', org: { id: item.id, name: item.name }, parent: item.parent,
        shortName: item.values.shortName, type: item.values.type, level: item.values.level, regionCode: item.values.regionCode,
        withTeam: item.values.withTeam, diff: item.diff, warnings: item.warnings,
      };
    }),
  };
}
