/** 分工调整 during a tenure: the 分工 in force on a day, and 分管违规 judged on it (day before / on / after a change). */
import { describe, expect, it } from 'vitest';
import { domainChangeDaysAfter, domainsInForce, domainsOn, evaluateCadre, type FactTenure } from '../src/index.ts';
import { S, cadre, ofRule, tenure } from './rules-fixtures.ts';

const run = (asOf: string, tenures: FactTenure[]) => evaluateCadre(cadre([], tenures), S, asOf);
const boss = (changes: FactTenure['domainChanges'], domains = ['财务', '教育'], end: string | null = null) =>
  tenure('t-boss', '2024-01-01', end, { isPrincipal: true, title: '县长', domains, domainChanges: changes });

describe('domainsInForce', () => {
  const t = boss([
    { from: '2026-03-01', domains: ['教育'] },
    { from: '2026-06-01', domains: ['人事'] },
    { from: '2026-06-01', domains: ['人事', '卫生健康'] }, // same day, entered later: wins
  ]);
  it.each([
    ['2024-01-01', ['财务', '教育'], null],
    ['2026-02-28', ['财务', '教育'], null],
    ['2026-03-01', ['教育'], '2026-03-01'],
    ['2026-05-31', ['教育'], '2026-03-01'],
    ['2026-06-01', ['人事', '卫生健康'], '2026-06-01'],
    ['2030-01-01', ['人事', '卫生健康'], '2026-06-01'],
  ])('on %s', (day, domains, since) => {
    expect(domainsInForce(t, day)).toEqual(domains);
    expect(domainsOn(t, day).since).toBe(since);
  });
  it('no changes: the tenure’s own 分工', () => {
    expect(domainsInForce(tenure('t', '2024-01-01', null, { domains: ['农业农村'] }), '2026-01-01')).toEqual(['农业农村']);
  });
  it('change days after a day, distinct and ascending', () => {
    expect(domainChangeDaysAfter(t, '2026-03-01')).toEqual(['2026-06-01']);
    expect(domainChangeDaysAfter(t, '2026-01-01')).toEqual(['2026-03-01', '2026-06-01']);
  });
});

describe('分管违规 follows the 分工 in force on the day', () => {
  const dropped = boss([{ from: '2026-05-01', domains: ['教育'] }]);
  it.each([
    ['day before the change: still warns', '2026-04-30', 1],
    ['on the change day: no longer', '2026-05-01', 0],
    ['after the change', '2026-09-01', 0],
  ])('财务 dropped on 2026-05-01 — %s', (_n, asOf, n) => {
    expect(ofRule(run(asOf, [dropped]).warnings, 'in_charge_violation')).toHaveLength(n);
  });

  it('before the change the warning lasts until the change day, and the next review is that day', () => {
    const r = run('2026-04-30', [dropped]);
    const [w] = ofRule(r.warnings, 'in_charge_violation');
    expect(w).toMatchObject({ key: 't-boss', until: '2026-05-01' });
    expect(w?.explanation).toBe('任某县人民政府县长（一把手）直接分管财务，违反一把手不直接分管财务的规定');
    expect(r.nextReview).toBe('2026-05-01');
  });

  const added = boss([{ from: '2026-05-01', domains: ['教育', '财务'] }], ['教育']);
  it.each([
    ['2026-04-30', 0],
    ['2026-05-01', 1],
    ['2026-05-02', 1],
  ])('财务 taken on 2026-05-01 — as of %s → %i', (asOf, n) => {
    expect(ofRule(run(asOf, [added]).warnings, 'in_charge_violation')).toHaveLength(n);
  });

  it('a warning from a change says since when; until is the tenure end when no later change drops it', () => {
    const [w] = ofRule(run('2026-06-01', [boss([{ from: '2026-05-01', domains: ['财务'] }], ['教育'], '2027-01-01')]).warnings, 'in_charge_violation');
    expect(w).toMatchObject({ until: '2027-01-01' });
    expect(w?.explanation).toBe('任某县人民政府县长（一把手），自2026-05-01分工调整起直接分管财务，违反一把手不直接分管财务的规定');
  });

  it('a later change that keeps a forbidden domain does not end it; one that drops all does', () => {
    const t = boss([{ from: '2026-05-01', domains: ['财务'] }, { from: '2026-08-01', domains: ['工程项目'] }, { from: '2026-10-01', domains: ['教育'] }]);
    const [w] = ofRule(run('2026-04-01', [t]).warnings, 'in_charge_violation');
    expect(w?.until).toBe('2026-10-01');
    expect(ofRule(run('2026-08-01', [t]).warnings, 'in_charge_violation')[0]?.explanation).toContain('直接分管工程项目');
  });

  it('a drop after the tenure ends: until is the end', () => {
    const [w] = ofRule(run('2026-04-01', [boss([{ from: '2026-09-01', domains: ['教育'] }], ['财务'], '2026-06-01')]).warnings, 'in_charge_violation');
    expect(w?.until).toBe('2026-06-01');
  });
});
