import { describe, expect, it } from 'vitest';
import {
  SENSITIVE_PLACEHOLDER, compileAgenda, defaultAgendaSince, diffAgenda, teamProblems,
  type AgendaEntryFact, type AgendaFacts, type StoredSubject,
} from '../src/index.ts';

const names = new Map([['jw', '纪委监委'], ['xf', '信访局'], ['sj', '审计局'], ['zzb', '组织部']]);
let n = 0;
const entry = (over: Partial<AgendaEntryFact>): AgendaEntryFact => ({
  id: `e${++n}`, kind: 'xfjb', sourceDept: 'xf', cadreId: null, teamId: null, occurredOn: '2026-03-01',
  details: { channel: '来信', realName: true, status: '核查中' }, sensitivity: '一般', ...over,
});
const facts = (over: Partial<AgendaFacts>): AgendaFacts => ({
  entries: [], warnings: [], teamGrades: new Map(), memberships: new Map(), proposals: [], departmentNames: names, ...over,
});

describe('compileAgenda', () => {
  it('groups entries by cadre and by team, composes summaries from the details, and withholds restricted ones', () => {
    const out = compileAgenda(facts({
      entries: [
        entry({ cadreId: 'c1' }),
        entry({ cadreId: 'c1', kind: 'ytjm', sourceDept: 'jw', details: { form: '诫勉', reason: '违规' }, sensitivity: '敏感' }),
        entry({ teamId: 't1', kind: 'ndkh', sourceDept: 'zzb', details: { year: 2025, grade: '好' } }),
      ],
    }));
    expect(out.map((s) => s.key).sort()).toEqual(['cadre:c1', 'team:t1']);
    const c1 = out.find((s) => s.key === 'cadre:c1')!;
    expect(c1.reasons).toEqual(['entries']);
    expect(c1.content.entries.map((e) => e.summary)).toEqual(['信访举报：来信实名反映，核查中', SENSITIVE_PLACEHOLDER]);
    expect(c1.content.entries.map((e) => [e.kindName, e.departmentCode])).toEqual([['信访举报', 'xf'], ['约谈诫勉', 'jw']]);
  });

  it('puts red-warning subjects first, and a team with a poor grade or negatives from two departments on as a team problem', () => {
    const out = compileAgenda(facts({
      entries: [entry({ cadreId: 'c2', sourceDept: 'xf' }), entry({ cadreId: 'c3', kind: 'cfwz', sourceDept: 'jw', details: { category: '处分', measure: '警告' } })],
      warnings: [{ id: 'w1', rule: 'petition_cluster', ruleName: '信访集中', colour: 'red', explanation: '两次信访', cadreId: 'c9', teamId: null }],
      teamGrades: new Map([['tA', { grade: '较差', year: '2025' }], ['tB', { grade: '好', year: '2025' }]]),
      memberships: new Map([['c2', ['tC']], ['c3', ['tC']]]),
    }));
    expect(out[0]!.key).toBe('cadre:c9');
    expect(out[0]!.reasons).toEqual(['warnings']);
    const tA = out.find((s) => s.key === 'team:tA')!;
    expect(tA.content.teamProblems[0]).toContain('较差');
    expect(out.some((s) => s.key === 'team:tB')).toBe(false);
    const tC = out.find((s) => s.key === 'team:tC')!;
    expect(tC.reasons).toEqual(['team_problem']);
    expect(tC.content.teamProblems[0]).toContain('纪委监委、信访局');
  });

  it('a cleared petition is not negative; proposals put their subject on', () => {
    expect(teamProblems(undefined, [{ sourceDept: 'xf' }], names)).toEqual([]);
    const out = compileAgenda(facts({
      proposals: [{ id: 'p1', subjectType: 'cadre', cadreId: 'c5', teamId: null, departmentCode: 'jw', departmentName: '纪委监委', reason: '提请研判', byLogin: 'm' }],
    }));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ key: 'cadre:c5', reasons: ['proposed'] });
  });
});

describe('diffAgenda', () => {
  const compiled = compileAgenda(facts({ entries: [entry({ id: 'x1', cadreId: 'a' }), entry({ id: 'x2', cadreId: 'b' })] }));
  const stored: StoredSubject[] = compiled.map((s, i) => ({ id: `s${i}`, key: s.key, reasons: s.reasons, content: JSON.parse(JSON.stringify(s.content)), droppedVersion: null, removed: false }));

  it('nothing changed: an empty diff (key order of stored JSON does not matter)', () => {
    const reordered = stored.map((s) => ({ ...s, content: Object.fromEntries(Object.entries(s.content as object).reverse()) }));
    const d = diffAgenda(reordered, compiled);
    expect([d.insert, d.changed, d.dropped, d.requalified].map((x) => x.length)).toEqual([0, 0, 0, 0]);
  });

  it('added, changed and dropped subjects; a removed one is kept out of the names', () => {
    const next = compileAgenda(facts({ entries: [entry({ id: 'x1', cadreId: 'a' }), entry({ id: 'x3', cadreId: 'a' }), entry({ id: 'x4', cadreId: 'c' })] }));
    const d = diffAgenda(stored, next);
    expect(d.addedKeys).toEqual(['cadre:c']);
    expect(d.changedKeys).toEqual(['cadre:a']);
    expect(d.droppedKeys).toEqual(['cadre:b']);
    const removed = diffAgenda(stored.map((s) => (s.key === 'cadre:b' ? { ...s, removed: true } : s)), next);
    expect(removed.dropped).toHaveLength(1);
    expect(removed.droppedKeys).toEqual([]);
  });

  it('a dropped subject that qualifies again comes back as added', () => {
    const d = diffAgenda(stored.map((s) => (s.key === 'cadre:b' ? { ...s, droppedVersion: 2 } : s)), compiled);
    expect(d.requalified.map((r) => r.id)).toEqual(['s1']);
    expect(d.addedKeys).toEqual(['cadre:b']);
  });
});

describe('defaultAgendaSince', () => {
  it('the day after the previous meeting, else half a year back', () => {
    expect(defaultAgendaSince('2026-01-15', '2026-07-10', 6)).toBe('2026-01-16');
    expect(defaultAgendaSince(null, '2026-07-10', 6)).toBe('2026-01-10');
    expect(defaultAgendaSince(null, '2026-03-31', 6)).toBe('2025-09-30');
  });
});
