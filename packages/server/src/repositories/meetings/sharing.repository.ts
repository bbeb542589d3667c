/**
 * 成果共享 (issue 13 point 5): the latest conclusions of meetings whose minutes are final, about the subjects a
 * department reported on (an entry of its own in the subject's agenda snapshot, or about the subject in the
 * meeting's period) or whose 督办事项 is its own — in the reader's scope. Nothing of other departments'
 * submissions leaves here: no entries, no summaries, only the conclusion.
 */
import { sql } from 'drizzle-orm';
import type { MeetingTaskStatus } from '@jiandu/domain';
import { rows, type Tx } from '../../db/client.ts';
import type { Scope } from '../../context.ts';
import { inScope, subjectManaged } from '../orgs.repository.ts';

export interface SharedRow {
  meeting_id: string; meeting_title: string; held_on: string; subject_id: string; subject_type: 'cadre' | 'team'; cadre_id: string | null;
  name: string; org_name: string; conclusion: string; responsible_department: string | null; deadline: string | null;
  reported: boolean; task_id: string | null; task_status: MeetingTaskStatus | null; task_department: string | null;
  id_number_enc: Buffer | Uint8Array | null;
}

export interface SharedFilter { q?: string; since?: string; after: [string, string] | null; limit: number }

export function sharedConclusions(tx: Tx, department: string, scope: Scope | null, f: SharedFilter): Promise<SharedRow[]> {
  const mine = sql`jsonb_build_array(jsonb_build_object('departmentCode', ${department}::text))`;
  return rows<SharedRow>(tx, sql`
    select m.id as meeting_id, m.title as meeting_title, m.held_on, s.id as subject_id, s.subject_type, s.cadre_id,
           coalesce(c.name, tm.name, o.name) as name, o.name as org_name, k.conclusion, kd.name as responsible_department, k.deadline,
           rep.reported, mt.id as task_id, mt.status as task_status, mt.department_code as task_department,
           case when rep.reported and s.subject_type = 'cadre' then c.id_number_enc end as id_number_enc
    from joint_meeting m join meeting_subject s on s.meeting_id = m.id join org o on o.id = s.org_id
      left join cadre c on c.id = s.cadre_id left join team tm on tm.id = s.team_id
      join lateral (select x.conclusion, x.department_code, x.deadline from meeting_conclusion x where x.subject_id = s.id order by x.at desc, x.id desc limit 1) k on true
      left join department kd on kd.code = k.department_code
      left join lateral (select y.id, y.status, y.department_code from meeting_task y where y.subject_id = s.id and y.status <> 'cancelled' limit 1) mt on true
      cross join lateral (select (
          coalesce(s.content->'entries', '[]'::jsonb) @> ${mine}
          or exists (select 1 from entry_head h where h.source_dept = ${department} and h.status <> 'withdrawn'
            and (case when s.subject_type = 'cadre' then h.cadre_id = s.cadre_id else h.team_id = s.team_id and h.cadre_id is null end)
            and h.occurred_on >= coalesce(m.since, '0001-01-01'::date) and h.occurred_on <= coalesce(m.until, m.held_on))
        ) as reported) rep
    where m.status in ('minutes_final','closed') and s.removed_at is null and s.dropped_version is null
      and ${inScope(sql`o.path`, scope)} and ${subjectManaged(sql`s.cadre_id`, sql`s.team_id`, scope)}
      and (rep.reported or mt.department_code = ${department})
      ${f.q ? sql`and coalesce(c.name, tm.name, o.name) like ${`%${f.q.replace(/[\\%_]/gu, (x) => `\\${x}`)}%`}` : sql``}
      ${f.since ? sql`and m.approved_at >= ${f.since}::date` : sql``}
      ${f.after ? sql`and (m.held_on, s.id) < (${f.after[0]}::date, ${f.after[1]}::uuid)` : sql``}
    order by m.held_on desc, s.id desc limit ${f.limit}`);
}
