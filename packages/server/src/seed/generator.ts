/**
 * The demo / scale data generator: a pure, deterministic function of (seed, number of cadres, asOf).
 * 3,000 cadres make the fictional city 青川市 (≈300 orgs, 12 区县); larger numbers make a province of
 * such cities (≈13,500 cadres per city, ≈10 cadres per team). Same options → identical rows.
 */
import { Rng, dayOf } from './rng.ts';
import { seedDomainChanges } from './domain-changes.ts';
import { People } from './people.ts';
import { buildStructure } from './structure.ts';
import type { SeedData, SeedOptions } from './types.ts';

export const DEFAULT_SEED = 20260101;
export const DEFAULT_CADRES = 3000;
export const DEFAULT_AS_OF = '2026-06-30';
export const MIN_CADRES = 200;
export const MAX_CADRES = 2_000_000;

export function generateSeedData(opts: SeedOptions): SeedData {
  const asOf = opts.asOf ?? DEFAULT_AS_OF;
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(asOf) || Number.isNaN(dayOf(asOf))) throw new Error(`日期格式应为 YYYY-MM-DD：${asOf}`);
  if (!Number.isInteger(opts.cadres) || opts.cadres < MIN_CADRES || opts.cadres > MAX_CADRES) {
    throw new Error(`干部人数应为 ${MIN_CADRES}–${MAX_CADRES} 之间的整数`);
  }
  const rng = new Rng(opts.seed);
  const structure = buildStructure(rng, opts.cadres, opts.seed);
  const people = new People(rng, structure, dayOf(asOf));
  const current = people.current();
  if (people.cadres.length > opts.cadres) {
    throw new Error(`规模过小：${opts.cadres} 名干部不够配备 ${structure.teams.length} 个领导班子`);
  }
  people.careers(current);
  const budget = opts.cadres - people.cadres.length;
  const chain = people.predecessors(Math.round(budget * 0.38));
  const deputies = people.formerDeputies(Math.round(budget * 0.22));
  people.plain(budget - chain - deputies);
  people.violations();
  return {
    seed: opts.seed,
    asOf,
    cities: structure.cities,
    province: structure.province,
    orgs: structure.orgs,
    teams: structure.teams,
    cadres: people.cadres,
    tenures: people.tenures,
    domainChanges: seedDomainChanges(opts.seed, people.tenures, asOf),
  };
}

export type { SeedCadre, SeedCity, SeedProvince, SeedCounty, SeedData, SeedOptions, SeedOrg, SeedTeam, SeedTenure } from './types.ts';
