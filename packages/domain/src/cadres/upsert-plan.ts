/**
 * The pure half of creating or updating a cadre from imported facts (a 干部任免审批表, a 干部名册 row); the
 * server's services/cadre-upsert.ts matches the cadre, loads its state and writes the plan.
 *
 *   planCadreChange → the texts after the import, field by field against the cadre's current texts
 *                     (Chinese labels, before/after; 身份证号 masked; 家庭成员 `N人 → M人` naming who changed by
 *                     relation and name only; 照片 新增/更换), the registry columns to set, or `unchanged`.
 *
 * Rules: a 任免审批表 (`replace`) is the whole form and replaces the record's texts, except that an empty
 * field never blanks a registry-backed field (姓名 … 学历学位), and an empty family table, photo or 身份证号
 * keeps what the cadre has. A roster row (`merge`) sets only the fields it fills. Texts that mean the same
 * (`197803` / `1978.03`, `汉` / `汉族`) count as unchanged and keep the stored text. A change of the form's
 * bookkeeping alone (计算年龄时间, 填表时间, 填表人, 编辑器版本) is not a change.
 */
import { ETHNICITY_TABLE } from '../codes/gbt/ethnicity.ts';
import { GENDER_TABLE } from '../codes/gbt/gender.ts';
import { lookupCode } from '../codes/gbt/table.ts';
import { REGISTRY_KEYS, ROSTER_EXTRA_FIELDS, splitEducationDegree, type RegistryKey } from '../codes/roster-columns.ts';
import type { CadreDiffItem } from '../contracts/cadre-imports.ts';
import { normalizeDate, normalizeMonth, toCompactDate } from '../validation/dates.ts';
import { maskIdNumber, parseIdNumber } from '../validation/id-number.ts';
import { FAMILY_FIELDS, PERSON_FIELDS, nameValue, type FieldKind, type PersonFieldDef } from './lrmx-fields.ts';

/** A family member as the form writes it: element name (ChengWei …) → text. */
export type FamilyTexts = Record<string, string>;

/** What the plan reads of the incoming facts (the server's `IncomingCadre` carries more: source, photo bytes …). */
export interface IncomingTexts {
  /** `replace`: the whole 任免审批表; `merge`: only the fields given (a roster row). */
  mode: 'replace' | 'merge';
  /** The name without padding (`王  某` → `王某`). */
  name: string;
  /** Normalized, valid 身份证号, or null. */
  idNumber: string | null;
  /** Form element (XingMing …, JianLi) or roster extra key (任现职务时间 …) → text. Never ShenFenZheng. */
  fields: Record<string, string>;
  /** Empty or absent: the source carries no family (the cadre's is kept). */
  family?: FamilyTexts[];
  /** The unit of a new cadre (the import's default unit, or a roster row's 单位), already scope-checked. */
  org?: { id: string; name: string; regionCode: string } | null;
}

/** What the plan reads of the cadre as it is (the server's `CadreState` carries more). */
export interface CadreTexts {
  id: string;
  version: number;
  name: string;
  registry: Record<RegistryKey, string | null>;
  hasId: boolean;
  record: { fields: Record<string, string>; resumeText: string | null } | null;
  family: FamilyTexts[];
  photoSm3: string | null;
}

/** What the plan cannot compute itself (digests are the server's). */
export interface PlanDigests {
  /** The cadre has a 身份证号 and the incoming one differs (their blind indexes differ). */
  idDiffers: boolean;
  /** SM3 (hex) of the incoming photo; null: the source carries no photo. */
  photoSm3: string | null;
}

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

export function recordFieldLabel(key: string): string {
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
export function currentTexts(state: Pick<CadreTexts, 'name' | 'registry' | 'record'>): Record<string, string> {
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

/** What importing `incoming` onto `state` (null: a new cadre) would change. */
export function planCadreChange(incoming: IncomingTexts, state: CadreTexts | null, digests: PlanDigests): CadrePlan {
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
    plan.diff.push({ field: k, label: recordFieldLabel(k), before: b, after: a });
    if (!META.has(k)) substantive = true;
  }

  // 身份证号: set when the cadre has none; the match guarantees an existing one is the same.
  if (incoming.idNumber && !state?.hasId) {
    plan.setId = true;
    plan.diff.unshift({ field: 'idNumber', label: '身份证号', before: '', after: maskIdNumber(incoming.idNumber) });
    substantive = true;
  } else if (incoming.idNumber && digests.idDiffers) {
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
  if (digests.photoSm3 !== null) {
    if (digests.photoSm3 !== state?.photoSm3) {
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

/** The birth month of incoming facts: the 身份证号's, else the form's. */
export function birthOf(incoming: Pick<IncomingTexts, 'idNumber' | 'fields'>): string | null {
  if (incoming.idNumber) {
    const id = parseIdNumber(incoming.idNumber);
    if (id.ok) return id.birth;
  }
  return month7(incoming.fields.ChuShengNianYue);
}
