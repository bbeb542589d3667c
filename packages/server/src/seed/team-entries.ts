/** The entries of a team (领导班子): 三重一大 decisions, yearly research, inspections, awards. Pure, like seed/entries.ts. */
import { DEFAULT_DICTIONARIES, DEPARTMENT, ENTRY_KIND } from '@jiandu/domain';
import { Rng, dayOfYmd, yearOf } from './rng.ts';
import { AWARD_LEVEL, DFLZ_GRADE, MATTER, RESEARCH_FINDINGS, T, TEAM_AWARD, TEAM_GRADE, XCXC_PROBLEMS } from './entry-texts.ts';
import { SALT_TEAM, WINDOW_YEARS, finish, iso, mix32, rectification, refNo, round2, type Add, type Ctx, type Draft, type SeedEntry, type TeamSubject } from './entry-draft.ts';

const TEAM_KINDS = T([[ENTRY_KIND.majorDecision, 62], [ENTRY_KIND.research, 8], [ENTRY_KIND.inspection, 7], [ENTRY_KIND.award, 4]]);

export function teamEntries(ctx: Ctx, t: TeamSubject, n: number): SeedEntry[] {
  if (n <= 0) return [];
  const rng = new Rng(mix32(ctx.data.seed, SALT_TEAM, t.idx));
  const out: SeedEntry[] = [];
  const subject = { cadreId: null, teamId: t.id, orgId: t.org.id, regionCode: t.org.regionCode };
  const add = (d: Draft): SeedEntry | null => {
    if (out.length >= n || d.day > ctx.asOf || d.day < ctx.windowStart) return null;
    const e = finish(ctx, rng, d, subject);
    out.push(e);
    return e;
  };
  const o = t.org;
  const selects = o.type === '党委' || o.type === '党委部门' || o.type === '政府部门' || o.type === '政府';
  // Annual records, year by year from the newest, each kind in turn, up to 70 % of the budget.
  const cap = Math.ceil(n * 0.7);
  for (let y = yearOf(ctx.asOf) - 1; y >= yearOf(ctx.asOf) - WINDOW_YEARS && out.length < cap; y--) {
    const early = () => dayOfYmd(y + 1, rng.int(1, 3), rng.int(5, 28));
    add({ kind: ENTRY_KIND.annualAssessment, sourceDept: DEPARTMENT.organization, day: early(), details: { year: y, grade: TEAM_GRADE.pick(rng) } });
    if (out.length < cap) research(rng, add, y, '全覆盖综合调研');
    if (out.length < cap) add({ kind: ENTRY_KIND.integrityAssessment, sourceDept: rng.chance(0.6) ? DEPARTMENT.discipline : DEPARTMENT.organization, day: early(), details: { year: y, grade: DFLZ_GRADE.pick(rng) } });
    if (out.length < cap && selects) {
      const rankOf = rng.int(12, 36);
      add({
        kind: ENTRY_KIND.selectionReview, sourceDept: DEPARTMENT.organization, day: early(),
        details: {
          year: y, satisfactionRate: Math.round((82 + rng.next() * 17.5) * 10) / 10, rank: rng.int(1, rankOf), rankOf,
          ...(rng.chance(0.7) ? { recognitionRate: Math.round((80 + rng.next() * 19.5) * 10) / 10 } : {}),
        },
      });
    }
  }
  let round = rng.int(1, 4);
  const span = ctx.asOf - ctx.windowStart;
  for (let guard = 0; out.length < n && guard < n * 4; guard++) {
    const kind = TEAM_KINDS.pick(rng);
    const day = ctx.windowStart + rng.int(0, span);
    const y = yearOf(day);
    switch (kind) {
      case ENTRY_KIND.majorDecision: {
        const matterType = MATTER.pick(rng);
        const meeting = o.type === '党委' ? `${o.shortName ?? o.name}常委会${y}年第${rng.int(1, 40)}次会议`
          : o.type === '政府' ? `政府常务会议${y}年第${rng.int(1, 30)}次会议` : `党组（党委）会议${y}年第${rng.int(1, 30)}次会议`;
        const amount = matterType === '大额资金使用' ? round2(50 + rng.next() ** 2 * 4950)
          : matterType === '重大项目安排' && rng.chance(0.7) ? round2(300 + rng.next() ** 2 * 30000) : undefined;
        add({
          kind: ENTRY_KIND.majorDecision, sourceDept: rng.chance(0.9) ? DEPARTMENT.organization : DEPARTMENT.discipline, day,
          details: {
            matterType, meeting, collective: rng.chance(0.97), principalSpokeLast: rng.chance(0.94), attendees: rng.int(5, 15),
            ...(amount !== undefined ? { amount } : {}),
          },
        });
        break;
      }
      case ENTRY_KIND.research: research(rng, add, y, rng.chance(0.4) ? '蹲点调研' : '随机调研', day); break;
      case ENTRY_KIND.inspection: {
        const deadline = day + rng.int(55, 65);
        const cats = rng.sample(DEFAULT_DICTIONARIES.xcxcProblemCategory, rng.int(1, 3));
        add({
          kind: ENTRY_KIND.inspection, sourceDept: DEPARTMENT.inspection, day, refNo: refNo(ctx, rng, o.regionCode, '巡反馈', day),
          details: {
            round: `第${round++}轮巡察`, problemCategories: cats, problems: rng.sample(XCXC_PROBLEMS, rng.int(1, 3)).join('；'),
            rectificationDeadline: iso(deadline), rectificationStatus: rectification(rng, ctx.asOf, deadline),
          },
        });
        break;
      }
      case ENTRY_KIND.award:
        add({ kind: ENTRY_KIND.award, sourceDept: DEPARTMENT.organization, day, details: { level: AWARD_LEVEL.pick(rng), name: rng.pick(TEAM_AWARD) } });
        break;
    }
  }
  while (out.length < n) research(rng, add, yearOf(ctx.asOf), '随机调研', ctx.windowStart + rng.int(0, span));
  return out;
}

function research(rng: Rng, add: Add, y: number, researchType: string, on?: number): void {
  const day = on ?? dayOfYmd(y, rng.int(4, 11), rng.int(1, 28));
  add({
    kind: ENTRY_KIND.research, sourceDept: DEPARTMENT.organization, day,
    details: {
      researchType, ...(rng.chance(0.85) ? { findings: rng.pick(RESEARCH_FINDINGS) } : {}),
      ...(rng.chance(0.8) ? { rating: TEAM_GRADE.pick(rng) } : {}),
    },
  });
}
