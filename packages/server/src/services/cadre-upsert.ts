/**
 * Creating or updating a cadre from imported facts (a 干部任免审批表 file, a 干部名册 row):
 *
 *   matchCadres  → by the blind index of the 身份证号; else exact name + birth month; else new — within the
 *                  actor's jurisdiction. An ID held by a cadre outside it is an error (never updated);
 *                  several cadres with the same name and birth month are an error asking for the 身份证号.
 *   planCadre    → pure: the texts after the import, field by field against the cadre's current texts
 *                  (Chinese labels, before/after; 身份证号 masked; 家庭成员 `N人 → M人` naming who changed by
 *                  relation and name only; 照片 新增/更换), the registry columns to set, or `unchanged`.
 *   applyCadre   → writes one plan in the caller's transaction: the cadre row (version + 1, registry columns
 *                  kept in sync), `cadre_record`, the family SM4-encrypted, the photo, one audit row with
 *                  the changed field names only. Unchanged → nothing is written.
 *
 * Rules: a 任免审批表 (`replace`) is the whole form and replaces the record's texts, except that an empty
 * field never blanks a registry-backed field (姓名 … 学历学位), and an empty family table, photo or 身份证号
 * keeps what the cadre has. A roster row (`merge`) sets only the fields it fills. Texts that mean the same
 * (`197803` / `1978.03`, `汉` / `汉族`) count as unchanged and keep the stored text. A change of the form's
 * bookkeeping alone (计算年龄时间, 填表时间, 填表人, 编辑器版本) is not a change.
 */
import crypto from 'node:crypto';
import {
  ETHNICITY_TABLE, GENDER_TABLE, REGISTRY_KEYS, ROSTER_EXTRA_FIELDS, lookupCode, maskIdNumber, normalizeDate, normalizeMonth,
  parseIdNumber, parseResume, splitEducationDegree, toCompactDate, type CadreDiffItem, type RegistryKey,
} from '@jiandu/domain';
import type { Tx } from '../db/client.ts';
import type { FieldCrypto } from '../crypto/keys.ts';
import { sm3 } from '../crypto/sm.ts';
import { FAMILY_FIELDS, PERSON_FIELDS, nameValue, type FieldKind, type LrmxParseResult, type PersonFieldDef } from '../intake/lrmx/index.ts';
import { nameKeys } from '../lib/pinyin.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as recs from '../repositories/cadre-records.repository.ts';
import { insertCadre } from '../repositories/cadres.repository.ts';
import type { Actor, Clock } from '../context.ts';
import { cadreRow, idAad } from './cadres.service.ts';
import { sealPhoto } from './cadre-photos.ts';

export interface UpsertDeps {
  clock: Clock;
  crypto: FieldCrypto;
}

export type SourceFormat = 'lrmx' | 'lrm' | 'roster';
/** A family member as the form writes it: element name (ChengWei …) → text. */
export type FamilyTexts = Record<string, string>;

/** Normalized facts about one cadre from one source. */
export interface IncomingCadre {
  source: { format: SourceFormat; name: string | null; sm3: string | null };
  /** `replace`: the whole 任免审批表; `merge`: only the fields given (a roster row). */
  mode: 'replace' | 'merge';
  /** The name without padding (`王  某` → `王某`). */
  name: string;
  /** Normalized, valid 身份证号, or null. */
  idNumber: string | null;
  /** Form element (XingMing …, JianLi) or roster extra key (任现职务时间 …) → text. Never ShenFenZheng. */
  fields: Record<string, string>;
  unknown?: unknown[];
  /** Empty or absent: the source carries no family (the cadre's is kept). */
  family?: FamilyTexts[];
  /** Absent: the source carries no photo (the cadre's is kept). */
  photo?: { bytes: Buffer; mime: string };
  /** The unit of a new cadre (the import's default unit, or a roster row's 单位), already scope-checked. */
  org?: { id: string; name: string; regionCode: string } | null;
}

export interface CadreState {
  id: string;
  version: number;
  name: string;
  orgId: string;
  orgName: string;
  regionCode: string;
  registry: Record<RegistryKey, string | null>;
  hasId: boolean;
  idBidx: Buffer | null;
  idMasked: string | null;
  record: recs.RecordRow | null;
  family: FamilyTexts[];
  photoSm3: string | null;
}

export const familyAad = (cadreId: string) => `cadre:${cadreId}:family`;

// ── fields ───────────────────────────────────────────────────────────────────

const FIELD_BY_ELEMENT = new Map<string, PersonFieldDef>(PERSON_FIELDS.map((f) => [f.element, f]));
/** Form fields backed by a registry column: an empty text in a 任免审批表 does not blank them. */
const REGISTRY_BACKED = new Set([
  'XingMing', 'XingBie', 'ChuShengNianYue', 'MinZu', 'JiGuan', 'ChuShengDi', 'RuDangShiJian', 'CanJiaGongZuoShiJian',
  'QuanRiZhiJiaoYu_XueLi', 'QuanRiZhiJiaoYu_XueWei', 'ZaiZhiJiaoYu_XueLi', 'ZaiZhiJiaoYu_XueWei',
]);
/** The form's bookkeeping: a change of these alone does not make an update. */
const META = new Set(['Version', 'JiSuanNianLingShiJian', 'TianBiaoShiJian', 'TianBiaoRen']);
const EXTRA_KINDS: Record<string, FieldKind> = {
  [ROSTER_EXTRA_FIELDS.postSince]: 'date', [ROSTER_EXTRA_FIELDS.gradeSince]: 'date', [ROSTER_EXTRA_FIELDS.rank]: 'text', [ROSTER_EXTRA_FIELDS.remark]: 'text',
};
/** Elements the record keeps in `fields` (JianLi goes to `resume_text`, ShenFenZheng is encrypted on the cadre). */
export const RECORD_ELEMENTS = PERSON_FIELDS.filter((f) => f.element !== 'JianLi' && f.kind !== 'id').map((f) => f.element);

const REGISTRY_LABELS: Record<RegistryKey, string> = {
  gender: '性别', birth: '出生年月', ethnicity: '民族', nativePlace: '籍贯', birthPlace: '出生地', partyDate: '入党时间', workDate: '参加工作时间',
  educationFullTime: '全日制学历学位', educationInService: '在职学历学位', rank: '职务层次',
};
const REGISTRY_FIELDS: Record<RegistryKey, string[]> = {
  gender: ['XingBie'], birth: ['ChuShengNianYue'], ethnicity: ['MinZu'], nativePlace: ['JiGuan'], birthPlace: ['ChuShengDi'],
  partyDate: ['RuDangShiJian'], workDate: ['CanJiaGongZuoShiJian'], educationFullTime: ['QuanRiZhiJiaoYu_XueLi', 'QuanRiZhiJiaoYu_XueWei'],
  educationInService: ['ZaiZhiJiaoYu_XueLi', 'ZaiZhiJiaoYu_XueWei'], rank: [ROSTER_EXTRA_FIELDS.rank],
};

export function labelOf(key: string): string {
  return FIELD_BY_ELEMENT.get(key)?.label ?? key;
}

/** Whether two texts of a field mean the same (dates in any form, code names and their aliases, padded names). */
export function sameValue(key: string, a: string, b: string): boolean {
  if (a === b) return true;
  if (a === '' || b === '') return false;
  const f = FIELD_BY_ELEMENT.get(key);
  const kind = f?.kind ?? EXTRA_KINDS[key] ?? 'text';
  switch (kind) {
    case 'name': return nameValue(a) === nameValue(b);
    case 'date': case 'day': case 'party': {
      const x = normalizeDate(a);
      const y = normalizeDate(b);
      return x.ok && y.ok && x.value === y.value;
    }
    case 'code': {
      const x = lookupCode(f!.table!, a).name;
      return x !== null && x === lookupCode(f!.table!, b).name;
    }
    default: return a.trim() === b.trim();
  }
}

const month7 = (text: string | undefined): string | null => {
  if (!text || !/[0-9０-９]/u.test(text)) return null;
  const r = normalizeMonth(text);
  return r.ok && r.value.length === 7 ? r.value : null;
};
const educationOf = (edu: string | undefined, degree: string | undefined): string | null => {
  const s = [edu ?? '', degree ?? ''].filter((x) => x !== '').join(' ');
  return s === '' ? null : s.slice(0, 100);
};

/** The registry columns the texts give (null: the texts say nothing, the column is left as it is). */
export function registryFromTexts(t: Record<string, string>, idNumber: string | null, keepIdFacts: boolean): Record<RegistryKey, string | null> {
  const id = idNumber ? parseIdNumber(idNumber) : null;
  const gender = lookupCode(GENDER_TABLE, t.XingBie ?? '').name;
  return {
    gender: id?.ok ? id.gender : keepIdFacts ? null : gender === '男' || gender === '女' ? gender : null,
    birth: id?.ok ? id.birth : keepIdFacts ? null : month7(t.ChuShengNianYue),
    ethnicity: t.MinZu ? (lookupCode(ETHNICITY_TABLE, t.MinZu).name ?? t.MinZu).slice(0, 20) : null,
    nativePlace: t.JiGuan ? t.JiGuan.slice(0, 100) : null,
    birthPlace: t.ChuShengDi ? t.ChuShengDi.slice(0, 100) : null,
    partyDate: month7(t.RuDangShiJian),
    workDate: month7(t.CanJiaGongZuoShiJian),
    educationFullTime: educationOf(t.QuanRiZhiJiaoYu_XueLi, t.QuanRiZhiJiaoYu_XueWei),
    educationInService: educationOf(t.ZaiZhiJiaoYu_XueLi, t.ZaiZhiJiaoYu_XueWei),
    rank: t[ROSTER_EXTRA_FIELDS.rank] ? t[ROSTER_EXTRA_FIELDS.rank]!.slice(0, 20) : null,
  };
}

/** The cadre's texts now: its record's, or (entered by hand) the ones its registry columns give. */
export function currentTexts(state: CadreState): Record<string, string> {
  const r = state.registry;
  if (state.record) {
    const t: Record<string, string> = { ...state.record.fields, JianLi: state.record.resumeText ?? '' };
    if (!t[ROSTER_EXTRA_FIELDS.rank] && r.rank) t[ROSTER_EXTRA_FIELDS.rank] = r.rank;
    return t;
  }
  const compact = (v: string | null) => (v ? toCompactDate(v, 'YYYYMM') || v : '');
  const [fe, fd] = splitEducationDegree(r.educationFullTime ?? '');
  const [ie, id] = splitEducationDegree(r.educationInService ?? '');
  const t: Record<string, string> = {
    XingMing: state.name, XingBie: r.gender ?? '', ChuShengNianYue: compact(r.birth), MinZu: r.ethnicity ?? '', JiGuan: r.nativePlace ?? '',
    ChuShengDi: r.birthPlace ?? '', RuDangShiJian: compact(r.partyDate), CanJiaGongZuoShiJian: compact(r.workDate),
    QuanRiZhiJiaoYu_XueLi: fe, QuanRiZhiJiaoYu_XueWei: fd, ZaiZhiJiaoYu_XueLi: ie, ZaiZhiJiaoYu_XueWei: id,
  };
  if (r.rank) t[ROSTER_EXTRA_FIELDS.rank] = r.rank;
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== ''));
}

// ── the plan ─────────────────────────────────────────────────────────────────

export interface FamilyChange { change: 'added' | 'removed' | 'changed'; relation: string; name: string }

export interface CadrePlan {
  status: 'create' | 'update' | 'unchanged' | 'error';
  /** The cadre updated (null for a new one). */
  cadreId: string | null;
  version: number | null;
  name: string;
  /** Field by field; a 家庭成员 item carries `members` (relation and name: sensitive, never stored in clear). */
  diff: Array<CadreDiffItem & { members?: FamilyChange[] }>;
  errors: string[];
  /** Texts after the import (record fields, JianLi included). */
  after: Record<string, string>;
  registryPatch: Partial<Record<RegistryKey, string>>;
  nameChange: string | null;
  setId: boolean;
  family: FamilyTexts[] | null;
  familyChanged: boolean;
  photoChanged: boolean;
}

/** A member as compared: code names for 称谓/政治面貌, the name without padding, the birth as a value. */
function canonicalMember(m: FamilyTexts): string[] {
  return FAMILY_FIELDS.map((f) => {
    const text = m[f.element] ?? '';
    if (text === '') return '';
    if (f.kind === 'name') return nameValue(text);
    if (f.kind === 'date') {
      const r = normalizeDate(text);
      return r.ok ? r.value : text;
    }
    if (f.kind === 'code') return lookupCode(f.table!, text).name ?? text;
    return text;
  });
}
const familyKey = (m: FamilyTexts) => `${m.ChengWei ?? ''}|${nameValue(m.XingMing ?? '')}`;
const familyJson = (list: FamilyTexts[]) => JSON.stringify(list.map(canonicalMember));

/** Who changed between two family lists, by relation + name. Order-only changes give an empty list. */
export function familyChanges(before: FamilyTexts[], after: FamilyTexts[]): FamilyChange[] {
  const out: FamilyChange[] = [];
  const left = [...before];
  for (const m of after) {
    const i = left.findIndex((b) => familyKey(b) === familyKey(m));
    const who = { relation: m.ChengWei ?? '', name: nameValue(m.XingMing ?? '') };
    if (i < 0) out.push({ change: 'added', ...who });
    else {
      if (familyJson([left[i]!]) !== familyJson([m])) out.push({ change: 'changed', ...who });
      left.splice(i, 1);
    }
  }
  for (const b of left) out.push({ change: 'removed', relation: b.ChengWei ?? '', name: nameValue(b.XingMing ?? '') });
  return out;
}

/** Pure: what importing `incoming` onto `state` (null: a new cadre) would change. */
export function planCadre(incoming: IncomingCadre, state: CadreState | null, bidxOfIncoming: Buffer | null): CadrePlan {
  const plan: CadrePlan = {
    status: 'unchanged', cadreId: state?.id ?? null, version: state?.version ?? null, name: state?.name ?? incoming.name, diff: [], errors: [],
    after: {}, registryPatch: {}, nameChange: null, setId: false, family: null, familyChanged: false, photoChanged: false,
  };
  const before = state ? currentTexts(state) : {};
  let after: Record<string, string>;
  if (incoming.mode === 'replace') {
    after = Object.fromEntries(Object.entries(before).filter(([k]) => !FIELD_BY_ELEMENT.has(k)));
    for (const f of PERSON_FIELDS) {
      if (f.kind === 'id') continue;
      const text = incoming.fields[f.element] ?? '';
      if (text === '' && REGISTRY_BACKED.has(f.element) && before[f.element]) after[f.element] = before[f.element]!;
      else if (text !== '') after[f.element] = text;
    }
  } else {
    after = { ...before };
    for (const [k, v] of Object.entries(incoming.fields)) if (v !== '') after[k] = v;
  }
  for (const k of Object.keys(after)) if (before[k] !== undefined && sameValue(k, before[k]!, after[k]!)) after[k] = before[k]!;
  plan.after = after;

  const keys = [...new Set([...PERSON_FIELDS.map((f) => f.element), ...Object.keys(before), ...Object.keys(after)])];
  let substantive = false;
  for (const k of keys) {
    const b = before[k] ?? '';
    const a = after[k] ?? '';
    if (a === b || k === 'Version') continue;
    plan.diff.push({ field: k, label: labelOf(k), before: b, after: a });
    if (!META.has(k)) substantive = true;
  }

  // 身份证号: set when the cadre has none; the match guarantees an existing one is the same.
  if (incoming.idNumber && !state?.hasId) {
    plan.setId = true;
    plan.diff.unshift({ field: 'idNumber', label: '身份证号', before: '', after: maskIdNumber(incoming.idNumber) });
    substantive = true;
  } else if (incoming.idNumber && state?.idBidx && bidxOfIncoming && !state.idBidx.equals(bidxOfIncoming)) {
    plan.errors.push('身份证号与系统中该干部的身份证号不一致');
  }

  const registry = registryFromTexts(after, incoming.idNumber, !!state?.hasId && !incoming.idNumber);
  const shown = new Set(plan.diff.map((d) => d.field));
  for (const k of REGISTRY_KEYS) {
    const v = registry[k];
    if (v === null || v === (state?.registry[k] ?? null)) continue;
    plan.registryPatch[k] = v;
    if (state && !REGISTRY_FIELDS[k].some((f) => shown.has(f))) {
      plan.diff.push({ field: `registry.${k}`, label: `${REGISTRY_LABELS[k]}（登记信息）`, before: state.registry[k] ?? '', after: v });
    }
    substantive = true;
  }
  const newName = nameValue(after.XingMing ?? '');
  if (newName === '') plan.errors.push('姓名不能为空');
  else if (state && newName !== state.name) { plan.nameChange = newName; substantive = true; }
  plan.name = newName || plan.name;

  const beforeFamily = state?.family ?? [];
  if (incoming.family && incoming.family.length > 0 && familyJson(incoming.family) !== familyJson(beforeFamily)) {
    plan.family = incoming.family;
    plan.familyChanged = true;
    plan.diff.push({
      field: 'family', label: '家庭主要成员及重要社会关系', before: `${beforeFamily.length}人`, after: `${incoming.family.length}人`,
      members: familyChanges(beforeFamily, incoming.family),
    });
    substantive = true;
  }
  if (incoming.photo) {
    const digest = sm3(incoming.photo.bytes).toString('hex');
    if (digest !== state?.photoSm3) {
      plan.photoChanged = true;
      plan.diff.push({ field: 'photo', label: '照片', before: state?.photoSm3 ? '有' : '', after: state?.photoSm3 ? '更换' : '新增' });
      substantive = true;
    }
  }

  if (!state) {
    plan.status = 'create';
    if (!incoming.org) plan.errors.push('新干部需要所在单位：请选择新干部的默认单位（名册请填写“单位”列）');
  } else plan.status = substantive ? 'update' : 'unchanged';
  if (plan.status === 'unchanged') plan.diff = [];
  if (plan.errors.length > 0) plan.status = 'error';
  return plan;
}

// ── matching ─────────────────────────────────────────────────────────────────

export interface MatchResult {
  match: 'id' | 'name_birth' | 'none';
  cadreId: string | null;
  error: string | null;
  warnings: string[];
}

/** The birth month of incoming facts: the 身份证号's, else the form's. */
export function birthOf(incoming: Pick<IncomingCadre, 'idNumber' | 'fields'>): string | null {
  if (incoming.idNumber) {
    const id = parseIdNumber(incoming.idNumber);
    if (id.ok) return id.birth;
  }
  return month7(incoming.fields.ChuShengNianYue);
}

export function bidxOf(box: FieldCrypto, idNumber: string | null): Buffer | null {
  return idNumber ? box.blindIndex('id_number', idNumber) : null;
}

/** Matches a batch of incoming facts with three queries at most. */
export async function matchCadres(tx: Tx, box: FieldCrypto, actor: Actor, list: Array<Pick<IncomingCadre, 'name' | 'idNumber' | 'fields'>>): Promise<MatchResult[]> {
  const bidx = list.map((x) => bidxOf(box, x.idNumber));
  const byId = await recs.cadresByBidx(tx, bidx.filter((b): b is Buffer => b !== null), actor.scope);
  const pending: number[] = [];
  const out: MatchResult[] = list.map((x, i) => {
    const b = bidx[i];
    const hit = b ? byId.get(b.toString('hex')) : undefined;
    if (hit && !hit.inScope) {
      return { match: 'id', cadreId: null, error: '系统中已有此身份证号的干部，但不在您的管辖范围内，不能导入或修改', warnings: [] };
    }
    if (hit) return { match: 'id', cadreId: hit.id, error: null, warnings: [] };
    pending.push(i);
    return { match: 'none', cadreId: null, error: null, warnings: [] };
  });
  const pairs = pending.filter((i) => list[i]!.name !== '').map((i): [string, string | null] => [list[i]!.name, birthOf(list[i]!)]);
  const byName = await recs.cadresByNameBirth(tx, pairs, actor.scope);
  for (const i of pending) {
    const x = list[i]!;
    if (x.name === '') continue;
    const birth = birthOf(x);
    const found = byName.get(`${x.name}|${birth ?? ''}`) ?? [];
    const r = out[i]!;
    if (birth === null) {
      if (found.length > 0) r.error = `系统中已有${found.length}名名为“${x.name}”的干部，这里没有身份证号和出生年月，无法确定是否同一人：请补充身份证号或出生年月`;
      continue;
    }
    // With a 身份证号, a namesake who has a different one is somebody else.
    const usable = x.idNumber ? found.filter((c) => !c.hasId) : found;
    if (x.idNumber && usable.length < found.length) {
      r.warnings.push(`系统中有同名、出生年月相同的干部，但身份证号不同，按另一名干部处理`);
    }
    if (usable.length === 1) {
      r.match = 'name_birth';
      r.cadreId = usable[0]!.id;
    } else if (usable.length > 1) {
      r.error = `系统中有${usable.length}名姓名为“${x.name}”、出生年月为${birth}的干部，无法确定是哪一名：请在文件中填写身份证号`;
    }
  }
  return out;
}

/** The states of matched cadres, family decrypted. */
export async function loadStates(tx: Tx, box: FieldCrypto, ids: string[], actor: Actor): Promise<Map<string, CadreState>> {
  const found = await recs.statesOf(tx, [...new Set(ids)], actor.scope);
  const out = new Map<string, CadreState>();
  for (const [id, s] of found) {
    const c = s.cadre;
    const family = s.record?.familyEnc ? (JSON.parse(box.decrypt(s.record.familyEnc, familyAad(id))) as FamilyTexts[]) : [];
    out.set(id, {
      id, version: c.version, name: c.name, orgId: c.orgId, orgName: s.orgName, regionCode: c.regionCode,
      registry: {
        gender: c.gender, birth: c.birth, ethnicity: c.ethnicity, nativePlace: c.nativePlace, birthPlace: c.birthPlace, partyDate: c.partyDate,
        workDate: c.workDate, educationFullTime: c.educationFullTime, educationInService: c.educationInService, rank: c.rank,
      },
      hasId: c.idNumberBidx !== null, idBidx: c.idNumberBidx ? Buffer.from(c.idNumberBidx) : null, idMasked: c.idNumberMasked,
      record: s.record, family, photoSm3: s.photoSm3,
    });
  }
  return out;
}

// ── applying ─────────────────────────────────────────────────────────────────

export class ApplyConflict extends Error {}

/**
 * Writes a plan (create or update) in the caller's transaction. An update whose cadre changed since
 * `plan.version` throws `ApplyConflict` before anything is written for it.
 */
export async function applyCadre(
  tx: Tx, deps: UpsertDeps, actor: Actor, incoming: IncomingCadre, plan: CadrePlan, state: CadreState | null, ref: { importId?: string; newId?: string } = {},
): Promise<{ cadreId: string } | null> {
  if (plan.status !== 'create' && plan.status !== 'update') return null;
  const at = deps.clock.now();
  let id: string;
  if (plan.status === 'create') {
    const o = incoming.org!;
    const r = plan.registryPatch;
    id = ref.newId ?? crypto.randomUUID();
    const row = cadreRow(deps.crypto, {
      name: plan.name, idNumber: incoming.idNumber ?? undefined, gender: r.gender as '男' | '女' | undefined, birth: r.birth, ethnicity: r.ethnicity,
      nativePlace: r.nativePlace, partyDate: r.partyDate, workDate: r.workDate, educationFullTime: r.educationFullTime,
      educationInService: r.educationInService, rank: r.rank, status: '在职', orgId: o.id,
    }, o.regionCode, id);
    row.birthPlace = r.birthPlace ?? null;
    await insertCadre(tx, row);
  } else {
    id = state!.id;
    const patch: Record<string, unknown> = { ...plan.registryPatch };
    if (plan.nameChange) {
      const k = nameKeys(plan.nameChange);
      Object.assign(patch, { name: plan.nameChange, namePinyin: k.key, nameInitials: k.initials });
    }
    if (plan.setId && incoming.idNumber) {
      Object.assign(patch, {
        idNumberEnc: deps.crypto.encrypt(incoming.idNumber, idAad(id)), idNumberBidx: deps.crypto.blindIndex('id_number', incoming.idNumber),
        idNumberMasked: maskIdNumber(incoming.idNumber),
      });
    }
    if (!(await recs.updateCadreIfVersion(tx, id, plan.version!, patch, at))) {
      throw new ApplyConflict('预览之后该干部的信息已被修改，请重新预览后再导入');
    }
  }

  const after = plan.after;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(after)) if (k !== 'JianLi' && k !== 'ShenFenZheng' && v !== '') fields[k] = v;
  const family = plan.family ?? state?.family ?? [];
  const resumeText = after.JianLi ?? '';
  await recs.upsertRecord(tx, {
    cadreId: id, fields, resumeText: resumeText || null, resume: resumeText ? parseResume(resumeText) : null,
    familyEnc: family.length > 0 ? deps.crypto.encrypt(JSON.stringify(family), familyAad(id)) : null, familyCount: family.length,
    unknown: incoming.mode === 'replace' ? incoming.unknown ?? [] : (state?.record?.unknown ?? []),
    sourceFormat: incoming.source.format, sourceName: incoming.source.name, sourceSm3: incoming.source.sm3, updatedBy: actor.userId, updatedAt: at,
  });
  if (plan.photoChanged && incoming.photo) {
    await recs.upsertPhoto(tx, {
      cadreId: id, mime: incoming.photo.mime, data: sealPhoto(deps.crypto, id, incoming.photo.bytes), sm3: sm3(incoming.photo.bytes).toString('hex'), updatedAt: at,
    });
  }
  const changed = [...new Set(plan.diff.map((d) => d.label))];
  await recordAudit(tx, actor, {
    action: plan.status === 'create' ? 'cadre.import-create' : 'cadre.import-update', objectType: 'cadre', objectId: id,
    details: { source: incoming.source.format, importId: ref.importId ?? null, fields: changed.join('、').slice(0, 480), count: changed.length },
  }, deps.clock);
  return { cadreId: id };
}

// ── sources ──────────────────────────────────────────────────────────────────

/** A parsed 任免审批表 → incoming facts. */
export function incomingFromLrmx(parsed: LrmxParseResult, source: { name: string; sm3: string }): IncomingCadre {
  const fields: Record<string, string> = {};
  for (const f of PERSON_FIELDS) if (f.kind !== 'id') fields[f.element] = parsed.person[f.key].text;
  return {
    source: { format: parsed.format, name: source.name, sm3: source.sm3 },
    mode: 'replace',
    name: parsed.person.name.value,
    idNumber: parsed.person.idNumber.value,
    fields,
    unknown: parsed.unknown,
    family: parsed.family.map((m) => Object.fromEntries(FAMILY_FIELDS.map((f) => [f.element, m[f.key].text]))),
    ...(parsed.photo ? { photo: { bytes: parsed.photo.bytes, mime: parsed.photo.mime } } : {}),
  };
}
