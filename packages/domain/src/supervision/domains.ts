/**
 * 分工 (分管领域) as it changes during a tenure: `tenure.domains` is the 分工 at the start, each 分工调整 is in
 * force from its day. The 分工 in force on day d is the latest change dated on or before d, else the start's.
 */
import type { DomainChange } from './types.ts';

interface WithDomains {
  domains: readonly string[];
  domainChanges?: readonly DomainChange[] | undefined;
}

/** The 分工 in force on `day` and the day it took effect (null: the tenure's own, from its start). */
export function domainsOn(t: WithDomains, day: string): { domains: readonly string[]; since: string | null } {
  let found: DomainChange | null = null;
  // Oldest first; a later one of the same day wins (entered later).
  for (const c of t.domainChanges ?? []) if (c.from <= day && (!found || c.from >= found.from)) found = c;
  return found ? { domains: found.domains, since: found.from } : { domains: t.domains, since: null };
}

/** The 分工 in force on `day`. */
export function domainsInForce(t: WithDomains, day: string): readonly string[] {
  return domainsOn(t, day).domains;
}

/** The days after `day` on which the 分工 changes, ascending, distinct. */
export function domainChangeDaysAfter(t: WithDomains, day: string): string[] {
  return [...new Set((t.domainChanges ?? []).map((c) => c.from).filter((d) => d > day))].sort();
}
