/**
 * Audit log: one row per change and per sensitive read, written in the caller's transaction, chained
 * with SM3: h_n = SM3(0x00 ‖ h_{n-1} ‖ canonical_json(record_n)). Writers serialize on an advisory lock
 * so the chain stays linear under concurrency.
 */
import { sql } from 'drizzle-orm';
import { ENTRY_KINDS, type AuditVerifyResult, type CountResult } from '@jiandu/domain';
import { atCommit, rows, type Tx, type Database } from '../db/client.ts';
import { auditLog } from '../db/schema/index.ts';
import { sm3 } from '../crypto/sm.ts';
import type { Actor, Clock } from '../context.ts';
import { countList } from './lists.ts';

const AUDIT_LOCK = 7355608;
const ZERO = Buffer.alloc(32);

export interface AuditEvent {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  result?: 'success' | 'failure' | 'denied';
  reason?: string | null;
  /** Never put sensitive values (身份证号, passwords, tokens) here. */
  details?: Record<string, string | number | boolean | null>;
}

interface ChainRecord {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorLogin: string | null;
  actorRole: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  reason: string | null;
  clientIp: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
}

export function chainHash(prev: Buffer, record: ChainRecord): Buffer {
  return sm3(Buffer.concat([Buffer.from([0]), prev, Buffer.from(canonical(record), 'utf8')]));
}

/** Control characters in free text are escaped so a log line cannot fake another (AUD-03). */
function clean(s: string | null | undefined, max = 500): string | null {
  if (s == null) return null;
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).slice(0, max);
}

/** Audit rows of a transaction waiting for its end (see `atCommit`). */
const pending = new WeakMap<Tx, Array<Omit<ChainRecord, 'seq'>>>();

/**
 * Records an audit row in `tx`: it commits or rolls back with the change it describes. The row is chained
 * at the end of the transaction (just before COMMIT), so the chain's lock is held for the insert alone,
 * not for the rest of the request; in a savepoint it is chained at once.
 */
export async function recordAudit(tx: Tx, actor: Actor, event: AuditEvent, clock: Clock): Promise<void> {
  const details: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event.details ?? {})) details[k] = typeof v === 'string' ? clean(v) : v;
  const record: Omit<ChainRecord, 'seq'> = {
    at: clock.now().toISOString(),
    actorUserId: actor.userId,
    actorLogin: clean(actor.login, 64),
    actorRole: actor.roles.join(',') || null,
    action: event.action,
    objectType: event.objectType ?? null,
    objectId: event.objectId ?? null,
    result: event.result ?? 'success',
    reason: clean(event.reason),
    clientIp: actor.clientIp,
    requestId: actor.requestId,
    details,
  };
  const queued = pending.get(tx);
  if (queued) {
    queued.push(record);
    return;
  }
  const batch = [record];
  if (atCommit(tx, () => chain(tx, batch))) pending.set(tx, batch);
  else await chain(tx, batch);
}

/** Takes the chain's lock, reads its head and appends `records` in order, in one insert. */
async function chain(tx: Tx, records: ReadonlyArray<Omit<ChainRecord, 'seq'>>): Promise<void> {
  pending.delete(tx);
  if (!records.length) return;
  // The advisory lock, then the head read after it, in one statement (migration 0033: audit_chain_head).
  const [last] = await rows<{ seq: number | string; hash: Buffer | Uint8Array }>(
    tx, sql`select seq, hash from audit_chain_head(${AUDIT_LOCK})`,
  );
  let seq = last ? Number(last.seq) : 0;
  let prev: Buffer = last ? Buffer.from(last.hash) : ZERO;
  const values = records.map((r) => {
    const record: ChainRecord = { seq: ++seq, ...r };
    const hash = chainHash(prev, record);
    const row = { ...record, at: new Date(record.at), prevHash: prev, hash };
    prev = hash;
    return row;
  });
  await tx.insert(auditLog).values(values);
}

/** Writes an audit row in its own transaction (for events with no business change, e.g. a failed login). */
export async function recordAuditAlone(db: Database, actor: Actor, event: AuditEvent, clock: Clock): Promise<void> {
  await db.tx((tx) => recordAudit(tx, actor, event, clock));
}

interface StoredRow {
  seq: number | string;
  at: Date | string;
  actor_user_id: string | null;
  actor_login: string | null;
  actor_role: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: string;
  reason: string | null;
  client_ip: string | null;
  request_id: string | null;
  details: Record<string, unknown> | string;
  prev_hash: Buffer | Uint8Array;
  hash: Buffer | Uint8Array;
}

/** The last row's sequence number and hash (what a checkpoint signs); null on an empty log. */
export async function lastAuditHead(db: Database): Promise<{ seq: number; hash: Buffer } | null> {
  const [last] = await db.tx((tx) => rows<{ seq: number | string; hash: Buffer | Uint8Array }>(
    tx, sql`select seq, hash from audit_log order by seq desc limit 1`,
  ));
  return last ? { seq: Number(last.seq), hash: Buffer.from(last.hash) } : null;
}

/**
 * Recomputes the chain in chunks: reports the first sequence number whose row was edited, removed or
 * reordered. `observe` sees each verified row's hash (the checkpoint check compares them).
 */
export async function verifyAudit(db: Database, chunk = 5000, observe?: (seq: number, hash: Buffer) => void): Promise<AuditVerifyResult> {
  let prev = ZERO;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const batch = await db.tx((tx) => rows<StoredRow>(
      tx,
      sql`select * from audit_log where seq >= ${expectedSeq} order by seq limit ${chunk}`,
    ));
    for (const r of batch) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) {
        return { ok: false, checked, brokenAt: expectedSeq, message: `审计日志在序号 ${expectedSeq} 处断开：该记录缺失（下一条为 ${seq}）` };
      }
      const record: ChainRecord = {
        seq,
        at: new Date(r.at).toISOString(),
        actorUserId: r.actor_user_id,
        actorLogin: r.actor_login,
        actorRole: r.actor_role,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        result: r.result,
        reason: r.reason,
        clientIp: r.client_ip,
        requestId: r.request_id,
        details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
      };
      const storedPrev = Buffer.from(r.prev_hash);
      const storedHash = Buffer.from(r.hash);
      if (!storedPrev.equals(prev) || !chainHash(prev, record).equals(storedHash)) {
        return { ok: false, checked, brokenAt: seq, message: `审计日志在序号 ${seq} 处断开：该记录或其前一条被改动` };
      }
      prev = storedHash;
      observe?.(seq, storedHash);
      expectedSeq++;
      checked++;
    }
    if (batch.length < chunk) break;
  }
  return { ok: true, checked, brokenAt: null, message: `审计日志完整：共 ${checked} 条，哈希链校验通过` };
}

export interface AuditFilter {
  from?: Date;
  to?: Date;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: string;
  beforeSeq?: number;
  limit: number;
}

/**
 * Who and what a row is about, by name (the audit page shows names, not UUIDs): the actor's display name
 * and unit (jurisdiction or member department), and the object's name looked up by its type. Objects
 * since removed, or of types without a name, stay null (the page then shows the id).
 */
const NAMES = sql`
  u.display_name as actor_name,
  coalesce(so.name, d.name) as actor_unit,
  case a.object_type
    when 'user' then (select x.display_name || '（' || x.login || '）' from app_user x where x.id = k.oid)
    when 'cadre' then (select c.name || '（' || o.name || '）' from cadre c join org o on o.id = c.org_id where c.id = k.oid)
    when 'org' then (select o.name from org o where o.id = k.oid)
    when 'tenure' then (select c.name || ' · ' || t.title from tenure t join cadre c on c.id = t.cadre_id where t.id = k.oid)
    when 'entry' then (select coalesce(c.name, o.name || '领导班子') || '|' || h.kind from entry_head h
                        join org o on o.id = h.org_id left join cadre c on c.id = h.cadre_id where h.entry_id = k.oid)
    when 'warning' then (select coalesce(c.name, o.name || '领导班子') from warning w
                          join org o on o.id = w.org_id left join cadre c on c.id = w.cadre_id where w.id = k.oid)
    when 'obligation' then (select coalesce(c.name, o.name || '领导班子') from obligation b
                             join org o on o.id = b.org_id left join cadre c on c.id = b.cadre_id where b.id = k.oid)
    when 'import' then (select b.file_name from import_batch b where b.id = k.oid)
    when 'cadre_import' then (select b.file_name from cadre_import b where b.id = k.oid)
    when 'api_token' then (select t.name from api_token t where t.id = k.oid)
    when 'meeting' then (select m.title from joint_meeting m where m.id = k.oid)
    when 'attachment' then (select t.file_name from attachment t where t.id = k.oid)
  end as object_name`;

const FROM = sql`
  from audit_log a
  left join app_user u on u.id = a.actor_user_id
  left join org so on so.id = u.scope_org_id
  left join department d on d.code = u.department_code
  cross join lateral (select case when a.object_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                                  then a.object_id::uuid end as oid) k`;

function conditions(f: Omit<AuditFilter, 'limit'>) {
  const conds = [sql`true`];
  if (f.from) conds.push(sql`a.at >= ${f.from.toISOString()}`);
  if (f.to) conds.push(sql`a.at < ${f.to.toISOString()}`);
  if (f.actor) conds.push(sql`a.actor_login = ${f.actor}`);
  if (f.action) conds.push(sql`a.action = ${f.action}`);
  if (f.objectType) conds.push(sql`a.object_type = ${f.objectType}`);
  if (f.objectId) conds.push(sql`a.object_id = ${f.objectId}`);
  if (f.result) conds.push(sql`a.result = ${f.result}`);
  if (f.beforeSeq) conds.push(sql`a.seq < ${f.beforeSeq}`);
  return sql.join(conds, sql` and `);
}

/** 'subject|kind code' → 'subject · 类别名'. */
function entryName(v: string): string {
  const [subject, kind] = v.split('|');
  return `${subject} · ${ENTRY_KINDS.find((k) => k.code === kind)?.name ?? kind}`;
}

interface NamedRow extends StoredRow {
  actor_name: string | null;
  actor_unit: string | null;
  object_name: string | null;
}

/** Newest first, keyset by seq. */
export async function queryAudit(tx: Tx, f: AuditFilter): Promise<AuditRowOut[]> {
  const r = await rows<NamedRow>(tx, sql`select a.*, ${NAMES} ${FROM} where ${conditions(f)} order by a.seq desc limit ${f.limit}`);
  return r.map((x) => ({
    seq: Number(x.seq),
    at: new Date(x.at).toISOString(),
    actorLogin: x.actor_login,
    actorName: x.actor_name,
    actorUnit: x.actor_unit,
    actorRole: x.actor_role,
    action: x.action,
    objectType: x.object_type,
    objectId: x.object_id,
    objectName: x.object_type === 'entry' && x.object_name ? entryName(x.object_name) : x.object_name,
    result: x.result,
    reason: x.reason,
    clientIp: x.client_ip,
    requestId: x.request_id,
    details: typeof x.details === 'string' ? (JSON.parse(x.details) as Record<string, unknown>) : x.details,
  }));
}

/** How many rows a filter matches (an export says so in its audit row before a byte leaves). */
export async function countAudit(tx: Tx, f: Omit<AuditFilter, 'limit'>): Promise<number> {
  const [r] = await rows<{ n: number | string }>(tx, sql`select count(*) as n from audit_log a where ${conditions(f)}`);
  return Number(r?.n ?? 0);
}

/** 共 N 条 of the audit log's list (exact up to `cap`, else the planner's estimate). */
export async function countAuditCapped(tx: Tx, f: Omit<AuditFilter, 'limit'>, cap?: number): Promise<CountResult> {
  return countList(tx, sql`select 1 from audit_log a where ${conditions(f)}`, cap);
}

export type AuditRowOut = import('@jiandu/domain').AuditRow;
