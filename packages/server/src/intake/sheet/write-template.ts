/**
 * The import template of a list of columns: a header row (bold, frozen; required columns red), a grey
 * example row the reader skips (its first cell starts with `示例：`), dropdowns for enum and yes/no
 * columns (from a hidden 选项 sheet when the list is too long for Excel's 255-character inline list),
 * text format (`@`) on text-like columns so Excel keeps 身份证号 digits and `2025.10`, and a 填写说明 sheet.
 */
import ExcelJS from 'exceljs';
import type { ColumnSpec, ColumnType } from '@jiandu/domain';

export interface TemplateOptions {
  /** Name of the data sheet (default `导入数据`). */
  sheetName?: string;
  /** Title shown at the top of the 填写说明 sheet. */
  title?: string;
  /** Rows below the header that get the dropdowns and formats (default 5,000). */
  rows?: number;
}

const TYPE_HELP: Record<ColumnType, string> = {
  text: '文本',
  name: '姓名，中文姓名中间不加空格；少数民族姓名用“·”分隔',
  idNumber: '18位公民身份号码，末位X大小写均可；本列已设为文本格式，请勿改为数字格式',
  date: '日期，如 2025-03-15、2025/3/15、2025.3.15、2025年3月15日',
  month: '年月，如 2025-03、2025.03、2025年3月',
  year: '四位年份，如 2025',
  integer: '整数',
  decimal: '数字，可带小数',
  enum: '从下拉列表中选择',
  boolean: '填“是”或“否”',
  list: '可填多项，用顿号“、”分隔',
};

/** Columns Excel must leave as typed: text format keeps 18-digit IDs and `2025.10` intact. */
const TEXT_TYPES: ReadonlySet<ColumnType> = new Set(['text', 'name', 'idNumber', 'month', 'enum', 'boolean', 'list']);

const GREY = 'FFF2F2F2';
const HEADER_FILL = 'FFDDEBF7';

/** ExcelJS 4 has range data validations (`B2:B5001`, written as one `sqref`) but leaves them out of its types. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

/** Display width of a string in Excel column units (CJK counts double). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uFFFF]/u.test(ch) ? 2 : 1;
  return w;
}

function optionsOf(spec: ColumnSpec): readonly string[] | null {
  if (spec.type === 'boolean') return ['是', '否'];
  if (spec.type === 'enum' && spec.options && spec.options.length > 0) return spec.options;
  return null;
}

function describe(spec: ColumnSpec): string {
  const parts = [spec.required ? '必填' : '选填', TYPE_HELP[spec.type]];
  const options = spec.type === 'enum' || spec.type === 'list' ? spec.options : undefined;
  if (options && options.length > 0) parts.push(`可选值：${options.join('、')}`);
  if (spec.maxLength !== undefined) parts.push(`不超过${spec.maxLength}个字`);
  if (spec.help) parts.push(spec.help);
  return parts.join('；');
}

/** Builds the template; returns the .xlsx bytes. */
export async function writeTemplate(specs: readonly ColumnSpec[], opts: TemplateOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiandu';
  const sheetName = opts.sheetName ?? '导入数据';
  const rows = opts.rows ?? 5000;
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const guide = wb.addWorksheet('填写说明');
  let optionSheet: ExcelJS.Worksheet | null = null;

  ws.columns = specs.map((s) => {
    const samples = [s.label, s.example ?? '', ...(optionsOf(s) ?? [])];
    const width = Math.min(50, Math.max(10, ...samples.map(textWidth)) + 2);
    return { header: s.label, key: s.key, width: s.type === 'idNumber' ? Math.max(width, 22) : width };
  });

  const header = ws.getRow(1);
  header.height = 22;
  specs.forEach((s, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: s.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.note = describe(s);
  });

  const example = ws.getRow(2);
  specs.forEach((s, i) => {
    const cell = example.getCell(i + 1);
    const value = s.example ?? '';
    cell.value = i === 0 ? `示例：${value}` : value;
    cell.font = { italic: true, color: { argb: 'FF7F7F7F' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: GREY } };
  });
  example.getCell(1).note = '示例行：导入时自动跳过，可以删除或保留';

  specs.forEach((s, i) => {
    const col = ws.getColumn(i + 1);
    if (TEXT_TYPES.has(s.type)) col.numFmt = '@';
    else if (s.type === 'date') col.numFmt = 'yyyy-mm-dd';
    const options = optionsOf(s);
    if (!options) return;
    const inline = options.map((o) => o.replace(/"/gu, '""')).join(',');
    let formula: string;
    if (inline.length + 2 <= 255 && !options.some((o) => o.includes(','))) {
      formula = `"${inline}"`;
    } else {
      optionSheet ??= wb.addWorksheet('选项', { state: 'hidden' });
      const c = optionSheet.columnCount + 1;
      optionSheet.getCell(1, c).value = s.label;
      options.forEach((o, k) => { optionSheet!.getCell(k + 2, c).value = o; });
      const letter = optionSheet.getColumn(c).letter;
      formula = `'选项'!$${letter}$2:$${letter}$${options.length + 1}`;
    }
    const letter = ws.getColumn(i + 1).letter;
    validations(ws).add(`${letter}2:${letter}${rows + 1}`, {
      type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true, errorStyle: 'warning',
      errorTitle: s.label, error: `请从下拉列表中选择${s.label}`,
    });
  });

  guide.columns = [{ header: '列名', width: 18 }, { header: '是否必填', width: 10 }, { header: '填写要求', width: 70 }, { header: '示例', width: 24 }];
  guide.insertRow(1, [opts.title ?? '导入模板填写说明']);
  guide.insertRow(2, ['1. 请在“' + sheetName + '”工作表中填写，第1行为列名，请勿修改；灰色的第2行为示例，导入时自动跳过。']);
  guide.insertRow(3, ['2. 红色列名为必填项。日期可写 2025-03-15、2025/3/15、2025年3月15日 等形式。']);
  guide.insertRow(4, ['3. 身份证号等列已设为文本格式，从其他表格粘贴时请使用“选择性粘贴—数值”，避免号码被改为数字而丢失末尾数字。']);
  guide.insertRow(5, []);
  guide.getRow(1).font = { bold: true, size: 14 };
  guide.getRow(6).font = { bold: true };
  for (const s of specs) {
    const row = guide.addRow([s.label, s.required ? '必填' : '选填', describe(s).replace(/^(必填|选填)；/u, ''), s.example ?? '']);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (s.required) row.getCell(2).font = { color: { argb: 'FFC00000' } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
