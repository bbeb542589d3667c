import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPACT_SETTINGS, addMonths, impactOf, impactRunning, latestImpact } from '../src/index.ts';

const cfwz = (category: string, measure: string, occurredOn = '2025-03-15', decisionDate?: string) =>
  impactOf({ kind: 'cfwz', occurredOn, details: { category, measure, ...(decisionDate ? { decisionDate } : {}) } });

describe('impact periods: 政务处分 (政务处分法 第八条)', () => {
  it.each([
    ['警告', 6, '2025-09-15'], ['记过', 12, '2026-03-15'], ['记大过', 18, '2026-09-15'],
    ['降级', 24, '2027-03-15'], ['撤职', 24, '2027-03-15'],
  ])('%s → %i months', (measure, months, until) => {
    expect(cfwz('政务处分', measure)).toMatchObject({ months, until });
  });
  it('开除 has no period (the person leaves)', () => expect(cfwz('政务处分', '开除')).toBeNull());
});

describe('impact periods: 党纪处分 (2023 条例 第十条)', () => {
  it.each([
    ['警告', 12], ['严重警告', 18], ['撤销党内职务', 24], ['留党察看一年', 12], ['留党察看二年', 24], ['开除党籍', 60],
  ])('%s → %i months', (measure, months) => {
    expect(cfwz('党纪处分', measure)?.months).toBe(months);
  });
});

describe('impact periods: 组织处理 and 问责 (能上能下)', () => {
  it.each([
    ['组织处理', '调离岗位', 12], ['组织处理', '免职', 24], ['组织处理', '责令辞职', 24], ['组织处理', '降职', 24],
    ['问责', '诫勉', 6],
  ])('%s·%s → %i months', (category, measure, months) => {
    expect(cfwz(category, measure)?.months).toBe(months);
  });
  it.each([['组织处理', '停职检查'], ['组织处理', '改任职级'], ['问责', '通报'], ['问责', '纪律处分']])('%s·%s has none of its own', (c, m) => {
    expect(cfwz(c, m)).toBeNull();
  });
});

describe('impact periods: 约谈诫勉', () => {
  it('诫勉 defaults to 6 months; other forms have none', () => {
    expect(impactOf({ kind: 'ytjm', occurredOn: '2025-01-10', details: { form: '诫勉' } })).toMatchObject({ months: 6, until: '2025-07-10' });
    expect(impactOf({ kind: 'ytjm', occurredOn: '2025-01-10', details: { form: '谈话提醒' } })).toBeNull();
    expect(impactOf({ kind: 'ytjm', occurredOn: '2025-01-10', details: { form: '函询' } })).toBeNull();
  });
  it('an impact period entered by hand wins, and the setting changes the default', () => {
    expect(impactOf({ kind: 'ytjm', occurredOn: '2025-01-10', details: { form: '诫勉', impactMonths: 12 } })?.until).toBe('2026-01-10');
    expect(impactOf({ kind: 'ytjm', occurredOn: '2025-01-10', details: { form: '诫勉' } }, { ...DEFAULT_IMPACT_SETTINGS, admonitionMonths: 3 })?.until).toBe('2025-04-10');
  });
});

describe('counting', () => {
  it('counts from the decision date when given', () => {
    expect(cfwz('政务处分', '警告', '2025-01-01', '2025-02-20')?.until).toBe('2025-08-20');
  });
  it.each([
    ['2025-08-31', 6, '2026-02-28'], ['2024-02-29', 12, '2025-02-28'], ['2025-12-15', 1, '2026-01-15'], ['2025-01-31', 1, '2025-02-28'],
  ])('%s + %i months = %s', (d, m, r) => expect(addMonths(d, m)).toBe(r));
  it('the day before the end the period runs; on the end day it has ended', () => {
    const i = cfwz('政务处分', '警告', '2025-03-15')!;
    expect(impactRunning(i, '2025-09-14')).toBe(true);
    expect(impactRunning(i, '2025-09-15')).toBe(false);
    expect(impactRunning(i, '2025-09-16')).toBe(false);
  });
  it('overlapping periods: the latest end wins', () => {
    const a = cfwz('政务处分', '记大过', '2025-01-01'); // 2026-07-01
    const b = cfwz('党纪处分', '警告', '2025-10-01'); // 2026-10-01
    expect(latestImpact([a, null, b])?.until).toBe('2026-10-01');
    expect(latestImpact([null])).toBeNull();
  });
  it('kinds without impact periods', () => {
    for (const kind of ['xfjb', 'ndkh', 'bzjl', 'sfjl']) expect(impactOf({ kind, occurredOn: '2025-01-01', details: {} })).toBeNull();
  });
});
