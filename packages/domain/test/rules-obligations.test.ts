import { describe, expect, it } from 'vitest';
import {
  evaluateCadre, evaluateConvener, evaluateTeam, obligationState, type ConvenerFacts, type FactEntry, type FactTenure, type ObligationFinding, type TalkFollowup,
} from '../src/index.ts';
import { CADRE, S, TEAM, cadre, entry, petition, settings, team, tenure } from './rules-fixtures.ts';

const cadreObligations = (entries: FactEntry[], tenures: FactTenure[], asOf: string, s = S) => evaluateCadre(cadre(entries, tenures), s, asOf).obligations;
const talk = (day: string, id = `txth@${day}`) => entry('txth', day, { talker: '李四', form: '个别谈话', trigger: '工作变动', points: '要点' }, { id });
const states = (os: readonly ObligationFinding[], asOf: string) => os.map((o) => [o.type, o.key, obligationState(o, asOf), o.doneBy]);

describe('谈心谈话 talk', () => {
  const post = tenure('t1', '2026-03-01', null, { title: '县长' });

  it('a change of post asks for a talk within 30 days', () => {
    expect(cadreObligations([], [post], '2026-03-01')).toEqual([{
      type: 'talk', subjectType: 'cadre', subjectId: CADRE, key: 'tenure:t1:start',
      title: '工作变动（任县长，2026-03-01）后30日内开展谈心谈话', triggeredOn: '2026-03-01', dueOn: '2026-03-31',
      doneBy: null, doneOn: null, evidence: [],
    }]);
  });

  it.each([
    ['2026-02-28', [], []],
    ['2026-03-31', [], [['talk', 'tenure:t1:start', 'pending', null]]],
    ['2026-04-01', [], [['talk', 'tenure:t1:start', 'overdue', null]]],
    ['2026-04-10', [talk('2026-04-10')], [['talk', 'tenure:t1:start', 'done', 'txth@2026-04-10']]],
    ['2026-03-15', [talk('2026-03-01')], [['talk', 'tenure:t1:start', 'done', 'txth@2026-03-01']]],
    ['2026-04-10', [talk('2026-02-20')], [['talk', 'tenure:t1:start', 'overdue', null]]],
    ['2026-04-09', [talk('2026-04-10')], [['talk', 'tenure:t1:start', 'overdue', null]]],
    ['2026-04-10', [{ ...talk('2026-04-10'), status: 'withdrawn' as const }], [['talk', 'tenure:t1:start', 'overdue', null]]],
  ])('as of %s', (asOf, entries, expected) => {
    expect(states(cadreObligations(entries, [post], asOf), asOf)).toEqual(expected);
  });

  it('the late talk records its day', () => {
    const [o] = cadreObligations([talk('2026-02-20'), talk('2026-04-10'), talk('2026-05-01')], [post], '2026-06-01');
    expect([o?.doneBy, o?.doneOn]).toEqual(['txth@2026-04-10', '2026-04-10']);
  });

  it('the end of a post is a trigger once reached; triggers before the start of obligations raise nothing', () => {
    const old = tenure('t0', '2025-06-01', '2026-06-30', { title: '副县长' });
    expect(cadreObligations([], [old], '2026-06-29').map((o) => o.key)).toEqual([]);
    const os = cadreObligations([], [old], '2026-06-30');
    expect(os.map((o) => [o.key, o.title, o.dueOn])).toEqual([
      ['tenure:t0:end', '工作变动（不再担任副县长，2026-06-30）后30日内开展谈心谈话', '2026-07-30'],
    ]);
  });

  it('one talk fulfils every trigger on or before its day', () => {
    const old = tenure('t0', '2024-01-01', '2026-03-01', { title: '副县长' });
    const os = cadreObligations([talk('2026-03-10')], [old, post], '2026-03-10');
    expect(states(os, '2026-03-10')).toEqual([
      ['talk', 'tenure:t0:end', 'done', 'txth@2026-03-10'], ['talk', 'tenure:t1:start', 'done', 'txth@2026-03-10'],
    ]);
  });

  it.each([
    ['a petition', [petition('2026-05-10')], [['entry:xfjb@2026-05-10', '群众反映（信访举报，2026-05-10）后30日内开展谈心谈话', ['xfjb@2026-05-10']]]],
    ['a petition found 失实', [petition('2026-05-10', '失实')], []],
    ['a petition found 诬告', [petition('2026-05-10', '诬告')], []],
    ['a withdrawn petition', [petition('2026-05-10', undefined, { status: 'withdrawn' })], []],
    ['a petition before the start of obligations', [petition('2025-12-31')], []],
    ['a 思想波动 mark', [entry('sxdt', '2026-05-10', { situation: '家庭变故后情绪低落' })],
      [['entry:sxdt@2026-05-10', '思想波动（家庭变故后情绪低落，2026-05-10）后30日内开展谈心谈话', ['sxdt@2026-05-10']]]],
    ['a petition dated after asOf', [petition('2026-06-02')], []],
  ])('%s', (_name, entries, expected) => {
    expect(cadreObligations(entries, [], '2026-06-01').map((o) => [o.key, o.title, o.evidence])).toEqual(expected);
  });

  it('talkDueDays is a setting', () => {
    expect(cadreObligations([], [post], '2026-03-01', settings({ talkDueDays: 15 }))[0]).toMatchObject({ dueOn: '2026-03-16', title: '工作变动（任县长，2026-03-01）后15日内开展谈心谈话' });
  });
});

describe('一把手年度系统培训 training', () => {
  const boss = (start: string, end: string | null = null) => tenure('tb', start, end, { isPrincipal: true, title: '县委书记' });
  const training = (day: string, trainingType: string) =>
    entry('jypx', day, { institution: '省委党校', trainingType, from: day, to: day, hours: 40 });
  const training2026 = (os: readonly ObligationFinding[]) => os.filter((o) => o.type === 'training').map((o) => [o.key, o.triggeredOn, o.dueOn, o.doneBy]);

  it.each([
    ['principal since 2024, as of 2027-03-01', [boss('2024-05-01')], [], '2027-03-01',
      [['2026', '2026-01-01', '2026-12-31', null], ['2027', '2027-01-01', '2027-12-31', null]]],
    ['principal from mid-2026', [boss('2026-07-01')], [], '2026-08-01', [['2026', '2026-07-01', '2026-12-31', null]]],
    ['principal until May 2026', [boss('2024-01-01', '2026-05-01')], [], '2027-06-01', [['2026', '2026-01-01', '2026-12-31', null]]],
    ['not yet principal', [boss('2026-07-01')], [], '2026-06-30', []],
    ['a deputy', [tenure('td', '2024-01-01')], [], '2026-06-01', []],
    ['party-school training in the year', [boss('2024-05-01')], [training('2026-10-10', '党校系统培训')], '2026-12-01',
      [['2026', '2026-01-01', '2026-12-31', 'jypx@2026-10-10']]],
    ['another kind of training', [boss('2024-05-01')], [training('2026-10-10', '专题培训')], '2026-12-01', [['2026', '2026-01-01', '2026-12-31', null]]],
    ['training in another year', [boss('2024-05-01')], [training('2025-10-10', '党校系统培训')], '2026-12-01', [['2026', '2026-01-01', '2026-12-31', null]]],
  ])('%s', (_name, tenures, entries, asOf, expected) => {
    expect(training2026(cadreObligations(entries, tenures, asOf))).toEqual(expected);
  });

  it.each([['2026-12-31', 'pending'], ['2027-01-01', 'overdue']])('as of %s the 2026 training is %s', (asOf, state) => {
    const [o] = cadreObligations([], [boss('2024-05-01')], asOf).filter((x) => x.key === '2026');
    expect(obligationState(o!, asOf)).toBe(state);
    expect(o?.title).toBe('2026年度一把手至少参加1次系统培训（党校系统培训、干部学院系统培训、一把手能力提升班）');
  });
});

describe('年度调研全覆盖 research', () => {
  const member = tenure('tm', '2020-01-01');
  const research = (day: string) => entry('dcyj', day, { researchType: '全覆盖综合调研' });
  const teamObligations = (entries: FactEntry[], tenures: FactTenure[], asOf: string) => evaluateTeam(team(entries, tenures), S, asOf).obligations;
  it('one per year while the team has members, done by any 调研 of the team that year', () => {
    expect(teamObligations([research('2026-04-01')], [member], '2026-06-01')).toEqual([{
      type: 'research', subjectType: 'team', subjectId: TEAM, key: '2026', title: '2026年度对某县人民政府领导班子至少开展1次调研（全覆盖综合调研）',
      triggeredOn: '2026-01-01', dueOn: '2026-12-31', doneBy: 'dcyj@2026-04-01', doneOn: '2026-04-01', evidence: [],
    }]);
    expect(states(teamObligations([], [member], '2027-01-01'), '2027-01-01')).toEqual([
      ['research', '2026', 'overdue', null], ['research', '2027', 'pending', null],
    ]);
  });
  it.each([
    ['no members', [], '2026-06-01', []],
    ['members only from 2026-09-01', [tenure('tm', '2026-09-01')], '2026-08-31', []],
    ['a withdrawn 调研 does not count', [member], '2026-06-01', [['research', '2026', 'pending', null]]],
  ])('%s', (_name, tenures, asOf, expected) => {
    expect(states(teamObligations([{ ...research('2026-04-01'), status: 'withdrawn' }], tenures, asOf), asOf)).toEqual(expected);
  });
});

describe('干部监督联席会议 joint_meeting', () => {
  const convener = (heldOn: string[] = []): ConvenerFacts => ({
    convener: { id: 'zzb-1', name: '某县委组织部' }, meetings: heldOn.map((d, i) => ({ id: `m${i + 1}`, heldOn: d })),
  });
  const rows = (f: ConvenerFacts, asOf: string, s = S) =>
    evaluateConvener(f, s, asOf).obligations.map((o) => [o.key, o.title, o.triggeredOn, o.dueOn, obligationState(o, asOf), o.doneBy]);

  it.each([
    ['before the start', [], '2025-12-31', []],
    ['first half', [], '2026-03-01', [['2026H1', '2026年上半年召开干部监督联席会议', '2026-01-01', '2026-06-30', 'pending', null]]],
    ['end of the first half', [], '2026-06-30', [['2026H1', '2026年上半年召开干部监督联席会议', '2026-01-01', '2026-06-30', 'pending', null]]],
    ['second half', [], '2026-07-01', [
      ['2026H1', '2026年上半年召开干部监督联席会议', '2026-01-01', '2026-06-30', 'overdue', null],
      ['2026H2', '2026年下半年召开干部监督联席会议', '2026-07-01', '2026-12-31', 'pending', null]]],
    ['met on the last day of H1', ['2026-06-30'], '2026-07-01', [
      ['2026H1', '2026年上半年召开干部监督联席会议', '2026-01-01', '2026-06-30', 'done', 'm1'],
      ['2026H2', '2026年下半年召开干部监督联席会议', '2026-07-01', '2026-12-31', 'pending', null]]],
    ['met on the first day of H2', ['2026-07-01'], '2026-07-01', [
      ['2026H1', '2026年上半年召开干部监督联席会议', '2026-01-01', '2026-06-30', 'overdue', null],
      ['2026H2', '2026年下半年召开干部监督联席会议', '2026-07-01', '2026-12-31', 'done', 'm1']]],
    ['a meeting after asOf does not count yet', ['2026-05-01'], '2026-04-30', [
      ['2026H1', '2026年上半年召开干部监督联席会议', '2026-01-01', '2026-06-30', 'pending', null]]],
  ])('%s', (_name, held, asOf, expected) => {
    expect(rows(convener(held), asOf)).toEqual(expected);
  });

  it('obligations start mid-period: triggered on the start day; earlier periods are not raised', () => {
    expect(rows(convener(), '2026-05-01', settings({ obligationsStartOn: '2026-04-15' })).map((r) => [r[0], r[2]])).toEqual([['2026H1', '2026-04-15']]);
    expect(rows(convener(), '2026-08-01', settings({ obligationsStartOn: '2026-08-01' })).map((r) => r[0])).toEqual(['2026H2']);
  });

  it.each([
    [3, '2026-04-01', [['2026Q1', '2026年第一季度召开干部监督联席会议'], ['2026Q2', '2026年第二季度召开干部监督联席会议']]],
    [12, '2027-01-01', [['2026', '2026年度召开干部监督联席会议'], ['2027', '2027年度召开干部监督联席会议']]],
    [1, '2026-02-01', [['2026-01', '2026年1月召开干部监督联席会议'], ['2026-02', '2026年2月召开干部监督联席会议']]],
    [5, '2026-06-01', [['2026-01-01~2026-05-31', '2026-01-01至2026-05-31期间召开干部监督联席会议'], ['2026-06-01~2026-10-31', '2026-06-01至2026-10-31期间召开干部监督联席会议']]],
  ])('every %i months, as of %s', (months, asOf, expected) => {
    expect(rows(convener(), asOf, settings({ jointMeetingMonths: months })).map((r) => [r[0], r[1]])).toEqual(expected);
  });

  it.each([
    [[], '2026-03-01', '2026-07-01'],
    [['2026-03-05'], '2026-03-10', '2026-07-01'],
    [[], '2025-06-01', '2026-01-01'],
    [['2026-08-01'], '2026-07-15', '2026-08-01'],
  ])('meetings %j, as of %s → next review %s', (held, asOf, next) => {
    expect(evaluateConvener(convener(held), S, asOf).nextReview).toBe(next);
  });
});

describe('谈话提醒 taken on a warning (warning_followup talk)', () => {
  const reminder: TalkFollowup = { id: 'f1', on: '2026-05-10', note: null, rule: 'petition_cluster' };
  const run = (entries: FactEntry[], asOf: string, followups = [reminder]) =>
    evaluateCadre({ ...cadre(entries), talkFollowups: followups }, S, asOf);

  it('asks for a talk within talkDueDays of its day, named after the rule (or the note)', () => {
    expect(run([], '2026-05-10').obligations).toEqual([{
      type: 'talk', subjectType: 'cadre', subjectId: CADRE, key: 'followup:f1',
      title: '预警谈话提醒（信访集中，2026-05-10）后30日内开展谈心谈话', triggeredOn: '2026-05-10', dueOn: '2026-06-09',
      doneBy: null, doneOn: null, evidence: [],
    }]);
    expect(run([], '2026-05-10', [{ ...reminder, note: '约谈提醒' }]).obligations[0]?.title).toBe('预警谈话提醒（约谈提醒，2026-05-10）后30日内开展谈心谈话');
  });

  it.each([
    ['2026-06-09', [], 'pending', null],
    ['2026-06-10', [], 'overdue', null],
    ['2026-06-01', [talk('2026-05-20')], 'done', 'txth@2026-05-20'],
    ['2026-06-10', [talk('2026-05-09')], 'overdue', null],
  ])('as of %s, talks %j → %s', (asOf, entries, state, doneBy) => {
    expect(states(run(entries, asOf).obligations, asOf)).toEqual([['talk', 'followup:f1', state, doneBy]]);
  });

  it('one dated after asOf is not yet a trigger, and is the next review day', () => {
    const r = run([], '2026-05-01');
    expect(r.obligations).toEqual([]);
    expect(r.nextReview).toBe('2026-05-10');
  });
});

describe('办结 by hand (closedObligations)', () => {
  const post = tenure('t1', '2026-03-01', null, { title: '县长' });
  it('a closed obligation raises no 义务逾期; it is still an obligation', () => {
    const open = evaluateCadre(cadre([], [post]), S, '2026-06-01');
    expect(open.warnings.filter((w) => w.rule === 'obligation_overdue').map((w) => w.key)).toEqual(['talk:tenure:t1:start']);
    const closed = evaluateCadre({ ...cadre([], [post]), closedObligations: ['talk:tenure:t1:start'] }, S, '2026-06-01');
    expect(closed.warnings.filter((w) => w.rule === 'obligation_overdue')).toEqual([]);
    expect(closed.obligations.map((o) => o.key)).toEqual(['tenure:t1:start']);
  });
  it('a team\'s closed research raises no 义务逾期', () => {
    const facts = team([], [tenure('t1', '2020-01-01')]);
    expect(evaluateTeam(facts, S, '2027-03-01').warnings.filter((w) => w.rule === 'obligation_overdue')).toHaveLength(1);
    expect(evaluateTeam({ ...facts, closedObligations: ['research:2026'] }, S, '2027-03-01').warnings.filter((w) => w.rule === 'obligation_overdue')).toEqual([]);
  });
});
