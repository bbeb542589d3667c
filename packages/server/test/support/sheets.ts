/** Messy spreadsheets, as other departments really send them, generated for the tests. */
import ExcelJS from 'exceljs';
import type { SmallCity } from './fixtures.ts';

const fullWidth = (s: string) => s.replace(/[0-9X]/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/**
 * An 经济责任审计 summary sheet: a title row, a 填报单位 line, a two-row merged header with synonyms,
 * dates in five forms, an ID typed as a number (digits lost), a full-width ID, a lower-case x, names
 * padded with spaces and U+3000, an empty row, a duplicate row, a bad option, and a trailing 合计 row.
 */
export async function messyAuditSheet(city: SmallCity): Promise<Buffer> {
  const c = city.cadres;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('审计结果');
  ws.addRow(['2025年度经济责任审计结果汇总表']);
  ws.mergeCells('A1:K1');
  ws.addRow(['填报单位：青川市审计局', '', '', '', '', '', '', '', '填报日期：2025年6月']);
  ws.addRow(['序号', '被审计人', '身份证号码', '工作单位', '审计类型', '审计期间', '', '审计发现问题', '', '审计评价', '报告日期']);
  ws.addRow(['', '', '', '', '', '起', '止', '数量', '金额(万元)', '', '']);
  ws.mergeCells('F3:G3');
  ws.mergeCells('H3:I3');
  ws.addRow([1, ` ${'张三明'}\u3000`, c['张三明']!.idNumber.toLowerCase(), '东平县委', '任中审计', '2021-01-01', '2023-12-31', 3, 12.5, '较好', '2025.3.15']); // row 5
  ws.addRow([2, '李四海', Number(c['李四海']!.idNumber.slice(0, 17)) * 10, '东平县委', '离任审计', 44197, 45291, 0, 0, '好', '2025年4月2日']); // row 6: number
  ws.addRow([3, '王五', fullWidth(c['王五']!.idNumber), '西岭区委', '任中', '2022/1/1', '2024/6/30', 5, 300, '一般', 45700]); // row 7: bad option
  ws.addRow([]); // row 8
  ws.addRow([4, '赵  六', c['赵六']!.idNumber, '东平县石桥镇党委', '离任审计', '2020-01-01', '2024-12-31', 1, 2, '较差', '2025-05-20']); // row 9
  ws.addRow([5, '赵  六', c['赵六']!.idNumber, '东平县石桥镇党委', '离任审计', '2020-01-01', '2024-12-31', 1, 2, '较差', '2025-05-20']); // row 10 duplicate
  ws.addRow([6, '张珊', '', '青川市委', '任中审计', '2023-01-01', '2024-12-31', 2, '=HYPERLINK("http://x")', '好', '2025-06-01']); // row 11: bad number
  ws.addRow(['合计', '', '', '', '', '', '', 11, 314.5, '', '']); // row 12
  ws.getColumn(3).width = 22;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A CSV in GBK, as an older system exports it (encoded with a tiny table of the characters used). */
export function gbkCsv(lines: string[], encode: (s: string) => Buffer): Buffer {
  return Buffer.concat(lines.map((l) => encode(l + '\r\n')));
}
