/** Headers as clerks write them (issue 11.4): two-row headers, units in brackets, 时间/日期 and 年度 variants, ambiguity. */
import { describe, expect, it } from 'vitest';
import {
  AMBIGUOUS_HEADERS, DEFAULT_DICTIONARIES, ENTRY_KIND, ENTRY_KINDS, ROSTER_COLUMNS, ignoredColumns, kindColumns, type ColumnSpec,
} from '@jiandu/domain';
import { detectHeader, headerKey, type RawCell, type RawRow } from '../../src/intake/sheet/index.ts';

const rows = (...list: RawCell[][]): RawRow[] => list.map((cells, i) => ({ row: i + 1, cells }));
const keys = (d: ReturnType<typeof detectHeader>) => Object.fromEntries(d.mapping.columns.map((c) => [c.header, c.key]));
const specs = (kind: string) => kindColumns(kind, DEFAULT_DICTIONARIES);
const audit = specs(ENTRY_KIND.economicAudit);

describe('two-row headers', () => {
  const sheet = (lower: string) => rows(
    ['姓名', '身份证号', '审计类型', '审计期间', null, '审计发现问题', null, '审计评价', '报告日期'],
    [null, null, null, '起', '止', lower, '金额（万元）', null, null],
  );

  it.each([['问题数（个）'], ['问题数'], ['数量'], ['个数（个）']])('审计发现问题 over %s → 发现问题数', (lower) => {
    const d = detectHeader(sheet(lower), audit);
    expect(d.mapping.headerRows).toBe(2);
    expect(keys(d)[`审计发现问题·${lower}`]).toBe('d.findingsCount');
    expect(keys(d)['审计发现问题·金额（万元）']).toBe('d.amount');
    expect(keys(d)['审计期间·起']).toBe('d.periodFrom');
    expect(d.missing).toEqual([]);
  });

  it('a header written in one row as the rows joined, or the lower row alone, matches too', () => {
    const d = detectHeader(rows(['姓名', '审计发现问题数', '问题金额（万元）', '审计类型', '审计期间起', '审计期间止', '审计评价', '报告日期']), audit);
    expect(keys(d)).toMatchObject({ 审计发现问题数: 'd.findingsCount', '问题金额（万元）': 'd.amount' });
    const lower = detectHeader(rows(['姓名', '问题数（个）', '金额(元)']), audit);
    expect(keys(lower)).toMatchObject({ '问题数（个）': 'd.findingsCount', '金额(元)': 'd.amount' });
  });

  it('the lower row alone ranks below the joined header (在职教育·学历 stays 在职学历)', () => {
    const d = detectHeader(rows(
      ['姓名', '全日制教育', null, '在职教育', null],
      [null, '学历', '学位', '学历', '学位'],
    ), ROSTER_COLUMNS);
    expect(keys(d)).toMatchObject({ '全日制教育·学历': 'fullTimeEducation', '在职教育·学历': 'inServiceEducation', '在职教育·学位': 'inServiceDegree' });
  });

  it('a 填报单位 line above a one-row header is not read as its upper row', () => {
    const d = detectHeader(rows(['填报单位：审计局', null, null, '填报日期：2025年12月'], ['序号', '姓名', '身份证号', '审计类型', '报告日期']), audit);
    expect(d.mapping).toMatchObject({ headerRow: 2, headerRows: 1 });
  });
});

describe('dates and years under their own words', () => {
  it.each([
    [ENTRY_KIND.heartTalk, '谈话时间'], [ENTRY_KIND.heartTalk, '谈话日期'], [ENTRY_KIND.admonition, '诫勉日期'], [ENTRY_KIND.admonition, '约谈时间'],
    [ENTRY_KIND.personalReportCheck, '查核时间'], [ENTRY_KIND.inspection, '反馈时间'], [ENTRY_KIND.majorDecision, '会议时间'],
    [ENTRY_KIND.award, '表彰时间'], [ENTRY_KIND.discipline, '处分时间'], [ENTRY_KIND.petition, '受理时间'],
  ])('%s: %s → 发生日期', (kind, header) => {
    expect(keys(detectHeader(rows(['姓名', header]), specs(kind)))[header]).toBe('occurredOn');
  });

  it.each([
    [ENTRY_KIND.training, '培训开始时间', 'd.from'], [ENTRY_KIND.training, '开班时间', 'd.from'], [ENTRY_KIND.travelReport, '离开时间', 'd.departOn'],
    [ENTRY_KIND.travelReport, '报备时间', 'd.filedOn'], [ENTRY_KIND.discipline, '决定时间', 'd.decisionDate'], [ENTRY_KIND.inspection, '整改截止时间', 'd.rectificationDeadline'],
  ])('%s: a date detail %s → %s', (kind, header, key) => {
    expect(keys(detectHeader(rows(['姓名', header]), specs(kind)))[header]).toBe(key);
  });

  it.each([['年度'], ['年份'], ['考核年度'], ['考核年份'], ['所属年份'], ['年 度']])('年度综合考核: %s → 年度', (header) => {
    expect(keys(detectHeader(rows(['姓名', header, '考核等次']), specs(ENTRY_KIND.annualAssessment)))[header]).toBe('d.year');
  });

  it('an annual result needs no date column (the year gives it)', () => {
    const d = detectHeader(rows(['姓名', '身份证号', '考核年度', '考核结果']), specs(ENTRY_KIND.annualAssessment));
    expect(d.missing).toEqual([]);
    expect(detectHeader(rows(['姓名', '谈话人', '谈话形式', '谈话起因', '谈话要点']), specs(ENTRY_KIND.heartTalk)).missing.map((m) => m.key)).toEqual(['occurredOn']);
  });
});

describe('a header that could mean two columns is asked about', () => {
  const discipline = specs(ENTRY_KIND.discipline);

  it('处分类型 in a 处分问责 sheet: left unmapped, both candidates named', () => {
    const d = detectHeader(rows(['姓名', '处分类型', '处分日期']), discipline);
    expect(keys(d)['处分类型']).toBeNull();
    expect(d.ambiguous).toEqual([{ header: '处分类型', candidates: [{ key: 'd.category', label: '类别' }, { key: 'd.measure', label: '处理方式' }] }]);
    expect(d.mapping.columns.find((c) => c.header === '处分类型')!.candidates).toEqual(['d.category', 'd.measure']);
    expect(d.unmapped).toContain('处分类型');
  });

  it('the user decides: mapped or ignored by hand, it is no longer ambiguous', () => {
    expect(detectHeader(rows(['姓名', '处分类型']), discipline, { 处分类型: 'd.measure' }).ambiguous).toEqual([]);
    expect(detectHeader(rows(['姓名', '处分类型']), discipline, { 处分类型: null }).ambiguous).toEqual([]);
  });

  it('when another column already is one of the candidates, it is the other', () => {
    const d = detectHeader(rows(['姓名', '类别', '处分类型']), discipline);
    expect(keys(d)).toMatchObject({ 类别: 'd.category', 处分类型: 'd.measure' });
    expect(d.ambiguous).toEqual([]);
  });

  it('every kind: no header names two columns by accident (only the listed ones do)', () => {
    const kinds: Array<[string, readonly ColumnSpec[]]> = [...ENTRY_KINDS.map((k): [string, readonly ColumnSpec[]] => [k.code, specs(k.code)]), ['roster', ROSTER_COLUMNS]];
    const found: Record<string, string[]> = {};
    for (const [kind, list] of kinds) {
      const byName = new Map<string, Set<string>>();
      for (const s of list) for (const n of [s.label, ...(s.synonyms ?? [])]) byName.set(headerKey(n), (byName.get(headerKey(n)) ?? new Set()).add(s.key));
      const clash = [...byName].filter(([, k]) => k.size > 1).map(([n]) => n).sort();
      if (clash.length) found[kind] = clash;
    }
    expect(found).toEqual(Object.fromEntries(Object.entries(AMBIGUOUS_HEADERS).map(([k, v]) => [k, v.map(headerKey).sort()])));
  });
});

describe('columns left out', () => {
  it('lists unmapped columns in file order, without the 序号 column', () => {
    const d = detectHeader(rows(['序号', '姓名', '整改完成情况', '备注说明', 'No.']), specs(ENTRY_KIND.admonition));
    expect(ignoredColumns(d.mapping)).toEqual(['整改完成情况', '备注说明']);
  });

  it('整改完成情况 is the 整改状态 of an audit', () => {
    expect(keys(detectHeader(rows(['姓名', '整改完成情况']), audit))['整改完成情况']).toBe('d.rectificationStatus');
  });
});
