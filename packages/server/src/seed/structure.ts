/**
 * The organisation of the fictional place: cities (青川市 first), their counties, units, teams and the
 * posts of every team (who sits where, with which concurrent posts). Pure: everything comes from `rng`.
 */
import type { OrgLevel, OrgType } from '@jiandu/domain';
import {
  CITY_UNITS, COUNTY_UNITS, DEPARTMENTS, DEPT_DOMAINS, GOV_DOMAINS, TOWN_DOMAINS, fill, numberedUnit, type UnitDef,
} from './catalog.ts';
import {
  OTHER_CITIES, PLACE_FIRST, PLACE_SECOND, QINGCHUAN_COUNTIES, STREET_NAMES, TOWN_FIRST, TOWN_SECOND,
} from './names.ts';
import { Rng } from './rng.ts';
import type { SeedCity, SeedOrg, SeedOrgLevel, SeedProvince, SeedTeam } from './types.ts';

export type Rank = '正厅级' | '副厅级' | '正处级' | '副处级' | '正科级' | '副科级';
export type Tier = 'cityTop' | 'cityCore' | 'cityDept' | 'cityUnit' | 'countyTop' | 'countyCore' | 'countyDept' | 'countyUnit' | 'town';
export type Ethnic = '彝族' | '藏族' | null;

export interface TeamInfo {
  id: string;
  orgId: string;
  regionCode: string;
  tier: Tier;
  cityIdx: number;
  /** -1 for city-level teams. */
  countyIdx: number;
  principalTitle: string;
  principalRank: Rank;
  deputyTitles: string[];
  deputyRank: Rank;
  ethnic: Ethnic;
  /** Start day of the earliest principal tenure known so far (history is added before it). */
  chainStart: number;
}

export interface PostSpec {
  team: TeamInfo;
  title: string;
  principal: boolean;
  domains: string[];
  rank: Rank;
}

export interface PersonSpec {
  posts: PostSpec[];
  /** Index of the post whose org becomes the cadre's 工作单位. */
  home: number;
  femaleP: number;
  nonPartyP: number;
}

export interface PlaceInfo {
  cityIdx: number;
  countyIdx: number;
  name: string;
  /** 籍贯 form of the place, e.g. 青川东平. */
  native: string;
  regionCode: string;
  ethnic: Ethnic;
}

export interface Structure {
  orgs: SeedOrg[];
  teams: SeedTeam[];
  teamInfos: TeamInfo[];
  persons: PersonSpec[];
  cities: SeedCity[];
  /** The province above the cities (more than one city), else null. */
  province: SeedProvince | null;
  /** Per city: the city itself first, then its counties. */
  places: PlaceInfo[][];
  orgTeam: Map<string, TeamInfo>;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

interface LevelRanks { top: Rank; vice: Rank; dept: Rank; deptDep: Rank }
const CITY_RANKS: LevelRanks = { top: '正厅级', vice: '副厅级', dept: '正处级', deptDep: '副处级' };
const COUNTY_RANKS: LevelRanks = { top: '正处级', vice: '副处级', dept: '正科级', deptDep: '副科级' };

/** How many cities, counties and teams a given number of cadres calls for (≈10.3 cadres per team). */
export function planScale(cadres: number): { cities: Array<{ cadres: number; cityLevel: number; counties: number }> } {
  const c = cadres < 20_250 ? 1 : clamp(Math.round(cadres / 13_500), 2, 1 + OTHER_CITIES.length);
  const out = [];
  for (let i = 0; i < c; i++) {
    const nc = Math.floor(cadres / c) + (i < cadres % c ? 1 : 0);
    const tc = nc / 10.3;
    const counties = c === 1 ? clamp(Math.round(nc / 250), 2, 12) : clamp(Math.round(nc / 1333), 6, 14);
    out.push({ cadres: nc, cityLevel: clamp(Math.round(tc * 0.19), 14, 95), counties });
  }
  return { cities: out };
}

class Builder {
  readonly orgs: SeedOrg[] = [];
  readonly teams: SeedTeam[] = [];
  readonly teamInfos: TeamInfo[] = [];
  readonly persons: PersonSpec[] = [];
  readonly orgTeam = new Map<string, TeamInfo>();
  private readonly sortCounters = new Map<string, number>();

  constructor(readonly rng: Rng) {}

  org(parent: SeedOrg | null, name: string, shortName: string, type: OrgType, level: SeedOrgLevel, regionCode: string, flags: Record<string, boolean> = {}, rng: Rng = this.rng): SeedOrg {
    const id = rng.uuid();
    const key = parent?.id ?? '';
    const sortOrder = (this.sortCounters.get(key) ?? 0) + 1;
    this.sortCounters.set(key, sortOrder);
    const o: SeedOrg = {
      id, parentId: parent?.id ?? null, path: `${parent ? parent.path : '/'}${id}/`, name, shortName, type, level,
      managedBy: null, regionCode, flags, sortOrder,
    };
    this.orgs.push(o);
    return o;
  }

  team(o: SeedOrg, tier: Tier, cityIdx: number, countyIdx: number, ethnic: Ethnic, principalTitle: string, principalRank: Rank, deputyTitles: string[], deputyRank: Rank): TeamInfo {
    const id = this.rng.uuid();
    this.teams.push({ id, orgId: o.id, name: `${o.name}领导班子` });
    const info: TeamInfo = {
      id, orgId: o.id, regionCode: o.regionCode, tier, cityIdx, countyIdx, principalTitle, principalRank, deputyTitles,
      deputyRank, ethnic, chainStart: Number.POSITIVE_INFINITY,
    };
    this.teamInfos.push(info);
    this.orgTeam.set(o.id, info);
    return info;
  }

  person(posts: PostSpec[], femaleP: number, nonPartyP = 0, home = 0): PersonSpec {
    const p: PersonSpec = { posts, home, femaleP, nonPartyP };
    this.persons.push(p);
    return p;
  }

  /** Domain lists for `n` deputies: distinct picks spread over the pool. */
  domainsFor(pool: readonly string[], n: number, per: [number, number]): string[][] {
    const shuffled = this.rng.sample(pool, pool.length);
    let at = 0;
    const out: string[][] = [];
    for (let i = 0; i < n; i++) {
      const k = this.rng.int(per[0], per[1]);
      const ds: string[] = [];
      for (let j = 0; j < k; j++) ds.push(shuffled[at++ % shuffled.length]!);
      out.push([...new Set(ds)]);
    }
    return out;
  }
}

interface Place {
  stem: string;
  k: '市' | '县' | '区';
  gov: '市长' | '县长' | '区长';
  cityIdx: number;
  countyIdx: number;
  ethnic: Ethnic;
  regionCode: string;
  /** 偏远: its 乡 are candidates for the 艰苦边远 flag. */
  remote?: boolean;
}

/** A unit (department, enterprise, school …) with its team and posts. */
function unit(b: Builder, parent: SeedOrg, def: UnitDef, place: Place, level: 'city' | 'county', head?: PersonSpec): TeamInfo {
  const r = level === 'city' ? CITY_RANKS : COUNTY_RANKS;
  const o = b.org(parent, fill(def.name, place.stem, place.k), fill(def.short, place.stem, place.k), def.type, level === 'city' ? '市级' : '县级', place.regionCode);
  const tier: Tier = level === 'city'
    ? (def.type === '党委部门' || def.type === '政府部门' || def.type === '群团组织' ? 'cityDept' : 'cityUnit')
    : (def.type === '党委部门' || def.type === '政府部门' || def.type === '群团组织' ? 'countyDept' : 'countyUnit');
  // A department headed by a standing-committee member (组织部部长 …) carries that member's rank.
  const headRank = head ? head.posts[0]!.rank : r.dept;
  const t = b.team(o, tier, place.cityIdx, place.countyIdx, place.ethnic, def.head, headRank, [def.deputy], r.deptDep);
  const headPost: PostSpec = { team: t, title: def.head, principal: true, domains: ['全面工作'], rank: headRank };
  if (head) {
    head.posts.unshift(headPost);
    head.home = 0;
  } else {
    b.person([headPost], def.femaleHead ?? 0.13);
  }
  if (def.second) b.person([{ team: t, title: def.second, principal: false, domains: ['财务', '后勤'].slice(0, b.rng.int(1, 2)), rank: r.deptDep }], 0.2);
  const n = b.rng.int(def.deputies[0], def.deputies[1]);
  for (const domains of b.domainsFor(DEPT_DOMAINS, n, [1, 2])) {
    b.person([{ team: t, title: def.deputy, principal: false, domains, rank: r.deptDep }], 0.28, 0.03);
  }
  return t;
}

/** The 四套班子, 纪委监委 and 两院 of a city or county, with the standing committee's concurrent posts. */
function leadership(b: Builder, root: SeedOrg, place: Place, level: 'city' | 'county', deptCount: number, unitCount: number, towns: number): { orgDept: SeedOrg } {
  const r = level === 'city' ? CITY_RANKS : COUNTY_RANKS;
  const lv: OrgLevel = level === 'city' ? '市级' : '县级';
  const { stem, k, gov } = place;
  const K = k;
  const committee = b.team(root, level === 'city' ? 'cityTop' : 'countyTop', place.cityIdx, place.countyIdx, place.ethnic, `${K}委书记`, r.top, [`${K}委常委`], r.vice);
  const core = (name: string, short: string, type: OrgType, tier: 'Top' | 'Core', head: string, headRank: Rank, deputy: string, deputyRank: Rank) => {
    const o = b.org(root, `${stem}${K}${name}`, `${K}${short}`, type, lv, place.regionCode);
    return b.team(o, (level === 'city' ? `city${tier}` : `county${tier}`) as Tier, place.cityIdx, place.countyIdx, place.ethnic, head, headRank, [deputy], deputyRank);
  };
  const npc = core('人大常委会', '人大', '人大', 'Top', '主任', r.top, '副主任', r.vice);
  const govTeam = core('人民政府', '政府', '政府', 'Top', gov, r.top, `副${gov}`, r.vice);
  const cppcc = core('政协', '政协', '政协', 'Top', '主席', r.top, '副主席', r.vice);
  const disc = core('纪委监委', '纪委监委', '纪委监委', 'Core', `${K}纪委书记、${K}监委主任`, r.vice, `${K}纪委副书记、${K}监委副主任`, r.dept);
  const court = core(level === 'city' ? '中级人民法院' : '人民法院', level === 'city' ? '中院' : '法院', '法院', 'Core', '院长', r.vice, '副院长', r.dept);
  const procur = core('人民检察院', '检察院', '检察院', 'Core', '检察长', r.vice, '副检察长', r.dept);
  const govOrg = b.orgs.find((o) => o.id === govTeam.orgId)!;

  const post = (team: TeamInfo, title: string, principal: boolean, domains: string[], rank: Rank): PostSpec => ({ team, title, principal, domains, rank });
  // Standing committee and its concurrent posts.
  b.person([post(committee, `${K}委书记`, true, ['全面工作'], r.top)], 0.08);
  b.person([post(govTeam, gov, true, ['全面工作'], r.top), post(committee, `${K}委副书记`, false, ['政府全面工作'], r.top)], 0.12);
  b.person([post(committee, `${K}委副书记`, false, ['党建'], r.vice)], 0.2);
  b.person([post(disc, `${K}纪委书记、${K}监委主任`, true, ['全面工作'], r.vice), post(committee, `${K}委常委、${K}纪委书记`, false, ['纪检'], r.vice)], 0.15);
  const members: Record<string, PersonSpec> = {
    org: b.person([post(committee, `${K}委常委、组织部部长`, false, ['组织'], r.vice)], 0.15),
    prop: b.person([post(committee, `${K}委常委、宣传部部长`, false, ['宣传'], r.vice)], 0.3),
    pl: b.person([post(committee, `${K}委常委、政法委书记`, false, ['政法'], r.vice)], 0.08),
    uf: b.person([post(committee, `${K}委常委、统战部部长`, false, ['统战'], r.vice)], 0.3),
    office: b.person([post(committee, level === 'city' ? `${K}委常委、秘书长` : `${K}委常委、办公室主任`, false, ['后勤'], r.vice)], 0.2),
  };
  const govDomains = b.domainsFor(GOV_DOMAINS.filter((x) => x !== '物资采购'), 8, [2, 3]);
  b.person([post(govTeam, `常务副${gov}`, false, ['财务', '发展改革', '行政审批'], r.vice), post(committee, `${K}委常委、常务副${gov}`, false, ['发展改革'], r.vice)], 0.1);
  if (b.rng.chance(0.6)) b.person([post(govTeam, `副${gov}`, false, govDomains[0]!, r.vice), post(committee, `${K}委常委、副${gov}`, false, govDomains[0]!, r.vice)], 0.15);
  const govDeputies = level === 'city' ? b.rng.int(3, 5) : b.rng.int(2, 4);
  const nonPartySlot = b.rng.chance(0.5) ? b.rng.int(0, govDeputies - 1) : -1;
  for (let i = 0; i < govDeputies; i++) {
    b.person([post(govTeam, `副${gov}`, false, govDomains[1 + i]!, r.vice)], 0.25, i === nonPartySlot ? 1 : 0.02);
  }
  if (level === 'city') b.person([post(govTeam, '秘书长', false, ['后勤'], r.dept)], 0.2);
  b.person([post(npc, '主任', true, ['全面工作'], r.top)], 0.1);
  for (let i = level === 'city' ? b.rng.int(3, 4) : b.rng.int(2, 3); i > 0; i--) b.person([post(npc, '副主任', false, [], r.vice)], 0.25, 0.15);
  b.person([post(cppcc, '主席', true, ['全面工作'], r.top)], 0.12);
  for (let i = level === 'city' ? b.rng.int(3, 4) : b.rng.int(2, 3); i > 0; i--) b.person([post(cppcc, '副主席', false, [], r.vice)], 0.3, 0.45);
  for (let i = b.rng.int(2, 3); i > 0; i--) b.person([post(disc, `${K}纪委副书记、${K}监委副主任`, false, ['纪检'], r.dept)], 0.25);
  b.person([post(court, '院长', true, ['全面工作'], r.vice)], 0.15);
  for (let i = b.rng.int(2, 3); i > 0; i--) b.person([post(court, '副院长', false, [], r.dept)], 0.3);
  b.person([post(procur, '检察长', true, ['全面工作'], r.vice)], 0.15);
  for (let i = b.rng.int(2, 3); i > 0; i--) b.person([post(procur, '副检察长', false, [], r.dept)], 0.3);

  // Departments: party ones under the committee, government ones under the government.
  const defs = DEPARTMENTS.filter((d) => d.only !== (level === 'city' ? 'county' : 'city'));
  let orgDept: SeedOrg | null = null;
  for (let i = 0; i < Math.min(deptCount, defs.length); i++) {
    const def = defs[i]!;
    const parent = def.type === '政府部门' ? govOrg : root;
    const head = def.key ? members[def.key] : undefined;
    const t = unit(b, parent, def, place, level, head);
    if (def.key === 'org') orgDept = b.orgs.find((o) => o.id === t.orgId)!;
  }
  // Enterprises, schools, hospitals (and numbered ones when the lists run out).
  const unitDefs = level === 'city' ? CITY_UNITS : COUNTY_UNITS;
  const extra = unitCount + Math.max(0, deptCount - defs.length);
  for (let i = 0; i < extra; i++) unit(b, govOrg, unitDefs[i] ?? numberedUnit(i - unitDefs.length + 2), place, level);
  if (towns > 0) townships(b, root, place, towns);
  return { orgDept: orgDept! };
}

function townships(b: Builder, countyRoot: SeedOrg, place: Place, n: number): void {
  const used = new Set<string>();
  const district = place.k === '区';
  let streetAt = 0;
  for (let i = 0; i < n; i++) {
    const kind: '街道' | '镇' | '乡' = district ? (b.rng.chance(0.6) ? '街道' : '镇') : (b.rng.chance(0.55) ? '镇' : '乡');
    let base = '';
    if (kind === '街道' && streetAt < STREET_NAMES.length) base = STREET_NAMES[streetAt++]!;
    while (!base || used.has(base)) base = b.rng.pick(TOWN_FIRST) + b.rng.pick(TOWN_SECOND);
    used.add(base);
    const short = `${base}${kind}`;
    const hardship = kind === '乡' && (place.remote ? b.rng.chance(0.45) : b.rng.chance(0.04));
    const o = b.org(countyRoot, `${place.stem}${place.k}${short}`, short, kind === '街道' ? '街道' : '乡镇', '乡级', place.regionCode, hardship ? { hardship: true } : {});
    const head = kind === '街道' ? '党工委书记' : '党委书记';
    const t = b.team(o, 'town', place.cityIdx, place.countyIdx, place.ethnic, head, '正科级',
      kind === '街道' ? ['办事处副主任'] : [`党委委员、副${kind}长`], '副科级');
    const p = (title: string, principal: boolean, domains: string[], rank: Rank, femaleP: number) =>
      b.person([{ team: t, title, principal, domains, rank }], femaleP, 0.01);
    p(head, true, ['全面工作'], '正科级', 0.14);
    if (kind === '街道') {
      p('党工委副书记、办事处主任', false, ['财务', '招商引资'], '正科级', 0.25);
      if (b.rng.chance(0.5)) p('党工委副书记', false, ['党建'], '副科级', 0.3);
      if (b.rng.chance(0.8)) p('纪工委书记', false, ['纪检'], '副科级', 0.3);
      for (const ds of b.domainsFor(TOWN_DOMAINS, b.rng.int(1, 3), [1, 2])) p('办事处副主任', false, ds, '副科级', 0.3);
    } else {
      p(`党委副书记、${kind}长`, false, ['财务', '招商引资'], '正科级', 0.2);
      if (b.rng.chance(0.6)) p('党委副书记', false, ['党建'], '副科级', 0.3);
      if (kind === '镇' && b.rng.chance(0.5)) p('人大主席', false, [], '正科级', 0.2);
      if (b.rng.chance(0.9)) p('纪委书记', false, ['纪检'], '副科级', 0.3);
      for (const ds of b.domainsFor(TOWN_DOMAINS, b.rng.int(1, 3), [1, 2])) p(`党委委员、副${kind}长`, false, ds, '副科级', 0.25);
      if (b.rng.chance(0.4)) p('党委委员、组织委员', false, ['组织', '人事'], '副科级', 0.4);
      if (b.rng.chance(0.3)) p('党委委员、武装部部长', false, ['应急管理'], '副科级', 0.02);
    }
  }
}

function countyNames(rng: Rng, cityIdx: number, n: number, used: Set<string>) {
  const out: Array<{ name: string; short: string; kind: '区' | '县'; ethnic?: '彝族' | '藏族' }> = cityIdx === 0
    ? QINGCHUAN_COUNTIES.slice(0, n).map((c) => ({ ...c }))
    : [];
  const districts = Math.min(3, Math.max(1, Math.round(n / 4)));
  for (let i = out.length; i < n; i++) {
    let short = '';
    while (!short || used.has(short)) short = rng.pick(PLACE_FIRST) + rng.pick(PLACE_SECOND);
    used.add(short);
    const kind = i < districts ? '区' : '县';
    const ethnic = kind === '县' && rng.chance(0.1) ? rng.pick(['彝族', '藏族'] as const) : undefined;
    out.push({ name: ethnic ? `${short}${ethnic}自治县` : `${short}${kind}`, short, kind, ...(ethnic ? { ethnic } : {}) });
  }
  return out;
}

/** The province's name, region code and the departments under its 省委 (orgs only: no team, no cadre of its own). */
export const PROVINCE = { name: '青岭省', regionCode: '510000' } as const;
const PROVINCE_DEPARTMENTS: ReadonlyArray<readonly [string, string, OrgType]> = [
  ['省委办公厅', '省委办', '党委部门'], ['省委组织部', '省委组织部', '党委部门'], ['省委宣传部', '省委宣传部', '党委部门'],
  ['省委统战部', '省委统战部', '党委部门'], ['省委政法委员会', '省委政法委', '党委部门'], ['省纪委监委', '省纪委监委', '纪委监委'],
  ['省人民政府', '省政府', '政府'],
];

/**
 * More than one city (≥ 20,250 cadres): 青岭省委 and its departments above the city roots, so one scope covers
 * every cadre. Its ids come from a generator of their own: the draws of the cities and everything below
 * them are the same as without the province.
 */
function provinceRoot(b: Builder, seed: number): { root: SeedOrg; province: SeedProvince } {
  const prng = new Rng((seed ^ 0x5100_0000) >>> 0);
  const root = b.org(null, `${PROVINCE.name}委`, '省委', '党委', '省级', PROVINCE.regionCode, {}, prng);
  const depts = PROVINCE_DEPARTMENTS.map(([name, short, type]) => b.org(root, `${PROVINCE.name.slice(0, -1)}${name}`, short, type, '省级', PROVINCE.regionCode, {}, prng));
  const orgDept = depts[1]!;
  for (const o of [root, ...depts]) o.managedBy = orgDept.id;
  return { root, province: { rootId: root.id, name: PROVINCE.name, regionCode: PROVINCE.regionCode, orgDeptId: orgDept.id } };
}

export function buildStructure(rng: Rng, cadres: number, seed = 0): Structure {
  const b = new Builder(rng);
  const plan = planScale(cadres);
  const top = plan.cities.length > 1 ? provinceRoot(b, seed) : null;
  const cities: SeedCity[] = [];
  const places: PlaceInfo[][] = [];
  const usedCounty = new Set<string>(QINGCHUAN_COUNTIES.map((c) => c.short));
  plan.cities.forEach((cp, ci) => {
    const cityName = ci === 0 ? '青川' : OTHER_CITIES[ci - 1]!;
    const prefix = String(5199 - ci);
    const cityPlace: Place = { stem: cityName, k: '市', gov: '市长', cityIdx: ci, countyIdx: -1, ethnic: null, regionCode: `${prefix}00` };
    const root = b.org(top?.root ?? null, `${cityName}市委`, '市委', '党委', '市级', cityPlace.regionCode);
    const units = cp.cityLevel >= 30 ? Math.max(4, Math.round((cp.cityLevel - 7) * 0.16)) : 1;
    const firstCityOrg = b.orgs.length - 1;
    const { orgDept } = leadership(b, root, cityPlace, 'city', cp.cityLevel - 7 - units, units, 0);
    for (let i = firstCityOrg; i < b.orgs.length; i++) b.orgs[i]!.managedBy = orgDept.id;
    const city: SeedCity = { rootId: root.id, name: `${cityName}市`, regionCode: cityPlace.regionCode, orgDeptId: orgDept.id, counties: [] };
    const cityPlaces: PlaceInfo[] = [{ cityIdx: ci, countyIdx: -1, name: `${cityName}市`, native: `${cityName}`, regionCode: cityPlace.regionCode, ethnic: null }];

    const tc = cp.cadres / 10.3;
    const countyTotal = Math.max(cp.counties * 9, tc - cp.cityLevel);
    const weights = Array.from({ length: cp.counties }, () => 0.75 + rng.next() * 0.5);
    const wsum = weights.reduce((a, x) => a + x, 0);
    const names = countyNames(rng, ci, cp.counties, usedCounty);
    let districtNo = 2;
    let countyNo = 21;
    names.forEach((cn, ki) => {
      const tk = Math.max(9, Math.round((countyTotal * weights[ki]!) / wsum));
      const code = `${prefix}${String(cn.kind === '区' ? districtNo++ : countyNo++).padStart(2, '0')}`;
      const stem = cn.name.slice(0, -1);
      const k = cn.kind;
      const ethnic: Ethnic = cn.ethnic ?? null;
      const place = {
        stem, k, gov: k === '区' ? '区长' as const : '县长' as const, cityIdx: ci, countyIdx: ki, ethnic, regionCode: code,
        remote: k === '县' && (ethnic !== null || ki >= Math.floor(cp.counties * 0.6)),
      };
      const croot = b.org(root, `${cn.short}${k}委`, `${cn.short}${k}委`, '党委', '县级', code);
      const firstCountyOrg = b.orgs.length - 1;
      const rest = tk - 7;
      const d = clamp(Math.round(rest * 0.4), 1, 60);
      const t = clamp(Math.round(rest * 0.45), 1, 45);
      const u = Math.max(0, rest - d - t);
      const before = b.orgs.length;
      const { orgDept: countyOrgDept } = leadership(b, croot, place, 'county', d, u, t);
      // 市管: the county's top teams (县委 and the six core units); the rest: 县委组织部.
      const coreEnd = before + 6;
      for (let i = firstCountyOrg; i < b.orgs.length; i++) b.orgs[i]!.managedBy = i < coreEnd ? orgDept.id : countyOrgDept.id;
      city.counties.push({ orgId: croot.id, name: cn.name, regionCode: code, orgDeptId: countyOrgDept.id });
      cityPlaces.push({ cityIdx: ci, countyIdx: ki, name: cn.name, native: `${cityName}${cn.short}`, regionCode: code, ethnic });
    });
    cities.push(city);
    places.push(cityPlaces);
  });
  ensureHardship(b);
  return { orgs: b.orgs, teams: b.teams, teamInfos: b.teamInfos, persons: b.persons, cities, province: top?.province ?? null, places, orgTeam: b.orgTeam };
}

/** At least one 艰苦边远 township even in a tiny place. */
function ensureHardship(b: Builder): void {
  if (b.orgs.some((o) => o.flags.hardship)) return;
  const towns = b.orgs.filter((o) => o.level === '乡级');
  const last = towns[towns.length - 1];
  if (last) last.flags = { hardship: true };
}
