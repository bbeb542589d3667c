/** Member departments' proposals for a convener's agenda (`meeting_agenda_item` with a department and the submission it comes from). */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.ts';
import type { Scope } from '../../context.ts';
import { inScope, subjectManaged } from '../orgs.repository.ts';

export interface OwnEntry {
  entry_id: string; status: string; cadre_id: string | null; team_id: string | null; subject_org_id: string; subject_org_path: string;
}

/** One of the department's own submissions (its current head) in the reader's scope, with its subject's unit now; else null. */
export async function ownSubmission(tx: Tx, entryId: string, departmentCode: string, scope: Scope | null): Promise<OwnEntry | null> {
  const [r] = await rows<OwnEntry>(tx, sql`
    select h.entry_id, h.status, h.cadre_id, h.team_id, so.id as subject_org_id, so.path as subject_org_path
    from entry_head h join org o on o.id = h.org_id
      left join cadre c on c.id = h.cadre_id left join team t on t.id = h.team_id
      join org so on so.id = coalesce(c.org_id, t.org_id)
    where h.entry_id = ${entryId}::uuid and h.source_dept = ${departmentCode} and ${inScope(sql`o.path`, scope)}`);
  return r ?? null;
}

/** The convener's latest meeting in 筹备 (its proposal cutoff decides whether proposals are still taken). */
export async function plannedMeeting(tx: Tx, convenerId: string): Promise<{ id: string; title: string; proposal_cutoff: string | null } | null> {
  const [r] = await rows<{ id: string; title: string; proposal_cutoff: string | null }>(tx, sql`
    select id, title, proposal_cutoff::text as proposal_cutoff from joint_meeting
    where convener_id = ${convenerId}::uuid and status = 'planned' order by held_on desc, created_at desc limit 1`);
  return r ?? null;
}

export async function openProposalOfEntry(tx: Tx, convenerId: string, entryId: string): Promise<boolean> {
  const [r] = await rows<{ id: string }>(tx, sql`select id from meeting_agenda_item
    where convener_id = ${convenerId}::uuid and entry_id = ${entryId}::uuid and meeting_id is null limit 1`);
  return !!r;
}

export async function insertProposal(tx: Tx, p: {
  convenerId: string; subjectType: 'cadre' | 'team'; cadreId: string | null; teamId: string | null; orgId: string; reason: string;
  departmentCode: string; entryId: string; addedBy: string | null; addedByLogin: string | null; at: Date;
}): Promise<string> {
  const [r] = await rows<{ id: string }>(tx, sql`
    insert into meeting_agenda_item (convener_id, subject_type, cadre_id, team_id, org_id, reason, department_code, entry_id, added_by, added_by_login, added_at)
    values (${p.convenerId}::uuid, ${p.subjectType}, ${p.cadreId}::uuid, ${p.teamId}::uuid, ${p.orgId}::uuid, ${p.reason}, ${p.departmentCode},
            ${p.entryId}::uuid, ${p.addedBy}::uuid, ${p.addedByLogin}, ${p.at.toISOString()}::timestamptz)
    returning id`);
  return r!.id;
}

export interface ProposalRow {
  id: string; convener_id: string; convener_name: string; subject_type: 'cadre' | 'team'; cadre_id: string | null; cadre_name: string | null;
  team_id: string | null; team_name: string | null; org_id: string; org_name: string; department_code: string | null; entry_id: string | null;
  reason: string; meeting_id: string | null; added_by_login: string | null; added_at: Date | string;
}

export const PROPOSAL_LIMIT = 500;

/** Agenda items (proposals and 转联席会议 follow-ups), newest first: of a convener, and/or of one department; subject in scope. */
export function listProposals(tx: Tx, f: { convenerId?: string; departmentCode?: string; id?: string }, scope: Scope | null): Promise<ProposalRow[]> {
  const cond: SQL[] = [inScope(sql`o.path`, scope), subjectManaged(sql`i.cadre_id`, sql`i.team_id`, scope)];
  if (f.convenerId) cond.push(sql`i.convener_id = ${f.convenerId}::uuid`);
  if (f.departmentCode) cond.push(sql`i.department_code = ${f.departmentCode}`);
  if (f.id) cond.push(sql`i.id = ${f.id}::uuid`);
  return rows<ProposalRow>(tx, sql`
    select i.id, i.convener_id, m.name as convener_name, i.subject_type, i.cadre_id, c.name as cadre_name, i.team_id, t.name as team_name,
      i.org_id, o.name as org_name, i.department_code, i.entry_id, i.reason, i.meeting_id, i.added_by_login, i.added_at
    from meeting_agenda_item i join org o on o.id = i.org_id join org m on m.id = i.convener_id
      left join cadre c on c.id = i.cadre_id left join team t on t.id = i.team_id
    where ${sql.join(cond, sql` and `)}
    order by i.added_at desc, i.id desc limit ${PROPOSAL_LIMIT}`);
}
