/**
 * What the agenda of a convener's joint meeting is compiled from (issue 13 point 2), read as of a day.
 *
 * The convener's jurisdiction: the units whose 干部管理权限 belongs to it — `org.managed_by` = the convener,
 * or, for a unit without `managed_by`, that of its nearest ancestor that has one (as `convenerOf` in
 * followups.repository.ts decides who a 转联席会议 goes to). Its subjects are the cadres whose 所在单位 and
 * the teams whose unit lies in that set.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.ts';

/** The units the convener holds 干部管理权限 over (a relation `j(id)`). */
export function convenerUnits(convenerId: string): SQL {
  return sql`(select o.id from org o
    where (select a.managed_by from org a
           where a.id = any(string_to_array(trim(both '/' from o.path), '/')::uuid[]) and a.managed_by is not null
           order by length(a.path) desc limit 1) = ${convenerId}::uuid)`;
}

export interface AgendaEntryRow {
  id: string; kind: string; source_dept: string; cadre_id: string | null; team_id: string | null; occurred_on: string;
  details: Record<string, unknown>; sensitivity: string;
}

/**
 * Entries accepted in [since, until] about the jurisdiction's subjects: the current version, review status
 * accepted (so neither pending, returned nor withdrawn), dated on or before `until`. Accepted on: the day of
 * the acceptance of a member department's submission, else the day it was recorded (Beijing days).
 */
export function entriesAccepted(tx: Tx, convenerId: string, since: string, until: string): Promise<AgendaEntryRow[]> {
  return rows<AgendaEntryRow>(tx, sql`
    with j as ${convenerUnits(convenerId)},
    subj as (
      select h.entry_id, h.version_id from entry_head h join cadre c on c.id = h.cadre_id
      where h.status = 'accepted' and h.occurred_on <= ${until}::date and h.updated_at >= ${since}::date::timestamp at time zone 'Asia/Shanghai'
        and c.org_id in (select id from j)
      union
      select h.entry_id, h.version_id from entry_head h join team t on t.id = h.team_id
      where h.status = 'accepted' and h.cadre_id is null and h.occurred_on <= ${until}::date
        and h.updated_at >= ${since}::date::timestamp at time zone 'Asia/Shanghai' and t.org_id in (select id from j)
    )
    select v.entry_id as id, v.kind, v.source_dept, v.cadre_id, v.team_id, v.occurred_on::text as occurred_on, v.details, v.sensitivity
    from subj s join entry v on v.id = s.version_id
    join entry f on f.entry_id = s.entry_id and f.version = 1
    where ((coalesce((select max(r.reviewed_at) from entry_review r where r.entry_id = s.entry_id and r.decision = 'accepted'), f.created_at)
            at time zone 'Asia/Shanghai')::date between ${since}::date and ${until}::date)
    order by v.occurred_on, v.entry_id`);
}

export interface AgendaWarningRow {
  id: string; rule: string; colour: 'red' | 'yellow'; explanation: string; cadre_id: string | null; team_id: string | null;
}

/** Open (active, 新 / 已阅) red and yellow warnings of the jurisdiction's subjects, first seen by `until`. */
export function openWarnings(tx: Tx, convenerId: string, until: string): Promise<AgendaWarningRow[]> {
  return rows<AgendaWarningRow>(tx, sql`
    with j as ${convenerUnits(convenerId)}
    select w.id, w.rule, w.colour, w.explanation, w.cadre_id, w.team_id from warning w
    left join cadre c on c.id = w.cadre_id left join team t on t.id = w.team_id
    where w.active and w.status in ('new','read') and w.colour in ('red','yellow')
      and (w.first_seen_at at time zone 'Asia/Shanghai')::date <= ${until}::date
      and coalesce(c.org_id, t.org_id) in (select id from j)
    order by w.id`);
}

/** The latest 年度综合考核 of each team of the jurisdiction dated by `until`. */
export function latestTeamGrades(tx: Tx, convenerId: string, until: string): Promise<Array<{ team_id: string; grade: string | null; year: string | null }>> {
  return rows(tx, sql`
    with j as ${convenerUnits(convenerId)}
    select distinct on (h.team_id) h.team_id, v.details->>'grade' as grade, v.details->>'year' as year
    from entry_head h join team t on t.id = h.team_id join entry v on v.id = h.version_id
    where h.kind = 'ndkh' and h.status = 'accepted' and h.cadre_id is null and h.occurred_on <= ${until}::date and t.org_id in (select id from j)
    order by h.team_id, h.occurred_on desc, h.entry_id desc`);
}

/** Open tenures on `until` of the given cadres: cadre → team. */
export function memberships(tx: Tx, cadreIds: readonly string[], until: string): Promise<Array<{ cadre_id: string; team_id: string }>> {
  if (!cadreIds.length) return Promise.resolve([]);
  return rows(tx, sql`
    select distinct cadre_id, team_id from tenure
    where cadre_id = any(${sql.param([...cadreIds])}::uuid[]) and start_date <= ${until}::date and (end_date is null or end_date > ${until}::date)`);
}

export interface AgendaProposalRow {
  id: string; subject_type: 'cadre' | 'team'; cadre_id: string | null; team_id: string | null; department_code: string | null;
  department_name: string | null; reason: string; added_by_login: string | null;
}

/**
 * The convener's agenda items not yet taken by a meeting (member proposals, 转联席会议 follow-ups), added on
 * or before `cutoff` (Beijing day; none: any).
 */
export function openProposals(tx: Tx, convenerId: string, cutoff: string | null): Promise<AgendaProposalRow[]> {
  return rows<AgendaProposalRow>(tx, sql`
    select i.id, i.subject_type, i.cadre_id, i.team_id, i.department_code, d.name as department_name, i.reason, i.added_by_login
    from meeting_agenda_item i left join department d on d.code = i.department_code
    where i.convener_id = ${convenerId}::uuid and i.meeting_id is null
      ${cutoff ? sql`and (i.added_at at time zone 'Asia/Shanghai')::date <= ${cutoff}::date` : sql``}
    order by i.added_at, i.id`);
}

export function departmentNames(tx: Tx): Promise<Array<{ code: string; name: string }>> {
  return rows(tx, sql`select code, name from department order by sort_order, code`);
}

/** Names of subjects (for the diff and the command line): cadres with their unit, teams with theirs. */
export function subjectNames(tx: Tx, cadreIds: readonly string[], teamIds: readonly string[]) {
  return rows<{ id: string; type: 'cadre' | 'team'; name: string; org_id: string; org_name: string; id_number_enc: Buffer | null }>(tx, sql`
    select c.id, 'cadre' as type, c.name, c.org_id, o.name as org_name, c.id_number_enc from cadre c join org o on o.id = c.org_id
    where c.id = any(${sql.param([...cadreIds])}::uuid[])
    union all
    select t.id, 'team' as type, t.name, t.org_id, o.name as org_name, null from team t join org o on o.id = t.org_id
    where t.id = any(${sql.param([...teamIds])}::uuid[])`);
}

/** The day after the convener's latest meeting held before `heldOn` (none: null). */
export async function previousHeldOn(tx: Tx, convenerId: string, before: string, heldStatuses: readonly string[], exceptId?: string): Promise<string | null> {
  const [r] = await rows<{ held_on: string }>(tx, sql`
    select held_on::text as held_on from joint_meeting
    where convener_id = ${convenerId}::uuid and held_on < ${before}::date and status = any(${sql.param([...heldStatuses])}::text[])
      ${exceptId ? sql`and id <> ${exceptId}::uuid` : sql``}
    order by held_on desc limit 1`);
  return r?.held_on ?? null;
}
