/** 干部名册 (rosters) as organization departments keep them, generated for the tests. */
import ExcelJS from 'exceljs';
import type { SmallCity } from './fixtures.ts';
import { idOf } from './lrmx.ts';

export const HAN_ID = idOf('519901', '19880808', 82);
export const QIN_ID = idOf('519901', '19890909', 91);
/** 男 (odd 17th digit) but written 女: refused like the form refuses it. */
export const MISMATCH_ID = idOf('519901', '19910101', 13);

/**
 * A roster with a merged title and a 填报单位 line above the header, headers under their everyday names
 * (现任职务（工作单位及职务）, 全日制学历学位 on two lines, 党派 in 入党时间, 职务层次), dates as a date cell,
 * an Excel serial, `1978.3`, a number 197803; a padded name, `汉` for 汉族, an ID typed as a number, an
 * unknown unit, a new cadre without a unit, an unchanged row and a repeated row.
 */
export async function messyRoster(city: SmallCity): Promise<Buffer> {
  const c = city.cadres;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('干部名册');
  ws.addRow(['2025年东平县科级以上干部名册']);
  ws.mergeCells('A1:P1');
  ws.addRow(['填报单位：中共东平县委组织部']);
  ws.addRow(['序号', '姓名', '性别', '民族', '籍贯', '出生年月', '入党时间', '参加工作时间', '身份证号码', '全日制学历学位', '毕业院校及专业',
    '现任职务（工作单位及职务）', '任现职务时间', '职务层次', '单位', '备注']); // row 3
  // row 4: 张三明 by 身份证号 — new 现任职务, 职务层次, 民族 “汉”
  ws.addRow([1, '张 三 明', '男', '汉', '浙江宁海', new Date(Date.UTC(1970, 2, 15)), '1993.6', 43101, c['张三明']!.idNumber, '大学\n法学学士', '某某大学法律系',
    '东平县委书记', '2021.6', '正处级', '东平县委', '']);
  // row 5: a new cadre, unit by name; 党派 instead of a date
  ws.addRow([2, '韩九', '女', '回族', '山东济南', '1988.8', '民盟', '201007', HAN_ID, '研究生 公共管理硕士', '某某大学', '东平县石桥镇副镇长', '2023.01', '副科级', '东平县石桥镇党委', '新提任']);
  // row 6: 李四海, only what the registry already says → unchanged
  ws.addRow([3, '李四海', '男', '', '', 197506, '', '', c['李四海']!.idNumber, '', '', '', '', '', '', '']);
  // row 7: an ID typed as a number (digits lost)
  ws.addRow([4, '王五', '男', '汉族', '', 1980.01, '', '', Number(c['王五']!.idNumber.slice(0, 17)) * 10, '', '', '', '', '', '', '']);
  // row 8: a new cadre in a unit that does not exist
  ws.addRow([5, '秦十', '男', '汉族', '', '1989.09', '', '', QIN_ID, '', '', '', '', '', '不存在的单位', '']);
  // row 9: a new cadre without a unit
  ws.addRow([6, '魏十一', '男', '汉族', '', '1990.10', '', '', idOf('519901', '19901010', 11), '', '', '', '', '', '', '']);
  // row 10: the same as row 5
  ws.addRow([2, '韩九', '女', '回族', '山东济南', '1988.8', '民盟', '201007', HAN_ID, '研究生 公共管理硕士', '某某大学', '东平县石桥镇副镇长', '2023.01', '副科级', '东平县石桥镇党委', '新提任']);
  // row 11: 王五 by 姓名 + 出生年月 (no 身份证号): a new 籍贯
  ws.addRow([7, '王\u3000五', '男', '汉族', '四川成都', '1980-01', '', '', '', '', '', '', '', '', '西岭区委', '']);
  // row 12: gender against the 身份证号
  ws.addRow([8, '蒋十二', '女', '汉族', '', '1991.01', '', '', MISMATCH_ID, '', '', '', '', '', '东平县委', '']);
  ws.getColumn(9).width = 22;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
