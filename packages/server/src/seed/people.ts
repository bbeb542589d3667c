/**
 * The people of the generated place: one cadre per post holder (concurrent posts share a person), earlier
 * posts of today's leaders (promotions along realistic feeder posts), predecessors who retired, stepped
 * back from leadership or moved away, and 职级 cadres without a leadership post. Pure: all from `rng`.
 */
import { idNumberCheckChar, type CadreStatus } from '@jiandu/domain';
import { DEPT_DOMAINS, GOV_DOMAINS, NOT_DIRECTLY_IN_CHARGE, TOWN_DOMAINS } from './catalog.ts';
import {
  FAMOUS_NAMES, GIVEN_FEMALE, GIVEN_MALE, GIVEN_NEUTRAL, NATIVE_PLACES_ELSEWHERE, SURNAMES, TIBETAN_FEMALE,
  TIBETAN_MALE, YI_FAMILY, YI_GIVEN_FEMALE, YI_GIVEN_MALE,
} from './names.ts';
import { WeightedTable, YEAR_DAYS, dayOf, dayOfYmd, isoOf, yearOf, type Rng } from './rng.ts';
import type { PersonSpec, PlaceInfo, Rank, Structure, TeamInfo, Tier } from './structure.ts';
import type { SeedCadre, SeedTenure } from './types.ts';

const RANK_ORDER: readonly Rank[] = ['正厅级', '副厅级', '正处级', '副处级', '正科级', '副科级'];
/** Age at taking a post of each rank. */
const AGE_AT: Record<Rank, [number, number]> = {
  正厅级: [48, 57], 副厅级: [43, 54], 正处级: [38, 52], 副处级: [35, 50], 正科级: [30, 48], 副科级: [26, 44],
};
/** The 职级 a leader keeps after stepping back (改任职级 / 退出现职). */
const RANK_AFTER: Record<Rank, string> = {
  正厅级: '一级巡视员', 副厅级: '二级巡视员', 正处级: '一级调研员', 副处级: '二级调研员', 正科级: '一级主任科员', 副科级: '二级主任科员',
};
const PLAIN_RANKS: ReadonlyArray<readonly [string, number]> = [
  ['一级调研员', 6], ['二级调研员', 12], ['三级调研员', 18], ['四级调研员', 22], ['一级主任科员', 24], ['二级主任科员', 18],
];
const START_YEARS_AGO: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[0, 1], 20], [[1, 3], 35], [[3, 5], 25], [[5, 8], 12], [[8, 10], 5], [[10, 14], 3],
];
const ETHNIC_TABLES: Record<'彝族' | '藏族' | 'none', WeightedTable<string>> = {
  彝族: new WeightedTable([['汉族', 50], ['彝族', 45], ['藏族', 2], ['回族', 2], ['苗族', 1]]),
  藏族: new WeightedTable([['汉族', 45], ['藏族', 50], ['彝族', 2], ['羌族', 3]]),
  none: new WeightedTable([['汉族', 930], ['彝族', 25], ['回族', 15], ['藏族', 10], ['羌族', 10], ['土家族', 5], ['苗族', 5]]),
};
const SURNAME_TABLE = new WeightedTable(SURNAMES);
const EARLIEST = dayOf('2006-01-01');
const FIRST_CURRENT_START = dayOf('2012-01-01');

interface Person {
  cadre: SeedCadre;
  birthDay: number;
  workDay: number;
  teams: Set<string>;
}

const y2d = (years: number) => Math.round(years * YEAR_DAYS);

export class People {
  readonly cadres: SeedCadre[] = [];
  readonly tenures: SeedTenure[] = [];
  private readonly idNumbers = new Set<string>();
  private readonly asOfYear: number;
  private readonly byTier = new Map<string, TeamInfo[]>();
  private readonly orgRegion = new Map<string, string>();

  constructor(private readonly rng: Rng, private readonly s: Structure, private readonly asOf: number) {
    this.asOfYear = yearOf(asOf);
    for (const t of s.teamInfos) {
      for (const key of [`${t.cityIdx}:${t.countyIdx}:${t.tier}`, `${t.cityIdx}:*:${t.tier}`]) {
        let list = this.byTier.get(key);
        if (!list) this.byTier.set(key, (list = []));
        list.push(t);
      }
    }
    for (const o of s.orgs) this.orgRegion.set(o.id, o.regionCode);
  }

  // ---- people ----

  private place(t: { cityIdx: number; countyIdx: number }): PlaceInfo {
    return this.s.places[t.cityIdx]![t.countyIdx + 1]!;
  }

  private name(gender: '男' | '女', ethnicity: string): string {
    const r = this.rng;
    for (;;) {
      let n: string;
      if (ethnicity === '彝族' && r.chance(0.6)) {
        n = r.pick(YI_FAMILY) + r.pick(gender === '男' ? YI_GIVEN_MALE : YI_GIVEN_FEMALE);
      } else if (ethnicity === '藏族' && r.chance(0.8)) {
        const pool = gender === '男' ? TIBETAN_MALE : TIBETAN_FEMALE;
        const a = r.pick(TIBETAN_MALE.concat(gender === '女' ? TIBETAN_FEMALE : []));
        let b = r.pick(pool);
        while (b === a) b = r.pick(pool);
        n = a + b;
      } else {
        const own = gender === '男' ? GIVEN_MALE : GIVEN_FEMALE;
        const ch = () => (r.chance(0.78) ? r.pick(own) : r.pick(GIVEN_NEUTRAL));
        let given = ch();
        if (r.chance(0.7)) {
          let second = ch();
          while (second === given) second = ch();
          given += second;
        }
        n = SURNAME_TABLE.pick(r) + given;
      }
      if (!FAMOUS_NAMES.has(n)) return n;
    }
  }

  private education(by: number, latestGrad: number): { full: string; inService: string | null; gradAge: number } {
    const r = this.rng;
    const options: ReadonlyArray<readonly [[string, number], number]> = by < 1970
      ? [[['研究生 硕士', 25], 7], [['研究生 博士', 28], 1], [['大学 学士', 22], 45], [['大专', 21], 35], [['中专', 18], 12]]
      : by < 1980
        ? [[['研究生 硕士', 25], 13], [['研究生 博士', 28], 2], [['大学 学士', 22], 65], [['大专', 21], 17], [['中专', 18], 3]]
        : [[['研究生 硕士', 25], 26], [['研究生 博士', 28], 3], [['大学 学士', 22], 66], [['大专', 21], 5]];
    let [full, gradAge] = r.weighted(options);
    for (const [f, g] of [['大学 学士', 22], ['大专', 21], ['中专', 18]] as const) {
      if (by + gradAge <= latestGrad) break;
      full = f;
      gradAge = g;
    }
    let inService: string | null = null;
    if ((full === '大专' || full === '中专') && r.chance(0.75)) inService = r.pick(['中央党校大学', '省委党校大学', '大学 学士']);
    else if (full === '大学 学士' && r.chance(0.4)) inService = r.pick(['省委党校研究生', '中央党校研究生', '研究生 硕士']);
    return { full, inService, gradAge };
  }

  private idNumber(regionCode: string, y: number, m: number, d: number, gender: '男' | '女'): string {
    const date = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
    for (;;) {
      let seq = this.rng.int(0, 99) * 10 + (gender === '男' ? this.rng.pick([1, 3, 5, 7, 9]) : this.rng.pick([0, 2, 4, 6, 8]));
      if (seq === 0) seq = 2;
      const first17 = `${regionCode}${date}${String(seq).padStart(3, '0')}`;
      if (!this.idNumbers.has(first17)) {
        this.idNumbers.add(first17);
        return first17 + idNumberCheckChar(first17);
      }
    }
  }

  /** A birth year for someone who took a post of `rank` in `startYear`, still in post at asOf. */
  private birthYearFor(rank: Rank, startYear: number, inPost: boolean): number {
    const [lo, hi] = AGE_AT[rank];
    const low = Math.max(1962, inPost ? this.asOfYear - 58 : 1962);
    const high = Math.min(1992, startYear - 25);
    return Math.max(low, Math.min(high, startYear - this.rng.int(lo, hi)));
  }

  private newPerson(o: {
    orgId: string; place: PlaceInfo; gender: '男' | '女'; by: number; rank: string; status: CadreStatus; nonParty: boolean; firstStart: number;
  }): Person {
    const r = this.rng;
    const ethnicity = ETHNIC_TABLES[o.place.ethnic ?? 'none'].pick(r);
    const bm = r.int(1, 12);
    const bd = r.int(1, 28);
    const regionCode = this.orgRegion.get(o.orgId)!;
    const cityPlaces = this.s.places[o.place.cityIdx]!;
    const idRegion = r.chance(0.85) ? regionCode : r.pick(cityPlaces).regionCode;
    const edu = this.education(o.by, yearOf(o.firstStart) - 1);
    const workY = o.by + edu.gradAge;
    const workDay = dayOfYmd(workY, r.int(7, 8), 1);
    let partyDate: string | null = null;
    if (!o.nonParty) {
      const lo = Math.max(o.by + 18, workY - 3);
      const hi = Math.max(lo, Math.min(workY + 6, yearOf(o.firstStart) - 1, this.asOfYear));
      const py = r.int(lo, hi);
      const pm = py === o.by + 18 ? r.int(bm, 12) : r.int(1, 12);
      partyDate = `${py}-${String(pm).padStart(2, '0')}`;
    }
    const minority = ethnicity !== '汉族';
    const native = (minority && r.chance(0.9)) || r.chance(0.5) ? o.place.native
      : r.chance(0.4) ? r.pick(cityPlaces).native : r.pick(NATIVE_PLACES_ELSEWHERE);
    const cadre: SeedCadre = {
      id: r.uuid(),
      name: this.name(o.gender, ethnicity),
      idNumber: this.idNumber(idRegion, o.by, bm, bd, o.gender),
      gender: o.gender,
      birth: `${o.by}-${String(bm).padStart(2, '0')}`,
      ethnicity,
      nativePlace: native,
      partyDate,
      workDate: isoOf(workDay).slice(0, 7),
      educationFullTime: edu.full,
      educationInService: edu.inService,
      rank: o.rank,
      status: o.status,
      orgId: o.orgId,
      regionCode,
    };
    this.cadres.push(cadre);
    return { cadre, birthDay: dayOfYmd(o.by, bm, bd), workDay, teams: new Set() };
  }

  private tenure(p: Person, team: TeamInfo, title: string, principal: boolean, domains: string[], rank: string, start: number, end: number | null): SeedTenure {
    const t: SeedTenure = {
      id: this.rng.uuid(), cadreId: p.cadre.id, teamId: team.id, title, isPrincipal: principal, domains, rank,
      startDate: isoOf(start), endDate: end === null ? null : isoOf(end),
    };
    this.tenures.push(t);
    p.teams.add(team.id);
    return t;
  }

  private drawStart(): number {
    const [a, b] = this.rng.weighted(START_YEARS_AGO);
    return Math.max(FIRST_CURRENT_START, this.asOf - y2d(a + this.rng.next() * (b - a)));
  }

  // ---- today's leaders ----

  /** One cadre per person of the structure, with current tenures. `longTenure` persons started ≥ 10 years ago. */
  current(): Array<{ person: Person; spec: PersonSpec; start: number }> {
    const r = this.rng;
    const principals = this.s.persons.filter((p) => p.posts.some((x) => x.principal));
    const long = new Set(r.sample(principals, Math.max(2, Math.round(principals.length * 0.02))));
    const latestLong = this.asOf - y2d(10) - 10;
    const out = [];
    for (const spec of this.s.persons) {
      let start = this.drawStart();
      if (long.has(spec) && latestLong > FIRST_CURRENT_START) start = r.int(FIRST_CURRENT_START, latestLong);
      const rank = spec.posts.map((x) => x.rank).sort((a, b) => RANK_ORDER.indexOf(a) - RANK_ORDER.indexOf(b))[0]!;
      const home = spec.posts[spec.home]!;
      const gender = r.chance(spec.femaleP) ? '女' : '男';
      const by = this.birthYearFor(rank, yearOf(start), true);
      const person = this.newPerson({
        orgId: home.team.orgId, place: this.place(home.team), gender, by, rank, status: '在职',
        nonParty: r.chance(spec.nonPartyP), firstStart: start,
      });
      spec.posts.forEach((post, i) => {
        const s = i === spec.home ? start : Math.min(this.asOf, start + r.int(0, 60));
        this.tenure(person, post.team, post.title, post.principal, post.domains, post.rank, s, null);
        if (post.principal) post.team.chainStart = Math.min(post.team.chainStart, s);
      });
      out.push({ person, spec, start });
    }
    return out;
  }

  private readonly teamsCache = new Map<string, TeamInfo[]>();

  private teamsOf(cityIdx: number, countyIdx: number | '*', ...tiers: Tier[]): TeamInfo[] {
    const key = `${cityIdx}:${countyIdx}:${tiers.join(',')}`;
    let found = this.teamsCache.get(key);
    if (!found) this.teamsCache.set(key, (found = tiers.flatMap((t) => this.byTier.get(`${cityIdx}:${countyIdx}:${t}`) ?? [])));
    return found;
  }

  private deputyDomains(t: TeamInfo): string[] {
    const pool = t.tier === 'town' ? TOWN_DOMAINS : t.tier.endsWith('Top') ? GOV_DOMAINS : DEPT_DOMAINS;
    return [...new Set([this.rng.pick(pool), this.rng.pick(pool)])].slice(0, this.rng.int(1, 2));
  }

  private minStart(p: Person): number {
    return Math.max(EARLIEST, p.birthDay + y2d(26), p.workDay + y2d(2));
  }

  /** Where a holder of (tier, rank) plausibly came from: a principal post one rung down, or a deputy post. */
  private feeder(t: TeamInfo, rank: Rank): { kind: 'principal' | 'deputy'; teams: TeamInfo[] } | null {
    const r = this.rng;
    const { cityIdx: c } = t;
    const county = t.countyIdx >= 0 ? t.countyIdx : r.int(0, this.s.places[c]!.length - 2);
    switch (rank) {
      case '正厅级': case '副厅级':
        return { kind: 'principal', teams: r.chance(0.6) ? this.teamsOf(c, '*', 'countyTop') : this.teamsOf(c, -1, 'cityDept') };
      case '正处级':
        return { kind: 'deputy', teams: r.chance(0.5) ? this.teamsOf(c, -1, 'cityDept') : this.teamsOf(c, '*', 'countyTop') };
      case '副处级':
        return { kind: 'principal', teams: this.teamsOf(c, county, 'countyDept', 'town') };
      case '正科级':
        return r.chance(0.55)
          ? { kind: 'principal', teams: this.teamsOf(c, county, 'town') }
          : { kind: 'deputy', teams: this.teamsOf(c, county, 'town', 'countyDept') };
      case '副科级':
        return r.chance(0.3) ? { kind: 'deputy', teams: this.teamsOf(c, county, 'town', 'countyDept') } : null;
    }
  }

  /** Earlier posts of today's leaders: up to three steps down the ladder. */
  careers(current: Array<{ person: Person; spec: PersonSpec; start: number }>): void {
    const r = this.rng;
    for (const { person, spec, start } of current) {
      if (!r.chance(0.45)) continue;
      const home = spec.posts[spec.home]!;
      let at: { team: TeamInfo; rank: Rank; start: number } = { team: home.team, rank: home.rank, start };
      for (let depth = 0; depth < 3; depth++) {
        const next = this.prior(person, at.team, at.rank, at.start);
        if (!next || !r.chance(0.35)) break;
        at = next;
      }
    }
  }

  private prior(p: Person, from: TeamInfo, rank: Rank, sx: number): { team: TeamInfo; rank: Rank; start: number } | null {
    const r = this.rng;
    const f = this.feeder(from, rank);
    if (!f || f.teams.length === 0) return null;
    const min = this.minStart(p);
    if (f.kind === 'principal') {
      for (let i = 0; i < 8; i++) {
        const t = r.pick(f.teams);
        const c = t.chainStart;
        if (p.teams.has(t.id) || !(c <= sx && c >= sx - y2d(3))) continue;
        const start = Math.max(min, c - r.int(y2d(2), y2d(6)));
        if (c - start < 365) return null;
        this.tenure(p, t, t.principalTitle, true, ['全面工作'], t.principalRank, start, c);
        t.chainStart = start;
        return { team: t, rank: t.principalRank, start };
      }
      return null;
    }
    const t = r.pick(f.teams);
    if (p.teams.has(t.id)) return null;
    const end = sx - r.int(0, 90);
    const start = Math.max(min, end - r.int(y2d(2), y2d(6)));
    if (end - start < 365) return null;
    this.tenure(p, t, r.pick(t.deputyTitles), false, this.deputyDomains(t), t.deputyRank, start, end);
    return { team: t, rank: t.deputyRank, start };
  }

  // ---- people of the past, and 职级 cadres ----

  /** A former holder of a post: retired, stepped back (退出现职 / 改任职级) or moved away (调出). */
  private formerHolder(t: TeamInfo, principal: boolean, start: number, end: number): Person | null {
    const r = this.rng;
    const rank = principal ? t.principalRank : t.deputyRank;
    const endY = yearOf(end);
    // What became of them: retired (only possible for recent ends: births start in 1962), stepped back
    // from leadership (退出现职 / 改任职级 while still employed), or moved out of the jurisdiction (调出).
    const wanted = r.weighted<CadreStatus>(endY >= 2022
      ? [['退休', 35], ['退出现职', 20], ['在职', 30], ['调出', 15]]
      : [['退出现职', 15], ['在职', 55], ['调出', 30]]);
    const order: CadreStatus[] = [wanted, '退出现职', '在职', '调出'];
    let status: CadreStatus = '调出';
    let by = 0;
    for (const st of order) {
      if (st === '退休') {
        by = endY - 60 + r.int(0, 1);
        if (by >= 1962 && by <= this.asOfYear - 60) { status = st; break; }
      } else if (st === '退出现职') {
        by = endY - r.int(54, 58);
        if (by >= Math.max(1962, this.asOfYear - 59)) { status = st; break; }
      } else if (st === '在职') {
        const lo = Math.max(1962, this.asOfYear - 58);
        const hi = Math.min(endY - 40, yearOf(start) - 28);
        if (hi >= lo) { by = r.int(lo, hi); status = st; break; }
      } else break;
    }
    if (status === '调出') by = this.birthYearFor(rank, yearOf(start), false);
    if (yearOf(start) - by < 26) return null;
    const cadreRank = status === '退休' || status === '调出' ? rank : RANK_AFTER[rank];
    const femaleP = principal ? 0.13 : 0.27;
    const p = this.newPerson({
      orgId: t.orgId, place: this.place(t), gender: r.chance(femaleP) ? '女' : '男', by, rank: cadreRank, status,
      nonParty: !principal && r.chance(0.03), firstStart: start,
    });
    if (start < this.minStart(p)) {
      // Education pushed the first job late: keep the person, shorten nothing — just start the post later.
      start = this.minStart(p);
      if (end - start < 180) {
        this.cadres.pop();
        return null;
      }
    }
    this.tenure(p, t, principal ? t.principalTitle : r.pick(t.deputyTitles), principal, principal ? ['全面工作'] : this.deputyDomains(t), rank, start, end);
    if (principal) t.chainStart = start;
    if (r.chance(0.3)) this.prior(p, t, rank, start);
    return p;
  }

  /** Predecessors of today's principals, chained back in time. */
  predecessors(budget: number): number {
    const r = this.rng;
    const order = r.shuffle([...this.s.teamInfos]);
    let made = 0;
    for (let pass = 0; pass < 3 && made < budget; pass++) {
      for (const t of order) {
        if (made >= budget) break;
        if (!r.chance(0.55)) continue;
        const end = t.chainStart;
        const start = end - r.int(y2d(2), y2d(7));
        if (start < dayOf('2008-01-01')) continue;
        if (this.formerHolder(t, true, start, end)) made++;
      }
    }
    return made;
  }

  /** Former deputies. */
  formerDeputies(budget: number): number {
    const r = this.rng;
    let made = 0;
    for (let tries = 0; made < budget && tries < budget * 3; tries++) {
      const t = r.pick(this.s.teamInfos);
      const end = r.int(dayOf('2014-01-01'), this.asOf - 30);
      const start = Math.max(dayOf('2008-01-01'), end - r.int(y2d(2), y2d(6)));
      if (this.formerHolder(t, false, start, end)) made++;
    }
    return made;
  }

  /** 职级 cadres (调研员、主任科员) without a leadership post. */
  plain(n: number): void {
    const r = this.rng;
    const pool = this.s.teamInfos.filter((t) => !t.tier.endsWith('Top'));
    for (let i = 0; i < n; i++) {
      const t = r.pick(pool);
      const rank = r.weighted(PLAIN_RANKS);
      const senior = rank.endsWith('调研员');
      const by = r.int(Math.max(1962, this.asOfYear - 58), senior ? 1985 : 1992);
      this.newPerson({
        orgId: t.orgId, place: this.place(t), gender: r.chance(0.35) ? '女' : '男', by, rank, status: '在职',
        nonParty: r.chance(0.05), firstStart: Math.min(this.asOf, dayOfYmd(by + 30, 1, 1)),
      });
    }
  }

  /** 1–2% of today's 一把手 also directly in charge of a 不直接分管 domain: data for the 分管违规 rule. */
  violations(): number {
    const r = this.rng;
    const principals = this.tenures.filter((t) => t.isPrincipal && t.endDate === null);
    const n = Math.max(1, Math.round(principals.length * 0.015));
    for (const t of r.sample(principals, n)) {
      const d = r.weighted<string>(NOT_DIRECTLY_IN_CHARGE.map((x, i) => [x, [45, 30, 15, 10][i]!] as const));
      t.domains = [...t.domains, d];
    }
    return n;
  }
}

