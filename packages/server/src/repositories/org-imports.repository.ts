/** SQL of the 组织机构 import (services/imports/orgs.ts): the registry it plans against, its staged rows, the units it writes. */
import { eq, sql } from 'drizzle-orm';
import type { ExistingOrg } from '@jiandu/domain';
import { rows, type Tx } from '../db/client.ts';
import { org } from '../db/schema/index.ts';
import type { Scope } from '../context.ts';
import { inScope } from './orgs.repository.ts';

export type RegistryOrg = ExistingOrg & { path: string };

/** The units of the jurisdiction (all, for an unlimited actor) that are not abolished, with whether each has a team. */
export async function orgsForImport(tx: Tx, scope: Scope | null): Promise<RegistryOrg[]> {
  return rows<RegistryOrg>(tx, sql`select o.id, o.parent_id as "parentId", o.path, o.name, o.short_name as "shortName",
      o.former_names as "formerNames", o.type, o.level, o.region_code as "regionCode", o.sort_order as "sortOrder",
      exists (select 1 from team t where t.org_id = o.id) as "hasTeam"
    from org o where o.abolished_on is null and ${inScope(sql`o.path`, scope)}`);
}

export interface OrgStagedRow { row: number; id: string; details: unknown }

/** A batch's staged units, by Excel row (`afterRow`/`limit`: one page). */
export async function orgStaged(tx: Tx, batchId: string, afterRow: number, limit: number): Promise<OrgStagedRow[]> {
  return rows<OrgStagedRow>(tx, sql`select row, id, details from import_staging
    where batch_id = ${batchId}::uuid and kind = 'orgs' and row > ${afterRow} order by row limit ${limit}`);
}

/** All staged units of a batch in the order they are written (parents first). */
export async function orgStagedInOrder(tx: Tx, batchId: string): Promise<OrgStagedRow[]> {
  return rows<OrgStagedRow>(tx, sql`select row, id, details from import_staging
    where batch_id = ${batchId}::uuid and kind = 'orgs' order by (details->>'order')::int`);
}

export async function orgStagedCounts(tx: Tx, batchId: string): Promise<{ create: number; update: number }> {
  const r = await rows<{ create: number; update: number }>(tx, sql`select count(*) filter (where outcome = 'create')::int as "create",
    count(*) filter (where outcome = 'update')::int as "update" from import_staging where batch_id = ${batchId}::uuid and kind = 'orgs'`);
  return r[0] ?? { create: 0, update: 0 };
}

export async function clearOrgStaged(tx: Tx, batchId: string): Promise<void> {
  await tx.execute(sql`delete from import_staging where batch_id = ${batchId}::uuid and kind = 'orgs'`);
}

export async function updateOrgFields(tx: Tx, id: string, f: { shortName: string | null; type: string; level: string; regionCode: string; sortOrder: number }): Promise<void> {
  await tx.update(org).set(f).where(eq(org.id, id));
}
