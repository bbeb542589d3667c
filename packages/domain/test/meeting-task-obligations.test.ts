/** 联席会议督办事项 as obligations (issue 13 point 4): due on the deadline, done on 销号 or the linked record's day, 义务逾期 after the grace. */
import { describe, expect, it } from 'vitest';
import { evaluateCadre, evaluateTeam, obligationState, type FactMeetingTask } from '../src/index.ts';
import { CADRE, S, TEAM, cadre, team } from './rules-fixtures.ts';

const task = (more: Partial<FactMeetingTask> = {}): FactMeetingTask => ({
  id: 'task-1', meetingTitle: '2026年上半年干部监督联席会议', heldOn: '2026-06-10', conclusionName: '函询', departmentName: '纪委监委',
  deadline: '2026-07-10', closedOn: null, fulfilledBy: null, fulfilledOn: null, ...more,
});
const ofCadre = (t: FactMeetingTask, asOf: string) => evaluateCadre({ ...cadre([]), meetingTasks: [t] }, S, asOf);

describe('meeting_task obligations', () => {
  it('a task is due on its deadline, with a title naming the meeting, the conclusion and the department', () => {
    const { obligations, nextReview } = ofCadre(task(), '2026-06-15');
    expect(obligations).toEqual([{
      type: 'meeting_task', subjectType: 'cadre', subjectId: CADRE, key: 'task:task-1',
      title: '2026年上半年干部监督联席会议（2026-06-10）督办事项：函询，由纪委监委于2026-07-10前办结',
      triggeredOn: '2026-06-10', dueOn: '2026-07-10', doneBy: null, doneOn: null, evidence: [],
    }]);
    expect(nextReview).toBe('2026-07-11');
  });

  it('is overdue after the deadline and raises 义务逾期 only after the grace period', () => {
    const late = ofCadre(task(), '2026-07-11');
    expect(obligationState(late.obligations[0]!, '2026-07-11')).toBe('overdue');
    expect(late.warnings.filter((w) => w.rule === 'obligation_overdue')).toEqual([]);
    const after = ofCadre(task(), '2026-08-10');
    expect(after.warnings.filter((w) => w.rule === 'obligation_overdue').map((w) => w.explanation)).toEqual([
      expect.stringContaining('督办事项：函询'),
    ]);
  });

  it('is done on 销号 or on the linked record’s day, whichever is first', () => {
    expect(ofCadre(task({ closedOn: '2026-07-20' }), '2026-08-10').obligations[0]).toMatchObject({ doneOn: '2026-07-20', doneBy: 'task-1' });
    expect(ofCadre(task({ closedOn: '2026-07-20', fulfilledBy: 'e1', fulfilledOn: '2026-07-01' }), '2026-08-10').obligations[0])
      .toMatchObject({ doneOn: '2026-07-01', doneBy: 'e1', evidence: ['e1'] });
    expect(ofCadre(task({ closedOn: '2026-07-20' }), '2026-09-10').warnings.filter((w) => w.rule === 'obligation_overdue')).toEqual([]);
  });

  it('a team has them too', () => {
    const { obligations } = evaluateTeam({ ...team([]), meetingTasks: [task()] }, S, '2026-06-15');
    expect(obligations.map((o) => [o.type, o.subjectType, o.subjectId])).toEqual([['meeting_task', 'team', TEAM]]);
  });
});
