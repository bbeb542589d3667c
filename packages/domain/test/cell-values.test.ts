import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  columnLetter, excelSerialToDate, formatSheetIssue, idNumberCheckChar, isBlankCell, normalizeBooleanCell, normalizeCell,
  normalizeDateCell, normalizeDecimalCell, normalizeEnumCell, normalizeIdNumberCell, normalizeIntegerCell, normalizeListCell,
  normalizeMonthCell, normalizeName, normalizeText, normalizeYearCell, type CellResult, type ColumnSpec, type RawCell,
} from '../src/index.ts';

function expectOk<T>(r: CellResult<T>, value: T): void {
  expect(r).toEqual({ ok: true, value });
}

function expectFail(r: CellResult<unknown>, ...fragments: string[]): void {
  expect(r.ok).toBe(false);
  if (!r.ok) for (const f of fragments) expect(r.message).toContain(f);
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('text', () => {
  it.each<[RawCell, string]>([
    ['  经查，该同志存在问题。\u3000', '经查，该同志存在问题。'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['a\u0000b\u200Bc\uFEFF', 'abc'],
    ['第一行\r\n第二行', '第一行\n第二行'],
    [12.5, '12.5'],
    [0.1 + 0.2, '0.3'],
    [utc(2025, 3, 15), '2025-03-15'],
  ])('%j → %j', (raw, value) => expectOk(normalizeText(raw), value));
});

describe('name', () => {
  it.each<[RawCell, string]>([
    ['张  三', '张三'],
    [' 王\u3000五 ', '王五'],
    ['\u3000李四\u3000', '李四'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['阿依古丽 • 买买提', '阿依古丽·买买提'],
    ['买买提.依明', '买买提·依明'],
    ['阿卜杜拉・热合曼', '阿卜杜拉·热合曼'],
    ['John   Smith', 'John Smith'],
  ])('%j → %j', (raw, value) => expectOk(normalizeName(raw), value));

  it('refuses a name with digits (a shifted column) and a name without letters', () => {
    expectFail(normalizeName('张三1'), '数字');
    expectFail(normalizeName('··'), '不是有效的姓名');
  });
});

describe('身份证号', () => {
  const id = '11010519491231002X';
  it.each<[RawCell, string]>([
    [id, id],
    ['11010519491231002x', id],
    ['１１０１０５１９４９１２３１００２Ｘ', id],
    ['  110105 19491231 002X\u3000', id],
    [`'${id}`, id],
    [`="${id}"`, id],
  ])('%j → %j', (raw, value) => expectOk(normalizeIdNumberCell(raw), value));

  it.each<[RawCell, string[]]>([
    [1.10105194912310e17, ['被保存为数字', '丢失', '无法还原']],
    [110105194912310000, ['被保存为数字']],
    ['1.10105E+17', ['被保存为数字']],
    ['110105194912310000', ['校验位', '000结尾']],
    ['110105194912310021', ['校验位']],
    ['1101051949123100', ['18位']],
    [true, ['18位']],
  ])('rejects %j', (raw, fragments) => expectFail(normalizeIdNumberCell(raw), ...fragments));

  it('never accepts a number, even one whose digits happen to pass the check', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999 }), (seq) => {
      const first17 = `51990119800101${String(seq).padStart(3, '0')}`;
      const full = first17 + idNumberCheckChar(first17);
      if (full.endsWith('X')) return true;
      return !normalizeIdNumberCell(Number(full)).ok && normalizeIdNumberCell(full).ok;
    }));
  });
});

describe('date', () => {
  it.each<[RawCell, string]>([
    [45731, '2025-03-15'],
    [45731.75, '2025-03-15'],
    ['45731', '2025-03-15'],
    [61, '1900-03-01'],
    [59, '1900-02-28'],
    [1, '1900-01-01'],
    [utc(2025, 3, 15), '2025-03-15'],
    ['2025-03-15', '2025-03-15'],
    ['2025/3/15', '2025-03-15'],
    ['2025.3.15', '2025-03-15'],
    ['2025年3月15日', '2025-03-15'],
    ['2025年3月15号', '2025-03-15'],
    ['20250315', '2025-03-15'],
    [20250315, '2025-03-15'],
    ['２０２５－０３－１５', '2025-03-15'],
    ['2025-03-15 00:00:00', '2025-03-15'],
    ['2025-03-15T08:30:00Z', '2025-03-15'],
  ])('%j → %j', (raw, value) => expectOk(normalizeDateCell(raw), value));

  it.each<[RawCell, string[]]>([
    ['2025.3', ['缺少日']],
    ['2025年3月', ['缺少日']],
    ['202503', ['缺少日']],
    [2025.3, ['缺少日']],
    ['2025', ['缺少月和日']],
    [60, ['1900年2月29日']],
    ['2025-02-30', ['不存在']],
    ['2025-13-01', ['月份']],
    ['下个月', ['无法识别']],
    [true, ['日期']],
  ])('rejects %j', (raw, fragments) => expectFail(normalizeDateCell(raw), ...fragments));

  it('month columns take any form with a month and drop the day', () => {
    for (const [raw, value] of [['2025.3', '2025-03'], ['2025年3月', '2025-03'], ['202503', '2025-03'], [2025.3, '2025-03'],
      [2025.12, '2025-12'], ['2025-03-15', '2025-03'], [45731, '2025-03'], [utc(2025, 3, 15), '2025-03']] as const) {
      expectOk(normalizeMonthCell(raw), value);
    }
    expectFail(normalizeMonthCell('2025'), '缺少月份');
    // 2025.10 typed into a General cell is the number 2025.1: January or October cannot be told.
    expectFail(normalizeMonthCell(2025.1), '无法区分', '1月和10月');
    expectOk(normalizeMonthCell('2025.10'), '2025-10');
  });

  it('Excel serials: the 1900 leap-year bug and the 1904 system', () => {
    expect(excelSerialToDate(60)).toBeNull();
    expect(excelSerialToDate(0.5)).toBeNull();
    expect(excelSerialToDate(45731)!.toISOString()).toBe('2025-03-15T00:00:00.000Z');
    expect(excelSerialToDate(45731.5)!.toISOString()).toBe('2025-03-15T12:00:00.000Z');
    expect(excelSerialToDate(44269, true)!.toISOString()).toBe('2025-03-15T00:00:00.000Z');
  });
});

describe('numbers', () => {
  it.each<[RawCell, number]>([[2025, 2025], ['2025', 2025], ['２０２５年', 2025], ['2025年度', 2025], [utc(2024, 1, 1), 2024]])(
    'year %j → %j', (raw, value) => expectOk(normalizeYearCell(raw), value));
  it.each<RawCell>(['25', '二〇二五', 2025.5, 1700])('year rejects %j', (raw) => expectFail(normalizeYearCell(raw)));

  it.each<[RawCell, number]>([[3, 3], ['3', 3], ['１２', 12], ['1,234', 1234], ['-5', -5], ['3项', 3], [3.0000000000001, 3], ['12.0', 12]])(
    'integer %j → %j', (raw, value) => expectOk(normalizeIntegerCell(raw), value));
  it.each<RawCell>(['3.5', 3.5, '12,34', 'abc', '1e3'])('integer rejects %j', (raw) => expectFail(normalizeIntegerCell(raw), '不是整数'));

  it.each<[RawCell, number]>([[12.5, 12.5], ['1,234.56', 1234.56], ['１２３．４', 123.4], [' 0.5 ', 0.5], ['.5', 0.5], ['95%', 0.95], ['-3', -3],
    [0.1 + 0.2, 0.3]])('decimal %j → %j', (raw, value) => expectOk(normalizeDecimalCell(raw), value));
  it.each<RawCell>(['12万', 'abc', '1.2.3', '1,23'])('decimal rejects %j', (raw) => expectFail(normalizeDecimalCell(raw), '不是数字'));
});

describe('enum, boolean, list', () => {
  const grades = ['优秀', '称职', '基本称职', '不称职'] as const;
  const levels = ['A级', 'B级'] as const;

  it('enum: exact, or after full-width / space / case folding; otherwise lists the allowed values', () => {
    expectOk(normalizeEnumCell('称职', grades), '称职');
    expectOk(normalizeEnumCell(' 基本 称职\u3000', grades), '基本称职');
    expectOk(normalizeEnumCell('Ａ级', levels), 'A级');
    expectOk(normalizeEnumCell('a 级', levels), 'A级');
    expectFail(normalizeEnumCell('良好', grades), '“良好”不是有效的选项', '优秀、称职、基本称职、不称职');
    const many = Array.from({ length: 40 }, (_, i) => `选项${i}`);
    expectFail(normalizeEnumCell('x', many), '等40项');
  });

  it.each<[RawCell, boolean]>([['是', true], ['否', false], ['有', true], ['无', false], ['Y', true], ['n', false], ['TRUE', true], ['false', false],
    ['√', true], ['×', false], [true, true], [0, false], ['Ｙ', true]])('boolean %j → %j', (raw, value) => expectOk(normalizeBooleanCell(raw), value));
  it('boolean rejects anything else', () => expectFail(normalizeBooleanCell('也许'), '“是”或“否”'));

  it('list: split on 、，,;；/ and line breaks, trimmed, de-duplicated, checked against options', () => {
    expectOk(normalizeListCell('违反政治纪律、违反组织纪律，违反廉洁纪律;违反群众纪律；违反工作纪律/违反生活纪律\n其他'),
      ['违反政治纪律', '违反组织纪律', '违反廉洁纪律', '违反群众纪律', '违反工作纪律', '违反生活纪律', '其他']);
    expectOk(normalizeListCell(' a , a ,b '), ['a', 'b']);
    expectOk(normalizeListCell('a级、ｂ级', levels), ['A级', 'B级']);
    expectFail(normalizeListCell('A级、C级', levels), '“C级”不是有效的选项');
  });
});

describe('normalizeCell', () => {
  const spec = (type: ColumnSpec['type'], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ key: 'k', label: '列', type, ...extra });

  it('blank cells are null, or an error when required', () => {
    for (const raw of [null, undefined, '', '   ', '\u3000\u3000', '\u0000']) {
      expect(isBlankCell(raw)).toBe(true);
      expectOk(normalizeCell(spec('text'), raw), null);
      expectFail(normalizeCell(spec('text', { required: true }), raw), '必填项，不能为空');
    }
  });

  it('a dash or slash means nothing in a date, number or list column, but stays in text', () => {
    for (const raw of ['—', '-', '/', '／', '——']) {
      expectOk(normalizeCell(spec('date'), raw), null);
      expectOk(normalizeCell(spec('decimal'), raw), null);
    }
    expectOk(normalizeCell(spec('list'), '无'), null);
    expectOk(normalizeCell(spec('text'), '—'), '—');
    expectFail(normalizeCell(spec('date', { required: true }), '/'), '必填项');
  });

  it('maxLength counts characters', () => {
    expectOk(normalizeCell(spec('text', { maxLength: 3 }), '一二三'), '一二三');
    expectFail(normalizeCell(spec('text', { maxLength: 3 }), '一二三四'), '4个字', '3个字');
    expectFail(normalizeCell(spec('list', { maxLength: 2 }), '一二、一二三'), '3个字');
  });

  it('dispatches every type', () => {
    expectOk(normalizeCell(spec('name'), '张 三'), '张三');
    expectOk(normalizeCell(spec('idNumber'), '11010519491231002x'), '11010519491231002X');
    expectOk(normalizeCell(spec('month'), '2025年3月'), '2025-03');
    expectOk(normalizeCell(spec('enum', { options: ['好', '较好'] }), '较好'), '较好');
    expectOk(normalizeCell(spec('boolean'), '是'), true);
    expectOk(normalizeCell(spec('integer'), '7'), 7);
  });
});

describe('issue text', () => {
  it('names the row, the column letter and the header', () => {
    expect(columnLetter(1)).toBe('A');
    expect(columnLetter(26)).toBe('Z');
    expect(columnLetter(27)).toBe('AA');
    expect(columnLetter(16384)).toBe('XFD');
    expect(formatSheetIssue({ row: 5, column: '身份证号', col: 3, message: '校验位不正确' })).toBe('第5行 C列“身份证号”：校验位不正确');
    expect(formatSheetIssue({ row: 7, column: '', message: '与第5行重复' })).toBe('第7行：与第5行重复');
  });
});
