/** The columns of the cadre list export (the list page's columns, 身份证号 masked). Pure. */
import type { CadreListItem } from '@jiandu/domain';
import { chineseMonth } from './format.ts';
import type { CellInput, SheetColumn } from './xlsx.ts';

export const CADRE_COLUMNS: readonly SheetColumn[] = [
  { header: '姓名', width: 10 },
  { header: '性别', width: 6 },
  { header: '出生年月', width: 11 },
  { header: '单位', width: 24, wrap: true },
  { header: '现任职务', width: 24, wrap: true },
  { header: '一把手', width: 8 },
  { header: '职务层次', width: 12 },
  { header: '状态', width: 8 },
  { header: '身份证号', width: 21 },
];

export function cadreCells(c: CadreListItem): CellInput[] {
  return [
    c.name, c.gender, chineseMonth(c.birth), c.orgName, c.currentTitle, c.isPrincipal ? '是' : '', c.rank, c.status, c.idNumberMasked,
  ];
}
