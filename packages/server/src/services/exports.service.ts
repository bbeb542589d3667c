/**
 * Exports (DATA-04): every one is audited — who, when, which filter, how many rows — before a byte
 * leaves, and every file carries the exporter and the time. List exports stream: the rows are read
 * with the keyset a chunk at a time, each chunk in its own short transaction (so an export of 100k rows
 * never holds the database, and with PGlite never blocks other requests for long), and written by the
 * streaming xlsx writer as they come.
 */
import { entrySearch } from '../crypto/entry-search.ts';
import { PassThrough, type Readable } from 'node:stream';
import {
  ENTRY_KINDS, ENTRY_STATUS_NAMES, entryForReader, fieldPolicyOf, isRestrictedLevel, mayReadEntry, type CadreExportQuery, type FieldPolicy, type CadreListItem, type EntryExportQuery,
} from '@jiandu/domain';
import type { Database } from '../db/client.ts';
import type { FieldCrypto } from '../crypto/keys.ts';
import { entryText } from '../crypto/entry-text.ts';
import { buildDossier, type DossierEntry } from '../exports/dossier.ts';
import { detailTitlesOf, entryCells, ENTRY_COLUMNS, type DetailTitles, type EntryExportRow } from '../exports/entries-sheet.ts';
import { CADRE_COLUMNS, cadreCells } from '../exports/cadres-sheet.ts';
import { beijingDateCompact, detailsText, type Exporter } from '../exports/format.ts';
import { writeSheet, type CellInput, type SheetSpec } from '../exports/xlsx.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as cadres from '../repositories/cadres.repository.ts';
import * as entries from '../repositories/entries.repository.ts';
import { findOrgInScope } from '../repositories/orgs.repository.ts';
import { listDepartments } from '../repositories/users.repository.ts';
import { cadreFilterOf } from './cadres.service.ts';
import { todayOf, type Actor, type Clock } from '../context.ts';
import type { Mode } from './entries.service.ts';
import { ServiceError, notFound } from '../errors.ts';
import { loadDictionaries } from './settings.ts';

export interface ExportsDeps {
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  rows: number;
  body: Readable | Buffer;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Rows read per database round trip. */
export const EXPORT_CHUNK = 1000;
/** A dossier lists at most this many ledger entries (a person's whole ledger is far shorter). */
const DOSSIER_MAX_ENTRIES = 5000;

type CurrentRow = Awaited<ReturnType<typeof entries.listCurrent>>[number];

/** A ledger row as the file shows it, through the field policy (a 敏感 entry without clearance is a placeholder). */
function exportRow(crypto: FieldCrypto, r: CurrentRow, policy: FieldPolicy): EntryExportRow {
  const v = entryForReader(policy, r.v);
  return {
    occurredOn: v.occurredOn, kind: v.kind, kindName: ENTRY_KINDS.find((k) => k.code === v.kind)?.name ?? v.kind,
    cadreName: r.cadreName, teamName: r.teamName, idNumberMasked: r.cadreIdMasked, orgName: r.orgName,
    sourceDeptName: r.sourceDeptName, refNo: v.refNo, summary: entryText(crypto, v.entryId, 'summary', v.summary),
    outcome: entryText(crypto, v.entryId, 'outcome', v.outcome), details: v.details,
    impactUntil: v.impactUntil, status: r.head.status, version: r.head.version, provenance: v.provenance,
    createdBy: v.createdByLogin, createdAt: v.createdAt,
  };
}

/** Starts writing the sheet into a stream the route can send; a failure half-way aborts the download. */
export function streamSheet(spec: SheetSpec, chunks: AsyncIterable<CellInput[][]>): Readable {
  const out = new PassThrough();
  writeSheet(out, spec, chunks).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

function departmentOf(actor: Actor, mode: Mode): string | null {
  if (mode !== 'member') return null;
  if (!actor.departmentCode) throw new ServiceError('forbidden', '该账号未关联成员单位');
  return actor.departmentCode;
}

/** Every current entry matching the list's filters, as .xlsx. */
export async function exportEntries(deps: ExportsDeps, actor: Actor, who: string, mode: Mode, q: EntryExportQuery): Promise<ExportFile> {
  const dept = departmentOf(actor, mode);
  const policy = fieldPolicyOf(actor);
  const filter = { cadreId: q.cadreId, teamId: q.teamId, kind: q.kind, sourceDept: q.sourceDept, year: q.year, month: q.month, orgId: q.orgId, status: q.status, batchId: q.batchId, search: entrySearch(deps.crypto, q.q) };
  const exporter: Exporter = { who, at: deps.clock.now() };
  const prepared = await deps.db.tx(async (tx) => {
    const total = await entries.countCurrent(tx, filter, actor.scope, dept);
    const titles = detailTitlesOf(await loadDictionaries(tx));
    const cadre = q.cadreId ? await cadres.findCadreInScope(tx, q.cadreId, actor.scope) : null;
    const deptName = dept ? (await listDepartments(tx)).find((d) => d.code === dept)?.name ?? dept : null;
    await recordAudit(tx, actor, {
      action: 'export.entries', objectType: q.cadreId ? 'cadre' : q.teamId ? 'team' : 'ledger', objectId: q.cadreId ?? q.teamId ?? null,
      details: {
        side: mode, kind: q.kind ?? null, sourceDept: q.sourceDept ?? null, year: q.year ?? null, month: q.month ?? null, orgId: q.orgId ?? null, status: q.status ?? null, q: q.q || null,
        cadreId: q.cadreId ?? null, teamId: q.teamId ?? null, rows: total,
      },
    }, deps.clock);
    return { total, titles, cadreName: cadre?.cadre.name ?? null, deptName };
  });

  const kindName = q.kind ? ENTRY_KINDS.find((k) => k.code === q.kind)?.name ?? q.kind : null;
  const base = prepared.deptName ? `本单位报送记录（${prepared.deptName}）` : '管理监督台账';
  const qualifiers = [prepared.cadreName, kindName, q.year ? `${q.year}年` : null, q.status ? ENTRY_STATUS_NAMES[q.status] : null].filter(Boolean);
  const title = `${base}${qualifiers.length ? `（${qualifiers.join('，')}）` : ''}\u3000共${prepared.total}条`;
  const titles: DetailTitles = prepared.titles;

  async function* chunks(): AsyncGenerator<CellInput[][]> {
    let after: [string, string] | null = null;
    for (;;) {
      const cursor: [string, string] | null = after;
      const found: CurrentRow[] = await deps.db.tx((tx) => entries.listCurrent(tx, { ...filter, after: cursor, limit: EXPORT_CHUNK }, actor.scope, dept));
      if (found.length === 0) return;
      yield found.map((r) => entryCells(exportRow(deps.crypto, r, policy), titles));
      if (found.length < EXPORT_CHUNK) return;
      const last = found[found.length - 1]!;
      after = [last.head.occurredOn, last.head.entryId];
    }
  }

  const nameParts = [prepared.deptName ? '本单位报送记录' : '管理监督台账', prepared.cadreName, kindName, beijingDateCompact(exporter.at)].filter(Boolean);
  return {
    fileName: `${nameParts.join('_')}.xlsx`, contentType: XLSX_TYPE, rows: prepared.total,
    body: streamSheet({ sheetName: prepared.deptName ? '报送记录' : '台账', title, columns: ENTRY_COLUMNS, exporter }, chunks()),
  };
}

/** Every cadre matching the list's filters, as .xlsx (身份证号 masked). */
export async function exportCadres(deps: ExportsDeps, actor: Actor, who: string, q: CadreExportQuery): Promise<ExportFile> {
  const filter = cadreFilterOf(deps, q, EXPORT_CHUNK);
  const exporter: Exporter = { who, at: deps.clock.now() };
  const prepared = await deps.db.tx(async (tx) => {
    let orgName: string | null = null;
    if (q.orgId) {
      const o = await findOrgInScope(tx, q.orgId, actor.scope);
      if (!o) throw notFound('组织');
      filter.orgPath = o.path;
      orgName = o.name;
    }
    const total = await cadres.countCadres(tx, filter, actor.scope);
    await recordAudit(tx, actor, {
      action: 'export.cadres', objectType: q.orgId ? 'org' : 'cadre', objectId: q.orgId ?? null,
      details: {
        q: q.q && /\d{6,}/u.test(q.q) ? '（身份证号）' : q.q ?? null, status: q.status ?? null, gender: q.gender ?? null,
        principal: q.principal ?? null, rows: total,
      },
    }, deps.clock);
    return { total, orgName };
  });

  async function* chunks(): AsyncGenerator<CellInput[][]> {
    let after: [string, string] | null = null;
    for (;;) {
      const cursor = after;
      const page: { items: CadreListItem[]; key: string | null } = await deps.db.tx(async (tx) => {
        const items = await cadres.listCadres(tx, { ...filter, after: cursor, limit: EXPORT_CHUNK }, actor.scope);
        const last = items[items.length - 1];
        return { items, key: last ? await cadres.sortKeyOf(tx, last.id) : null };
      });
      if (page.items.length === 0) return;
      yield page.items.map(cadreCells);
      if (page.items.length < EXPORT_CHUNK || page.key === null) return;
      after = [page.key, page.items[page.items.length - 1]!.id];
    }
  }

  const title = `干部名册${prepared.orgName ? `（${prepared.orgName}）` : ''}\u3000共${prepared.total}人`;
  return {
    fileName: `干部名册${prepared.orgName ? `_${prepared.orgName}` : ''}_${beijingDateCompact(exporter.at)}.xlsx`, contentType: XLSX_TYPE,
    rows: prepared.total, body: streamSheet({ sheetName: '干部名册', title, columns: CADRE_COLUMNS, exporter }, chunks()),
  };
}

/** 干部监督档案 of one cadre as .docx: basic data, tenures, the ledger (current versions, newest first). */
export async function exportDossier(deps: ExportsDeps, actor: Actor, who: string, cadreId: string): Promise<ExportFile> {
  const exporter: Exporter = { who, at: deps.clock.now() };
  const policy = fieldPolicyOf(actor);
  const data = await deps.db.tx(async (tx) => {
    const found = await cadres.findCadreInScope(tx, cadreId, actor.scope);
    if (!found) throw notFound('干部');
    const tenures = await cadres.tenuresOf(tx, cadreId, todayOf(deps.clock));
    const titles = detailTitlesOf(await loadDictionaries(tx));
    const rows: CurrentRow[] = [];
    let after: [string, string] | null = null;
    while (rows.length < DOSSIER_MAX_ENTRIES) {
      const found2 = await entries.listCurrent(tx, { cadreId, after, limit: EXPORT_CHUNK }, actor.scope, null);
      rows.push(...found2);
      if (found2.length < EXPORT_CHUNK) break;
      const last = found2[found2.length - 1]!;
      after = [last.head.occurredOn, last.head.entryId];
    }
    const listed = rows.filter((r) => r.head.status === 'accepted' || r.head.status === 'pending');
    const sensitive = listed.filter((r) => isRestrictedLevel(r.v.sensitivity)).length;
    await recordAudit(tx, actor, {
      action: 'export.dossier', objectType: 'cadre', objectId: cadreId,
      details: { rows: listed.length, tenures: tenures.length, sensitive, sensitiveWithheld: listed.filter((r) => !mayReadEntry(policy, r.v)).length },
    }, deps.clock);
    return { cadre: found, tenures, listed, left: rows.length - listed.length, titles };
  });
  const c = data.cadre.cadre;
  const ledger: DossierEntry[] = data.listed.map((r) => {
    const e = exportRow(deps.crypto, r, policy);
    return {
      occurredOn: e.occurredOn, kindName: e.kindName, sourceDeptName: e.sourceDeptName, refNo: e.refNo, summary: e.summary,
      details: detailsText(e.details, data.titles.get(e.kind)), outcome: e.outcome, impactUntil: e.impactUntil,
      statusName: ENTRY_STATUS_NAMES[e.status as keyof typeof ENTRY_STATUS_NAMES] ?? e.status,
    };
  });
  const buffer = await buildDossier({
    cadre: {
      name: c.name, gender: c.gender, birth: c.birth, ethnicity: c.ethnicity, nativePlace: c.nativePlace, partyDate: c.partyDate,
      workDate: c.workDate, educationFullTime: c.educationFullTime, educationInService: c.educationInService, rank: c.rank,
      status: c.status, orgName: data.cadre.orgName, idNumberMasked: c.idNumberMasked,
    },
    tenures: data.tenures,
    entries: ledger,
    ledgerNote: `共${ledger.length}条，按发生日期倒序，均为当前版本；已撤销、已退回的记录不列入${data.left ? `（${data.left}条）` : ''}。`,
    exporter,
  });
  return { fileName: `干部监督档案_${c.name}_${beijingDateCompact(exporter.at)}.docx`, contentType: DOCX_TYPE, rows: ledger.length, body: buffer };
}
