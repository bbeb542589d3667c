/**
 * 分工调整 in the fictional city (tenure_domain): a few teams reshuffle two deputies' 分管领域 during their
 * tenures, and half of the 一把手 who directly held a 不直接分管 domain (People.violations) were put right by a
 * 分工调整 some months ago — today they no longer warn, `jiandu warnings --as-of` a day before still does.
 * Its own random stream (derived from the seed), so the rest of the data is the same as without it.
 */
import { NOT_DIRECTLY_IN_CHARGE } from './catalog.ts';
import { Rng, dayOf, isoOf } from './rng.ts';
import type { SeedDomainChange, SeedTenure } from './types.ts';

const forbidden = (d: string) => (NOT_DIRECTLY_IN_CHARGE as readonly string[]).includes(d);

export function seedDomainChanges(seed: number, tenures: readonly SeedTenure[], asOf: string): SeedDomainChange[] {
  const r = new Rng((seed ^ 0x5f3759df) >>> 0);
  const today = dayOf(asOf);
  const out: SeedDomainChange[] = [];
  const current = tenures.filter((t) => t.endDate === null);
  /** A day at least 180 days into the tenure and up to `back` days before today, or null when the tenure is too young. */
  const dayIn = (t: SeedTenure, back: number): string | null => {
    const from = Math.max(dayOf(t.startDate) + 180, today - back);
    return from > today - 1 ? null : isoOf(r.int(from, today - 1));
  };

  // 一把手 put right: half of the violators (rounded down, so the smallest city keeps its one warning).
  const violators = current.filter((t) => t.isPrincipal && t.domains.some(forbidden));
  for (const t of r.sample(violators, Math.floor(violators.length / 2))) {
    const on = dayIn(t, 240);
    if (!on) continue;
    const dropped = t.domains.filter(forbidden);
    out.push({
      tenureId: t.id, domains: t.domains.filter((d) => !forbidden(d)), effectiveDate: on,
      reason: `落实一把手不直接分管${dropped.join('、')}的规定，${dropped.join('、')}改由班子副职分管`,
    });
  }

  // Two deputies of a team swap one 分管领域 each (one team in twenty-five, at least one).
  const byTeam = new Map<string, SeedTenure[]>();
  for (const t of current) {
    if (t.isPrincipal || t.domains.length === 0) continue;
    const list = byTeam.get(t.teamId) ?? [];
    list.push(t);
    byTeam.set(t.teamId, list);
  }
  const teams = [...byTeam.values()].filter((m) => m.length >= 2);
  for (const members of r.sample(teams, Math.max(1, Math.round(teams.length / 25)))) {
    const [a, b] = r.sample(members, 2) as [SeedTenure, SeedTenure];
    const da = r.pick(a.domains);
    const db = r.pick(b.domains);
    if (da === db || a.domains.includes(db) || b.domains.includes(da)) continue;
    const on = dayIn(a.startDate > b.startDate ? a : b, 720); // within both tenures
    if (!on) continue;
    const reason = '班子成员分工调整';
    out.push({ tenureId: a.id, domains: a.domains.map((d) => (d === da ? db : d)), effectiveDate: on, reason });
    out.push({ tenureId: b.id, domains: b.domains.map((d) => (d === db ? da : d)), effectiveDate: on, reason });
  }
  return out;
}
