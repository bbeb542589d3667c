/**
 * The ledger of the generated place: every cadre's and every team's entries over the six years before
 * `asOf`, streamed in chunks so that 20 million rows never sit in memory at once. Pure and deterministic:
 * each subject draws from its own PRNG (seeded from the seed and the subject's position), so the entries of
 * one cadre do not depend on how the stream is cut, and the entry count of every subject is known before
 * any entry is made (progress can show a total).
 *
 * Most entries are benign (称职/优秀, 一致, talks, trainings, travel filed in time …); a realistic minority is
 * not: petitions (some 属实, most 失实/查无实据, a few 诬告), punishments with their impact periods,
 * 诫勉, audits with findings, overdue rectifications, 漏报/瞒报, late 外出报备, and 容错纠错 decisions that
 * name an earlier entry of the same cadre. Links make the timeline read as one story: a tenure change, a
 * petition, a 思想波动 mark or a punishment is usually followed by a talk (now and then too late).
 */
import { DEPARTMENT, ENTRY_KIND } from '@jiandu/domain';
import { Rng, YEAR_DAYS, dayOf, dayOfYmd, yearOf } from './rng.ts';
import {
  T, CADRE_GRADE, DFLZ_GRADE, PETITION_CHANNEL, PETITION_RESULT, PETITION_TEXT, PETITION_OUTCOME, DISCIPLINE, MEASURES, SEVERE, DISCIPLINE_REASON, TALK_FORM_YTJM, YTJM_REASON, HEART_FORM, TALK_POINTS, TALK_TRIGGER_RANDOM, FOLLOW_UP, MOOD, TRAINING_ORDINARY, TRAINING_PLACES, DESTINATIONS, TRAVEL_REASON, AWARD_LEVEL, AWARD_NAME, GBCC_RESULT, GBCC_ITEMS, GBCC_HANDLING, AUDIT_CONCLUSION, JUDICIAL, JUDICIAL_DEPT, JUDICIAL_TEXT, DEXTERITY, DISTINCTIONS, CORRECTIONS,
} from './entry-texts.ts';
import type { SeedData } from './types.ts';
import { EntryIds, SALT_CADRE, SALT_COUNT, TEAM_PER_K, WINDOW_YEARS, annualYears, finish, iso, mix32, rectification, refNo, round2, unit, type Add, type CadreInfo, type Ctx, type Draft, type SeedEntry, type TeamSubject } from './entry-draft.ts';
import { teamEntries } from './team-entries.ts';

export interface EntryPlanOptions {
  /** Average number of current entries per cadre, team entries included (0: none). */
  perCadre: number;
}

export interface EntryPlan {
  cadres: CadreInfo[];
  teams: TeamSubject[];
  /** Entries per cadre and per team, in the order above. */
  cadreCounts: Int32Array;
  teamCounts: Int32Array;
  total: number;
}

/** Who is active when, how much each subject weighs, and how many entries each one gets. Pure. */
export function planEntries(data: SeedData, opts: EntryPlanOptions): EntryPlan {
  const asOf = dayOf(data.asOf);
  const windowStart = asOf - Math.round(WINDOW_YEARS * YEAR_DAYS);
  const orgs = new Map(data.orgs.map((o) => [o.id, o]));
  const names = new Map(data.cadres.map((c) => [c.id, c.name]));
  const teamOrg = new Map(data.teams.map((t) => [t.id, t.orgId]));
  const byCadre = new Map<string, typeof data.tenures>();
  const teamPrincipal = new Map<string, string>();
  const teamDeputies = new Map<string, string[]>();
  for (const t of data.tenures) {
    let list = byCadre.get(t.cadreId);
    if (!list) byCadre.set(t.cadreId, (list = []));
    list.push(t);
    if (t.endDate !== null) continue;
    if (t.isPrincipal) teamPrincipal.set(t.teamId, t.cadreId);
    else {
      const d = teamDeputies.get(t.teamId) ?? [];
      if (d.length < 4) d.push(names.get(t.cadreId)!);
      teamDeputies.set(t.teamId, d);
    }
  }
  const cadres: CadreInfo[] = data.cadres.map((c, idx) => {
    const ts = byCadre.get(c.id) ?? [];
    const work = dayOf(`${c.workDate}-01`);
    const current = ts.filter((t) => t.endDate === null);
    const lastEnd = ts.reduce((m, t) => Math.max(m, t.endDate === null ? asOf : dayOf(t.endDate)), 0);
    const left = c.status === '退休' || c.status === '调出';
    const from = Math.max(windowStart, work);
    const to = left ? Math.min(asOf, lastEnd || windowStart - 1) : asOf;
    const principalTenure = current.find((t) => t.isPrincipal) ?? null;
    const principal = principalTenure !== null;
    const leader = current.length > 0;
    const share = to > from ? (to - from) / (asOf - windowStart) : 0;
    const role = principal ? 1.6 : leader ? 1.15 : c.status === '退出现职' ? 0.5 : left ? 1.0 : 0.7;
    const principalYears = new Set<number>();
    for (const t of ts) {
      if (!t.isPrincipal) continue;
      const s = Math.max(from, dayOf(t.startDate));
      const e = Math.min(to, t.endDate ? dayOf(t.endDate) : asOf);
      for (let y = yearOf(s); s <= e && y <= yearOf(e); y++) principalYears.add(y);
    }
    const home = current.find((t) => teamOrg.get(t.teamId) === c.orgId) ?? current[0];
    const boss = home ? teamPrincipal.get(home.teamId) : undefined;
    return {
      idx, id: c.id, name: c.name, orgId: c.orgId, regionCode: c.regionCode, status: c.status, from, to,
      weight: role * share, principal, leader,
      moves: ts.map((t) => dayOf(t.startDate)).filter((d) => d >= from && d <= to).sort((a, b) => a - b),
      principalYears: [...principalYears].sort((a, b) => a - b),
      teamId: principalTenure?.teamId ?? null,
      talker: boss && boss !== c.id ? names.get(boss)! : null,
    };
  });
  const teams: TeamSubject[] = data.teams.map((t, idx) => ({
    idx, id: t.id, org: orgs.get(t.orgId)!, deputies: teamDeputies.get(t.id) ?? [],
  }));
  const k = Math.max(0, opts.perCadre);
  const teamMean = k * TEAM_PER_K;
  const cadreTotal = Math.max(0, k * cadres.length - teamMean * teams.length);
  const wsum = cadres.reduce((s, c) => s + c.weight, 0) || 1;
  const cadreCounts = new Int32Array(cadres.length);
  const teamCounts = new Int32Array(teams.length);
  let total = 0;
  // Each subject's count: its share of the total, times a spread of ±45 % (a hash, not the PRNG: cheap and
  // independent of how the stream is cut). The rounding keeps the grand total within a fraction of a percent.
  let carry = 0;
  for (const c of cadres) {
    const exact = (cadreTotal * c.weight) / wsum * (0.55 + 0.9 * unit(data.seed, SALT_COUNT, c.idx)) + carry;
    const n = c.weight > 0 ? Math.max(0, Math.round(exact)) : 0;
    carry = c.weight > 0 ? exact - n : carry;
    cadreCounts[c.idx] = n;
    total += n;
  }
  carry = 0;
  for (const t of teams) {
    const exact = teamMean * (0.55 + 0.9 * unit(data.seed, SALT_COUNT + 10, t.idx)) + carry;
    const n = Math.max(0, Math.round(exact));
    carry = exact - n;
    teamCounts[t.idx] = n;
    total += n;
  }
  return { cadres, teams, cadreCounts, teamCounts, total };
}

function cadreEntries(ctx: Ctx, c: CadreInfo, n: number): SeedEntry[] {
  if (n <= 0) return [];
  const rng = new Rng(mix32(ctx.data.seed, SALT_CADRE, c.idx));
  const out: SeedEntry[] = [];
  const subject = { cadreId: c.id, teamId: null, orgId: c.orgId, regionCode: c.regionCode };
  // Nothing before they started work or after they left (c.from/c.to lie within the window).
  const add = (d: Draft): SeedEntry | null => {
    if (out.length >= n || d.day > c.to || d.day < c.from) return null;
    const e = finish(ctx, rng, d, subject);
    out.push(e);
    return e;
  };
  const span = Math.max(1, c.to - c.from);
  const someDay = () => c.from + rng.int(0, span);
  const talk = (day: number, trigger: string) => add({
    kind: ENTRY_KIND.heartTalk, sourceDept: DEPARTMENT.organization, day,
    details: {
      talker: c.talker ?? rng.pick(['市委组织部分管副部长', '县委组织部部长', '县委书记', '市委组织部干部监督科科长']),
      form: trigger === '群众反映' && rng.chance(0.5) ? '谈话提醒' : HEART_FORM.pick(rng),
      trigger,
      points: rng.pick(TALK_POINTS[trigger]!),
      ...(rng.chance(0.4) ? { followUp: rng.pick(FOLLOW_UP) } : {}),
    },
  });
  /** A talk after a trigger: usually within the 30 days, now and then late or never. */
  const followTalk = (after: number, trigger: string, p: number) => {
    if (!rng.chance(p)) return;
    talk(after + (rng.chance(0.88) ? rng.int(1, 28) : rng.int(31, 75)), trigger);
  };

  // Annual: the yearly assessment (newest first), and a principal's systematic training each year (mostly).
  const years = annualYears(c.from, c.to, ctx.asOf);
  const annualCap = Math.ceil(n * 0.5);
  for (const y of years) {
    if (out.length >= annualCap) break;
    add({ kind: ENTRY_KIND.annualAssessment, sourceDept: DEPARTMENT.organization, day: dayOfYmd(y + 1, rng.int(1, 3), rng.int(5, 28)), details: { year: y, grade: CADRE_GRADE.pick(rng) } });
  }
  for (const y of [...c.principalYears].reverse()) {
    if (out.length >= Math.ceil(n * 0.65) || !rng.chance(0.82)) continue;
    const type = rng.chance(0.6) ? '党校系统培训' : rng.chance(0.5) ? '干部学院系统培训' : '一把手能力提升班';
    training(ctx, rng, add, c, type, dayOfYmd(y, rng.int(3, 11), rng.int(1, 28)));
  }
  // Tenure changes: a talk within 30 days (usually).
  for (const m of c.moves) followTalk(m, '工作变动', 0.78);

  const table = c.principal ? PRINCIPAL_KINDS : c.leader ? LEADER_KINDS : ORDINARY_KINDS;
  for (let guard = 0; out.length < n && guard < n * 4; guard++) {
    const kind = table.pick(rng);
    const day = someDay();
    switch (kind) {
      case ENTRY_KIND.travelReport: travel(ctx, rng, add, c, day); break;
      case ENTRY_KIND.heartTalk: talk(day, TALK_TRIGGER_RANDOM.pick(rng)); break;
      case ENTRY_KIND.training: training(ctx, rng, add, c, TRAINING_ORDINARY.pick(rng), day); break;
      case ENTRY_KIND.award: {
        const level = AWARD_LEVEL.pick(rng);
        add({ kind: ENTRY_KIND.award, sourceDept: rng.chance(0.85) ? DEPARTMENT.organization : DEPARTMENT.discipline, day, details: { level, name: rng.pick(AWARD_NAME[level]!) } });
        break;
      }
      case ENTRY_KIND.petition: petition(ctx, rng, add, c, day, followTalk); break;
      case ENTRY_KIND.personalReportCheck: {
        const result = GBCC_RESULT.pick(rng);
        const y = yearOf(day);
        add({
          kind: ENTRY_KIND.personalReportCheck, sourceDept: DEPARTMENT.organization, day,
          details: {
            year: y, checkType: rng.chance(0.7) ? '随机抽查' : '重点抽查', result,
            ...(result === '一致' ? (rng.chance(0.5) ? { handling: '无需处理' } : {}) : { items: rng.pick(GBCC_ITEMS[result]!), handling: GBCC_HANDLING[result]!.pick(rng) }),
          },
        });
        break;
      }
      case ENTRY_KIND.admonition: {
        const form = TALK_FORM_YTJM.pick(rng);
        const e = add({
          kind: ENTRY_KIND.admonition, sourceDept: rng.chance(0.55) ? DEPARTMENT.discipline : DEPARTMENT.organization, day,
          refNo: form === '诫勉' ? refNo(ctx, rng, c.regionCode, '组诫', day) : null,
          details: { form, reason: rng.pick(YTJM_REASON) },
        });
        if (e && form === '诫勉') tolerate(ctx, rng, add, c, e, 0.06);
        break;
      }
      case ENTRY_KIND.economicAudit: audit(ctx, rng, add, c, day); break;
      case ENTRY_KIND.ideologicalWavering: {
        const mood = rng.pick(MOOD);
        add({ kind: ENTRY_KIND.ideologicalWavering, sourceDept: DEPARTMENT.organization, day, summary: `思想波动：${mood}`, details: { situation: mood } });
        followTalk(day, '思想波动', 0.85);
        break;
      }
      case ENTRY_KIND.discipline: punish(ctx, rng, add, c, day, followTalk); break;
      case ENTRY_KIND.judicialRecord: {
        const category = JUDICIAL.pick(rng);
        if (category === '刑事处罚' && c.status === '在职') break;
        add({ kind: ENTRY_KIND.judicialRecord, sourceDept: JUDICIAL_DEPT[category]!, day, summary: `${category}：${JUDICIAL_TEXT[category]}`, details: { category } });
        break;
      }
      case ENTRY_KIND.integrityAssessment:
        add({ kind: ENTRY_KIND.integrityAssessment, sourceDept: rng.chance(0.6) ? DEPARTMENT.discipline : DEPARTMENT.organization, day: dayOfYmd(yearOf(day), rng.int(1, 3), rng.int(5, 28)), details: { year: yearOf(day) - 1, grade: DFLZ_GRADE.pick(rng) } });
        break;
    }
  }
  // Whatever the draws left over (dates that fell outside the window): ordinary talks, so the count is exact.
  while (out.length < n) talk(someDay(), '日常谈心');
  return out;
}

const PRINCIPAL_KINDS = T([
  [ENTRY_KIND.travelReport, 36], [ENTRY_KIND.heartTalk, 18], [ENTRY_KIND.training, 14], [ENTRY_KIND.petition, 6], [ENTRY_KIND.award, 4], [ENTRY_KIND.personalReportCheck, 2], [ENTRY_KIND.economicAudit, 2.6], [ENTRY_KIND.admonition, 1.4], [ENTRY_KIND.ideologicalWavering, 0.6], [ENTRY_KIND.discipline, 0.7], [ENTRY_KIND.judicialRecord, 0.2], [ENTRY_KIND.integrityAssessment, 1.5],
]);
const LEADER_KINDS = T([
  [ENTRY_KIND.travelReport, 30], [ENTRY_KIND.heartTalk, 22], [ENTRY_KIND.training, 20], [ENTRY_KIND.petition, 4.5], [ENTRY_KIND.award, 4], [ENTRY_KIND.personalReportCheck, 1.8], [ENTRY_KIND.economicAudit, 0.6], [ENTRY_KIND.admonition, 1.2], [ENTRY_KIND.ideologicalWavering, 0.9], [ENTRY_KIND.discipline, 0.6], [ENTRY_KIND.judicialRecord, 0.25], [ENTRY_KIND.integrityAssessment, 0.8],
]);
const ORDINARY_KINDS = T([
  [ENTRY_KIND.travelReport, 8], [ENTRY_KIND.heartTalk, 30], [ENTRY_KIND.training, 38], [ENTRY_KIND.petition, 2.5], [ENTRY_KIND.award, 5], [ENTRY_KIND.personalReportCheck, 0.6], [ENTRY_KIND.admonition, 1], [ENTRY_KIND.ideologicalWavering, 1.2], [ENTRY_KIND.discipline, 0.5], [ENTRY_KIND.judicialRecord, 0.3],
]);


function training(_ctx: Ctx, rng: Rng, add: Add, _c: CadreInfo, type: string, start: number): void {
  const days = type === '党校系统培训' ? rng.int(20, 60) : type === '干部学院系统培训' ? rng.int(5, 14)
    : type === '一把手能力提升班' ? rng.int(5, 7) : type === '专题培训' ? rng.int(2, 5) : rng.int(30, 90);
  const end = start + days - 1;
  const hours = type === '网络培训' ? rng.int(10, 50) : type === '党校系统培训' ? Math.round(days * 5.5) : days * 8;
  add({
    kind: ENTRY_KIND.training, sourceDept: DEPARTMENT.organization, day: end,
    details: { institution: rng.pick(TRAINING_PLACES[type]!), trainingType: type, from: iso(start), to: iso(end), hours },
  });
}

function travel(ctx: Ctx, rng: Rng, add: Add, c: CadreInfo, depart: number): void {
  const back = depart + rng.int(1, 6);
  // 4 % filed after leaving (the rule flags them); the rest 1–7 days before.
  const filed = rng.chance(0.04) ? depart + rng.int(1, 4) : depart - rng.int(1, 7);
  if (filed > ctx.asOf) return;
  const team = c.teamId ? ctx.deputies.get(c.teamId) : undefined;
  add({
    kind: ENTRY_KIND.travelReport, sourceDept: DEPARTMENT.organization, day: depart,
    details: {
      departOn: iso(depart), returnOn: iso(back), destination: rng.pick(DESTINATIONS), reason: TRAVEL_REASON.pick(rng),
      ...(c.principal && team && team.length > 0 ? { actingPerson: rng.pick(team) } : {}),
      filedOn: iso(filed),
    },
  });
}

function petition(ctx: Ctx, rng: Rng, add: Add, c: CadreInfo, day: number, followTalk: (after: number, trigger: string, p: number) => void): void {
  const age = ctx.asOf - day;
  const status = age > 120 ? '办结' : age > 30 ? rng.weighted([['办结', 50], ['核查中', 40], ['受理', 10]] as const) : rng.weighted([['受理', 60], ['核查中', 40]] as const);
  const result = status === '办结' ? PETITION_RESULT.pick(rng) : null;
  const channel = PETITION_CHANNEL.pick(rng);
  const text = rng.pick(PETITION_TEXT);
  const e = add({
    kind: ENTRY_KIND.petition, sourceDept: rng.chance(0.6) ? DEPARTMENT.petition : DEPARTMENT.discipline, day,
    refNo: rng.chance(0.7) ? refNo(ctx, rng, c.regionCode, '信', day) : null,
    summary: `${channel === '12380' ? '12380举报' : '群众'}${text}`,
    outcome: result ? PETITION_OUTCOME[result]! : null,
    details: { channel, realName: rng.chance(0.35), status, ...(result ? { result } : {}) },
  });
  if (!e) return;
  // 群众有反映: a petition that is not 失实/诬告 calls for a talk.
  if (result !== '失实' && result !== '诬告') followTalk(day + rng.int(3, 20), '群众反映', 0.8);
  if (result === '属实' && rng.chance(0.4)) punish(ctx, rng, add, c, day + rng.int(40, 150), followTalk);
}

function punish(ctx: Ctx, rng: Rng, add: Add, c: CadreInfo, day: number, followTalk: (after: number, trigger: string, p: number) => void): void {
  const category = DISCIPLINE.pick(rng);
  let measure = MEASURES[category]!.pick(rng);
  for (let i = 0; i < 5 && SEVERE.has(measure) && (c.leader || c.status === '在职'); i++) measure = MEASURES[category]!.pick(rng);
  if (SEVERE.has(measure) && (c.leader || c.status === '在职')) measure = category === '问责' ? '通报' : category === '组织处理' ? '调离岗位' : '警告';
  const e = add({
    kind: ENTRY_KIND.discipline, sourceDept: category === '组织处理' || (category === '问责' && rng.chance(0.4)) ? DEPARTMENT.organization : DEPARTMENT.discipline, day,
    refNo: refNo(ctx, rng, c.regionCode, category === '组织处理' ? '组处' : '纪处', day),
    summary: `${rng.pick(DISCIPLINE_REASON)}，给予${measure}`,
    details: { category, measure, ...(rng.chance(0.85) ? { decisionDate: iso(day) } : {}) },
  });
  if (!e) return;
  followTalk(day, '受处分', 0.7);
  if (category === '问责') tolerate(ctx, rng, add, c, e, 0.12);
}

function audit(ctx: Ctx, rng: Rng, add: Add, c: CadreInfo, day: number): void {
  const to = day - rng.int(30, 180);
  const from = dayOfYmd(yearOf(to) - rng.int(2, 5), 1, 1);
  const findings = rng.weighted([[0, 12], [rng.int(1, 3), 35], [rng.int(4, 8), 35], [rng.int(9, 20), 18]] as const);
  const deadline = day + rng.int(60, 90);
  const serious = findings > 8 && rng.chance(0.3);
  const e = add({
    kind: ENTRY_KIND.economicAudit, sourceDept: DEPARTMENT.audit, day, refNo: refNo(ctx, rng, c.regionCode, '审经责', day),
    details: {
      auditType: c.status === '在职' && c.leader ? (rng.chance(0.75) ? '任中审计' : '离任审计') : '离任审计',
      periodFrom: iso(from), periodTo: iso(to), findingsCount: findings,
      ...(findings > 0 ? { amount: round2(rng.next() ** 2 * 3000 + 1) } : {}),
      conclusion: findings > 12 ? rng.weighted([['一般', 60], ['较差', 40]] as const) : AUDIT_CONCLUSION.pick(rng),
      serious,
      ...(findings > 0 ? { rectificationDeadline: iso(deadline), rectificationStatus: rectification(rng, ctx.asOf, deadline) } : { rectificationStatus: '已整改' }),
    },
    outcome: findings > 0 ? `发现问题${findings}个，已下达审计整改通知` : '未发现重大问题',
  });
  if (e && findings > 0) tolerate(ctx, rng, add, c, e, 0.04);
}

/** 容错纠错 of an earlier entry of the same cadre (rare). */
function tolerate(_ctx: Ctx, rng: Rng, add: Add, _c: CadreInfo, target: SeedEntry, p: number): void {
  if (!rng.chance(p)) return;
  const day = dayOf(target.occurredOn) + rng.int(20, 200);
  const decision = DEXTERITY.pick(rng);
  add({
    kind: ENTRY_KIND.faultTolerance, sourceDept: rng.chance(0.7) ? DEPARTMENT.organization : DEPARTMENT.discipline, day,
    summary: `容错纠错：${decision}（${target.summary.slice(0, 40)}）`,
    details: {
      targetEntryId: target.id, distinction: rng.pick(DISTINCTIONS), decision,
      ...(decision !== '免责' || rng.chance(0.6) ? { measures: rng.pick(CORRECTIONS) } : {}),
    },
  });
}

/**
 * The entries, a chunk of about `chunkRows` at a time (whole subjects per chunk): cadres in the order of
 * `data.cadres`, then teams. Within a subject, entries come in the order they were made, and a 容错纠错
 * always follows the entry it names.
 */
export function* generateEntries(data: SeedData, plan: EntryPlan, chunkRows = 5000): Generator<SeedEntry[]> {
  const asOf = dayOf(data.asOf);
  const abbr = new Map<string, string>();
  for (const city of data.cities) {
    abbr.set(city.regionCode, city.name[0]!);
    for (const k of city.counties) abbr.set(k.regionCode, k.name[0]!);
  }
  const ctx: Ctx = {
    data, asOf, windowStart: asOf - Math.round(WINDOW_YEARS * YEAR_DAYS),
    // Ids count up from a fixed instant before asOf: ordered like the insert, and the same at every run.
    ids: new EntryIds(Date.parse(`${data.asOf}T00:00:00Z`) - 40_000_000),
    abbr, deputies: new Map(plan.teams.map((t) => [t.id, t.deputies])),
  };
  let chunk: SeedEntry[] = [];
  for (const c of plan.cadres) {
    const list = cadreEntries(ctx, c, plan.cadreCounts[c.idx]!);
    for (const e of list) chunk.push(e);
    if (chunk.length >= chunkRows) {
      yield chunk;
      chunk = [];
    }
  }
  for (const t of plan.teams) {
    const list = teamEntries(ctx, t, plan.teamCounts[t.idx]!);
    for (const e of list) chunk.push(e);
    if (chunk.length >= chunkRows) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
