/**
 * 分工调整 (tenure_domain, append-only: a trigger refuses UPDATE and DELETE). `tenure.domains` is the 分工 at
 * the tenure's start; the 分工 in force on a day is the latest change effective on or before it (same day: the
 * one entered last), else `tenure.domains`. The fragments below let other queries show the 分工 in force.
 */
import { asc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { tenureDomain } from '../db/schema/index.ts';

/** The 分工 in force on `day` of the tenure `tenureId` (a column or value) whose own 分工 is `own`. */
export function domainsOnSql(tenureId: AnyColumn | SQL, own: AnyColumn | SQL, day: string): SQL<string[]> {
  return sql<string[]>`coalesce((select d.domains from tenure_domain d where d.tenure_id = ${tenureId} and d.effective_date <= ${day}
    order by d.effective_date desc, d.created_at desc limit 1), ${own})`;
}

/** The day the 分工 in force on `day` took effect by a change; null: the tenure's own. */
export function domainsSinceSql(tenureId: AnyColumn | SQL, day: string): SQL<string | null> {
  return sql<string | null>`(select max(d.effective_date) from tenure_domain d where d.tenure_id = ${tenureId} and d.effective_date <= ${day})`;
}

export interface DomainChangeInsert {
  tenureId: string;
  domains: string[];
  effectiveDate: string;
  reason: string | null;
  createdBy: string | null;
  createdByLogin: string | null;
}

export async function insertDomainChange(tx: Tx, row: DomainChangeInsert): Promise<string> {
  const [r] = await tx.insert(tenureDomain).values(row).returning({ id: tenureDomain.id });
  return r!.id;
}

/** The tenure's changes, oldest first (same day: in the order entered). */
export async function domainChangesOf(tx: Tx, tenureId: string) {
  const r = await tx.select({
    id: tenureDomain.id, domains: tenureDomain.domains, effectiveDate: tenureDomain.effectiveDate, reason: tenureDomain.reason,
    createdByLogin: tenureDomain.createdByLogin, createdAt: tenureDomain.createdAt,
  }).from(tenureDomain).where(eq(tenureDomain.tenureId, tenureId))
    .orderBy(asc(tenureDomain.effectiveDate), asc(tenureDomain.createdAt));
  return r.map((x) => ({ ...x, createdAt: new Date(x.createdAt).toISOString() }));
}
