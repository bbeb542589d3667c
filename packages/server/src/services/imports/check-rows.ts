/**
 * Turns parsed sheet rows into checked ledger rows, a chunk at a time: subjects are resolved with a few
 * set-based queries per chunk (blind index, name + 单位, 单位 → 班子), each row is checked with the same
 * rules as the form, and each gets a natural key so the same record is never imported twice.
 */
import { ENTRY_KIND, composeSummary, dateOfYear, normalizeIdNumber, rowToEntryFields, DETAIL_PREFIX, type ColumnSpec } from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import type { FieldCrypto } from '../../crypto/keys.ts';
import { sealEntryText } from '../../crypto/entry-text.ts';
import { summaryGrams } from '../../crypto/entry-search.ts';
import { sm3 } from '../../crypto/sm.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import * as repo from '../../repositories/imports.repository.ts';
import type { Actor } from '../../context.ts';
import { checkResolvedEntry, targetEntries, type EntryContent, type ResolvedSubject, type RuleContext } from '../entry-check.ts';
import type { ChunkResult, SheetRowIn } from './kind.ts';

export interface CheckTarget {
  kind: string;
  sourceDept: string;
  /** Header text in the file for a field key (for messages naming the column as the user sees it). */
  headerOf: (key: string) => string;
  specs: readonly ColumnSpec[];
  /** A kind recorded by year: a row without a date is dated this day of its 年度 (counted in `datedFromYear`). */
  yearDate?: { month: number; day: number } | null;
  datedFromYear?: { rows: number };
}

/** JSON with object keys sorted (undefined as null): the natural key's input. Loops, not map/join: it runs per row. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  let out: string;
  if (Array.isArray(v)) {
    out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + canonical(v[i]);
    return out + ']';
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  out = '{';
  for (let i = 0; i < keys.length; i++) out += `${i ? ',' : ''}${JSON.stringify(keys[i])}:${canonical(o[keys[i]!])}`;
  return out + '}';
}

/** The same source record, however it arrives, gives the same key. */
export function naturalKey(c: EntryContent): string {
  return 'x:' + sm3(canonical([c.kind, c.sourceDept, c.cadreId, c.teamId, c.occurredOn, c.refNo, c.summary, c.details])).toString('hex');
}

function issueColumn(path: string, t: CheckTarget): string {
  const field = path.split('.');
  if (field[0] === 'details' && field[1]) return t.headerOf(DETAIL_PREFIX + field[1]);
  if (field[0] === 'cadreId') return t.headerOf('idNumber') || t.headerOf('name');
  if (field[0] === 'teamId') return t.headerOf('orgName');
  if (field[0] === 'sourceDept' || field[0] === 'kind') return '';
  return t.headerOf(field[0] ?? '');
}

/**
 * The subjects resolved so far in one check (blind index hex → cadre or null; `name|单位` → cadres;
 * 单位 → orgs): a file names the same cadres again and again, so each is looked up once per check, not
 * once per chunk. Bounded: cleared when it grows past `limit` entries. Holds no plaintext 身份证号.
 */
export class SubjectCache {
  readonly byId = new Map<string, repo.CadreMatch | null>();
  readonly byName = new Map<string, repo.CadreMatch[]>();
  readonly byOrg = new Map<string, repo.OrgMatch[]>();
  constructor(private readonly limit = 200_000) {}
  trim(): void {
    for (const m of [this.byId, this.byName, this.byOrg]) if (m.size > this.limit) m.clear();
  }
}

/** Looks up (one query for the chunk) the keys the cache does not know yet, and remembers the answers, misses too. */
async function fill<V>(cache: Map<string, V>, keys: Iterable<string>, miss: V, lookup: (keys: string[]) => Promise<Map<string, V>>): Promise<void> {
  const unknown = [...new Set(keys)].filter((k) => !cache.has(k));
  if (unknown.length === 0) return;
  const found = await lookup(unknown);
  for (const k of unknown) cache.set(k, found.get(k) ?? miss);
}

export async function checkChunk(
  tx: Tx, actor: Actor, rows: SheetRowIn[], t: CheckTarget, ctx: RuleContext, box: FieldCrypto, cache: SubjectCache = new SubjectCache(),
): Promise<ChunkResult> {
  const out: ChunkResult = { staged: [], issues: [], duplicates: 0, rejectedRows: 0 };
  const fields = rows.map((r) => rowToEntryFields(r.values));
  // Resolve the chunk's subjects with at most three queries (fewer once the cache knows them).
  const bidxHex = fields.map((f) => (f.idNumber ? box.blindIndex('id_number', normalizeIdNumber(f.idNumber)).toString('hex') : null));
  cache.trim();
  await fill(cache.byId, bidxHex.filter((h): h is string => h !== null), null, async (hex) =>
    repo.cadresByBlindIndex(tx, hex.map((h) => Buffer.from(h, 'hex')), actor.scope));
  const pairs = new Map(fields.filter((f) => !f.idNumber && f.name && f.orgName).map((f): [string, [string, string]] => [`${f.name}|${f.orgName}`, [f.name!, f.orgName!]]));
  await fill(cache.byName, pairs.keys(), [], async (keys) => repo.cadresByNameAndOrg(tx, keys.map((k) => pairs.get(k)!), actor.scope));
  const orgNames = fields.filter((f) => !f.idNumber && !f.name && f.orgName).map((f) => f.orgName!);
  await fill(cache.byOrg, orgNames, [], async (names) => repo.orgsByName(tx, names, actor.scope));
  const { byName, byOrg } = cache;

  const pending: Array<{ row: number; content: EntryContent; subject: ResolvedSubject }> = [];
  rows.forEach((r, i) => {
    const f = fields[i]!;
    if (r.duplicateOf !== null) {
      out.duplicates++;
      return;
    }
    const problems = [...r.errors];
    let cadreId: string | null = null;
    let teamId: string | null = null;
    let subject: ResolvedSubject = { cadre: null, team: null };
    // The subject is resolved even when other cells have problems, so that a row's every problem is said in
    // one round; only a problem in the subject's own cells (身份证号, 姓名, 单位) is not said twice.
    const subjectColumns = new Set(['idNumber', 'name', 'orgName'].map((k) => t.headerOf(k)).filter((h) => h !== ''));
    if (!r.errors.some((e) => subjectColumns.has(e.column))) {
      const whoColumn = t.headerOf('idNumber') || t.headerOf('name');
      if (f.idNumber) {
        const c = cache.byId.get(bidxHex[i]!);
        if (!c) problems.push({ row: r.row, column: t.headerOf('idNumber'), message: '系统中没有此身份证号的干部（或不在管辖范围内）' });
        else if (f.name && f.name !== c.name) problems.push({ row: r.row, column: t.headerOf('name'), message: `姓名与身份证号不符：系统中该身份证号的干部为“${c.name}”` });
        else { cadreId = c.id; subject = { cadre: c, team: null }; }
      } else if (f.name && f.orgName) {
        const found = byName.get(`${f.name}|${f.orgName}`) ?? [];
        if (found.length === 0) problems.push({ row: r.row, column: t.headerOf('name'), message: `“${f.orgName}”没有名为“${f.name}”的干部（或不在管辖范围内）；可改填身份证号` });
        else if (found.length > 1) problems.push({ row: r.row, column: t.headerOf('name'), message: `“${f.orgName}”有${found.length}名同名干部，请填写身份证号` });
        else { cadreId = found[0]!.id; subject = { cadre: found[0]!, team: null }; }
      } else if (!f.name && f.orgName) {
        const found = byOrg.get(f.orgName) ?? [];
        if (found.length === 0) problems.push({ row: r.row, column: t.headerOf('orgName'), message: `没有名为“${f.orgName}”的单位（或不在管辖范围内）` });
        else if (found.length > 1) problems.push({ row: r.row, column: t.headerOf('orgName'), message: `有${found.length}个单位名为“${f.orgName}”，请写全称` });
        else if (!found[0]!.teamId) problems.push({ row: r.row, column: t.headerOf('orgName'), message: `“${f.orgName}”未设领导班子` });
        else { teamId = found[0]!.teamId; subject = { cadre: null, team: { orgId: found[0]!.id, regionCode: found[0]!.regionCode } }; }
      } else {
        problems.push({ row: r.row, column: whoColumn, message: f.name ? '只有姓名无法确定是哪名干部：请填写身份证号，或同时填写单位' : '请填写身份证号，或姓名和单位（班子类记录填单位）' });
      }
    }
    if (problems.length > 0) {
      out.issues.push(...problems);
      out.rejectedRows++;
      return;
    }
    let occurredOn = f.occurredOn ?? '';
    if (occurredOn === '' && t.yearDate && typeof f.details.year === 'number') {
      occurredOn = dateOfYear(f.details.year, t.yearDate);
      if (t.datedFromYear) t.datedFromYear.rows++;
    }
    pending.push({
      row: r.row,
      subject,
      content: {
        kind: t.kind, sourceDept: t.sourceDept, cadreId, teamId, occurredOn, refNo: f.refNo, summary: f.summary ?? composeSummary(t.kind, f.details),
        outcome: f.outcome, details: f.details, sensitivity: f.sensitivity,
      },
    });
  });

  const checked: Array<{ row: number; staged: repo.StagingInsert }> = [];
  // 容错纠错 rows name an earlier entry of the same cadre: one lookup for the chunk.
  const targets = t.kind === ENTRY_KIND.faultTolerance ? await targetEntries(tx, pending.map((p) => p.content.details.targetEntryId)) : null;
  for (const p of pending) {
    const target = targets ? targets.get(String(p.content.details.targetEntryId ?? '').toLowerCase()) ?? null : undefined;
    const res = checkResolvedEntry(actor, p.content, ctx, p.subject, target);
    if (!res.ok) {
      out.issues.push(...res.issues.map((i) => ({ row: p.row, column: issueColumn(i.path, t), message: i.message })));
      out.rejectedRows++;
      continue;
    }
    const e = res.entry;
    // Staged sealed under the id the entry will get (the commit copies the stored form); the natural key is of the plaintext.
    const id = uuidv7();
    checked.push({
      row: p.row,
      staged: {
        batchId: '', row: p.row, id, kind: e.kind, sourceDept: e.sourceDept, cadreId: e.cadreId, teamId: e.teamId,
        orgId: e.orgId, regionCode: e.regionCode, occurredOn: e.occurredOn, refNo: e.refNo,
        summary: sealEntryText(box, id, 'summary', e.summary), summaryGrams: summaryGrams(box, e.summary), outcome: sealEntryText(box, id, 'outcome', e.outcome),
        details: e.details, impactUntil: e.impactUntil, impactBasis: e.impactBasis, sensitivity: e.sensitivity,
        naturalKey: naturalKey(p.content),
      },
    });
  }
  const existing = await repo.existingKeys(tx, checked.map((c) => c.staged.naturalKey));
  for (const c of checked) {
    if (existing.has(c.staged.naturalKey)) out.duplicates++;
    else out.staged.push(c.staged);
  }
  return out;
}
