/** 干部监督联席会议 held: the records the half-yearly obligation reads (the meeting module grows from here). */
import { sql } from 'drizzle-orm';
import type { ConvenerView, MeetingCreateBody, MeetingView } from '@jiandu/domain';
import { rows, type Database } from '../db/client.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { inScope } from '../repositories/orgs.repository.ts';
import type { Actor, Clock } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { reevaluate } from './supervision/evaluate.ts';

export interface MeetingsDeps {
  db: Database;
  clock: Clock;
}

/** The 组织部 in the actor's scope that convene meetings (every org that some leadership is managed by). */
export async function listConveners(deps: MeetingsDeps, actor: Actor): Promise<ConvenerView[]> {
  return deps.db.tx((tx) => rows<ConvenerView>(tx, sql`
    select o.id, o.name from org o where o.id in (select managed_by from org where managed_by is not null) and ${inScope(sql`o.path`, actor.scope)}
    order by o.path`));
}

export async function listMeetings(deps: MeetingsDeps, actor: Actor): Promise<MeetingView[]> {
  const r = await deps.db.tx((tx) => rows<{ id: string; convener_id: string; convener_name: string; held_on: string; title: string; created_by_login: string | null; created_at: Date | string }>(tx, sql`
    select m.id, m.convener_id, o.name as convener_name, m.held_on, m.title, m.created_by_login, m.created_at
    from joint_meeting m join org o on o.id = m.convener_id where ${inScope(sql`o.path`, actor.scope)}
    order by m.held_on desc, m.created_at desc limit 500`));
  return r.map((m) => ({
    id: m.id, convenerId: m.convener_id, convenerName: m.convener_name, heldOn: m.held_on, title: m.title,
    createdByLogin: m.created_by_login, createdAt: new Date(m.created_at).toISOString(),
  }));
}

export async function createMeeting(deps: MeetingsDeps, actor: Actor, body: MeetingCreateBody): Promise<MeetingView> {
  const convener = (await listConveners(deps, actor)).find((c) => c.id === body.convenerId);
  if (!convener) {
    throw new ServiceError('invalid', '召集单位应为您管辖范围内的组织部', 'invalid', [{ path: 'convenerId', message: '请选择召集的组织部' }]);
  }
  const at = deps.clock.now();
  const id = await deps.db.tx(async (tx) => {
    const [r] = await rows<{ id: string }>(tx, sql`
      insert into joint_meeting (convener_id, held_on, title, created_by, created_by_login, created_at)
      values (${body.convenerId}, ${body.heldOn}, ${body.title}, ${actor.userId}, ${actor.login}, ${at.toISOString()}::timestamptz)
      returning id`);
    await recordAudit(tx, actor, { action: 'meeting.create', objectType: 'meeting', objectId: r!.id, details: { convenerId: body.convenerId, heldOn: body.heldOn } }, deps.clock);
    await reevaluate(tx, deps.clock, { convenerIds: [body.convenerId] }, actor.login);
    return r!.id;
  });
  return {
    id, convenerId: convener.id, convenerName: convener.name, heldOn: body.heldOn, title: body.title,
    createdByLogin: actor.login, createdAt: at.toISOString(),
  };
}
