/**
 * The counts at the top of a cadre's profile and of a team's page: open warnings by colour, open and overdue
 * 待办, the year's research obligation. The caller has checked the subject is in the reader's scope.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.ts';

export interface ColourCounts { red: number; yellow: number; blue: number }
export interface OpenCounts { open: number; overdue: number }

/** Open (active, 新 or 已阅) warnings of a cadre or a team, by colour. */
export async function openWarningCounts(tx: Tx, subject: { cadreId: string } | { teamId: string }): Promise<ColourCounts> {
  const who = 'cadreId' in subject ? sql`w.cadre_id = ${subject.cadreId}` : sql`w.team_id = ${subject.teamId}`;
  const r = await rows<{ colour: keyof ColourCounts; n: number | string }>(tx, sql`
    select w.colour, count(*) as n from warning w where ${who} and w.active and w.status in ('new','read') group by w.colour`);
  const out: ColourCounts = { red: 0, yellow: 0, blue: 0 };
  for (const x of r) if (x.colour in out) out[x.colour] = Number(x.n);
  return out;
}

/** Open 待办 (neither done nor 办结) of a cadre or a team as of a day, and how many of them are overdue. */
export async function openObligationCounts(tx: Tx, subject: { cadreId: string } | { teamId: string }, asOf: string): Promise<OpenCounts> {
  const who = 'cadreId' in subject ? sql`b.cadre_id = ${subject.cadreId}` : sql`b.team_id = ${subject.teamId}`;
  const [r] = await rows<{ open: number | string; overdue: number | string }>(tx, sql`
    select count(*) as open, count(*) filter (where b.due_on < ${asOf}) as overdue
    from obligation b where ${who} and b.active and b.done_on is null and b.closed_on is null`);
  return { open: Number(r?.open ?? 0), overdue: Number(r?.overdue ?? 0) };
}

/** The team's research (调研) obligation due in the year, the latest if several. */
export async function researchOfYear(tx: Tx, teamId: string, year: number): Promise<{ due_on: string; done_on: string | null } | null> {
  const [r] = await rows<{ due_on: string; done_on: string | null }>(tx, sql`
    select b.due_on::text as due_on, coalesce(b.done_on, b.closed_on)::text as done_on from obligation b
    where b.team_id = ${teamId} and b.type = 'research' and b.active and extract(year from b.due_on) = ${year}
    order by b.due_on desc limit 1`);
  return r ?? null;
}
