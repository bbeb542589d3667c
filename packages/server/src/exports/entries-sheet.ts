/** The columns of the ledger export and one entry as a row of them. Pure: the service supplies the data. */
import { DETAIL_PREFIX, ENTRY_KINDS, ENTRY_STATUS_NAMES, PROVENANCE_NAMES, kindColumns, type Dictionaries } from '@jiandu/domain';
import { beijingTime, detailsText } from './format.ts';
import type { CellInput, SheetColumn } from './xlsx.ts';

export const ENTRY_COLUMNS: readonly SheetColumn[] = [
  { header: '日期', width: 12 },
  { header: '类别', width: 14 },
  { header: '对象', width: 18, wrap: true },
  { header: '身份证号', width: 21 },
  { header: '单位', width: 20, wrap: true },
  { header: '来源单位', width: 12 },
  { header: '文号', width: 18, wrap: true },
  { header: '摘要', width: 40, wrap: true },
  { header: '处理结果', width: 24, wrap: true },
  { header: '详情', width: 40, wrap: true },
  { header: '影响期至', width: 12 },
  { header: '状态', width: 9 },
  { header: '版本', width: 6 },
  { header: '来源方式', width: 11 },
  { header: '录入人', width: 16 },
  { header: '录入时间', width: 20 },
];

/** What one exported entry needs (the current version and its head). */
export interface EntryExportRow {
  occurredOn: string;
  kind: string;
  kindName: string;
  cadreName: string | null;
  teamName: string | null;
  /** Already masked (1101**********1234); the plaintext never reaches an export. */
  idNumberMasked: string | null;
  orgName: string | null;
  sourceDeptName: string;
  refNo: string | null;
  summary: string;
  outcome: string | null;
  details: Record<string, unknown>;
  impactUntil: string | null;
  status: string;
  version: number;
  provenance: string;
  createdBy: string | null;
  createdAt: Date;
}

/** Detail field titles by kind, then by field name (from the kinds' schemas). */
export type DetailTitles = ReadonlyMap<string, ReadonlyMap<string, string>>;

export function detailTitlesOf(dicts: Dictionaries): DetailTitles {
  return new Map(ENTRY_KINDS.map((k) => [k.code, new Map(kindColumns(k.code, dicts)
    .filter((c) => c.key.startsWith(DETAIL_PREFIX)).map((c) => [c.key.slice(DETAIL_PREFIX.length), c.label]))]));
}

export function entryCells(e: EntryExportRow, titles: DetailTitles): CellInput[] {
  return [
    e.occurredOn,
    e.kindName,
    [e.cadreName, e.teamName].filter(Boolean).join('；'),
    e.idNumberMasked,
    e.orgName,
    e.sourceDeptName,
    e.refNo,
    e.summary,
    e.outcome,
    detailsText(e.details, titles.get(e.kind)),
    e.impactUntil,
    ENTRY_STATUS_NAMES[e.status as keyof typeof ENTRY_STATUS_NAMES] ?? e.status,
    e.version,
    PROVENANCE_NAMES[e.provenance as keyof typeof PROVENANCE_NAMES] ?? e.provenance,
    e.createdBy,
    beijingTime(e.createdAt),
  ];
}
