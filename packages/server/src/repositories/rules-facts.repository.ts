/**
 * The facts the rules read, loaded for many subjects at once (one query per table per batch): a full
 * re-evaluation walks the registry in batches of these; an incremental one loads one or two subjects.
 * Only accepted current versions are facts: pending and returned submissions, and withdrawn entries, are not.
 */
import { sql } from 'drizzle-orm';
import { DEFAULT_CONCLUSION_KINDS, MEETING_CONCLUSIONS_KEY, MEETING_HELD_STATUSES, kindedDetails, type CadreFacts, type ConvenerFacts, type FactEntry, type FactMeetingTask, type FactTenure, type TalkFollowup, type TeamFacts } from '@jiandu/domain';
import { rows, type Tx } from '../db/client.ts';

interface EntryRow {
  id: string; kind: string; source_dept: string; status: FactEntry['status']; occurred_on: string;
  details: Record<string, unknown> | string; cadre_id: string | null; team_id: string | null;
}
interface TenureRow {
  id: string; cadre_id: string; cadre_name: string; team_id: string; team_name: string; title: string;
  is_principal: boolean; domains: string[] | string; start_date: string; end_date: string | null;
  /** 分工调整, oldest first: a json array of {from, domains} (null: none). */
  domain_changes: Array<{ from: string; domains: string[] }> | string | null;
}

const ids = (list: readonly string[]) => sql`${sql.param([...list])}::uuid[]`;
/**
 * The subjects as a relation to join (`unnest`), not `= any(…)`: the planner then looks each one up in its
 * index, whatever it believes about the table (with stale statistics `= any` chose a scan of every entry).
 */
const subjects = (list: readonly string[]) => sql`unnest(${ids(list)}) as s(id)`;

/** A row as a fact: its details parsed and typed by its kind here, once (kindedDetails), so the rules read typed fields. */
function entryOf(r: EntryRow): FactEntry {
  const details = typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details;
  return {
    // summary: not loaded — no rule reads it, and the sealed stored form (crypto/entry-text.ts) is ~7× wider than
    // the rest of the row; the warnings and eligibility read their evidence's texts apart (entryText).
    id: r.id, sourceDept: r.source_dept, status: r.status, occurredOn: r.occurred_on, summary: '',
    cadreId: r.cadre_id, teamId: r.team_id, ...kindedDetails(r.kind, details),
  };
}

function tenureOf(r: TenureRow): FactTenure {
  return {
    id: r.id, cadreId: r.cadre_id, cadreName: r.cadre_name, teamId: r.team_id, teamName: r.team_name, title: r.title,
    isPrincipal: r.is_principal, domains: Array.isArray(r.domains) ? r.domains : parsePgArray(r.domains),
    startDate: r.start_date, endDate: r.end_date,
    ...(r.domain_changes ? { domainChanges: typeof r.domain_changes === 'string' ? JSON.parse(r.domain_changes) as FactTenure['domainChanges'] : r.domain_changes } : {}),
  };
}

/** '{财务,人事}' → ['财务','人事'] (PGlite returns text[] as arrays, but be safe). */
function parsePgArray(s: string): string[] {
  const inner = s.replace(/^\{|\}$/gu, '');
  return inner ? inner.split(',').map((x) => x.replace(/^"|"$/gu, '')) : [];
}

function groupBy<T>(list: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    if (k === null) continue;
    let a = m.get(k);
    if (!a) m.set(k, (a = []));
    a.push(t);
  }
  return m;
}

type Owner = 'cadre_id' | 'team_id';

/**
 * The subjects' tenures, grouped by their cadre or team, each with its 分工调整 history aggregated in the same
 * query (an index lookup on tenure_domain_tenure_idx per tenure; most have none, so null).
 */
async function tenuresBy(tx: Tx, owner: Owner, list: readonly string[]): Promise<Map<string, FactTenure[]>> {
  const r = await rows<TenureRow>(tx, sql`
    select t.id, t.cadre_id, c.name as cadre_name, t.team_id, tm.name as team_name, t.title, t.is_principal, t.domains,
           t.start_date, t.end_date,
           (select json_agg(json_build_object('from', d.effective_date, 'domains', d.domains) order by d.effective_date, d.created_at)
            from tenure_domain d where d.tenure_id = t.id) as domain_changes
    from ${subjects(list)} join tenure t on t.${sql.identifier(owner)} = s.id join cadre c on c.id = t.cadre_id join team tm on tm.id = t.team_id`);
  const out = new Map<string, FactTenure[]>();
  for (const [k, v] of groupBy(r, (x) => x[owner])) out.set(k, v.map(tenureOf));
  return out;
}

/** The subjects' accepted current entries, oldest first, grouped by cadre or team (a team's: those about the team alone). */
async function entriesBy(tx: Tx, owner: Owner, list: readonly string[]): Promise<Map<string, FactEntry[]>> {
  const r = await rows<EntryRow>(tx, sql`
    select h.entry_id as id, h.kind, h.source_dept, h.status, h.occurred_on, e.details, h.cadre_id, h.team_id
    from ${subjects(list)} join entry_head h on h.${sql.identifier(owner)} = s.id join entry e on e.id = h.version_id
    where h.status = 'accepted' ${owner === 'team_id' ? sql`and h.cadre_id is null` : sql``}
    order by h.occurred_on, h.entry_id`);
  const out = new Map<string, FactEntry[]>();
  for (const [k, v] of groupBy(r, (x) => x[owner])) out.set(k, v.map(entryOf));
  return out;
}

/** Obligations of the subjects closed by hand (办结), as `type:key` (one query per batch). */
async function closedBy(tx: Tx, owner: Owner, list: readonly string[]): Promise<Map<string, string[]>> {
  const r = await rows<{ owner: string; identity: string }>(tx, sql`
    select b.${sql.identifier(owner)} as owner, b.identity
    from ${subjects(list)} join obligation b on b.${sql.identifier(owner)} = s.id
    where b.closed_on is not null`);
  const out = new Map<string, string[]>();
  for (const x of r) {
    // identity = type|subjectType|subjectId|key
    const [type, , , ...key] = x.identity.split('|');
    let a = out.get(x.owner);
    if (!a) out.set(x.owner, (a = []));
    a.push(`${type}:${key.join('|')}`);
  }
  return out;
}

/** 谈话提醒 chosen on warnings about the cadres (warning_followup 'talk'), oldest first (one query per batch). */
async function talkFollowupsBy(tx: Tx, list: readonly string[]): Promise<Map<string, TalkFollowup[]>> {
  const r = await rows<{ id: string; cadre_id: string; on_date: string; note: string | null; rule: string }>(tx, sql`
    select f.id, f.cadre_id, f.on_date, f.note, w.rule
    from ${subjects(list)} join warning_followup f on f.cadre_id = s.id join warning w on w.id = f.warning_id
    where f.action = 'talk'
    order by f.on_date, f.at, f.id`);
  const out = new Map<string, TalkFollowup[]>();
  for (const [k, v] of groupBy(r, (x) => x.cadre_id)) out.set(k, v.map((x) => ({ id: x.id, on: x.on_date, note: x.note, rule: x.rule })));
  return out;
}

/**
 * The subjects' 联席会议 督办事项 (not cancelled), with the meeting, the conclusion's and department's names and
 * the linked record's day when it is accepted (one query per batch, through meeting_task_cadre_idx / _team_idx).
 */
async function meetingTasksBy(tx: Tx, owner: Owner, list: readonly string[]): Promise<Map<string, FactMeetingTask[]>> {
  const r = await rows<{
    owner: string; id: string; meeting_title: string; held_on: string; conclusion: string; conclusion_name: string | null;
    department_code: string; department_name: string | null;
    deadline: string; closed_on: string | null; entry_id: string | null; entry_on: string | null;
  }>(tx, sql`
    select t.${sql.identifier(owner)} as owner, t.id, m.title as meeting_title, m.held_on, t.conclusion, t.department_code,
           (select k->>'name' from setting st cross join lateral jsonb_array_elements(case when jsonb_typeof(st.value) = 'array' then st.value else '[]'::jsonb end) k
            where st.key = ${MEETING_CONCLUSIONS_KEY} and k->>'code' = t.conclusion limit 1) as conclusion_name,
           d.name as department_name, t.deadline, t.closed_on, t.entry_id, h.occurred_on as entry_on
    from ${subjects(list)} join meeting_task t on t.${sql.identifier(owner)} = s.id ${owner === 'team_id' ? sql`and t.subject_type = 'team'` : sql``}
      join joint_meeting m on m.id = t.meeting_id left join department d on d.code = t.department_code
      left join entry_head h on h.entry_id = t.entry_id and h.status = 'accepted'
    where t.status <> 'cancelled'
    order by t.deadline, t.id`);
  const out = new Map<string, FactMeetingTask[]>();
  for (const [k, v] of groupBy(r, (x) => x.owner)) {
    out.set(k, v.map((x) => ({
      id: x.id, meetingTitle: x.meeting_title, heldOn: x.held_on,
      conclusionName: x.conclusion_name ?? DEFAULT_CONCLUSION_KINDS.find((k) => k.code === x.conclusion)?.name ?? x.conclusion, departmentName: x.department_name ?? x.department_code,
      deadline: x.deadline, closedOn: x.closed_on, fulfilledBy: x.entry_on ? x.entry_id : null, fulfilledOn: x.entry_on,
    })));
  }
  return out;
}

export async function loadCadreFacts(tx: Tx, cadreIds: readonly string[]): Promise<CadreFacts[]> {
  if (cadreIds.length === 0) return [];
  const cadres = await rows<{ id: string; name: string; org_id: string }>(tx, sql`select id, name, org_id from cadre where id = any(${ids(cadreIds)})`);
  const tenures = await tenuresBy(tx, 'cadre_id', cadreIds);
  const entries = await entriesBy(tx, 'cadre_id', cadreIds);
  const closed = await closedBy(tx, 'cadre_id', cadreIds);
  const followups = await talkFollowupsBy(tx, cadreIds);
  const tasks = await meetingTasksBy(tx, 'cadre_id', cadreIds);
  return cadres.map((c) => ({
    cadre: { id: c.id, name: c.name, orgId: c.org_id }, tenures: tenures.get(c.id) ?? [], entries: entries.get(c.id) ?? [],
    talkFollowups: followups.get(c.id) ?? [], closedObligations: closed.get(c.id) ?? [], meetingTasks: tasks.get(c.id) ?? [],
  }));
}

export async function loadTeamFacts(tx: Tx, teamIds: readonly string[]): Promise<TeamFacts[]> {
  if (teamIds.length === 0) return [];
  const teams = await rows<{ id: string; name: string; org_id: string }>(tx, sql`select id, name, org_id from team where id = any(${ids(teamIds)})`);
  const tenures = await tenuresBy(tx, 'team_id', teamIds);
  const entries = await entriesBy(tx, 'team_id', teamIds);
  const closed = await closedBy(tx, 'team_id', teamIds);
  const tasks = await meetingTasksBy(tx, 'team_id', teamIds);
  return teams.map((t) => ({
    team: { id: t.id, name: t.name, orgId: t.org_id }, tenures: tenures.get(t.id) ?? [], entries: entries.get(t.id) ?? [],
    closedObligations: closed.get(t.id) ?? [], meetingTasks: tasks.get(t.id) ?? [],
  }));
}

/** The 组织部 orgs that convene a joint meeting: every org some other org's leadership is managed by. */
export async function convenerIds(tx: Tx): Promise<string[]> {
  const r = await rows<{ id: string }>(tx, sql`select distinct managed_by as id from org where managed_by is not null order by 1`);
  return r.map((x) => x.id);
}

export async function loadConvenerFacts(tx: Tx, orgIds: readonly string[]): Promise<ConvenerFacts[]> {
  if (orgIds.length === 0) return [];
  const orgs = await rows<{ id: string; name: string }>(tx, sql`select id, name from org where id = any(${ids(orgIds)})`);
  // Only a meeting held counts (已召开 or later): one in 筹备 does not fulfil the half-yearly obligation.
  const meetings = await rows<{ id: string; convener_id: string; held_on: string }>(tx, sql`
    select id, convener_id, held_on from joint_meeting
    where convener_id = any(${ids(orgIds)}) and status = any(${sql.param([...MEETING_HELD_STATUSES])}::text[]) order by held_on`);
  const m = groupBy(meetings, (r) => r.convener_id);
  return orgs.map((o) => ({ convener: { id: o.id, name: o.name }, meetings: (m.get(o.id) ?? []).map((x) => ({ id: x.id, heldOn: x.held_on })) }));
}

/** Subjects touched by the entries of an import batch (after its commit). */
export async function subjectsOfBatch(tx: Tx, batchId: string): Promise<{ cadreIds: string[]; teamIds: string[] }> {
  const r = await rows<{ cadre_id: string | null; team_id: string | null }>(tx, sql`
    select distinct cadre_id, team_id from entry where batch_id = ${batchId}`);
  return {
    cadreIds: [...new Set(r.map((x) => x.cadre_id).filter((x): x is string => !!x))],
    teamIds: [...new Set(r.filter((x) => !x.cadre_id && x.team_id).map((x) => x.team_id!))],
  };
}
