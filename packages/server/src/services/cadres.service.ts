/** 干部: list, profile (an audited read), creation with an encrypted 身份证号, tenures, exact lookup. */
import crypto from 'node:crypto';
import {
  fieldPolicyOf, maskIdNumber, parseIdNumber, type CadreCreateBody, type CountResult, type CadreDetail, type CadreListItem, type CadreListQuery,
  type ManageLevel, type ManageLevelBody, type TenureCreateBody,
} from '@jiandu/domain';
import type { Database, Tx } from '../db/client.ts';
import type { FieldCrypto } from '../crypto/keys.ts';
import { decodeCursor, decodeSortCursor, encodeCursor, encodeSortCursor } from '../lib/cursor.ts';
import { nameKeys } from '../lib/pinyin.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as cadres from '../repositories/cadres.repository.ts';
import { cursorShape } from '../repositories/lists.ts';
import { findOrgInScope, teamInScope } from '../repositories/orgs.repository.ts';
import { todayOf, type Actor, type Clock } from '../context.ts';
import { ServiceError, notFound, pgErrorOf } from '../errors.ts';
import { reevaluate } from './supervision/evaluate.ts';

export interface CadresDeps {
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
}

export const idAad = (cadreId: string) => `cadre:${cadreId}:id_number`;

/** The repository filter of the list's query (without the org, which needs a transaction to resolve). */
export function cadreFilterOf(deps: Pick<CadresDeps, 'clock' | 'crypto'>, q: Omit<CadreListQuery, 'cursor' | 'limit'>, limit: number, cursor?: string): cadres.CadreFilter {
  const filter: cadres.CadreFilter = { limit, today: todayOf(deps.clock), after: decodeCursor<[string, string]>(cursor, ['text?', 'uuid']) };
  const text = q.q?.normalize('NFKC').trim();
  if (text) {
    const asId = /^\d{17}[\dXx]$/u.test(text.replace(/\s/gu, '')) ? parseIdNumber(text) : null;
    if (asId?.ok) filter.idNumberBidx = deps.crypto.blindIndex('id_number', asId.value);
    else if (asId && !asId.ok) throw new ServiceError('invalid', asId.message, 'invalid', [{ path: 'q', message: asId.message }]);
    else if (/^[a-z]+$/iu.test(text)) {
      filter.nameContains = text;
      filter.initialsPrefix = text.toLowerCase();
    } else filter.nameContains = text;
  }
  if (q.status) filter.status = q.status;
  if (q.gender) filter.gender = q.gender;
  if (q.principal) filter.principal = q.principal === 'true';
  return filter;
}

export async function listCadres(deps: CadresDeps, actor: Actor, q: CadreListQuery): Promise<{ items: CadreListItem[]; nextCursor: string | null }> {
  if (q.sort) return listCadresSorted(deps, actor, { ...q, sort: q.sort });
  const filter = cadreFilterOf(deps, q, q.limit + 1, q.cursor);
  return deps.db.tx(async (tx) => {
    if (q.orgId) {
      const o = await findOrgInScope(tx, q.orgId, actor.scope);
      if (!o) throw notFound('组织');
      filter.orgPath = o.path;
    }
    const items = await cadres.listCadres(tx, filter, actor.scope);
    let nextCursor: string | null = null;
    if (items.length > q.limit) {
      items.pop();
      const last = items[items.length - 1]!;
      nextCursor = encodeCursor([await cadres.sortKeyOf(tx, last.id), last.id]);
    }
    return { items, nextCursor };
  });
}

/** The list in a chosen order (姓名 / 单位 / 出生日期): the cursor carries the sort and the last row's key. */
async function listCadresSorted(deps: CadresDeps, actor: Actor, q: CadreListQuery & { sort: NonNullable<CadreListQuery['sort']> }) {
  const filter = cadreFilterOf(deps, q, q.limit + 1);
  filter.sort = cadres.cadreSortPlan(q.sort);
  filter.sortAfter = decodeSortCursor(q.cursor, q.sort, cursorShape(filter.sort));
  return deps.db.tx(async (tx) => {
    if (q.orgId) {
      const o = await findOrgInScope(tx, q.orgId, actor.scope);
      if (!o) throw notFound('组织');
      filter.orgPath = o.path;
    }
    const found = await cadres.listCadres(tx, filter, actor.scope);
    const more = found.length > q.limit;
    if (more) found.pop();
    const key = found[found.length - 1]?.sortKey;
    return { items: found.map(({ sortKey: _k, ...c }) => c), nextCursor: more && key ? encodeSortCursor(q.sort, key) : null };
  });
}

/** 共 N 条 of the cadre list with its filters (not audited, like the list). */
export async function countCadres(deps: CadresDeps, actor: Actor, q: Omit<CadreListQuery, 'cursor' | 'limit' | 'sort'>, cap?: number): Promise<CountResult> {
  const filter = cadreFilterOf(deps, q, 0);
  return deps.db.tx(async (tx) => {
    if (q.orgId) {
      const o = await findOrgInScope(tx, q.orgId, actor.scope);
      if (!o) throw notFound('组织');
      filter.orgPath = o.path;
    }
    return cadres.countCadresCapped(tx, filter, actor.scope, cap);
  });
}

/** A profile read: audited, in the same transaction as the read. */
export async function getCadre(deps: CadresDeps, actor: Actor, id: string): Promise<CadreDetail> {
  return deps.db.tx(async (tx) => {
    const found = await cadres.findCadreInScope(tx, id, actor.scope);
    if (!found) throw notFound('干部');
    const c = found.cadre;
    const tenures = await cadres.tenuresOf(tx, id, todayOf(deps.clock));
    const extras = await cadres.recordFlagsOf(tx, id);
    await recordAudit(tx, actor, { action: 'cadre.read', objectType: 'cadre', objectId: id }, deps.clock);
    return {
      id: c.id, name: c.name, gender: c.gender, birth: c.birth, ethnicity: c.ethnicity, nativePlace: c.nativePlace,
      partyDate: c.partyDate, workDate: c.workDate, educationFullTime: c.educationFullTime,
      educationInService: c.educationInService, rank: c.rank, status: c.status, orgId: c.orgId, orgName: found.orgName,
      idNumberMasked: c.idNumberMasked, birthPlace: c.birthPlace, ...extras, tenures,
      manageLevel: c.manageLevel as ManageLevel, manageLevelOverride: (c.manageLevelOverride as ManageLevel | null) ?? null,
      manageLevelEditable: mayOverrideManageLevel(actor), version: c.version,
    };
  });
}

export async function revealIdNumber(deps: CadresDeps, actor: Actor, id: string): Promise<string | null> {
  // The route asks for cadre:sensitive; the field policy is the same decision, checked here for every caller.
  if (!fieldPolicyOf(actor).idNumber) throw new ServiceError('forbidden', '没有查看完整身份证号的权限');
  return deps.db.tx(async (tx) => {
    const found = await cadres.findCadreInScope(tx, id, actor.scope);
    if (!found) throw notFound('干部');
    await recordAudit(tx, actor, { action: 'cadre.reveal-id', objectType: 'cadre', objectId: id }, deps.clock);
    const enc = found.cadre.idNumberEnc;
    return enc ? deps.crypto.decrypt(enc, idAad(id)) : null;
  });
}

/** Builds the row of a new cadre: keys, encrypted 身份证号, birth and gender read from it. */
export function cadreRow(cryptoBox: FieldCrypto, input: CadreCreateBody, regionCode: string, id: string = crypto.randomUUID()): cadres.CadreInsert {
  const keys = nameKeys(input.name);
  const row: cadres.CadreInsert = {
    id,
    name: input.name,
    namePinyin: keys.key,
    nameInitials: keys.initials,
    gender: input.gender ?? null,
    birth: input.birth ?? null,
    ethnicity: input.ethnicity ?? null,
    nativePlace: input.nativePlace ?? null,
    partyDate: input.partyDate ?? null,
    workDate: input.workDate ?? null,
    educationFullTime: input.educationFullTime ?? null,
    educationInService: input.educationInService ?? null,
    rank: input.rank ?? null,
    status: input.status,
    orgId: input.orgId,
    regionCode,
  };
  if (input.idNumber) {
    const parsed = parseIdNumber(input.idNumber);
    if (!parsed.ok) throw new ServiceError('invalid', parsed.message, 'invalid', [{ path: 'idNumber', message: parsed.message }]);
    if (input.birth && input.birth !== parsed.birth) {
      throw new ServiceError('invalid', '出生年月与身份证号不一致', 'invalid', [{ path: 'birth', message: `身份证号中的出生年月为 ${parsed.birth}` }]);
    }
    if (input.gender && input.gender !== parsed.gender) {
      throw new ServiceError('invalid', '性别与身份证号不一致', 'invalid', [{ path: 'gender', message: `身份证号表明性别为${parsed.gender}` }]);
    }
    row.birth = parsed.birth;
    row.gender = parsed.gender;
    row.idNumberEnc = cryptoBox.encrypt(parsed.value, idAad(id));
    row.idNumberBidx = cryptoBox.blindIndex('id_number', parsed.value);
    row.idNumberMasked = maskIdNumber(parsed.value);
  }
  return row;
}

export async function createCadre(deps: CadresDeps, actor: Actor, input: CadreCreateBody): Promise<{ id: string }> {
  try {
    return await deps.db.tx(async (tx) => {
      const o = await findOrgInScope(tx, input.orgId, actor.scope);
      if (!o) throw new ServiceError('invalid', '所在单位不存在或不在管辖范围内', 'invalid', [{ path: 'orgId', message: '单位不存在或不在管辖范围内' }]);
      if (o.abolishedOn) throw new ServiceError('invalid', `“${o.name}”已于${o.abolishedOn}撤销，不能再录入新干部`, 'invalid', [{ path: 'orgId', message: '单位已撤销' }]);
      const row = cadreRow(deps.crypto, input, o.regionCode);
      await cadres.insertCadre(tx, row);
      // 干部管理权限: a county cannot enter a cadre whose rank makes him 市管 (he would be out of its reach).
      if (!(await cadres.findCadreInScope(tx, row.id!, actor.scope))) {
        throw new ServiceError('invalid', '该职务层次的干部属上级管理，不能在本级录入', 'invalid', [{ path: 'rank', message: '属上级管理' }]);
      }
      await recordAudit(tx, actor, { action: 'cadre.create', objectType: 'cadre', objectId: row.id!, details: { name: input.name } }, deps.clock);
      return { id: row.id! };
    });
  } catch (e) {
    if (pgErrorOf(e)?.code === '23505') {
      throw new ServiceError('conflict', '已有干部使用此身份证号', 'duplicate_id_number', [{ path: 'idNumber', message: '身份证号已存在' }]);
    }
    throw e;
  }
}

export async function addTenure(deps: CadresDeps, actor: Actor, cadreId: string, input: TenureCreateBody): Promise<{ id: string }> {
  if (input.endDate && input.endDate < input.startDate) {
    throw new ServiceError('invalid', '任职结束日期不能早于开始日期', 'invalid', [{ path: 'endDate', message: '不能早于开始日期' }]);
  }
  return deps.db.tx(async (tx) => {
    if (!(await cadres.findCadreInScope(tx, cadreId, actor.scope))) throw notFound('干部');
    const id = await insertTenureIn(tx, deps.clock, actor, cadreId, input);
    await reevaluate(tx, deps.clock, { cadreIds: [cadreId], teamIds: [input.teamId] }, actor.login);
    return { id };
  });
}

/**
 * A tenure written in the caller's transaction (the team in scope and managed here; audited `tenure.create`,
 * with `details` added — an import's id). The caller has checked the cadre and re-evaluates afterwards.
 */
export async function insertTenureIn(
  tx: Tx, clock: Clock, actor: Actor, cadreId: string, input: Omit<TenureCreateBody, 'domains'> & { domains?: string[] }, details: Record<string, unknown> = {},
): Promise<string> {
  const team = await teamInScope(tx, input.teamId, actor.scope);
  if (!team) throw new ServiceError('invalid', '领导班子不存在或不在管辖范围内', 'invalid', [{ path: 'teamId', message: '班子不存在' }]);
  if (team.abolishedOn) throw new ServiceError('invalid', `“${team.orgName}”已于${team.abolishedOn}撤销，不能再新增任职`, 'invalid', [{ path: 'teamId', message: '单位已撤销' }]);
  const id = await cadres.insertTenure(tx, {
    cadreId, teamId: input.teamId, title: input.title, isPrincipal: input.isPrincipal, domains: input.domains ?? [],
    rank: input.rank ?? null, startDate: input.startDate, endDate: input.endDate ?? null,
  });
  await recordAudit(tx, actor, {
    action: 'tenure.create', objectType: 'tenure', objectId: id,
    details: { cadreId, teamId: input.teamId, title: input.title, isPrincipal: input.isPrincipal, ...details },
  }, clock);
  return id;
}

export async function endTenure(deps: CadresDeps, actor: Actor, tenureId: string, endDate: string): Promise<void> {
  await deps.db.tx(async (tx) => {
    const t = await cadres.findTenure(tx, tenureId);
    if (!t || !(await cadres.findCadreInScope(tx, t.cadreId, actor.scope))) throw notFound('任职');
    if (t.endDate) throw new ServiceError('conflict', '该任职已结束', 'already_ended');
    if (endDate < t.startDate) throw new ServiceError('invalid', '结束日期不能早于开始日期', 'invalid', [{ path: 'endDate', message: '不能早于开始日期' }]);
    await cadres.endTenure(tx, tenureId, endDate);
    await recordAudit(tx, actor, { action: 'tenure.end', objectType: 'tenure', objectId: tenureId, details: { cadreId: t.cadreId, endDate } }, deps.clock);
    await reevaluate(tx, deps.clock, { cadreIds: [t.cadreId], teamIds: [t.teamId] }, actor.login);
  });
}

/**
 * Who may override a cadre's 干部管理权限: a supervisor of a level above the county (a jurisdiction that
 * grants every level, or an unlimited one) — a county 组织部 cannot reclassify the cadres it manages.
 */
export function mayOverrideManageLevel(actor: Actor): boolean {
  return actor.permissions.has('cadre:write') && !actor.scope?.levels;
}

/** Sets or removes the per-cadre override of the 干部管理权限 (audited with the reason, old and new level). */
export async function setManageLevel(deps: CadresDeps, actor: Actor, id: string, input: ManageLevelBody): Promise<CadreDetail> {
  await deps.db.tx(async (tx) => {
    const found = await cadres.findCadreInScope(tx, id, actor.scope);
    if (!found) throw notFound('干部');
    if (!mayOverrideManageLevel(actor)) throw new ServiceError('forbidden', '干部管理权限只能由上级组织部门调整');
    const before = found.cadre.manageLevel;
    const after = await cadres.setManageLevelOverride(tx, id, input.level, deps.clock.now());
    await recordAudit(tx, actor, {
      action: 'cadre.manage-level', objectType: 'cadre', objectId: id, reason: input.reason,
      details: { from: before, to: after, override: input.level },
    }, deps.clock);
  });
  return getCadre(deps, actor, id);
}

/** 成员单位: find a cadre only by exact 身份证号, or exact name + unit; never browse. Audited. */
export async function lookupCadre(deps: CadresDeps, actor: Actor, q: { idNumber?: string; name?: string; orgId?: string }) {
  let bidx: Buffer | null = null;
  if (q.idNumber) {
    const parsed = parseIdNumber(q.idNumber);
    if (!parsed.ok) throw new ServiceError('invalid', parsed.message, 'invalid', [{ path: 'idNumber', message: parsed.message }]);
    bidx = deps.crypto.blindIndex('id_number', parsed.value);
  } else if (!(q.name && q.orgId)) {
    throw new ServiceError('invalid', '请填写完整身份证号，或同时填写姓名和所在单位');
  }
  return deps.db.tx(async (tx) => {
    const found = bidx
      ? [await cadres.findByBlindIndex(tx, bidx, actor.scope)].filter((x) => x !== null)
      : await cadres.findByNameAndOrg(tx, q.name!.normalize('NFKC').replace(/\s/gu, ''), q.orgId!, actor.scope);
    const results = [];
    for (const c of found) results.push({ ...c, currentTitle: await cadres.currentTitleOf(tx, c.id, todayOf(deps.clock)) });
    await recordAudit(tx, actor, {
      action: 'cadre.lookup', objectType: 'cadre', objectId: results.length === 1 ? results[0]!.id : null,
      details: { by: bidx ? 'id_number' : 'name_org', found: results.length },
    }, deps.clock);
    return results;
  });
}
