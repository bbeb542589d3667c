/**
 * Where an imported NEW cadre goes, shared by the 干部名册 and the 任免审批表 imports: the 单位 column (roster
 * only), else the unit 现任职务 / 工作单位及职务 names (`placeCadre` in the domain: names, short and former
 * names, the usual contractions, longest match, ambiguity an error), else the default unit of the import.
 * The units are the jurisdiction's units that are not abolished, loaded once per check (`loadPlacement`).
 *
 * The same reading gives the title and the 一把手 post; a roster asked to (`tenures`) plans the tenure in the
 * unit's team (`planTenure`): only in a team managed in the jurisdiction, only when the cadre holds no open
 * tenure there, the 一把手 only when the team has none (else the tenure is planned as an ordinary post, with
 * a warning); it starts on the 任现职务时间 of the row, else on the import day.
 */
import { buildUnitIndex, placeCadre, placeByTitle, type Placement, type PlacementHow, type UnitIndex } from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import { openTenuresOf, placementUnits, type OpenTenureRow, type PlacementUnitRow } from '../../repositories/placement.repository.ts';
import type { Actor } from '../../context.ts';

export interface PlacementContext {
  index: UnitIndex;
  units: ReadonlyMap<string, PlacementUnitRow>;
  defaultOrgId: string | null;
}

export async function loadPlacement(tx: Tx, actor: Actor, defaultOrgId: string | null): Promise<PlacementContext> {
  const rows = await placementUnits(tx, actor.scope);
  return { index: buildUnitIndex(rows), units: new Map(rows.map((u) => [u.id, u])), defaultOrgId };
}

export interface PlacedUnit {
  org: { id: string; name: string; regionCode: string } | null;
  how: PlacementHow | null;
  title: string;
  isPrincipal: boolean;
  teamId: string | null;
  hasTeam: boolean;
  error: Placement['error'];
}

/** A new cadre's unit from the 单位 cell (if any), the 职务 text and the default unit. */
export function placeNew(ctx: PlacementContext, column: string | null, postText: string | null): PlacedUnit {
  const p = placeCadre({ column, title: postText, defaultOrgId: ctx.defaultOrgId }, ctx.index);
  const u = p.unit ? ctx.units.get(p.unit.id) ?? null : null;
  return {
    org: u ? { id: u.id, name: u.name, regionCode: u.regionCode } : null, how: p.how, title: p.title, isPrincipal: p.isPrincipal,
    teamId: u?.teamId ?? null, hasTeam: u?.hasTeam ?? false, error: p.error,
  };
}

/** An existing cadre stays where it is: the title and 一把手 post read for its unit. */
export function placeExisting(ctx: PlacementContext, orgId: string, postText: string | null): PlacedUnit | null {
  const u = ctx.units.get(orgId);
  if (!u || !postText) return null;
  const t = placeByTitle(postText, ctx.index, orgId);
  return { org: { id: u.id, name: u.name, regionCode: u.regionCode }, how: null, title: t.title, isPrincipal: t.isPrincipal, teamId: u.teamId, hasTeam: u.hasTeam, error: null };
}

export interface TenurePlan {
  teamId: string;
  title: string;
  isPrincipal: boolean;
  startDate: string;
  /** Where the start date comes from: the row's 任现职务时间, or the import day. */
  startFrom: 'column' | 'today';
}

/**
 * The open tenures of the teams a chunk may create tenures in, and those planned earlier in the same import
 * (two rows naming the 一把手 of one team: the second is planned as an ordinary post).
 */
export class TenureBook {
  private readonly open = new Map<string, OpenTenureRow[]>();
  private readonly planned = new Map<string, Array<{ cadreKey: string; isPrincipal: boolean; name: string }>>();

  async load(tx: Tx, teamIds: string[]): Promise<void> {
    const todo = [...new Set(teamIds)].filter((t) => !this.open.has(t));
    for (const t of todo) this.open.set(t, []);
    for (const r of await openTenuresOf(tx, todo)) this.open.get(r.teamId)!.push(r);
  }

  /**
   * The tenure to create for a cadre (`cadreId` null: new) placed in `placed`, or null with the reason as a
   * warning. `postSince` is the row's 任现职务时间 (`YYYYMM`), if any; `today` the import day.
   */
  plan(placed: PlacedUnit, who: { cadreId: string | null; key: string; name: string }, postSince: string | null, today: string): { tenure: TenurePlan | null; warning: string | null } {
    if (!placed.org) return { tenure: null, warning: null };
    if (!placed.teamId) {
      return { tenure: null, warning: placed.hasTeam ? `“${placed.org.name}”的领导班子属上级管理，未建立任职` : null };
    }
    const title = placed.title.trim();
    if (title === '') return { tenure: null, warning: '“现任职务”中没有职务名称，未建立任职' };
    if (title.length > 50) return { tenure: null, warning: '职务名称超过 50 字，未建立任职（请在任职中填写）' };
    const open = this.open.get(placed.teamId) ?? [];
    const planned = this.planned.get(placed.teamId) ?? [];
    if ((who.cadreId && open.some((t) => t.cadreId === who.cadreId)) || planned.some((p) => p.cadreKey === who.key)) {
      return { tenure: null, warning: null };
    }
    let isPrincipal = placed.isPrincipal;
    let warning: string | null = null;
    const holder = open.find((t) => t.isPrincipal)?.name ?? planned.find((p) => p.isPrincipal)?.name;
    if (isPrincipal && holder) {
      isPrincipal = false;
      warning = `${placed.org.name}领导班子已有一把手（${holder}），任职按非一把手建立；如已调整，请先结束原任职`;
    }
    const m = postSince?.match(/^(\d{4})(\d{2})$/u);
    const fromColumn = m ? `${m[1]}-${m[2]}-01` : null;
    const useColumn = fromColumn !== null && fromColumn <= today;
    this.planned.set(placed.teamId, [...planned, { cadreKey: who.key, isPrincipal, name: who.name }]);
    return { tenure: { teamId: placed.teamId, title, isPrincipal, startDate: useColumn ? fromColumn : today, startFrom: useColumn ? 'column' : 'today' }, warning };
  }
}
