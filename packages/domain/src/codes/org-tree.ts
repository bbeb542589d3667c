/**
 * The plan of an 组织机构 import (pure): the sheet's rows (org-columns.ts facts) against the units already
 * in the registry (within the importer's jurisdiction) → each row's parent, its unit (created, updated or
 * unchanged) in an order where every parent comes before its children, and the problems by row and column.
 *
 * - 上级单位 names a row of the sheet (by name, else short name) or a unit of the registry (name, short name,
 *   former name), or is a 行政区划代码 (the topmost unit of that code). Rows may come in any order.
 * - Blank 上级单位: a root for an unlimited importer; under the jurisdiction's root unit for a scoped one
 *   (a row naming the root unit itself is that unit).
 * - A unit is the existing one when a unit of that name (or former name) lies under the same parent.
 * - Cycles, unknown or ambiguous parents, the same name twice under one parent: problems of the rows;
 *   the rows under a refused row are refused too.
 */
import { guessOrgType, type OrgRowFacts } from './org-columns.ts';

export interface ExistingOrg {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  formerNames: readonly string[];
  type: string;
  level: string;
  regionCode: string;
  sortOrder: number;
  hasTeam: boolean;
}

export interface OrgPlanValues {
  shortName: string | null;
  type: string;
  level: string;
  regionCode: string;
  /** null: after the units already there. */
  sortOrder: number | null;
  withTeam: boolean;
}

export interface OrgDiffItem { field: string; label: string; before: string; after: string }

export interface OrgPlanItem {
  row: number;
  status: 'create' | 'update' | 'unchanged';
  /** The existing unit, or the id given to the new one. */
  id: string;
  name: string;
  /** The parent: its id (an existing unit, or a unit this import creates: `isNew`), its sheet row if it has one; id null = a root. */
  parent: { id: string | null; row: number | null; name: string | null; isNew: boolean };
  values: OrgPlanValues;
  diff: OrgDiffItem[];
  warnings: string[];
}

export interface OrgPlanIssue { row: number; key: string; message: string }

export interface OrgPlan {
  /** Parents before children. */
  items: OrgPlanItem[];
  issues: OrgPlanIssue[];
}

type ParentRef = { kind: 'root' } | { kind: 'row'; at: number } | { kind: 'org'; id: string };

const LABELS: Record<string, string> = { shortName: '简称', type: '单位类别', level: '层级', regionCode: '行政区划代码', sortOrder: '排序', withTeam: '领导班子' };

function multiMap<T>(items: readonly T[], keys: (t: T) => Array<string | null | undefined>): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    for (const k of new Set(keys(t))) {
      if (!k) continue;
      const list = m.get(k);
      if (list) list.push(t);
      else m.set(k, [t]);
    }
  }
  return m;
}

/**
 * Plans the import of `rows` (valid facts with their Excel row) into the registry `existing` (the units in the
 * jurisdiction, not abolished). `rootId`: the jurisdiction's root unit, null for an unlimited importer.
 */
export function planOrgImport(
  rows: ReadonlyArray<{ row: number; facts: OrgRowFacts }>, existing: readonly ExistingOrg[], rootId: string | null, newId: () => string,
): OrgPlan {
  const issues: OrgPlanIssue[] = [];
  const refused = new Set<number>(); // indexes into rows
  const refuse = (i: number, key: string, message: string) => { refused.add(i); issues.push({ row: rows[i]!.row, key, message }); };
  const byId = new Map(existing.map((o) => [o.id, o]));
  const idx = rows.map((_, i) => i);
  const sheetByName = multiMap(idx, (i) => [rows[i]!.facts.name]);
  const sheetByShort = multiMap(idx, (i) => [rows[i]!.facts.shortName]);
  const regByName = multiMap(existing, (o) => [o.name]);
  const regByShort = multiMap(existing, (o) => [o.shortName]);
  const regByFormer = multiMap(existing, (o) => [...o.formerNames]);
  const regChildren = multiMap(existing, (o) => [o.parentId ?? 'root']);
  const where = (o: ExistingOrg) => (o.parentId && byId.get(o.parentId) ? `${byId.get(o.parentId)!.name}下` : '顶层');
  const rowList = (is: number[]) => is.map((i) => `第${rows[i]!.row}行`).join('、');

  // 1. Each row's parent as written.
  const parentOf: Array<ParentRef | null> = rows.map((r, i) => {
    const ref = r.facts.parentRef;
    if (ref === null) return { kind: 'root' };
    const inSheet = (sheetByName.get(ref) ?? []).filter((j) => j !== i);
    const sheetHits = inSheet.length ? inSheet : (sheetByShort.get(ref) ?? []).filter((j) => j !== i);
    if (sheetHits.length === 1) return { kind: 'row', at: sheetHits[0]! };
    if (sheetHits.length > 1) { refuse(i, 'parent', `上级单位“${ref}”在表中有${sheetHits.length}行（${rowList(sheetHits)}），请写全称`); return null; }
    if (r.facts.name === ref || r.facts.shortName === ref) { refuse(i, 'parent', '上级单位不能是本单位'); return null; }
    const regHits = regByName.get(ref) ?? regByShort.get(ref) ?? regByFormer.get(ref) ?? byCode(ref);
    if (regHits.length === 1) return { kind: 'org', id: regHits[0]!.id };
    if (regHits.length > 1) { refuse(i, 'parent', `系统中有${regHits.length}个单位名为“${ref}”（${regHits.map(where).join('、')}），请写全称`); return null; }
    const sheetCode = /^\d{6}$/u.test(ref) ? sheetTopOfCode(ref) : [];
    if (sheetCode.length === 1) return { kind: 'row', at: sheetCode[0]! };
    refuse(i, 'parent', `上级单位“${ref}”在表中和系统中${rootId ? '（管辖范围内）' : ''}都找不到`);
    return null;
  });
  function byCode(ref: string): ExistingOrg[] {
    if (!/^\d{6}$/u.test(ref)) return [];
    const same = existing.filter((o) => o.regionCode === ref);
    return same.filter((o) => !o.parentId || byId.get(o.parentId)?.regionCode !== ref);
  }
  function sheetTopOfCode(ref: string): number[] {
    const same = idx.filter((j) => rows[j]!.facts.regionCode === ref);
    return same.filter((j) => { const p = rows[j]!.facts.parentRef; return p === null || !same.some((k) => rows[k]!.facts.name === p || rows[k]!.facts.shortName === p); });
  }

  // 2. Cycles among the sheet's rows.
  const state = new Array<0 | 1 | 2>(rows.length).fill(0);
  for (const start of idx) {
    const pathIs: number[] = [];
    let i: number | null = start;
    while (i !== null && state[i] === 0) {
      state[i] = 1;
      pathIs.push(i);
      const p: ParentRef | null = parentOf[i]!;
      i = p?.kind === 'row' ? p.at : null;
    }
    if (i !== null && state[i] === 1) {
      const cycle = pathIs.slice(pathIs.indexOf(i));
      const text = [...cycle, i].map((j) => `第${rows[j]!.row}行“${rows[j]!.facts.name}”`).join(' → ');
      for (const j of cycle) refuse(j, 'parent', `上级单位形成循环：${text}`);
    }
    for (const j of pathIs) state[j] = 2;
  }

  // 3. Parents before children; a row under a refused row is refused.
  const children = new Map<number, number[]>();
  const tops: number[] = [];
  for (const i of idx) {
    const p = parentOf[i];
    if (p?.kind === 'row') { const list = children.get(p.at); if (list) list.push(i); else children.set(p.at, [i]); }
    else tops.push(i);
  }
  const order: number[] = [];
  const visit = (i: number) => {
    order.push(i);
    for (const c of children.get(i) ?? []) {
      if (refused.has(i) && !refused.has(c)) refuse(c, 'parent', `上级单位“${rows[i]!.facts.name}”（第${rows[i]!.row}行）有问题，本行未导入`);
      visit(c);
    }
  };
  for (const t of tops) visit(t);
  // What hangs under a cycle is never reached from a top.
  const reached = new Set(order);
  for (const i of idx) {
    const p = parentOf[i];
    if (!reached.has(i) && !refused.has(i) && p?.kind === 'row') refuse(i, 'parent', `上级单位“${rows[p.at]!.facts.name}”（第${rows[p.at]!.row}行）有问题，本行未导入`);
  }

  // 4. Each row's unit, in that order.
  const planned = new Map<number, OrgPlanItem>();
  const claimed = new Map<string, number>(); // existing id or parent|name → row index
  const items: OrgPlanItem[] = [];
  for (const i of order) {
    if (refused.has(i)) continue;
    const { facts, row } = rows[i]!;
    const p = parentOf[i]!;
    let parent: OrgPlanItem['parent'];
    let parentValues: { level: string; regionCode: string } | null;
    let match: ExistingOrg | undefined;
    if (p.kind === 'row') {
      const pp = planned.get(p.at)!;
      parent = { id: pp.id, row: pp.row, name: pp.name, isNew: pp.status === 'create' };
      parentValues = pp.values;
    } else if (p.kind === 'org') {
      const o = byId.get(p.id)!;
      parent = { id: o.id, row: null, name: o.name, isNew: false };
      parentValues = o;
    } else {
      const root = rootId ? byId.get(rootId) : undefined;
      if (root && (facts.name === root.name || root.formerNames.includes(facts.name))) {
        match = root;
        const above = root.parentId ? byId.get(root.parentId) : undefined;
        parent = { id: root.parentId, row: null, name: above?.name ?? null, isNew: false };
      } else parent = { id: root?.id ?? null, row: null, name: root?.name ?? null, isNew: false };
      parentValues = root ?? null;
    }
    if (!match && !parent.isNew) {
      const under = regChildren.get(parent.id ?? 'root') ?? [];
      match = under.find((o) => o.name === facts.name) ?? under.find((o) => o.formerNames.includes(facts.name));
    }
    const key = match ? `id:${match.id}` : `${parent.id ?? 'root'}|${facts.name}`;
    const earlier = claimed.get(key);
    if (earlier !== undefined) {
      refuse(i, 'name', `与第${rows[earlier]!.row}行重复：同一上级单位下已有“${facts.name}”`);
      for (const c of children.get(i) ?? []) refuseTree(c, i);
      continue;
    }
    claimed.set(key, i);
    const warnings: string[] = [];
    let values: OrgPlanValues;
    let diff: OrgDiffItem[] = [];
    if (match) {
      if (match.name !== facts.name) warnings.push(`按曾用名匹配到“${match.name}”（导入不改名称，更名请在组织机构中办理）`);
      values = {
        shortName: facts.shortName ?? match.shortName, type: facts.type ?? match.type, level: facts.level ?? match.level,
        regionCode: facts.regionCode ?? match.regionCode, sortOrder: facts.sort ?? match.sortOrder, withTeam: match.hasTeam || facts.withTeam === true,
      };
      if (facts.withTeam === false && match.hasTeam) warnings.push('表中为“不设领导班子”，系统中已有领导班子：导入不撤销领导班子');
      const before: Record<string, string> = { shortName: match.shortName ?? '', type: match.type, level: match.level, regionCode: match.regionCode, sortOrder: String(match.sortOrder), withTeam: match.hasTeam ? '是' : '否' };
      const after: Record<string, string> = { shortName: values.shortName ?? '', type: values.type, level: values.level, regionCode: values.regionCode, sortOrder: String(values.sortOrder), withTeam: values.withTeam ? '是' : '否' };
      diff = Object.keys(LABELS).filter((f) => before[f] !== after[f]).map((f) => ({ field: f, label: LABELS[f]!, before: before[f]!, after: after[f]! }));
    } else {
      const type = facts.type ?? guessOrgType(facts.name);
      if (!type) { refuse(i, 'type', `请填写单位类别（无法从名称“${facts.name}”判断）`); refuseChildren(i); continue; }
      const level = facts.level ?? (type === '乡镇' || type === '街道' ? '乡级' : parentValues?.level);
      if (!level) { refuse(i, 'level', '请填写层级（顶层单位没有上级可沿用）'); refuseChildren(i); continue; }
      const regionCode = facts.regionCode ?? parentValues?.regionCode;
      if (!regionCode) { refuse(i, 'regionCode', '请填写行政区划代码（顶层单位没有上级可沿用）'); refuseChildren(i); continue; }
      if (!facts.type) warnings.push(`单位类别按名称判断为“${type}”`);
      values = { shortName: facts.shortName, type, level, regionCode, sortOrder: facts.sort, withTeam: facts.withTeam === true };
    }
    const item: OrgPlanItem = { row, status: match ? (diff.length ? 'update' : 'unchanged') : 'create', id: match?.id ?? newId(), name: match?.name ?? facts.name, parent, values, diff, warnings };
    planned.set(i, item);
    items.push(item);
  }
  function refuseChildren(i: number) { for (const c of children.get(i) ?? []) refuseTree(c, i); }
  function refuseTree(c: number, parentAt: number) {
    if (!refused.has(c)) refuse(c, 'parent', `上级单位“${rows[parentAt]!.facts.name}”（第${rows[parentAt]!.row}行）有问题，本行未导入`);
    for (const g of children.get(c) ?? []) refuseTree(g, c);
  }
  issues.sort((a, b) => a.row - b.row);
  return { items, issues };
}
