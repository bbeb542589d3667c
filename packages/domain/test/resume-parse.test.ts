import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseResume, splitResumeLines, type ParsedResume } from '../src/index.ts';

/** Non-space characters, sorted: the multiset every parse must preserve (line-break markers excluded). */
function chars(s: string): string[] {
  return [...s.replace(/&#(?:x0*[da]|0*1[03]);|<\/?br\s*\/?>|\u0085/giu, '\n')].filter((c) => !/\s/u.test(c)).sort();
}

/** Asserts that periods (date text + text) and unparsed parts hold exactly the non-space characters of the input. */
function expectCovered(r: ParsedResume): void {
  const out = [...r.periods.flatMap((p) => [p.dateText, p.text]), ...r.unparsed.map((u) => u.text)].join('');
  expect(chars(out)).toEqual(chars(r.original));
}

const REFERENCE_EXAMPLE = [
  '1990.09--1994.07  某某师范大学中文系汉语言文学专业学习',
  '1994.07--1998.03  某某县教育局办公室科员',
  '1998.03--2003.06  某某县委组织部干部科副科长',
  '                  （其间：2000.09--2002.12在某某省委党校在职研究生班经济管理专业学习）',
  '2003.06--         某某县委组织部副部长',
].join('\n');

describe('简历 parser (reference §4)', () => {
  it('parses the reference example into four periods with a 其间 sub-period and an open end', () => {
    const r = parseResume(REFERENCE_EXAMPLE);
    expect(r.unparsed).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.periods.map((p) => [p.start, p.end, p.endKind, p.main])).toEqual([
      ['1990-09', '1994-07', 'date', '某某师范大学中文系汉语言文学专业学习'],
      ['1994-07', '1998-03', 'date', '某某县教育局办公室科员'],
      ['1998-03', '2003-06', 'date', '某某县委组织部干部科副科长'],
      ['2003-06', null, 'open', '某某县委组织部副部长'],
    ]);
    expect(r.periods[2]!.text).toBe('某某县委组织部干部科副科长\n（其间：2000.09--2002.12在某某省委党校在职研究生班经济管理专业学习）');
    expect(r.periods[2]!.sub).toEqual([{
      start: '2000-09', end: '2002-12', endKind: 'date',
      text: '在某某省委党校在职研究生班经济管理专业学习', raw: '2000.09--2002.12在某某省委党校在职研究生班经济管理专业学习',
    }]);
    expect(r.periods[2]!.lineCount).toBe(2);
    expect(r.original).toBe(REFERENCE_EXAMPLE);
    expectCovered(r);
  });

  // [input, start, end, endKind, text]
  const ENTRY_VARIANTS: Array<[string, string, string | null, string, string]> = [
    ['1990.09--1994.07  某大学学习', '1990-09', '1994-07', 'date', '某大学学习'],
    ['200306--201008  某县某局局长', '2003-06', '2010-08', 'date', '某县某局局长'],
    ['2003.06-2010.08 某县某局局长', '2003-06', '2010-08', 'date', '某县某局局长'],
    ['2003.06——至今  某县某局局长', '2003-06', null, 'present', '某县某局局长'],
    ['2003.06--至今  某县某局局长', '2003-06', null, 'present', '某县某局局长'],
    ['2003.06至今  某县某局局长', '2003-06', null, 'present', '某县某局局长'],
    ['1998.03--2003.06\t某县某局局长', '1998-03', '2003-06', 'date', '某县某局局长'],
    ['2003.06--         某县某局局长', '2003-06', null, 'open', '某县某局局长'],
    ['2003.06--       某县某局局长', '2003-06', null, 'open', '某县某局局长'],
    ['2003.06—2010.08  某县', '2003-06', '2010-08', 'date', '某县'],
    ['2003.06–2010.08  某县', '2003-06', '2010-08', 'date', '某县'],
    ['2003.06－2010.08  某县', '2003-06', '2010-08', 'date', '某县'],
    ['2003.06―2010.08  某县', '2003-06', '2010-08', 'date', '某县'],
    ['2003.06─2010.08  某县', '2003-06', '2010-08', 'date', '某县'],
    ['2003.06~2010.08  某县', '2003-06', '2010-08', 'date', '某县'],
    ['2003.06～2010.08  某县', '2003-06', '2010-08', 'date', '某县'],
    ['2003.06至2010.08  某县', '2003-06', '2010-08', 'date', '某县'],
    ['2003.06 -- 2010.08  某县', '2003-06', '2010-08', 'date', '某县'],
    ['1990--1994  某大学', '1990', '1994', 'date', '某大学'],
    ['1990.9--1994.7  某大学', '1990-09', '1994-07', 'date', '某大学'],
    ['1990.09.01--1994.07.15  某大学', '1990-09', '1994-07', 'date', '某大学'],
    ['1990-09--1994-07  某大学', '1990-09', '1994-07', 'date', '某大学'],
    ['1990.09--1994.07某大学', '1990-09', '1994-07', 'date', '某大学'],
    ['    1990.09--1994.07  某大学', '1990-09', '1994-07', 'date', '某大学'],
    ['1990.09--1994.07\u2002\u2002某大学', '1990-09', '1994-07', 'date', '某大学'],
    ['1990.09--1994.07\u3000\u3000某大学', '1990-09', '1994-07', 'date', '某大学'],
    ['１９９０．０９—１９９４．０７　某大学', '1990-09', '1994-07', 'date', '某大学'],
    ['1990.09--1994.07  某县\u2002某局', '1990-09', '1994-07', 'date', '某县 某局'],
  ];
  it.each(ENTRY_VARIANTS)('entry %j', (input, start, end, endKind, text) => {
    const r = parseResume(input);
    expect(r.unparsed).toEqual([]);
    expect(r.periods).toHaveLength(1);
    expect(r.periods[0]).toMatchObject({ start, end, endKind, text });
    expectCovered(r);
  });

  const BREAKS: Array<[string, string]> = [
    ['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r'], ['&#xD;', '&#xD;'], ['&#xD;&#xA;', '&#xD;&#xA;'], ['&#13;', '&#13;'],
    ['<br>', '<br>'], ['<br/>', '<br/>'], ['<BR />', '<BR />'], ['U+2028', '\u2028'], ['U+2029', '\u2029'], ['NEL', '\u0085'],
    ['VT', '\v'], ['FF', '\f'], ['lost newline', ''], ['two spaces (one line)', '  '],
  ];
  it.each(BREAKS)('line break: %s', (_name, br) => {
    const input = ['1990.09--1994.07  某大学学习', '1994.07--1998.03  某县科员', '1998.03--  某县副科长'].join(br);
    const r = parseResume(input);
    expect(r.unparsed).toEqual([]);
    expect(r.periods.map((p) => [p.start, p.end, p.text])).toEqual([
      ['1990-09', '1994-07', '某大学学习'], ['1994-07', '1998-03', '某县科员'], ['1998-03', null, '某县副科长'],
    ]);
    expectCovered(r);
  });

  it('continuation lines (wrapped text) belong to the previous entry', () => {
    const r = parseResume('1998.03--2003.06  某某县委组织部干部科\n                  副科长\n2003.06--  某县');
    expect(r.periods[0]!.text).toBe('某某县委组织部干部科\n副科长');
    expect(r.periods[0]!.main).toBe('某某县委组织部干部科副科长');
    expect(r.periods).toHaveLength(2);
    expectCovered(r);
  });

  it('其间 notes: inline, several items, a single date, no brackets, and one that is never closed', () => {
    const r = parseResume([
      '1994.07--1998.03  某县科员（其间：1995.01--1995.06在某党校学习；1996.03--1996.12挂职某镇副镇长，1997.03在某地培训）',
      '1998.03--2003.06  某县副科长',
      '其间：2000.09--2002.12在某省委党校学习',
      '2003.06--2008.01  某县科长（其间：2004.01--至今在某大学在职学习',
    ].join('\n'));
    expect(r.unparsed).toEqual([]);
    expect(r.periods.map((p) => p.main)).toEqual(['某县科员', '某县副科长', '某县科长']);
    expect(r.periods[0]!.sub.map((s) => [s.start, s.end, s.endKind, s.text])).toEqual([
      ['1995-01', '1995-06', 'date', '在某党校学习'],
      ['1996-03', '1996-12', 'date', '挂职某镇副镇长'],
      ['1997-03', null, null, '在某地培训'],
    ]);
    expect(r.periods[1]!.sub.map((s) => [s.start, s.end])).toEqual([['2000-09', '2002-12']]);
    expect(r.periods[2]!.sub.map((s) => [s.start, s.end, s.endKind])).toEqual([['2004-01', null, 'present']]);
    expectCovered(r);
  });

  it('a 其间 note is not split off as a new period when newlines were lost', () => {
    const r = parseResume('1998.03--2003.06  某县副科长（其间：2000.09--2002.12在某党校学习）2003.06--2008.01  某县科长');
    expect(r.periods.map((p) => [p.start, p.end, p.main])).toEqual([['1998-03', '2003-06', '某县副科长'], ['2003-06', '2008-01', '某县科长']]);
    expect(r.periods[0]!.sub).toHaveLength(1);
    expectCovered(r);
  });

  it('text that cannot be attributed is returned as unparsed lines, never dropped', () => {
    const r = parseResume([
      '个人简历：',
      '1990.13--1994.07  月份错误的一段',
      '    它的续行',
      '1994.07--1998.03  某县科员',
      '2003年起在某地工作',
      '1998.03  缺少分隔符',
      '2010.01--2009.01  终止早于起始',
      '2011.01--  中间的开放段',
      '2012.01--  最后一段',
    ].join('\n'));
    expect(r.unparsed.map((u) => [u.line, u.text])).toEqual([
      [0, '个人简历：'], [1, '1990.13--1994.07  月份错误的一段'], [2, '它的续行'], [4, '2003年起在某地工作'], [5, '1998.03  缺少分隔符'],
    ]);
    expect(r.unparsed[1]!.reason).toContain('月份13无效');
    expect(r.periods.map((p) => p.start)).toEqual(['1994-07', '2010-01', '2011-01', '2012-01']);
    expect(r.warnings.map((w) => w.line)).toEqual([6, 7]);
    expect(r.warnings[0]!.message).toContain('终止时间早于起始时间');
    expectCovered(r);
  });

  it('empty and blank input', () => {
    for (const s of ['', '   ', '\n\r\n', '&#xD;<br>']) {
      const r = parseResume(s);
      expect(r.periods).toEqual([]);
      expect(r.unparsed).toEqual([]);
      expectCovered(r);
    }
  });

  it('splitResumeLines re-splits before lost entry starts but not inside brackets', () => {
    expect(splitResumeLines('1990.09--1994.07  学习1994.07--1998.03  科员（1995.01--1995.06 培训）'))
      .toEqual(['1990.09--1994.07  学习', '1994.07--1998.03  科员（1995.01--1995.06 培训）']);
  });

  const DATE_FORMS: Array<(y: number, m: number) => string> = [
    (y, m) => `${y}.${String(m).padStart(2, '0')}`,
    (y, m) => `${y}${String(m).padStart(2, '0')}`,
    (y, m) => `${y}.${m}`,
    (y, m) => `${y}.${String(m).padStart(2, '0')}`.replace(/[0-9.]/gu, (c) => (c === '.' ? '．' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))),
  ];
  const SEPS = ['--', '—', '——', '–', '－', '-', '―', '─', '~', '～', '至'];
  const GAPS = ['  ', '\t', '\u2002\u2002', '\u3000', ' ', '   '];
  const LINE_BREAKS = ['\n', '\r\n', '\r', '&#xD;', '<br>', '<br/>', '\u2028', '', '  '];
  const TEXT = fc.string({ unit: fc.constantFrom(...'某县委组织部科员长学习大学副书记镇党委政府办公室'), minLength: 1, maxLength: 12 });

  it('property: generated 简历 in every format parse back to their periods', () => {
    const period = fc.record({
      y: fc.integer({ min: 1960, max: 2024 }), m: fc.integer({ min: 1, max: 12 }),
      ey: fc.integer({ min: 1960, max: 2025 }), em: fc.integer({ min: 1, max: 12 }),
      end: fc.constantFrom('date', 'open', 'present'), form: fc.nat(DATE_FORMS.length - 1), sep: fc.constantFrom(...SEPS),
      gap: fc.constantFrom(...GAPS), text: TEXT,
      cont: fc.option(TEXT), note: fc.option(fc.tuple(fc.integer({ min: 1960, max: 2024 }), fc.integer({ min: 1, max: 12 }), TEXT)),
    });
    fc.assert(fc.property(fc.array(period, { minLength: 1, maxLength: 8 }), fc.constantFrom(...LINE_BREAKS), (ps, br) => {
      const lines: string[] = [];
      for (const p of ps) {
        const f = DATE_FORMS[p.form]!;
        const endText = p.end === 'date' ? f(p.ey, p.em) : p.end === 'present' ? '至今' : '';
        const gap = p.end === 'open' ? '         ' : p.gap;
        const sep = p.end === 'present' && p.sep === '至' ? '--' : p.sep;
        lines.push(`${f(p.y, p.m)}${sep}${endText}${gap}${p.text}`);
        // Continuations need a real line break (a lost one would glue them to the text).
        if (p.cont !== null && br !== '' && br !== '  ') lines.push(`        ${p.cont}`);
        if (p.note !== null) lines.push(`（其间：${f(p.note[0], p.note[1])}--${f(p.note[0], p.note[1])}${p.note[2]}）`);
      }
      const r = parseResume(lines.join(br));
      expect(r.unparsed).toEqual([]);
      expect(r.periods).toHaveLength(ps.length);
      ps.forEach((p, i) => {
        const got = r.periods[i]!;
        const mm = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
        expect(got.start).toBe(mm(p.y, p.m));
        expect(got.endKind).toBe(p.end);
        expect(got.end).toBe(p.end === 'date' ? mm(p.ey, p.em) : null);
        expect(got.main).toBe(p.text + (p.cont !== null && br !== '' && br !== '  ' ? p.cont : ''));
        expect(got.sub.map((s) => [s.start, s.text])).toEqual(p.note ? [[mm(p.note[0], p.note[1]), p.note[2]]] : []);
      });
      expectCovered(r);
    }), { numRuns: 300 });
  });

  it.each([
    ['digits', '1'.repeat(300_000)],
    ['rejected entry starts after 其间', '其间：2003.06--'.repeat(25_000)],
    ['unclosed brackets', `2003.06--  ${'（'.repeat(300_000)}2003.06--x`],
    ['unclosed notes', `2003.06--2004.01  x${'（其间'.repeat(100_000)}`],
    ['entries glued together', '2003.06--x'.repeat(30_000)],
  ])('adversarial long input stays linear: %s', (_name, text) => {
    const t0 = Date.now();
    const r = parseResume(text);
    // Under a second on an idle machine; 10 s holds at load 8 on 2 cores, and a quadratic parse of this input takes far longer.
    expect(Date.now() - t0).toBeLessThan(10_000);
    expectCovered(r);
  });

  it('property: any text at all — never throws, and every non-space character is kept exactly once', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('1990.09--1994.07', '200306--', '至今', '（其间：', '）', '  ', '\n', '\r\n', '&#xD;', '<br>', '２００３．０６', '—', '其间', '(', '1999', '\u2002', '\u3000'),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
      const r = parseResume(parts.join(''));
      expectCovered(r);
      for (const p of r.periods) expect(p.start).toMatch(/^\d{4}(-\d{2})?$/u);
    }), { numRuns: 500 });
  });
});
