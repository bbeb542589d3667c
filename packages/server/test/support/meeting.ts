/**
 * A joint meeting with its agenda written straight into the tables (what compiling an agenda produces), so the
 * decision tests (会商研判, 督办, 签批, 成果共享) need not go through the agenda's compile.
 */
import { sql } from 'drizzle-orm';
import { rows } from '../../src/db/client.ts';
import type { Database } from '../../src/db/client.ts';

export interface SubjectSeed {
  cadreId: string;
  orgId: string;
  /** Departments whose entries the agenda snapshot lists (成果共享 reads departmentCode). */
  entries?: Array<{ id: string; kind: string; departmentCode: string; date: string }>;
  removedReason?: string;
}

export async function insertHeldMeeting(
  db: Database, m: { convenerId: string; heldOn: string; title: string; createdBy: string; createdByLogin: string; since: string },
  subjects: SubjectSeed[],
): Promise<{ meetingId: string; subjectIds: string[] }> {
  return db.tx(async (tx) => {
    const [row] = await rows<{ id: string }>(tx, sql`
      insert into joint_meeting (convener_id, held_on, title, created_by, created_by_login, created_at, status, since, until, agenda_version)
      values (${m.convenerId}, ${m.heldOn}, ${m.title}, ${m.createdBy}, ${m.createdByLogin}, now(), 'held', ${m.since}, ${m.heldOn}, 1) returning id`);
    const meetingId = row!.id;
    const subjectIds: string[] = [];
    for (const [i, s] of subjects.entries()) {
      const content = {
        entries: (s.entries ?? []).map((e) => ({ id: e.id, kind: e.kind, kindName: e.kind, date: e.date, summary: '（摘要）', departmentCode: e.departmentCode })),
        warnings: [], teamProblems: [], proposals: [],
      };
      const [r] = await rows<{ id: string }>(tx, sql`
        insert into meeting_subject (meeting_id, subject_type, cadre_id, org_id, reasons, content, added_version, changed_version, sort_order,
                                     removed_at, removed_reason, removed_by_login)
        values (${meetingId}, 'cadre', ${s.cadreId}, ${s.orgId}, ${sql.param(s.entries?.length ? ['entries'] : ['warnings'])}::text[], ${JSON.stringify(content)}::jsonb,
                1, 1, ${i + 1}, ${s.removedReason ? sql`now()` : sql`null`}, ${s.removedReason ?? null}, ${s.removedReason ? m.createdByLogin : null})
        returning id`);
      subjectIds.push(r!.id);
    }
    return { meetingId, subjectIds };
  });
}
