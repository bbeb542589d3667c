/**
 * The units a new cadre may be placed in from an import (干部名册, 任免审批表): every unit of the jurisdiction
 * that is not abolished, with the names it is known by (name, short name, former names) and its team —
 * `teamId` only when the team's leadership is managed in the jurisdiction (a tenure may be created there).
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.ts';
import type { Scope } from '../context.ts';
import { inScope, teamManaged } from './orgs.repository.ts';

export interface PlacementUnitRow {
  id: string;
  name: string;
  shortName: string | null;
  formerNames: string[];
  regionCode: string;
  path: string;
  /** The unit has a 领导班子 (managed here or not). */
  hasTeam: boolean;
  /** Its team when managed in the jurisdiction; null otherwise. */
  teamId: string | null;
}

const pgArray = (v: unknown): string[] => {
  if (Array.isArray(v)) return v as string[];
  if (typeof v !== 'string' || v === '{}' || v === '') return [];
  return v.slice(1, -1).split(',').map((s) => s.replace(/^"(.*)"$/u, '$1').replace(/\\(.)/gu, '$1'));
};

/** One query per import check (a county: a few hundred units). */
export async function placementUnits(tx: Tx, scope: Scope | null): Promise<PlacementUnitRow[]> {
  const r = await rows<Omit<PlacementUnitRow, 'formerNames'> & { formerNames: unknown; managed: boolean }>(tx, sql`
    select o.id, o.name, o.short_name as "shortName", o.former_names as "formerNames", o.region_code as "regionCode", o.path,
      t.id is not null as "hasTeam", t.id as "teamId", ${sql`coalesce(${teamManaged(sql`t.id`, scope)}, false)`} as managed
    from org o left join team t on t.org_id = o.id
    where o.abolished_on is null and ${inScope(sql`o.path`, scope)}
    order by o.path`);
  return r.map(({ managed, formerNames, ...u }) => ({ ...u, formerNames: pgArray(formerNames), teamId: u.teamId && managed ? u.teamId : null }));
}

export interface OpenTenureRow { teamId: string; cadreId: string; isPrincipal: boolean; name: string }

/** The open tenures of these teams (who holds a post there now; the 一把手 among them). */
export async function openTenuresOf(tx: Tx, teamIds: string[]): Promise<OpenTenureRow[]> {
  const ids = [...new Set(teamIds)];
  if (ids.length === 0) return [];
  return rows<OpenTenureRow>(tx, sql`
    select t.team_id as "teamId", t.cadre_id as "cadreId", t.is_principal as "isPrincipal", c.name
    from tenure t join cadre c on c.id = t.cadre_id
    where t.team_id = any(${sql.param(ids)}::uuid[]) and t.end_date is null`);
}
