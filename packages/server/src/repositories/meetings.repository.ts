/** 干部监督联席会议: the meetings held (`joint_meeting`) and the 组织部 that convene them. */
import { sql } from 'drizzle-orm';
import type { ConvenerView, MeetingStatus } from '@jiandu/domain';
import { rows, type Tx } from '../db/client.ts';
import type { Scope } from '../context.ts';
import { inScope } from './orgs.repository.ts';

/** The 组织部 in scope that convene meetings (every org that some leadership is managed by). */
export function listConveners(tx: Tx, scope: Scope | null): Promise<ConvenerView[]> {
  return rows<ConvenerView>(tx, sql`
    select o.id, o.name from org o where o.id in (select managed_by from org where managed_by is not null) and ${inScope(sql`o.path`, scope)}
    order by o.path`);
}

export interface MeetingRow {
  id: string; convener_id: string; convener_name: string; held_on: string; title: string; created_by_login: string | null; created_at: Date | string;
  location: string | null; status: MeetingStatus; since: string | null; until: string | null; proposal_cutoff: string | null; agenda_version: number;
  approved_by_login: string | null; approved_at: Date | string | null;
  subjects: number; tasks: number; tasks_open: number; tasks_overdue: number;
}

export function listMeetings(tx: Tx, scope: Scope | null): Promise<MeetingRow[]> {
  return rows<MeetingRow>(tx, sql`
    select m.id, m.convener_id, o.name as convener_name, m.held_on, m.title, m.created_by_login, m.created_at,
      m.location, m.status, m.since, m.until, m.proposal_cutoff, m.agenda_version, m.approved_by_login, m.approved_at,
      (select count(*)::int from meeting_subject s where s.meeting_id = m.id and s.removed_at is null and s.dropped_version is null) as subjects,
      (select count(*)::int from meeting_task t where t.meeting_id = m.id and t.status <> 'cancelled') as tasks,
      (select count(*)::int from meeting_task t where t.meeting_id = m.id and t.status in ('open','answered','returned')) as tasks_open,
      (select count(*)::int from meeting_task t where t.meeting_id = m.id and t.status in ('open','returned') and t.deadline < current_date) as tasks_overdue
    from joint_meeting m join org o on o.id = m.convener_id where ${inScope(sql`o.path`, scope)}
    order by m.held_on desc, m.created_at desc limit 500`);
}

export interface MeetingInsert {
  convenerId: string; heldOn: string; title: string; createdBy: string | null; createdByLogin: string | null; createdAt: Date;
}

export async function insertMeeting(tx: Tx, m: MeetingInsert): Promise<string> {
  const [r] = await rows<{ id: string }>(tx, sql`
      insert into joint_meeting (convener_id, held_on, title, created_by, created_by_login, created_at, status)
      values (${m.convenerId}, ${m.heldOn}, ${m.title}, ${m.createdBy}, ${m.createdByLogin}, ${m.createdAt.toISOString()}::timestamptz, 'held')
      returning id`);
  return r!.id;
}
