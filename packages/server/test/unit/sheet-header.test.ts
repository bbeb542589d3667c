import { describe, expect, it } from 'vitest';
import { detectHeader, headerKey, matchHeader, remapColumns, type RawCell, type RawRow } from '../../src/intake/sheet/index.ts';
import { SPECS } from './sheet-fixtures.ts';

const rows = (...list: RawCell[][]): RawRow[] => list.map((cells, i) => ({ row: i + 1, cells }));
const keys = (d: ReturnType<typeof detectHeader>) => Object.fromEntries(d.mapping.columns.map((c) => [c.header, c.key]));

describe('header matching', () => {
  it.each([
    ['姓名', 'name', 'label'],
    ['干部姓名', 'name', 'synonym'],
    ['姓 名', 'name', 'normalized'],
    ['*姓名', 'name', 'normalized'],
    ['姓名（必填）', 'name', 'normalized'],
    ['公民身份号码', 'idNumber', 'synonym'],
    ['身份证号码', 'idNumber', 'fuzzy'],
    ['ＩＤ', null, null],
    ['审计日期\n(YYYY-MM-DD)', 'auditedOn', 'normalized'],
    ['审计发现问题·金额（万元）', 'findingsAmount', 'normalized'],
    ['发现问题金额(万元)', 'findingsAmount', 'normalized'],
    ['单位及职务', null, null],
    ['问题', null, null],
    ['', null, null],
  ])('%j → %s (%s)', (header, key, match) => {
    const hit = matchHeader(header.replace(/\s+/gu, ' '), SPECS);
    expect(hit?.key ?? null).toBe(key);
    expect(hit?.match ?? null).toBe(match);
  });

  it('normalizes full-width, brackets with units, spaces and punctuation', () => {
    expect(headerKey('金额（万元）')).toBe('金额');
    expect(headerKey('【必填】身份证号')).toBe('身份证号');
    expect(headerKey('ＩＤ　号')).toBe('id号');
    expect(headerKey('(万元)')).toBe('万元');
  });
});

describe('header detection', () => {
  it('skips a title merged across the sheet and a 填报单位 line', () => {
    const d = detectHeader(rows(
      ['2025年度经济责任审计结果汇总表', null, null, null],
      ['填报单位：青川市审计局', null, null, '填报日期：2025年12月'],
      ['序号', '姓名', '身份证号', '审计类型', '审计日期'],
      [1, '张三', '11010519491231002X', '离任', '2025-03-15'],
    ), SPECS);
    expect(d.mapping.headerRow).toBe(3);
    expect(d.mapping.headerRows).toBe(1);
    expect(d.title).toBe('2025年度经济责任审计结果汇总表');
    expect(d.preamble).toEqual(['2025年度经济责任审计结果汇总表', '填报单位：青川市审计局 填报日期：2025年12月']);
    expect(keys(d)).toEqual({ 序号: null, 姓名: 'name', 身份证号: 'idNumber', 审计类型: 'auditType', 审计日期: 'auditedOn' });
    expect(d.unmapped).toEqual(['序号']);
    expect(d.missing).toEqual([]);
    expect(d.absent.map((a) => a.label)).toContain('备注');
  });

  it('reads a parent header merged over its children (and vertically merged single headers)', () => {
    const d = detectHeader(rows(
      ['汇总表'],
      ['姓名', '身份证号', '审计发现问题', null, '审计类型', '审计日期'],
      [null, null, '数量', '金额(万元)', null, null],
      ['张三', '11010519491231002X', 3, 12.5, '离任', '2025-03-15'],
    ), SPECS);
    expect(d.mapping.headerRow).toBe(2);
    expect(d.mapping.headerRows).toBe(2);
    expect(d.mapping.columns.map((c) => [c.header, c.key])).toEqual([
      ['姓名', 'name'], ['身份证号', 'idNumber'], ['审计发现问题·数量', 'findingsCount'], ['审计发现问题·金额(万元)', 'findingsAmount'],
      ['审计类型', 'auditType'], ['审计日期', 'auditedOn'],
    ]);
  });

  it('also when the parent text is repeated in each cell instead of merged', () => {
    const d = detectHeader(rows(
      ['姓名', '身份证号', '审计发现问题', '审计发现问题', '审计类型', '审计日期'],
      [null, null, '数量', '金额', null, null],
    ), SPECS);
    expect(d.mapping.headerRows).toBe(2);
    expect(keys(d)['审计发现问题·金额']).toBe('findingsAmount');
  });

  it('does not take the first data row for a child header row', () => {
    const d = detectHeader(rows(
      ['姓名', '身份证号', '审计类型', '审计日期', '备注'],
      ['张三', '11010519491231002X', '离任', '2025-03-15', null],
      ['李四', null, '任中', null, '无'],
    ), SPECS);
    expect(d.mapping.headerRow).toBe(1);
    expect(d.mapping.headerRows).toBe(1);
  });

  it('reports missing required columns and maps duplicates once', () => {
    const d = detectHeader(rows(['姓名', '干部姓名', '审计日期']), SPECS);
    expect(d.missing.map((m) => m.label)).toEqual(['身份证号', '审计类型']);
    expect(keys(d)).toEqual({ 姓名: 'name', 干部姓名: null, 审计日期: 'auditedOn' });
    expect(d.notes).toEqual(['“干部姓名”列与“姓名”列对应同一字段，只导入“姓名”列']);
  });

  it('manual overrides win: a header can be mapped by hand or ignored, and bad keys are reported', () => {
    const sheet = rows(['姓名', 'ID号', '审计类型', '时间', '备注'], ['张三', '11010519491231002X', '离任', '2025-03-15', 'x']);
    const auto = detectHeader(sheet, SPECS);
    expect(auto.missing.map((m) => m.key)).toEqual(['idNumber', 'auditedOn']);
    const d = detectHeader(sheet, SPECS, { ID号: 'idNumber', 时间: 'auditedOn', 备注: null, 姓名: 'nope' });
    expect(keys(d)).toEqual({ 姓名: null, ID号: 'idNumber', 审计类型: 'auditType', 时间: 'auditedOn', 备注: null });
    expect(d.mapping.columns.find((c) => c.header === 'ID号')!.match).toBe('manual');
    expect(d.notes).toContain('手工指定的字段“nope”不存在，“姓名”列未导入');
    const again = remapColumns(auto.mapping, SPECS, { ID号: 'idNumber', 时间: 'auditedOn' });
    expect(again.mapping.columns.map((c) => c.key)).toEqual(['name', 'idNumber', 'auditType', 'auditedOn', 'remark']);
  });

  it('with no recognisable header, offers the widest text row for manual mapping', () => {
    const d = detectHeader(rows(['标题'], ['甲', '乙', '丙'], [1, 2, 3]), SPECS);
    expect(d.mapping.headerRow).toBe(2);
    expect(d.mapping.columns.map((c) => c.key)).toEqual([null, null, null]);
    expect(d.missing).toHaveLength(4);
  });
});
