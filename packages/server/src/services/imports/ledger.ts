/**
 * Ledger entries (every entry kind: 经济责任审计, 信访举报 …) as a kind of the import job. Check: check-rows.ts
 * (subjects resolved, the form's rules, natural keys); the staged texts are sealed (DATA-02). Commit: the
 * staged rows become entries (accepted, or pending for a member department) and, when accepted, their
 * subjects are re-evaluated: in the same transaction, or — a large import — by a job after it
 * (services/supervision/import-jobs.ts).
 */
import { dateFromYearKind, kindColumns, resolveKind } from '@jiandu/domain';
import * as repo from '../../repositories/imports.repository.ts';
import { listDepartments } from '../../repositories/users.repository.ts';
import { ServiceError } from '../../errors.ts';
import { ruleContext } from '../entries.service.ts';
import { kindName } from '../entry-check.ts';
import { loadDictionaries } from '../settings.ts';
import { reevaluateImport, startImportJob } from '../supervision/import-jobs.ts';
import { loadRuleSettings } from '../supervision/settings.ts';
import { checkChunk, SubjectCache, type CheckTarget } from './check-rows.ts';
import { importLimits } from './limits.ts';
import type { ImportKind } from './kind.ts';
import { modeOf, type ImportDeps } from './types.ts';

export const ledgerImport: ImportKind = {
  resolve: (ref) => resolveKind(ref),
  label: (kind) => kindName(kind),

  /** Kind and source department as a user types them (经济责任审计 / jjzrsj, 审计局 / sj), checked against the actor's rights. */
  async target(deps, actor, kind, sourceRef) {
    if (!actor.permissions.has('entry:import')) throw new ServiceError('forbidden', '没有导入台账记录的权限');
    const depts = await deps.db.tx((tx) => listDepartments(tx));
    let source: string;
    if (modeOf(actor) === 'member') {
      if (!actor.departmentCode) throw new ServiceError('forbidden', '该账号未关联成员单位');
      source = actor.departmentCode;
    } else if (sourceRef) {
      const d = depts.find((x) => x.code === sourceRef.trim() || x.name === sourceRef.trim());
      if (!d) throw new ServiceError('invalid', `来源单位“${sourceRef}”不存在；可用：${depts.map((x) => x.name).join('、')}`, 'invalid', [{ path: 'source', message: '来源单位不存在' }]);
      source = d.code;
    } else {
      const submitters = depts.filter((d) => d.kinds.includes(kind));
      if (submitters.length !== 1) {
        throw new ServiceError('invalid', `“${kindName(kind)}”可由${submitters.map((d) => d.name).join('、')}报送，请指定来源单位`, 'invalid', [{ path: 'source', message: '请指定来源单位' }]);
      }
      source = submitters[0]!.code;
    }
    const dept = depts.find((d) => d.code === source)!;
    if (!dept.kinds.includes(kind)) {
      throw new ServiceError('invalid', `${dept.name}不报送“${kindName(kind)}”类记录`, 'invalid', [{ path: 'kind', message: '本单位不报送此类记录' }]);
    }
    return { kind, sourceDept: source, sourceName: dept.name };
  },

  async specs(deps, kind) {
    return kindColumns(kind, await deps.db.tx((tx) => loadDictionaries(tx)));
  },

  async check(deps, actor, batch, { specs, headerOf }) {
    const { ctx, yearDate } = await deps.db.tx(async (tx) => ({
      ctx: await ruleContext(tx, deps.clock), yearDate: dateFromYearKind(batch.kind) ? (await loadRuleSettings(tx)).yearEntryDate : null,
    }));
    const datedFromYear = { rows: 0 };
    const target: CheckTarget = { kind: batch.kind, sourceDept: batch.sourceDept, headerOf, specs, yearDate, datedFromYear };
    const subjects = new SubjectCache();
    return {
      async chunk(tx, rows) {
        const res = await checkChunk(tx, actor, rows, target, ctx, deps.crypto, subjects);
        // DATA-02: a ledger row's texts (信访 text among them) are staged sealed: the 摘要/处理结果 in their entry
        // form (check-rows.ts), the 文号 and 明细 of the chunk's rows together in one blob.
        if (res.staged.length === 0) return res;
        const first = res.staged[0]!.row;
        const last = res.staged[res.staged.length - 1]!.row;
        const texts = res.staged.map((s) => ({ id: s.id, refNo: s.refNo ?? null, details: s.details ?? null }));
        await repo.insertStagingText(tx, batch.id, first, last, deps.crypto.encryptBytes(Buffer.from(JSON.stringify(texts)), stagingTextAad(batch.id, first)));
        return { ...res, staged: res.staged.map((s) => ({ ...s, batchId: batch.id, refNo: null, details: null })) };
      },
      // Said in the check step and the report: where the dates of an annual result came from.
      notes: () => (yearDate && datedFromYear.rows > 0
        ? [`发生日期取自年度列：按每年${yearDate.month}月${yearDate.day}日计（${datedFromYear.rows}行）`]
        : []),
    };
  },

  async commit(tx, deps, actor, batch, at) {
    const imported = await repo.commitStaged(tx, batch.id, batch.actorMode === 'member' ? 'pending' : 'accepted', { userId: actor.userId, login: actor.login }, at,
      (sealed) => [
        ...sealed.chunks.flatMap((c) => JSON.parse(deps.crypto.decryptBytes(c.data, stagingTextAad(batch.id, c.firstRow)).toString('utf8')) as repo.Unsealed[]),
        ...sealed.rows.map((x) => unsealStaged(deps, batch.id, x)),
      ]);
    // Accepted entries are facts now: their subjects' warnings and 待办 follow in the same transaction, or
    // (many subjects) in a job started once it is in, the subjects marked due meanwhile.
    const job = batch.actorMode !== 'member' ? await reevaluateImport(tx, deps.clock, batch.id, actor, importLimits().inlineSubjects) : null;
    return { imported, failed: 0, ...(job ? { afterCommit: () => startImportJob(deps, job, batch.id, actor.login) } : {}) };
  },
};

const stagingTextAad = (batchId: string, firstRow: number) => `import-staging-text:${batchId}:${firstRow}`;

/** A row staged before 0032 with its texts sealed one by one (AAD `import-staging:<batch>:<id>`; the 摘要/处理结果 inside in their entry form). */
function unsealStaged(deps: ImportDeps, batchId: string, x: { id: string; sealed: Buffer }): repo.Unsealed {
  return { id: x.id, ...(JSON.parse(deps.crypto.decrypt(x.sealed, `import-staging:${batchId}:${x.id}`)) as Omit<repo.Unsealed, 'id'>) };
}
