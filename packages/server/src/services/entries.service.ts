/** The supervision ledger: create, correct and withdraw versions; review submissions; read history. */
import crypto from 'node:crypto';
import { ENTRY_KINDS, EntryKindView, detailSchemas, type CountResult, entryForReader, fieldPolicyOf, isRestrictedLevel, type EntryCorrectBody, type EntryCreateBody, type EntryListQuery, type EntryPage, type EntryVersionView, type EntryView } from '@jiandu/domain';
import { z } from 'zod';
import type { FieldCrypto } from '../crypto/keys.ts';
import { entryText, sealEntryText } from '../crypto/entry-text.ts';
import { entrySearch, summaryGrams } from '../crypto/entry-search.ts';
import type { Database, Tx } from '../db/client.ts';
import { decodeCursor, decodeSortCursor, encodeCursor, encodeSortCursor } from '../lib/cursor.ts';
import { attachmentsOf } from '../repositories/attachments.repository.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/entries.repository.ts';
import { notify, subjectName } from '../repositories/notifications.repository.ts';
import { cursorShape } from '../repositories/lists.ts';
import { listDepartments } from '../repositories/users.repository.ts';
import { todayOf, type Actor, type Clock } from '../context.ts';
import { checkEntry, kindName, type CheckedEntry, type EntryContent, type RuleContext } from './entry-check.ts';
import { idempotent, type Idempotent } from './idempotency.ts';
import { summaryGramsComplete } from './entry-search.ts';
import { ServiceError, notFound, pgErrorOf } from '../errors.ts';
import { reevaluate } from './supervision/evaluate.ts';
import { loadDictionaries, loadImpactSettings } from './settings.ts';

export interface EntriesDeps {
  db: Database;
  clock: Clock;
  /** Seals and opens the entries' 摘要 and 处理结果 (crypto/entry-text.ts). */
  crypto: FieldCrypto;
}

/** A member department acts on its own submissions only; a supervisor on everything in scope. */
export type Mode = 'supervisor' | 'member';

export async function ruleContext(tx: Tx, clock: Clock): Promise<RuleContext> {
  const depts = await listDepartments(tx);
  const dicts = await loadDictionaries(tx);
  return {
    dicts,
    schemas: detailSchemas(dicts) as Record<string, z.ZodType>,
    impact: await loadImpactSettings(tx),
    deptKinds: new Map(depts.map((d) => [d.code, d.kinds])),
    today: todayOf(clock),
  };
}

function sourceOf(actor: Actor, mode: Mode, requested: string | undefined): string {
  if (mode === 'member') {
    if (!actor.departmentCode) throw new ServiceError('forbidden', '该账号未关联成员单位');
    if (requested && requested !== actor.departmentCode) {
      throw new ServiceError('invalid', '成员单位只能报送本单位的记录', 'invalid', [{ path: 'sourceDept', message: '只能是本单位' }]);
    }
    return actor.departmentCode;
  }
  if (!requested) throw new ServiceError('invalid', '请选择来源单位', 'invalid', [{ path: 'sourceDept', message: '请选择来源单位' }]);
  return requested;
}

function invalid(issues: Array<{ path: string; message: string }>): ServiceError {
  return new ServiceError('invalid', `输入有误：${issues.map((i) => i.message).join('；')}`, 'invalid', issues);
}

/**
 * The subjects whose facts an entry changes: its cadre, or its team when it is about the team alone
 * (the rules read team facts from team-only entries).
 */
export function subjectsOf(...entries: Array<{ cadreId: string | null; teamId: string | null }>): { cadreIds: string[]; teamIds: string[] } {
  return {
    cadreIds: entries.map((e) => e.cadreId).filter((x): x is string => !!x),
    teamIds: entries.filter((e) => !e.cadreId && e.teamId).map((e) => e.teamId!),
  };
}

export interface VersionMeta {
  provenance: 'form' | 'excel' | 'api' | 'lrmx';
  batchId?: string | null;
  naturalKey?: string | null;
}

/** Inserts version 1 of a checked entry and its head, its 摘要 and 处理结果 sealed. The caller audits. */
export async function insertNewEntry(
  tx: Tx, actor: Actor, e: CheckedEntry, status: 'pending' | 'accepted', meta: VersionMeta, at: Date, box: FieldCrypto,
): Promise<string> {
  const id = crypto.randomUUID();
  await repo.insertVersion(tx, {
    id, entryId: id, version: 1, action: 'create', kind: e.kind, sourceDept: e.sourceDept, cadreId: e.cadreId,
    teamId: e.teamId, orgId: e.orgId, regionCode: e.regionCode, occurredOn: e.occurredOn, refNo: e.refNo, summary: sealEntryText(box, id, 'summary', e.summary),
    summaryGrams: summaryGrams(box, e.summary),
    outcome: sealEntryText(box, id, 'outcome', e.outcome), details: e.details, impactUntil: e.impactUntil, impactBasis: e.impactBasis, sensitivity: e.sensitivity,
    provenance: meta.provenance, batchId: meta.batchId ?? null, naturalKey: meta.naturalKey ?? null, reason: null,
    createdBy: actor.userId, createdByLogin: actor.login, createdAt: at,
  });
  await repo.upsertHead(tx, {
    entryId: id, versionId: id, version: 1, status, reviewReason: null, kind: e.kind, sourceDept: e.sourceDept,
    cadreId: e.cadreId, teamId: e.teamId, orgId: e.orgId, occurredOn: e.occurredOn, updatedAt: at,
  });
  return id;
}

const contentOf = (b: EntryCreateBody | EntryCorrectBody, kind: string, sourceDept: string): EntryContent => ({
  kind, sourceDept, cadreId: b.cadreId ?? null, teamId: b.teamId ?? null, occurredOn: b.occurredOn, refNo: b.refNo ?? null,
  summary: b.summary, outcome: b.outcome ?? null, details: b.details, sensitivity: b.sensitivity,
});

export async function createEntry(deps: EntriesDeps, actor: Actor, mode: Mode, body: EntryCreateBody): Promise<{ entryId: string }> {
  const r = await createEntryOnce(deps, actor, mode, body, null);
  if (r.kind !== 'done') throw new Error('unreachable: no Idempotency-Key');
  return r.response;
}

/**
 * createEntry under an Idempotency-Key (services/idempotency.ts): a retry of the same submission returns
 * the first answer (`replayed`) and writes nothing; the claim is in the same transaction as the entry.
 */
export async function createEntryOnce(deps: EntriesDeps, actor: Actor, mode: Mode, body: EntryCreateBody, idempotencyKey: string | null): Promise<Idempotent<{ entryId: string }>> {
  const sourceDept = sourceOf(actor, mode, body.sourceDept);
  const route = `POST /api/${mode === 'member' ? 'submissions' : 'entries'}`;
  return deps.db.tx(async (tx) => idempotent(tx, actor.userId, idempotencyKey, route, body, deps.clock.now(), async () => {
    const ctx = await ruleContext(tx, deps.clock);
    const checked = await checkEntry(tx, actor, contentOf(body, body.kind, sourceDept), ctx);
    if (!checked.ok) throw invalid(checked.issues);
    const at = deps.clock.now();
    const entryId = await insertNewEntry(tx, actor, checked.entry, mode === 'member' ? 'pending' : 'accepted', { provenance: 'form' }, at, deps.crypto);
    await recordAudit(tx, actor, {
      action: 'entry.create', objectType: 'entry', objectId: entryId,
      details: { kind: body.kind, sourceDept, cadreId: checked.entry.cadreId, teamId: checked.entry.teamId },
    }, deps.clock);
    await reevaluate(tx, deps.clock, subjectsOf(checked.entry), actor.login);
    return { entryId };
  }));
}

async function currentFor(tx: Tx, actor: Actor, mode: Mode, entryId: string) {
  const cur = await repo.findCurrent(tx, entryId, actor.scope, mode === 'member' ? actor.departmentCode : null);
  if (!cur) throw notFound('台账记录');
  return cur;
}

function checkBase(current: number, base: number): void {
  if (current !== base) {
    throw new ServiceError('conflict', `该记录已被他人修改（当前为第${current}版，您修改的是第${base}版），请刷新后再操作`, 'stale_version');
  }
}

async function insertNextVersion(tx: Tx, actor: Actor, prev: repo.EntryRow, next: Partial<repo.EntryInsert> & { action: 'correct' | 'withdraw'; reason: string }, at: Date) {
  const id = crypto.randomUUID();
  const { id: _old, createdAt: _c, createdBy: _b, createdByLogin: _l, naturalKey: _k, ...carried } = prev;
  try {
    await repo.insertVersion(tx, {
      ...carried, ...next, id, version: prev.version + 1, naturalKey: null, createdBy: actor.userId, createdByLogin: actor.login, createdAt: at,
    });
  } catch (e) {
    if (pgErrorOf(e)?.code === '23505') throw new ServiceError('conflict', '该记录刚被他人修改，请刷新后再操作', 'stale_version');
    throw e;
  }
  return id;
}

export async function correctEntry(deps: EntriesDeps, actor: Actor, mode: Mode, entryId: string, body: EntryCorrectBody): Promise<{ version: number }> {
  return deps.db.tx(async (tx) => {
    await repo.lockHead(tx, entryId);
    const { head, version: prev } = await currentFor(tx, actor, mode, entryId);
    checkBase(head.version, body.baseVersion);
    if (head.status === 'withdrawn') throw new ServiceError('conflict', '已撤销的记录不能更正', 'withdrawn');
    if (mode === 'member' && head.status === 'accepted') throw new ServiceError('conflict', '已采纳的记录由组织部更正；如有错误请联系组织部', 'accepted');
    const ctx = await ruleContext(tx, deps.clock);
    const checked = await checkEntry(tx, actor, contentOf(body, prev.kind, prev.sourceDept), ctx);
    if (!checked.ok) throw invalid(checked.issues);
    const e = checked.entry;
    const at = deps.clock.now();
    const id = await insertNextVersion(tx, actor, prev, {
      action: 'correct', reason: body.reason, cadreId: e.cadreId, teamId: e.teamId, orgId: e.orgId, regionCode: e.regionCode,
      occurredOn: e.occurredOn, refNo: e.refNo, summary: sealEntryText(deps.crypto, entryId, 'summary', e.summary),
      summaryGrams: summaryGrams(deps.crypto, e.summary),
      outcome: sealEntryText(deps.crypto, entryId, 'outcome', e.outcome), details: e.details, impactUntil: e.impactUntil, impactBasis: e.impactBasis, sensitivity: e.sensitivity,
    }, at);
    await repo.upsertHead(tx, {
      entryId, versionId: id, version: prev.version + 1, status: mode === 'member' ? 'pending' : head.status, reviewReason: null,
      kind: prev.kind, sourceDept: prev.sourceDept, cadreId: e.cadreId, teamId: e.teamId, orgId: e.orgId, occurredOn: e.occurredOn, updatedAt: at,
    });
    await recordAudit(tx, actor, { action: 'entry.correct', objectType: 'entry', objectId: entryId, reason: body.reason, details: { version: prev.version + 1 } }, deps.clock);
    await reevaluate(tx, deps.clock, subjectsOf(prev, e), actor.login);
    return { version: prev.version + 1 };
  });
}

export async function withdrawEntry(deps: EntriesDeps, actor: Actor, mode: Mode, entryId: string, baseVersion: number, reason: string): Promise<{ version: number }> {
  return deps.db.tx(async (tx) => {
    await repo.lockHead(tx, entryId);
    const { head, version: prev } = await currentFor(tx, actor, mode, entryId);
    checkBase(head.version, baseVersion);
    if (head.status === 'withdrawn') throw new ServiceError('conflict', '该记录已撤销', 'withdrawn');
    if (mode === 'member' && head.status === 'accepted') throw new ServiceError('conflict', '已采纳的记录不能由报送单位撤销，请联系组织部', 'accepted');
    const at = deps.clock.now();
    const id = await insertNextVersion(tx, actor, prev, { action: 'withdraw', reason }, at);
    await repo.upsertHead(tx, {
      entryId, versionId: id, version: prev.version + 1, status: 'withdrawn', reviewReason: null, kind: prev.kind,
      sourceDept: prev.sourceDept, cadreId: prev.cadreId, teamId: prev.teamId, orgId: prev.orgId, occurredOn: prev.occurredOn, updatedAt: at,
    });
    await recordAudit(tx, actor, { action: 'entry.withdraw', objectType: 'entry', objectId: entryId, reason, details: { version: prev.version + 1 } }, deps.clock);
    await reevaluate(tx, deps.clock, subjectsOf(prev), actor.login);
    return { version: prev.version + 1 };
  });
}

export async function reviewEntry(deps: EntriesDeps, actor: Actor, entryId: string, decision: 'accepted' | 'returned', reason: string | undefined, baseVersion: number): Promise<void> {
  if (decision === 'returned' && !reason?.trim()) {
    throw new ServiceError('invalid', '退回须填写原因', 'invalid', [{ path: 'reason', message: '请填写退回原因' }]);
  }
  await deps.db.tx(async (tx) => {
    await repo.lockHead(tx, entryId);
    const { head, version } = await currentFor(tx, actor, 'supervisor', entryId);
    checkBase(head.version, baseVersion);
    if (head.status !== 'pending') throw new ServiceError('conflict', `该记录当前状态不是待审核，不能${decision === 'accepted' ? '采纳' : '退回'}`, 'not_pending');
    const at = deps.clock.now();
    await repo.insertReview(tx, {
      entryId, versionId: head.versionId, decision, reason: reason ?? null, reviewedBy: actor.userId, reviewedByLogin: actor.login, reviewedAt: at,
    });
    await repo.setHeadStatus(tx, entryId, decision, decision === 'returned' ? reason ?? null : null, at);
    await recordAudit(tx, actor, { action: `entry.${decision === 'accepted' ? 'accept' : 'return'}`, objectType: 'entry', objectId: entryId, reason: reason ?? null }, deps.clock);
    // The bell: the member department's user who submitted this version learns the decision (我的报送).
    if (version.createdBy && version.createdBy !== actor.userId) {
      const who = await subjectName(tx, version.cadreId, version.teamId);
      const what = `您报送的${kindName(version.kind)}记录（${who ? `${who}，` : ''}${version.occurredOn}）`;
      await notify(tx, [{
        userId: version.createdBy, kind: 'decision', link: '/submissions', dedupe: `decision:${entryId}:${head.versionId}`,
        title: decision === 'accepted' ? `${what}已被采纳` : `${what}已被退回：${reason!.trim()}`,
      }], at);
    }
    await reevaluate(tx, deps.clock, subjectsOf(head), actor.login);
  });
}

type ViewRow = Awaited<ReturnType<typeof repo.versionsOf>>[number];

function versionView(crypto: FieldCrypto, r: ViewRow): EntryVersionView {
  const v = r.v;
  return {
    versionId: v.id, version: v.version, action: v.action as EntryVersionView['action'], kind: v.kind, kindName: kindName(v.kind),
    sourceDept: v.sourceDept, sourceDeptName: r.sourceDeptName, cadreId: v.cadreId, cadreName: r.cadreName,
    teamId: v.teamId, teamName: r.teamName, occurredOn: v.occurredOn, refNo: v.refNo, summary: entryText(crypto, v.entryId, 'summary', v.summary),
    outcome: entryText(crypto, v.entryId, 'outcome', v.outcome), details: v.details, impactUntil: v.impactUntil, impactBasis: v.impactBasis, sensitivity: v.sensitivity,
    provenance: v.provenance as EntryVersionView['provenance'], batchId: v.batchId, reason: v.reason,
    createdBy: v.createdByLogin, createdAt: v.createdAt.toISOString(),
  };
}

/** One entry with every version and review: an audited read. */
export async function getEntry(deps: EntriesDeps, actor: Actor, mode: Mode, entryId: string) {
  return deps.db.tx(async (tx) => {
    const { head, version: current } = await currentFor(tx, actor, mode, entryId);
    // Field policy: a 敏感/重要 version (or any version of an entry that is one now) is a placeholder without clearance.
    const policy = fieldPolicyOf(actor);
    const versions = (await repo.versionsOf(tx, entryId)).map((r) => entryForReader(policy, versionView(deps.crypto, r), current));
    const withheld = versions[0]!.redacted;
    const reviews = (await repo.reviewsOf(tx, entryId)).map((r) => ({ ...r, reason: withheld ? null : r.reason, at: r.at.toISOString() }));
    const attachments = withheld ? [] : await attachmentsOf(tx, entryId);
    await recordAudit(tx, actor, {
      action: 'entry.read', objectType: 'entry', objectId: entryId,
      details: isRestrictedLevel(current.sensitivity) ? { sensitivity: current.sensitivity, withheld } : undefined,
    }, deps.clock);
    const entry: EntryView = { ...versions[0]!, entryId, status: head.status as EntryView['status'], reviewReason: withheld ? null : head.reviewReason, attachments };
    return { entry, versions, reviews };
  });
}

/** A timeline page (current versions, newest first); reading a ledger is audited once per page. */
export async function listEntries(deps: EntriesDeps, actor: Actor, mode: Mode, q: EntryListQuery): Promise<EntryPage> {
  const dept = mode === 'member' ? actor.departmentCode : null;
  if (mode === 'member' && !dept) throw new ServiceError('forbidden', '该账号未关联成员单位');
  return deps.db.tx(async (tx) => {
    const found = await repo.listCurrent(tx, {
      cadreId: q.cadreId, teamId: q.teamId, kind: q.kind, sourceDept: q.sourceDept, year: q.year, month: q.month, orgId: q.orgId, status: q.status, batchId: q.batchId,
      search: entrySearch(deps.crypto, q.q),
      after: q.sort ? null : decodeCursor<[string, string]>(q.cursor, ['date', 'uuid']), limit: q.limit + 1,
      ...(q.sort ? { sort: q.sort, sortAfter: decodeSortCursor(q.cursor, q.sort, cursorShape(repo.entrySortPlan(q.sort))) } : {}),
    }, actor.scope, dept);
    const more = found.length > q.limit;
    if (more) found.pop();
    const policy = fieldPolicyOf(actor);
    const items = found.map((r) => entryForReader(policy, {
      ...versionView(deps.crypto, r), entryId: r.head.entryId, status: r.head.status as EntryView['status'], reviewReason: r.head.reviewReason,
    }));
    // Sensitive entries read in clear (cleared readers) and shown as placeholders are counted in the audit row.
    const sensitive = items.filter((i) => isRestrictedLevel(i.sensitivity));
    const withheld = sensitive.filter((i) => i.redacted).length;
    await recordAudit(tx, actor, {
      action: 'ledger.read', objectType: q.cadreId ? 'cadre' : q.teamId ? 'team' : 'ledger', objectId: q.cadreId ?? q.teamId ?? null,
      details: {
        kind: q.kind ?? null, sourceDept: q.sourceDept ?? null, year: q.year ?? null, month: q.month ?? null, orgId: q.orgId ?? null, q: q.q || null, returned: items.length,
        sensitiveRead: sensitive.length - withheld, sensitiveWithheld: withheld,
      },
    }, deps.clock);
    const last = items[items.length - 1];
    // A keyword while older versions still wait for their 摘要 grams (the background backfill): say so.
    const incomplete = q.q?.trim() && !(await summaryGramsComplete(tx)) ? { searchIncomplete: true } : {};
    if (q.sort) return { items, nextCursor: more && last ? encodeSortCursor(q.sort, sortKeyOf(found[found.length - 1])) : null, ...incomplete };
    return { items, nextCursor: more && last ? encodeCursor([last.occurredOn, last.entryId]) : null, ...incomplete };
  });
}

const sortKeyOf = (r: object | undefined): unknown[] => {
  const k = (r as { sortKey?: unknown } | undefined)?.sortKey;
  return typeof k === 'string' ? (JSON.parse(k) as unknown[]) : (k as unknown[]);
};

/**
 * 共 N 条 of the ledger list with its filters (exact up to `cap`, else an estimate). Audited like the list
 * (ledger.read, with the filters and `counted` instead of `returned`).
 */
export async function countEntries(deps: EntriesDeps, actor: Actor, mode: Mode, q: Omit<EntryListQuery, 'cursor' | 'limit' | 'sort'>, cap?: number): Promise<CountResult> {
  const dept = mode === 'member' ? actor.departmentCode : null;
  if (mode === 'member' && !dept) throw new ServiceError('forbidden', '该账号未关联成员单位');
  return deps.db.tx(async (tx) => {
    const n = await repo.countCurrentCapped(tx, {
      cadreId: q.cadreId, teamId: q.teamId, kind: q.kind, sourceDept: q.sourceDept, year: q.year, month: q.month, orgId: q.orgId, status: q.status, batchId: q.batchId,
      search: entrySearch(deps.crypto, q.q),
    }, actor.scope, dept, cap);
    await recordAudit(tx, actor, {
      action: 'ledger.read', objectType: q.cadreId ? 'cadre' : q.teamId ? 'team' : 'ledger', objectId: q.cadreId ?? q.teamId ?? null,
      details: { kind: q.kind ?? null, sourceDept: q.sourceDept ?? null, year: q.year ?? null, month: q.month ?? null, orgId: q.orgId ?? null, q: q.q ?? null, counted: n.total },
    }, deps.clock);
    return n;
  });
}

/** The ledger's kinds with their detail fields as JSON Schema (to build forms); a member department gets the kinds it submits. */
export async function entryKinds(deps: Pick<EntriesDeps, 'db'>, actor: Actor): Promise<z.input<typeof EntryKindView>[]> {
  return deps.db.tx(async (tx) => {
    const schemas = detailSchemas(await loadDictionaries(tx)) as Record<string, z.ZodType>;
    const depts = await listDepartments(tx);
    const mine = actor.departmentCode ? depts.find((d) => d.code === actor.departmentCode)?.kinds ?? [] : null;
    return ENTRY_KINDS.filter((k) => !mine || mine.includes(k.code)).map((k) => ({
      code: k.code, name: k.name,
      departments: depts.filter((d) => d.kinds.includes(k.code)).map((d) => d.code),
      detailsSchema: z.toJSONSchema(schemas[k.code]!, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    }));
  });
}
