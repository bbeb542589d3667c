/**
 * The agenda compiled for a convener as of a day (issue 13 point 2): the facts read by
 * repositories/meetings/agenda-facts.repository.ts, the subjects by the domain's `compileAgenda`. Used by the
 * meeting's create and re-compile, and by `jiandu meeting agenda` (which writes nothing).
 */
import { MEETING_HELD_STATUSES, compileAgenda, defaultAgendaSince, ruleName, type CompiledSubject } from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import * as facts from '../../repositories/meetings/agenda-facts.repository.ts';
import { loadRuleSettings } from '../supervision/settings.ts';

export interface SubjectName { name: string; orgId: string; orgName: string; idNumberEnc: Buffer | null }
export type AgendaSubject = CompiledSubject & { orgId: string; name: string };

/** `since` when none is given: the day after the convener's previous meeting held before `heldOn`, else the cadence back. */
export async function sinceFor(tx: Tx, convenerId: string, heldOn: string, exceptId?: string): Promise<string> {
  const previous = await facts.previousHeldOn(tx, convenerId, heldOn, MEETING_HELD_STATUSES, exceptId);
  const s = await loadRuleSettings(tx);
  return defaultAgendaSince(previous, heldOn, s.jointMeetingMonths);
}

/** A subject as the secretary reads its name: 姓名（单位） or the team's name. */
export const displayName = (type: 'cadre' | 'team', n: SubjectName | undefined): string =>
  !n ? '（已删除的对象）' : type === 'cadre' ? `${n.name}（${n.orgName}）` : n.name;

/**
 * The subjects of the convener's agenda for entries accepted in [since, until], open warnings, teams with
 * problems and the open proposals added by `cutoff` (null: any), with each subject's unit and name.
 */
export async function compileFor(tx: Tx, convenerId: string, since: string, until: string, cutoff: string | null): Promise<{ subjects: AgendaSubject[]; names: Map<string, SubjectName> }> {
  const [entries, warnings, grades, proposals, depts] = [
    await facts.entriesAccepted(tx, convenerId, since, until),
    await facts.openWarnings(tx, convenerId, until),
    await facts.latestTeamGrades(tx, convenerId, until),
    await facts.openProposals(tx, convenerId, cutoff),
    await facts.departmentNames(tx),
  ];
  const cadreIds = [...new Set(entries.map((e) => e.cadre_id).filter((x): x is string => x !== null))];
  const member = await facts.memberships(tx, cadreIds, until);
  const memberships = new Map<string, string[]>();
  for (const m of member) memberships.set(m.cadre_id, [...(memberships.get(m.cadre_id) ?? []), m.team_id]);
  const compiled = compileAgenda({
    entries: entries.map((e) => ({ id: e.id, kind: e.kind, sourceDept: e.source_dept, cadreId: e.cadre_id, teamId: e.team_id, occurredOn: e.occurred_on, details: e.details ?? {}, sensitivity: e.sensitivity })),
    warnings: warnings.map((w) => ({ id: w.id, rule: w.rule, ruleName: ruleName(w.rule), colour: w.colour, explanation: w.explanation, cadreId: w.cadre_id, teamId: w.team_id })),
    teamGrades: new Map(grades.filter((g) => g.grade).map((g) => [g.team_id, { grade: g.grade!, year: g.year }])),
    memberships,
    proposals: proposals.map((p) => ({
      id: p.id, subjectType: p.subject_type, cadreId: p.cadre_id, teamId: p.team_id, departmentCode: p.department_code,
      departmentName: p.department_name, reason: p.reason, byLogin: p.added_by_login,
    })),
    departmentNames: new Map(depts.map((d) => [d.code, d.name])),
  });
  const names = await namesOf(tx, compiled.map((s) => s.key));
  const subjects = compiled.filter((s) => names.has(s.key)).map((s) => {
    const n = names.get(s.key)!;
    return { ...s, orgId: n.orgId, name: displayName(s.subjectType, n) };
  });
  return { subjects, names };
}

/** Names of subjects by key (`cadre:<id>` / `team:<id>`). */
export async function namesOf(tx: Tx, keys: readonly string[]): Promise<Map<string, SubjectName>> {
  const cadres = keys.filter((k) => k.startsWith('cadre:')).map((k) => k.slice(6));
  const teams = keys.filter((k) => k.startsWith('team:')).map((k) => k.slice(5));
  const m = new Map<string, SubjectName>();
  if (!cadres.length && !teams.length) return m;
  for (const r of await facts.subjectNames(tx, cadres, teams)) {
    m.set(`${r.type}:${r.id}`, { name: r.name, orgId: r.org_id, orgName: r.org_name, idNumberEnc: r.id_number_enc ? Buffer.from(r.id_number_enc) : null });
  }
  return m;
}
