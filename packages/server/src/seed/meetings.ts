/**
 * The joint meetings of the demo city and of `jiandu seed` (issue 13): for every convener (each 组织部 some
 * unit's leadership is managed by), last half-year's meeting held and signed off — attendance, subjects
 * from the seeded ledger with conclusions of several kinds, their 督办事项 mostly 已销号, one 已反馈 and
 * one overdue 办理中 — and this half-year's meeting in 筹备, its agenda compiled (version 1) with one member
 * proposal on it. Members are left at the default (every department).
 *
 * Set-based: a fixed number of statements whatever the scale (the candidates are read once, the rows
 * written with one INSERT … SELECT FROM jsonb_to_recordset per table). The subjects are picked simply —
 * per convener the cadres with the most negative entries (then the most entries) in the period, and teams
 * whose members' negative entries come from two or more departments; warnings do not exist yet when the
 * seed runs (the rules run at the first start). The real compile is the agenda service's: a re-compile of
 * the 筹备 meeting replaces this agenda with it.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  addDays, DEFAULT_CONCLUSION_KINDS, DEFAULT_DEPARTMENTS, ENTRY_KINDS, SENSITIVE_PLACEHOLDER, composeSummary, isNegativeEntry, isRestrictedLevel,
  type FactEntry, type MeetingSubjectContent,
} from '@jiandu/domain';
import { rows, type Tx } from '../db/client.ts';

export interface SeedMeetingOptions {
  /** The data's today (YYYY-MM-DD). */
  asOf: string;
  /** Who registered the meetings and who signed the minutes off (logins; the demo's accounts in the demo). */
  secretaryLogin: string;
  approverLogin: string;
}

export interface SeedMeetingSummary { meetings: number; subjects: number; tasks: number }

/** The kinds that put a cadre on the seeded agenda; cadres with more of the first (negative findings) come first. */
const NEGATIVE_KINDS = ['xfjb', 'cfwz', 'ytjm', 'sfjl', 'xcxc', 'gbcc', 'jjzrsj'];
const CANDIDATE_KINDS = [...NEGATIVE_KINDS, 'ndkh', 'dflz', 'ybgpy', 'sxdt', 'rcjc'];
/** Conclusions given in turn on last half-year's subjects: several kinds, most asking for action. */
const CONCLUSION_CYCLE = ['talk', 'watch', 'inquiry', 'talk', 'clear', 'admonish', 'watch', 'adjust', 'talk', 'clarify'];
const NOTES: Record<string, string> = {
  watch: '持续关注后续信访和核查情况', talk: '由组织部分管负责同志进行谈话提醒', inquiry: '就反映问题书面函询，要求说明情况',
  admonish: '依规进行诫勉', adjust: '结合班子调整统筹考虑岗位调整', clarify: '经核查反映问题失实，予以澄清正名', clear: '不影响使用',
};
/** Who attended for each department (one department absent, with its reason). */
const ATTENDANCE: Record<string, string[] | string> = {
  jw: ['李副书记', '何主任'], zzb: ['王副部长', '陈科长'], fy: '庭审工作冲突', jcy: ['周副检察长'], ga: ['刘副局长'],
  xc: ['赵副主任'], sj: ['孙副局长'], xf: ['吴副局长'],
};

const kindName = (k: string) => ENTRY_KINDS.find((x) => x.code === k)?.name ?? k;
const deptName = (d: string) => DEFAULT_DEPARTMENTS.find((x) => x.code === d)?.name ?? d;
const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/** The half containing `day` and the one before it. */
function halves(day: string) {
  const y = Number(day.slice(0, 4));
  const second = day.slice(5) >= '07-01';
  const cur = second ? { from: `${y}-07-01`, to: `${y}-12-31`, name: `${y}年下半年` } : { from: `${y}-01-01`, to: `${y}-06-30`, name: `${y}年上半年` };
  const prev = second ? { from: `${y}-01-01`, to: `${y}-06-30`, name: `${y}年上半年` } : { from: `${y - 1}-07-01`, to: `${y - 1}-12-31`, name: `${y - 1}年下半年` };
  return { cur, prev };
}

interface Candidate {
  convener_id: string; cadre_id: string; cadre_name: string; org_id: string; rk: number; team_id: string | null; team_name: string | null; team_org: string | null;
  entries: Array<{ id: string; kind: string; source_dept: string; occurred_on: string; details: Record<string, unknown>; sensitivity: string }>;
}

/** Per convener the `k` cadres with the most candidate entries in [from, to], with those entries and the cadre's team. */
function candidates(tx: Tx, from: string, to: string, k: number): Promise<Candidate[]> {
  return rows<Candidate>(tx, sql`
    with e as (
      select o.managed_by as convener_id, h.cadre_id, h.entry_id, h.kind, h.source_dept, h.occurred_on, h.version_id
      from entry_head h join org o on o.id = h.org_id
      where h.status = 'accepted' and h.cadre_id is not null and o.managed_by is not null
        and h.occurred_on between ${from}::date and ${to}::date and h.kind = any(${sql.param(CANDIDATE_KINDS)}::text[])
    ), ranked as (
      select convener_id, cadre_id, row_number() over (partition by convener_id
        order by count(*) filter (where kind = any(${sql.param(NEGATIVE_KINDS)}::text[])) desc, count(*) desc, cadre_id)::int as rk
      from e group by convener_id, cadre_id
    ), top as (select * from ranked where rk <= ${k})
    select r.convener_id, r.cadre_id, c.name as cadre_name, c.org_id, r.rk, tm.team_id, t.name as team_name, t.org_id as team_org,
      jsonb_agg(jsonb_build_object('id', e.entry_id, 'kind', e.kind, 'source_dept', e.source_dept, 'occurred_on', e.occurred_on,
        'details', v.details, 'sensitivity', v.sensitivity) order by e.occurred_on, e.entry_id) as entries
    from top r join e on e.convener_id = r.convener_id and e.cadre_id = r.cadre_id
      join entry v on v.id = e.version_id
      join cadre c on c.id = r.cadre_id
      left join lateral (select tn.team_id from tenure tn where tn.cadre_id = r.cadre_id and tn.end_date is null order by tn.is_principal desc limit 1) tm on true
      left join team t on t.id = tm.team_id
    group by r.convener_id, r.cadre_id, c.name, c.org_id, r.rk, tm.team_id, t.name, t.org_id
    order by r.convener_id, r.rk`);
}

interface SubjectRow {
  meeting_id: string; subject_type: 'cadre' | 'team'; cadre_id: string | null; team_id: string | null; org_id: string;
  reasons: string[]; content: MeetingSubjectContent; sort_order: number; name: string; conclusion?: string;
}

const entryView = (e: Candidate['entries'][number]) => ({
  id: e.id, kind: e.kind, kindName: kindName(e.kind), date: e.occurred_on,
  summary: isRestrictedLevel(e.sensitivity) ? SENSITIVE_PLACEHOLDER : composeSummary(e.kind, e.details), departmentCode: e.source_dept,
});

/** The agenda of one meeting from its convener's candidates: cadres, then teams whose negatives come from two departments or more. */
function agenda(meetingId: string, list: Candidate[], maxTeams: number): SubjectRow[] {
  const out: SubjectRow[] = [];
  const teams = new Map<string, { id: string; name: string; org: string; entries: Candidate['entries'] }>();
  for (const c of list) {
    const negatives = c.entries.filter((e) => isNegativeEntry({ kind: e.kind, details: e.details } as unknown as FactEntry));
    out.push({
      meeting_id: meetingId, subject_type: 'cadre', cadre_id: c.cadre_id, team_id: null, org_id: c.org_id, reasons: ['entries'], name: c.cadre_name,
      content: { entries: c.entries.map(entryView), warnings: [], teamProblems: [], proposals: [] }, sort_order: out.length + 1,
    });
    if (c.team_id && negatives.length > 0) {
      const t = teams.get(c.team_id) ?? { id: c.team_id, name: c.team_name!, org: c.team_org!, entries: [] };
      t.entries.push(...negatives);
      teams.set(c.team_id, t);
    }
  }
  let added = 0;
  for (const t of teams.values()) {
    const depts = [...new Set(t.entries.map((e) => e.source_dept))].sort();
    if (depts.length < 2 || added >= maxTeams) continue;
    added++;
    out.push({
      meeting_id: meetingId, subject_type: 'team', cadre_id: null, team_id: t.id, org_id: t.org, reasons: ['team_problem'], name: t.name,
      content: { entries: [], warnings: [], proposals: [], teamProblems: [`期间有${depts.length}个单位报送了班子成员的负面情况（${depts.map(deptName).join('、')}），共${t.entries.length}条`] },
      sort_order: out.length + 1,
    });
  }
  return out;
}

async function insertSubjects(tx: Tx, list: SubjectRow[]): Promise<Array<{ id: string; meeting_id: string; sort_order: number }>> {
  if (list.length === 0) return [];
  return rows(tx, sql`
    insert into meeting_subject (meeting_id, subject_type, cadre_id, team_id, org_id, reasons, content, added_version, changed_version, sort_order)
    select meeting_id, subject_type, cadre_id, team_id, org_id, reasons, content, 1, 1, sort_order
    from jsonb_to_recordset(${json(list)}) as x(meeting_id uuid, subject_type text, cadre_id uuid, team_id uuid, org_id uuid, reasons text[], content jsonb, sort_order int)
    returning id, meeting_id, sort_order`);
}

/** Writes the meetings of every convener (see the module comment). */
export async function insertSeedMeetings(tx: Tx, o: SeedMeetingOptions): Promise<SeedMeetingSummary> {
  const { cur, prev } = halves(o.asOf);
  const conveners = await rows<{ id: string; name: string; level: string }>(tx, sql`
    select c.id, c.name, coalesce(p.level, c.level) as level from org c left join org p on p.id = c.parent_id
    where c.id in (select distinct managed_by from org where managed_by is not null) order by c.path`);
  if (conveners.length === 0) return { meetings: 0, subjects: 0, tasks: 0 };
  // Last half: held two weeks before its end, agenda compiled a week before; this half: two weeks before its end (or soon).
  const held = addDays(prev.to, -18);
  const soon = addDays(o.asOf, 7);
  const next = soon > cur.to ? cur.to : soon > addDays(cur.to, -15) ? soon : addDays(cur.to, -15);
  const beijing = (day: string, hour: number) => `${day}T${String(hour - 8).padStart(2, '0')}:00:00Z`;
  const meetingRows = conveners.flatMap((c) => [
    {
      key: `prev:${c.id}`, convener_id: c.id, held_on: held, title: `${prev.name}干部监督联席会议`, location: `${c.name}会议室`, status: 'minutes_final',
      since: prev.from, until: addDays(held, -7), proposal_cutoff: addDays(held, -10), created_at: beijing(addDays(held, -20), 10),
      approved_by_login: o.approverLogin, approved_at: beijing(addDays(held, 5), 16), approval_note: '同意，请各成员单位抓紧落实',
    },
    {
      key: `cur:${c.id}`, convener_id: c.id, held_on: next, title: `${cur.name}干部监督联席会议`, location: `${c.name}会议室`, status: 'planned',
      since: addDays(held, 1), until: o.asOf, proposal_cutoff: addDays(next, -3) < o.asOf ? o.asOf : addDays(next, -3), created_at: beijing(o.asOf, 9),
      approved_by_login: null, approved_at: null, approval_note: null,
    },
  ]);
  const inserted = await rows<{ id: string; key: string }>(tx, sql`
    with x as (select * from jsonb_to_recordset(${json(meetingRows)}) as x(key text, convener_id uuid, held_on date, title text, location text, status text,
      since date, until date, proposal_cutoff date, created_at timestamptz, approved_by_login text, approved_at timestamptz, approval_note text)),
    ins as (
      insert into joint_meeting (convener_id, held_on, title, location, status, since, until, proposal_cutoff, agenda_version, created_by_login, created_at,
        approved_by_login, approved_at, approval_note)
      select convener_id, held_on, title, location, status, since, until, proposal_cutoff, 1, ${o.secretaryLogin}, created_at, approved_by_login, approved_at, approval_note
      from x returning id, convener_id, held_on
    )
    select ins.id, x.key from ins join x on x.convener_id = ins.convener_id and x.held_on = ins.held_on`);
  const meetingOf = new Map(inserted.map((r) => [r.key, r.id]));

  // Agendas: cadres with the most negative entries in each period (a city's convener more than a county's).
  const group = (list: Candidate[]) => {
    const m = new Map<string, Candidate[]>();
    for (const c of list) m.set(c.convener_id, [...(m.get(c.convener_id) ?? []), c]);
    return m;
  };
  const big = new Set(conveners.filter((c) => c.level !== '县级' && c.level !== '乡级').map((c) => c.id));
  const prevCands = group(await candidates(tx, prev.from, addDays(held, -7), 12));
  const curCands = group(await candidates(tx, addDays(held, 1), o.asOf, 10));
  const subjects: SubjectRow[] = [];
  const proposals: Array<{ convener_id: string; meeting_id: string; cadre_id: string; org_id: string; department_code: string; entry_id: string; reason: string }> = [];
  for (const c of conveners) {
    const k = big.has(c.id) ? 12 : 6;
    subjects.push(...agenda(meetingOf.get(`prev:${c.id}`)!, (prevCands.get(c.id) ?? []).slice(0, k), 2));
    const now = agenda(meetingOf.get(`cur:${c.id}`)!, (curCands.get(c.id) ?? []).slice(0, k - 2), 1);
    // One member proposal: a department other than the 组织部 proposes the first cadre it reported on.
    const from = now.find((s) => s.subject_type === 'cadre' && s.content.entries.some((e) => e.departmentCode && e.departmentCode !== 'zzb'));
    if (from) {
      const e = from.content.entries.find((x) => x.departmentCode && x.departmentCode !== 'zzb')!;
      const reason = `本单位报送的${e.kindName}反映问题较多，提请联席会议会商研判`;
      from.reasons.push('proposed');
      from.content.proposals.push({ id: randomUUID(), departmentCode: e.departmentCode, departmentName: deptName(e.departmentCode!), reason, byLogin: null });
      proposals.push({ convener_id: c.id, meeting_id: from.meeting_id, cadre_id: from.cadre_id!, org_id: from.org_id, department_code: e.departmentCode!, entry_id: e.id, reason });
    }
    subjects.push(...now);
  }
  const stored = await insertSubjects(tx, subjects);
  const subjectId = new Map(stored.map((s) => [`${s.meeting_id}:${s.sort_order}`, s.id]));
  if (proposals.length > 0) {
    await tx.execute(sql`
      insert into meeting_agenda_item (convener_id, meeting_id, subject_type, cadre_id, org_id, reason, department_code, entry_id, added_by_login, added_at)
      select convener_id, meeting_id, 'cadre', cadre_id, org_id, reason, department_code, entry_id, ${o.secretaryLogin}, ${beijing(o.asOf, 9)}::timestamptz
      from jsonb_to_recordset(${json(proposals)}) as x(convener_id uuid, meeting_id uuid, cadre_id uuid, org_id uuid, department_code text, entry_id uuid, reason text)`);
  }

  // Conclusions on last half's subjects, in turn through several kinds; action kinds with department and deadline.
  const prevIds = new Set(conveners.map((c) => meetingOf.get(`prev:${c.id}`)!));
  const kinds = new Map(DEFAULT_CONCLUSION_KINDS.map((k) => [k.code, k]));
  const conclusions = subjects.filter((s) => prevIds.has(s.meeting_id)).map((s, i) => {
    const kind = kinds.get(CONCLUSION_CYCLE[i % CONCLUSION_CYCLE.length]!)!;
    return {
      meeting_id: s.meeting_id, subject_id: subjectId.get(`${s.meeting_id}:${s.sort_order}`)!, conclusion: kind.code,
      department_code: kind.action ? kind.department ?? 'zzb' : null, deadline: kind.action ? addDays(held, kind.days ?? 30) : null, note: NOTES[kind.code] ?? null,
    };
  });
  let tasks = 0;
  if (conclusions.length > 0) {
    await tx.execute(sql`
      insert into meeting_conclusion (meeting_id, subject_id, conclusion, department_code, deadline, note, by_login, at)
      select meeting_id, subject_id, conclusion, department_code, deadline, note, ${o.secretaryLogin}, ${beijing(held, 11)}::timestamptz
      from jsonb_to_recordset(${json(conclusions)}) as x(meeting_id uuid, subject_id uuid, conclusion text, department_code text, deadline date, note text)`);
    // 督办事项: per meeting the first 已反馈, the second 办理中 (overdue by now), the rest 已销号 a few days before the deadline.
    const [t] = await rows<{ n: number }>(tx, sql`
      with made as (
        insert into meeting_task (meeting_id, subject_id, conclusion_id, subject_type, cadre_id, team_id, org_id, conclusion, department_code, deadline,
          status, answered_on, closed_on, created_at, updated_at)
        select k.meeting_id, k.subject_id, k.id, s.subject_type, s.cadre_id, s.team_id, s.org_id, k.conclusion, k.department_code, k.deadline,
          case r.rn when 1 then 'answered' when 2 then 'open' else 'closed' end,
          case r.rn when 2 then null else k.deadline - 8 end,
          case when r.rn > 2 then k.deadline - 5 end, k.at, k.at + (k.deadline - ${held}::date - 5) * interval '1 day'
        from meeting_conclusion k join meeting_subject s on s.id = k.subject_id
          join (select id, row_number() over (partition by meeting_id order by subject_id) as rn from meeting_conclusion
                where meeting_id = any(${sql.param([...prevIds])}::uuid[]) and department_code is not null) r on r.id = k.id
        returning id, status, department_code, deadline, answered_on, closed_on, created_at
      ), events as (
        insert into meeting_task_event (task_id, action, note, department_code, by_login, at)
        select id, 'create', null, department_code, ${o.secretaryLogin}, created_at from made
        union all
        select id, 'answer', '已按要求办理，情况报告已报送', department_code, null, (answered_on + time '10:00') at time zone 'Asia/Shanghai' from made where answered_on is not null
        union all
        select id, 'close', '办理到位，予以销号', null, ${o.secretaryLogin}, (closed_on + time '15:00') at time zone 'Asia/Shanghai' from made where closed_on is not null
        returning 1
      )
      select (select count(*)::int from made) as n, (select count(*) from events) as e`);
    tasks = Number(t?.n ?? 0);
  }

  // Attendance, the compiles and the meetings' event logs.
  const attendance = DEFAULT_DEPARTMENTS.map((d) => {
    const a = ATTENDANCE[d.code];
    return typeof a === 'string' ? { departmentCode: d.code, persons: [], present: false, absenceReason: a } : { departmentCode: d.code, persons: a ?? [], present: true };
  });
  const perMeeting = new Map<string, string[]>();
  for (const s of subjects) perMeeting.set(s.meeting_id, [...(perMeeting.get(s.meeting_id) ?? []), s.name]);
  const compiles = inserted.map((m) => {
    const names = perMeeting.get(m.id) ?? [];
    const isPrev = m.key.startsWith('prev:');
    return { meeting_id: m.id, since: isPrev ? prev.from : addDays(held, 1), until: isPrev ? addDays(held, -7) : o.asOf, subjects: names.length, diff: { added: names, dropped: [], changed: [] }, at: isPrev ? beijing(addDays(held, -7), 10) : beijing(o.asOf, 9) };
  });
  await tx.execute(sql`
    insert into meeting_compile (meeting_id, version, since, until, subjects, added, dropped, changed, diff, by_login, at)
    select meeting_id, 1, since, until, subjects, subjects, 0, 0, diff, ${o.secretaryLogin}, at
    from jsonb_to_recordset(${json(compiles)}) as x(meeting_id uuid, since date, until date, subjects int, diff jsonb, at timestamptz)`);
  await tx.execute(sql`
    insert into meeting_attendance (meeting_id, rows, by_login, at)
    select id, ${json(attendance)}, ${o.secretaryLogin}, ${beijing(held, 12)}::timestamptz from joint_meeting where id = any(${sql.param([...prevIds])}::uuid[])`);
  await tx.execute(sql`
    insert into joint_meeting_event (meeting_id, action, from_status, to_status, note, by_login, at)
    select m.id, e.action, e.from_status, e.to_status, null, case when e.action = 'approve' then m.approved_by_login else ${o.secretaryLogin} end, e.at
    from joint_meeting m, lateral (values
      ('create', null, 'planned', m.created_at), ('compile', 'planned', 'planned', m.created_at + interval '1 minute'),
      ('hold', 'planned', 'held', (m.held_on + time '09:00') at time zone 'Asia/Shanghai'),
      ('attendance', 'held', 'held', (m.held_on + time '12:00') at time zone 'Asia/Shanghai'),
      ('approve', 'held', 'minutes_final', m.approved_at)
    ) as e(action, from_status, to_status, at)
    where m.id = any(${sql.param(inserted.map((r) => r.id))}::uuid[]) and (m.status <> 'planned' or e.action in ('create', 'compile'))`);
  return { meetings: inserted.length, subjects: subjects.length, tasks };
}
