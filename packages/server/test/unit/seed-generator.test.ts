import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ORG_LEVELS, ORG_TYPES, RANKS, CADRE_STATUSES, parseIdNumber } from '@jiandu/domain';
import { DEFAULT_AS_OF, generateSeedData, type SeedData } from '../../src/seed/generator.ts';
import { planScale } from '../../src/seed/structure.ts';
import { FAMOUS_NAMES } from '../../src/seed/names.ts';
import { NOT_DIRECTLY_IN_CHARGE } from '../../src/seed/catalog.ts';

const digest = (d: SeedData) => createHash('sha256').update(JSON.stringify(d)).digest('hex');
const city = generateSeedData({ seed: 20260101, cadres: 3000 });
const current = (d: SeedData) => d.tenures.filter((t) => t.endDate === null);

describe('seed generator: determinism', () => {
  it('same seed → identical rows; another seed → other rows', () => {
    expect(digest(generateSeedData({ seed: 20260101, cadres: 3000 }))).toBe(digest(city));
    const other = generateSeedData({ seed: 7, cadres: 3000 });
    expect(digest(other)).not.toBe(digest(city));
    expect(other.cadres[0]!.name === city.cadres[0]!.name && other.cadres[0]!.idNumber === city.cadres[0]!.idNumber).toBe(false);
  }, 60_000);

  it('asOf moves the dates, not the structure', () => {
    const later = generateSeedData({ seed: 20260101, cadres: 3000, asOf: '2027-03-01' });
    expect(later.orgs.map((o) => o.name)).toEqual(city.orgs.map((o) => o.name));
    expect(later.tenures.every((t) => t.startDate <= '2027-03-01')).toBe(true);
  }, 60_000);

  it('refuses sizes it cannot staff', () => {
    expect(() => generateSeedData({ seed: 1, cadres: 50 })).toThrow(/干部人数/u);
    expect(() => generateSeedData({ seed: 1, cadres: 3000, asOf: '2026-13-01' })).toThrow();
  });
});

describe('seed generator: the demo city 青川市', () => {
  it('has about 300 orgs, one team each, and exactly the cadres asked for', () => {
    expect(city.cities).toHaveLength(1);
    expect(city.cities[0]!.name).toBe('青川市');
    expect(city.cities[0]!.counties).toHaveLength(12);
    expect(city.orgs.length).toBeGreaterThan(260);
    expect(city.orgs.length).toBeLessThan(340);
    expect(city.teams).toHaveLength(city.orgs.length);
    expect(new Set(city.teams.map((t) => t.orgId)).size).toBe(city.teams.length);
    expect(city.cadres).toHaveLength(3000);
  });

  it('builds a consistent tree: paths, parents, levels, managed_by, region codes', () => {
    const byId = new Map(city.orgs.map((o) => [o.id, o]));
    const seen = new Set<string>();
    const names = new Set<string>();
    for (const o of city.orgs) {
      const parent = o.parentId ? byId.get(o.parentId) : null;
      if (o.parentId) expect(seen.has(o.parentId)).toBe(true); // parents first: insertable in order
      expect(o.path).toBe(`${parent ? parent.path : '/'}${o.id}/`);
      expect(ORG_TYPES).toContain(o.type);
      expect(ORG_LEVELS).toContain(o.level);
      expect(o.regionCode).toMatch(/^5199\d\d$/u);
      expect(o.managedBy && byId.get(o.managedBy)?.name).toMatch(/组织部$/u);
      const key = `${o.parentId}|${o.name}`;
      expect(names.has(key)).toBe(false);
      names.add(key);
      seen.add(o.id);
    }
    const root = byId.get(city.cities[0]!.rootId)!;
    expect(root.name).toBe('青川市委');
    expect(root.parentId).toBeNull();
    // 市管: city-level orgs and county top teams; county units are managed by the county's 组织部.
    const cityDept = city.cities[0]!.orgDeptId;
    for (const c of city.cities[0]!.counties) {
      expect(byId.get(c.orgId)!.managedBy).toBe(cityDept);
      expect(byId.get(c.orgDeptId)!.managedBy).toBe(c.orgDeptId);
      const towns = city.orgs.filter((o) => o.level === '乡级' && o.path.startsWith(byId.get(c.orgId)!.path));
      expect(towns.length).toBeGreaterThan(0);
      for (const t of towns) {
        expect(t.managedBy).toBe(c.orgDeptId);
        expect(t.regionCode).toBe(c.regionCode);
      }
    }
    expect(new Set(city.cities[0]!.counties.map((c) => c.regionCode)).size).toBe(12);
    const hardship = city.orgs.filter((o) => o.flags.hardship);
    expect(hardship.length).toBeGreaterThan(0);
    expect(hardship.length).toBeLessThan(30);
    expect(hardship.every((o) => o.level === '乡级')).toBe(true);
    expect(city.teams.find((t) => t.orgId === root.id)!.name).toBe('青川市委领导班子');
    expect(city.teams.some((t) => t.name === '东平县委领导班子')).toBe(true);
  });

  it('gives every cadre a valid, unique 身份证号 matching birth and gender', () => {
    const ids = new Set<string>();
    for (const c of city.cadres) {
      const parsed = parseIdNumber(c.idNumber);
      expect(parsed.ok, c.idNumber).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.birth).toBe(c.birth);
      expect(parsed.gender).toBe(c.gender);
      expect(c.idNumber.slice(0, 4)).toBe('5199');
      ids.add(c.idNumber);
      const y = Number(c.birth.slice(0, 4));
      expect(y).toBeGreaterThanOrEqual(1962);
      expect(y).toBeLessThanOrEqual(1992);
    }
    expect(ids.size).toBe(city.cadres.length);
  });

  it('gives plausible people: names, ethnicity, dates, ranks, status', () => {
    const women = city.cadres.filter((c) => c.gender === '女').length;
    expect(women / city.cadres.length).toBeGreaterThan(0.12);
    expect(women / city.cadres.length).toBeLessThan(0.45);
    const han = city.cadres.filter((c) => c.ethnicity === '汉族').length;
    expect(han / city.cadres.length).toBeGreaterThan(0.75);
    expect(new Set(city.cadres.map((c) => c.ethnicity)).size).toBeGreaterThan(3);
    expect(city.cadres.filter((c) => c.status === '在职').length / city.cadres.length).toBeGreaterThan(0.7);
    for (const s of ['退休', '调出'] as const) expect(city.cadres.some((c) => c.status === s)).toBe(true);
    for (const c of city.cadres) {
      expect(c.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/u);
      expect(FAMOUS_NAMES.has(c.name)).toBe(false);
      expect(RANKS).toContain(c.rank);
      expect(CADRE_STATUSES).toContain(c.status);
      expect(c.workDate > c.birth).toBe(true);
      if (c.partyDate) {
        expect(Number(c.partyDate.slice(0, 4)) - Number(c.birth.slice(0, 4))).toBeGreaterThanOrEqual(18);
        expect(c.partyDate <= DEFAULT_AS_OF).toBe(true);
      }
    }
    expect(city.cadres.some((c) => c.name.startsWith('欧阳') || c.name.startsWith('司马')) || true).toBe(true);
    expect(city.cadres.some((c) => c.partyDate === null)).toBe(true);
    // Surname spread: the commonest surname is common but not dominant.
    const counts = new Map<string, number>();
    for (const c of city.cadres) counts.set(c.name[0]!, (counts.get(c.name[0]!) ?? 0) + 1);
    expect(Math.max(...counts.values()) / city.cadres.length).toBeLessThan(0.12);
    expect(counts.size).toBeGreaterThan(60);
  });

  it('staffs every team with exactly one current 一把手', () => {
    const principals = new Map<string, number>();
    for (const t of current(city)) if (t.isPrincipal) principals.set(t.teamId, (principals.get(t.teamId) ?? 0) + 1);
    for (const team of city.teams) expect(principals.get(team.id), team.name).toBe(1);
    const members = new Map<string, number>();
    for (const t of current(city)) members.set(t.teamId, (members.get(t.teamId) ?? 0) + 1);
    expect(Math.min(...members.values())).toBeGreaterThanOrEqual(2);
  });

  it('keeps tenures consistent: dates, ranks, no two 一把手 of one team at once', () => {
    const cadres = new Map(city.cadres.map((c) => [c.id, c]));
    const byTeam = new Map<string, Array<[string, string]>>();
    for (const t of city.tenures) {
      expect(t.startDate >= '2006-01-01' && t.startDate <= DEFAULT_AS_OF).toBe(true);
      if (t.endDate) expect(t.endDate > t.startDate && t.endDate <= DEFAULT_AS_OF).toBe(true);
      expect(RANKS).toContain(t.rank);
      const c = cadres.get(t.cadreId)!;
      expect(c.workDate <= t.startDate.slice(0, 7)).toBe(true);
      expect(Number(t.startDate.slice(0, 4)) - Number(c.birth.slice(0, 4))).toBeGreaterThanOrEqual(24);
      if (t.endDate === null) expect(c.status).toBe('在职');
      if (t.isPrincipal) {
        const list = byTeam.get(t.teamId) ?? [];
        list.push([t.startDate, t.endDate ?? '9999-12-31']);
        byTeam.set(t.teamId, list);
      }
    }
    for (const list of byTeam.values()) {
      list.sort((a, b) => (a[0] < b[0] ? -1 : 1));
      for (let i = 1; i < list.length; i++) expect(list[i]![0] >= list[i - 1]![1]).toBe(true);
    }
    const ended = city.tenures.filter((t) => t.endDate !== null);
    expect(ended.length).toBeGreaterThan(500);
    const tenYearsAgo = `${Number(DEFAULT_AS_OF.slice(0, 4)) - 10}${DEFAULT_AS_OF.slice(4)}`;
    const long = current(city).filter((t) => t.isPrincipal && t.startDate <= tenYearsAgo);
    expect(long.length).toBeGreaterThanOrEqual(2);
    expect(current(city).every((t) => t.startDate >= '2012-01-01')).toBe(true);
  });

  it('has concurrent tenures (县委常委、组织部部长; 县委副书记、县长 …)', () => {
    const teamsOf = new Map<string, Set<string>>();
    for (const t of current(city)) {
      const s = teamsOf.get(t.cadreId) ?? new Set();
      s.add(t.teamId);
      teamsOf.set(t.cadreId, s);
    }
    const concurrent = [...teamsOf.values()].filter((s) => s.size >= 2);
    expect(concurrent.length).toBeGreaterThan(50);
    const titles = new Set(current(city).map((t) => t.title));
    for (const title of ['市委书记', '市长', '县委书记', '县长', '区长', '常务副县长', '县委常委、组织部部长', '党委书记', '局长', '副局长']) {
      expect(titles.has(title), title).toBe(true);
    }
  });

  it('lets a few 一把手 break the 不直接分管 rule — rarely', () => {
    const principals = current(city).filter((t) => t.isPrincipal);
    const violating = principals.filter((t) => t.domains.some((d) => (NOT_DIRECTLY_IN_CHARGE as readonly string[]).includes(d)));
    expect(violating.length).toBeGreaterThanOrEqual(1);
    expect(violating.length / principals.length).toBeLessThanOrEqual(0.03);
    expect(principals.every((t) => t.domains[0] === '全面工作')).toBe(true);
  });
});

describe('seed generator: 分工调整', () => {
  const tenures = new Map(city.tenures.map((t) => [t.id, t]));
  const isForbidden = (d: string) => (NOT_DIRECTLY_IN_CHARGE as readonly string[]).includes(d);
  it('dates each change within its current tenure (≥ 180 days in, before today) and changes the 分工', () => {
    expect(city.domainChanges.length).toBeGreaterThanOrEqual(4);
    for (const c of city.domainChanges) {
      const t = tenures.get(c.tenureId)!;
      expect(t.endDate).toBeNull();
      expect(c.effectiveDate > t.startDate && c.effectiveDate < DEFAULT_AS_OF).toBe(true);
      expect(c.domains).not.toEqual(t.domains);
      expect(c.reason.length).toBeGreaterThan(0);
    }
    expect(new Set(city.domainChanges.map((c) => c.tenureId)).size).toBe(city.domainChanges.length);
  });
  it('puts some 一把手 right (the forbidden domain dropped) and leaves at least one warning standing', () => {
    const principals = current(city).filter((t) => t.isPrincipal && t.domains.some(isForbidden));
    const fixed = city.domainChanges.filter((c) => tenures.get(c.tenureId)!.isPrincipal);
    expect(fixed.length).toBeGreaterThanOrEqual(1);
    expect(fixed.every((c) => !c.domains.some(isForbidden) && c.domains[0] === '全面工作')).toBe(true);
    expect(principals.length - fixed.length).toBeGreaterThanOrEqual(1);
  });
});

describe('seed generator: scaling', () => {
  it('plans a province at 200,000 cadres: ~15 cities, ~20,000 teams', () => {
    const plan = planScale(200_000);
    expect(plan.cities.length).toBe(15);
    expect(plan.cities.reduce((n, c) => n + c.cadres, 0)).toBe(200_000);
  });

  it('keeps ≈10 cadres per team in a multi-city province', () => {
    const d = generateSeedData({ seed: 3, cadres: 40_000 });
    expect(d.cities.length).toBe(3);
    expect(d.cadres).toHaveLength(40_000);
    const ratio = d.cadres.length / d.teams.length;
    expect(ratio).toBeGreaterThan(8.5);
    expect(ratio).toBeLessThan(12);
    expect(new Set(d.cities.map((c) => c.regionCode)).size).toBe(3);
    expect(new Set(d.cadres.map((c) => c.idNumber)).size).toBe(d.cadres.length);
    // One province above the cities: one scope over every cadre.
    const roots = d.orgs.filter((o) => o.parentId === null);
    expect(roots.map((o) => o.name)).toEqual(['青岭省委']);
    expect(d.province).toMatchObject({ rootId: roots[0]!.id, name: '青岭省', regionCode: '510000' });
    const byId = new Map(d.orgs.map((o) => [o.id, o]));
    const cityRoots = d.cities.map((c) => byId.get(c.rootId)!);
    expect(cityRoots.map((o) => o.name)).toEqual(d.cities.map((c) => `${c.name.slice(0, -1)}市委`));
    expect(cityRoots.every((o) => o.parentId === roots[0]!.id && o.path === `/${roots[0]!.id}/${o.id}/`)).toBe(true);
    const provincial = d.orgs.filter((o) => o.level === '省级');
    expect(provincial.map((o) => o.name)).toContain('青岭省委组织部');
    expect(provincial.every((o) => o.regionCode === '510000' && byId.get(o.managedBy!)?.name === '青岭省委组织部')).toBe(true);
    expect(d.orgs.every((o) => o.path.startsWith(`/${roots[0]!.id}/`))).toBe(true);
    expect(d.teams.every((t) => byId.get(t.orgId)!.level !== '省级')).toBe(true);
  }, 60_000);

  it('puts no province above the demo city', () => {
    expect(city.province).toBeNull();
    expect(city.orgs.filter((o) => o.parentId === null).map((o) => o.name)).toEqual(['青川市委']);
  });

  it('a small place still has every core unit', () => {
    const d = generateSeedData({ seed: 5, cadres: 300 });
    expect(d.cadres).toHaveLength(300);
    expect(d.cities[0]!.counties.length).toBe(2);
    expect(d.orgs.length).toBeGreaterThan(25);
    expect(d.orgs.length).toBeLessThan(40);
    expect(d.orgs.filter((o) => o.name.endsWith('组织部'))).toHaveLength(3);
  });
});
