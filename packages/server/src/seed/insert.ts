/**
 * Bulk insert of generated rows: one `INSERT … SELECT … FROM unnest($1::uuid[], $2::text[], …)` per batch
 * (the same statement on PGlite and node-postgres), all in one transaction with one audit row.
 * Cadres go through services/cadres.service.ts `cadreRow()`, so a seeded cadre is encrypted, indexed and
 * keyed exactly like one entered by hand.
 */
import type { Transaction as PgliteTransactionClient } from '@electric-sql/pglite';
import { is, sql } from 'drizzle-orm';
import { PgliteTransaction } from 'drizzle-orm/pglite';
import { rows, type Database, type Tx } from '../db/client.ts';
import type { FieldCrypto } from '../crypto/keys.ts';
import { sealEntryText } from '../crypto/entry-text.ts';
import { memoSummaryGrams } from '../crypto/entry-search.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { cadreRow } from '../services/cadres.service.ts';
import type { Actor, Clock } from '../context.ts';
import { generateEntries, planEntries } from './entries.ts';
import { insertSeedMeetings } from './meetings.ts';
import type { SeedEntry } from './entry-draft.ts';
import type { SeedData, SeedDomainChange, SeedOrg, SeedTenure, SeedTeam, SeedCadre } from './types.ts';

export interface InsertDeps {
  db: Database;
  crypto: FieldCrypto;
  clock: Clock;
}

/** 'index': the ledger's indexes and foreign keys put back after the bulk load (done / total statements). */
export type SeedTable = 'org' | 'team' | 'cadre' | 'tenure' | 'entry' | 'index';

export interface SeedProgress {
  table: SeedTable;
  /** 0 when the table starts. */
  done: number;
  total: number;
  /** Since the start of the whole insert. */
  elapsedMs: number;
}

export interface InsertOptions {
  actor: Actor;
  /** Rows per statement (default 2,000; ledger entries 5,000). */
  batchSize?: number;
  /** Average ledger entries per cadre, team entries included (default 0: no ledger). */
  entriesPerCadre?: number;
  onProgress?: (p: SeedProgress) => void;
  /** Who registered the joint meetings and who signed their minutes off (default: the seeding account). */
  meetingLogins?: { secretary: string; approver: string };
}

export interface InsertSummary {
  orgs: number;
  teams: number;
  cadres: number;
  tenures: number;
  entries: number;
  /** Joint meetings (two per convener) and their 督办事项. */
  meetings: number;
  meetingTasks: number;
  ms: number;
}

const p = (values: unknown[]) => sql.param(values);
/** Separator of the 分管领域 list inside one text value (no domain contains it). */
const SEP = '\u001f';

async function insertOrgs(tx: Tx, batch: SeedOrg[], known: Set<string>, deferred: Array<[string, string]>): Promise<void> {
  for (const o of batch) known.add(o.id);
  // managed_by may point at an org of a later batch (a city root is managed by its own 组织部): set it afterwards.
  const managedBy = batch.map((o) => {
    if (o.managedBy && !known.has(o.managedBy)) {
      deferred.push([o.id, o.managedBy]);
      return null;
    }
    return o.managedBy;
  });
  await tx.execute(sql`
    insert into org (id, parent_id, path, name, short_name, type, level, managed_by, region_code, flags, sort_order)
    select id, parent_id, path, name, short_name, type, level, managed_by, region_code, flags::jsonb, sort_order
    from unnest(
      ${p(batch.map((o) => o.id))}::uuid[], ${p(batch.map((o) => o.parentId))}::uuid[], ${p(batch.map((o) => o.path))}::text[],
      ${p(batch.map((o) => o.name))}::text[], ${p(batch.map((o) => o.shortName))}::text[], ${p(batch.map((o) => o.type))}::text[],
      ${p(batch.map((o) => o.level))}::text[], ${p(managedBy)}::uuid[], ${p(batch.map((o) => o.regionCode))}::text[],
      ${p(batch.map((o) => JSON.stringify(o.flags)))}::text[], ${p(batch.map((o) => o.sortOrder))}::int[]
    ) as u(id, parent_id, path, name, short_name, type, level, managed_by, region_code, flags, sort_order)`);
}

async function insertTeams(tx: Tx, batch: SeedTeam[]): Promise<void> {
  await tx.execute(sql`
    insert into team (id, org_id, name)
    select * from unnest(${p(batch.map((t) => t.id))}::uuid[], ${p(batch.map((t) => t.orgId))}::uuid[], ${p(batch.map((t) => t.name))}::text[])`);
}

async function insertCadres(tx: Tx, crypto: FieldCrypto, batch: SeedCadre[]): Promise<void> {
  const rows = batch.map((c) => cadreRow(crypto, {
    name: c.name, idNumber: c.idNumber, gender: c.gender, birth: c.birth, ethnicity: c.ethnicity, nativePlace: c.nativePlace,
    partyDate: c.partyDate ?? undefined, workDate: c.workDate, educationFullTime: c.educationFullTime,
    educationInService: c.educationInService ?? undefined, rank: c.rank, status: c.status, orgId: c.orgId,
  }, c.regionCode, c.id));
  const col = <K extends keyof (typeof rows)[number]>(k: K) => p(rows.map((r) => r[k] ?? null));
  await tx.execute(sql`
    insert into cadre (id, name, name_pinyin, name_initials, gender, birth, ethnicity, native_place, party_date, work_date,
      education_full_time, education_in_service, rank, status, org_id, region_code, id_number_enc, id_number_bidx, id_number_masked)
    select * from unnest(
      ${col('id')}::uuid[], ${col('name')}::text[], ${col('namePinyin')}::text[], ${col('nameInitials')}::text[],
      ${col('gender')}::text[], ${col('birth')}::text[], ${col('ethnicity')}::text[], ${col('nativePlace')}::text[],
      ${col('partyDate')}::text[], ${col('workDate')}::text[], ${col('educationFullTime')}::text[],
      ${col('educationInService')}::text[], ${col('rank')}::text[], ${col('status')}::text[], ${col('orgId')}::uuid[],
      ${col('regionCode')}::text[], ${col('idNumberEnc')}::bytea[], ${col('idNumberBidx')}::bytea[], ${col('idNumberMasked')}::text[])`);
}

async function insertTenures(tx: Tx, batch: SeedTenure[]): Promise<void> {
  await tx.execute(sql`
    insert into tenure (id, cadre_id, team_id, title, is_principal, domains, rank, start_date, end_date)
    select id, cadre_id, team_id, title, is_principal, string_to_array(domains, ${SEP}), rank, start_date, end_date
    from unnest(
      ${p(batch.map((t) => t.id))}::uuid[], ${p(batch.map((t) => t.cadreId))}::uuid[], ${p(batch.map((t) => t.teamId))}::uuid[],
      ${p(batch.map((t) => t.title))}::text[], ${p(batch.map((t) => t.isPrincipal))}::bool[],
      ${p(batch.map((t) => t.domains.join(SEP)))}::text[], ${p(batch.map((t) => t.rank))}::text[],
      ${p(batch.map((t) => t.startDate))}::date[], ${p(batch.map((t) => t.endDate))}::date[]
    ) as u(id, cadre_id, team_id, title, is_principal, domains, rank, start_date, end_date)`);
}

/** 分工调整 (few: one statement), attributed to the seeding account. */
async function insertDomainChanges(tx: Tx, list: SeedDomainChange[], login: string): Promise<void> {
  if (list.length === 0) return;
  await tx.execute(sql`
    insert into tenure_domain (tenure_id, domains, effective_date, reason, created_by_login)
    select tenure_id, string_to_array(domains, ${SEP}), effective_date, reason, ${login}
    from unnest(
      ${p(list.map((c) => c.tenureId))}::uuid[], ${p(list.map((c) => c.domains.join(SEP)))}::text[],
      ${p(list.map((c) => c.effectiveDate))}::date[], ${p(list.map((c) => c.reason))}::text[]
    ) as u(tenure_id, domains, effective_date, reason)`);
}

/** The PGlite transaction under a drizzle one (for COPY … FROM '/dev/blob'); null on node-postgres. */
function pgliteClient(tx: Tx): PgliteTransactionClient | null {
  return is(tx, PgliteTransaction) ? (tx as unknown as { session: { client: PgliteTransactionClient } }).session.client : null;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** A value in COPY's text format: \N for null; backslash, tab and line breaks escaped. */
function copyText(v: string | null): string {
  if (v === null) return '\\N';
  return /[\\\t\n\r]/u.test(v) ? v.replace(/[\\\t\n\r]/gu, (c) => COPY_ESCAPES[c]!) : v;
}

const VERSION_COLUMNS = 'id, entry_id, version, action, kind, source_dept, cadre_id, team_id, org_id, region_code, occurred_on, '
  + 'ref_no, summary, outcome, details, impact_until, impact_basis, sensitivity, provenance, created_by_login, created_at, summary_grams';
const HEAD_COLUMNS = 'entry_id, version_id, version, status, kind, source_dept, cadre_id, team_id, org_id, occurred_on, updated_at';

/** A chunk of entries as COPY text: the versions, and their heads. */
/** A chunk ready to write: texts sealed, the 摘要's search grams beside them. */
type SealedEntry = SeedEntry & { summaryGrams: number[] };

function copyTexts(batch: SealedEntry[], login: string): { versions: string; heads: string } {
  let versions = '';
  let heads = '';
  const by = copyText(login);
  for (const e of batch) {
    const subject = `${copyText(e.cadreId)}\t${copyText(e.teamId)}\t${e.orgId}`;
    versions += `${e.id}\t${e.id}\t1\tcreate\t${e.kind}\t${e.sourceDept}\t${subject}\t${e.regionCode}\t${e.occurredOn}\t${copyText(e.refNo)}\t`
      + `${copyText(e.summary)}\t${copyText(e.outcome)}\t${copyText(JSON.stringify(e.details))}\t${copyText(e.impactUntil)}\t${copyText(e.impactBasis)}\t`
      + `${e.sensitivity}\t${e.provenance}\t${by}\t${e.createdAt}\t{${e.summaryGrams.join(',')}}\n`;
    heads += `${e.id}\t${e.id}\t1\t${e.status}\t${e.kind}\t${e.sourceDept}\t${subject}\t${e.occurredOn}\t${e.createdAt}\n`;
  }
  return { versions, heads };
}

/** On PGlite: the chunk as COPY text into both tables. */
async function copyEntriesLite(lite: PgliteTransactionClient, batch: SealedEntry[], login: string): Promise<void> {
  const { versions, heads } = copyTexts(batch, login);
  await lite.query(`copy entry (${VERSION_COLUMNS}) from '/dev/blob'`, [], { blob: new Blob([versions]) });
  await lite.query(`copy entry_head (${HEAD_COLUMNS}) from '/dev/blob'`, [], { blob: new Blob([heads]) });
}

/** A chunk with its 摘要 and 处理结果 sealed as any entry's are (new objects: the generator still reads the plaintext of earlier entries). */
function sealed(box: FieldCrypto, grams: (summary: string) => number[], batch: SeedEntry[]): SealedEntry[] {
  return batch.map((e) => ({ ...e, summary: sealEntryText(box, e.id, 'summary', e.summary), summaryGrams: grams(e.summary), outcome: sealEntryText(box, e.id, 'outcome', e.outcome) }));
}

/**
 * Ledger entries: version 1 ('create') and its head. On node-postgres one statement per chunk (a
 * data-modifying CTE over one unnest of the chunk, so each value crosses the wire once).
 */
async function insertEntries(tx: Tx, batch: SealedEntry[], login: string): Promise<void> {
  const lite = pgliteClient(tx);
  if (lite) return copyEntriesLite(lite, batch, login);
  const col = <K extends keyof SeedEntry>(k: K) => p(batch.map((e) => e[k]));
  await tx.execute(sql`
    with u as (
      select * from unnest(
        ${col('id')}::uuid[], ${col('kind')}::text[], ${col('sourceDept')}::text[], ${col('cadreId')}::uuid[], ${col('teamId')}::uuid[],
        ${col('orgId')}::uuid[], ${col('regionCode')}::text[], ${col('occurredOn')}::date[], ${col('refNo')}::text[], ${col('summary')}::text[],
        ${col('outcome')}::text[], ${p(batch.map((e) => JSON.stringify(e.details)))}::text[], ${col('impactUntil')}::date[],
        ${col('impactBasis')}::text[], ${col('sensitivity')}::text[], ${col('provenance')}::text[], ${col('status')}::text[],
        ${col('createdAt')}::timestamptz[], ${p(batch.map((e) => `{${e.summaryGrams.join(',')}}`))}::text[]
      ) as u(id, kind, source_dept, cadre_id, team_id, org_id, region_code, occurred_on, ref_no, summary, outcome, details,
             impact_until, impact_basis, sensitivity, provenance, status, created_at, summary_grams)
    ), v as (
      insert into entry (id, entry_id, version, action, kind, source_dept, cadre_id, team_id, org_id, region_code, occurred_on,
        ref_no, summary, outcome, details, impact_until, impact_basis, sensitivity, provenance, created_by_login, created_at, summary_grams)
      select id, id, 1, 'create', kind, source_dept, cadre_id, team_id, org_id, region_code, occurred_on,
        ref_no, summary, outcome, details::jsonb, impact_until, impact_basis, sensitivity, provenance, ${login}, created_at, summary_grams::int4[]
      from u
    )
    insert into entry_head (entry_id, version_id, version, status, kind, source_dept, cadre_id, team_id, org_id, occurred_on, updated_at)
    select id, id, 1, status, kind, source_dept, cadre_id, team_id, org_id, occurred_on, created_at from u`);
}

/**
 * An empty ledger is filled the way PostgreSQL's manual advises for populating a database: without its
 * secondary indexes and foreign keys, which are put back afterwards. A row would otherwise touch a random
 * page of each index (dates, departments) and run one lookup query per foreign key (the checks were more
 * than half of the insert's time); building an index sorts once, and re-adding a foreign key checks every
 * row with one join. The definitions are read from the catalog (whatever the migrations made), dropped in
 * this transaction and restored by the returned function in the same transaction, so a failure rolls both
 * back and no other session ever sees the tables without them. Primary keys stay. Not done when the ledger
 * already has rows.
 */
async function bulkLoadMode(tx: Tx, onStep?: (done: number, total: number) => void): Promise<() => Promise<void>> {
  const [any] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from (select 1 from entry limit 1) x`);
  if (Number(any?.n) > 0) return async () => {};
  // What to put back, in order: the secondary indexes, then the foreign keys (all DDL stays in the server).
  await tx.execute(sql`
    create temp table seed_ledger_restore on commit drop as
    select row_number() over (order by step, name)::int as ord, stmt, false as done from (
      select 1 as step, ic.relname::text as name, pg_get_indexdef(ix.indexrelid) as stmt
      from pg_index ix join pg_class ic on ic.oid = ix.indexrelid
      where ix.indrelid in ('entry'::regclass, 'entry_head'::regclass)
        and not exists (select 1 from pg_constraint c where c.conindid = ix.indexrelid)
      union all
      select 2, c.conname::text, format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
      from pg_constraint c where c.contype = 'f' and c.conrelid in ('entry'::regclass, 'entry_head'::regclass)
    ) s`);
  await tx.execute(sql`
    do $$ declare r record; begin
      for r in select c.conrelid::regclass as tbl, c.conname from pg_constraint c
               where c.contype = 'f' and c.conrelid in ('entry'::regclass, 'entry_head'::regclass) loop
        execute format('alter table %s drop constraint %I', r.tbl, r.conname);
      end loop;
      for r in select ix.indexrelid::regclass as idx from pg_index ix
               where ix.indrelid in ('entry'::regclass, 'entry_head'::regclass)
                 and not exists (select 1 from pg_constraint c where c.conindid = ix.indexrelid) loop
        execute format('drop index %s', r.idx);
      end loop;
    end $$`);
  const [steps] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from seed_ledger_restore`);
  const total = Number(steps?.n ?? 0);
  return async () => {
    // More sort memory for the index builds and the foreign-key joins on a server; PGlite's heap would keep it.
    if (!pgliteClient(tx)) {
      await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
      await tx.execute(sql`set local work_mem = '256MB'`);
    }
    onStep?.(0, total);
    for (let done = 1; done <= total; done++) {
      await tx.execute(sql`
        do $$ declare n int; s text; begin
          select ord, stmt into n, s from seed_ledger_restore where not done order by ord limit 1;
          execute s;
          update seed_ledger_restore set done = true where ord = n;
        end $$`);
      onStep?.(done, total);
    }
  };
}

/** Inserts everything in one transaction (all or nothing) and writes one `seed.demo` audit row. */
export async function insertSeedData(deps: InsertDeps, data: SeedData, opts: InsertOptions): Promise<InsertSummary> {
  const size = opts.batchSize ?? 2000;
  const t0 = performance.now();
  const report = (table: SeedTable, done: number, total: number) =>
    opts.onProgress?.({ table, done, total, elapsedMs: performance.now() - t0 });
  async function batches<T>(tx: Tx, table: SeedTable, items: T[], fn: (tx: Tx, batch: T[]) => Promise<void>) {
    report(table, 0, items.length);
    for (let i = 0; i < items.length; i += size) {
      await fn(tx, items.slice(i, i + size));
      report(table, Math.min(i + size, items.length), items.length);
    }
  }
  const perCadre = opts.entriesPerCadre ?? 0;
  let entries = 0;
  let meetings = { meetings: 0, subjects: 0, tasks: 0 };
  await deps.db.tx(async (tx) => {
    const known = new Set<string>();
    const deferred: Array<[string, string]> = [];
    await batches(tx, 'org', data.orgs, (t, b) => insertOrgs(t, b, known, deferred));
    if (deferred.length > 0) {
      await tx.execute(sql`
        update org set managed_by = u.managed_by
        from unnest(${p(deferred.map((d) => d[0]))}::uuid[], ${p(deferred.map((d) => d[1]))}::uuid[]) as u(id, managed_by)
        where org.id = u.id`);
    }
    await batches(tx, 'team', data.teams, insertTeams);
    await batches(tx, 'cadre', data.cadres, (t, b) => insertCadres(t, deps.crypto, b));
    await batches(tx, 'tenure', data.tenures, insertTenures);
    await insertDomainChanges(tx, data.domainChanges, opts.actor.login ?? 'system:seed');
    if (perCadre > 0) {
      // Streamed: a chunk is generated, written and dropped (20 million entries never sit in memory).
      const plan = planEntries(data, { perCadre });
      report('entry', 0, plan.total);
      const rebuild = await bulkLoadMode(tx, (done, total) => report('index', done, total));
      // Pipelined: the next chunk is generated while the database writes the previous one (node-postgres;
      // on PGlite both run on this thread anyway). The pending write is awaited before anything else.
      let pending: Promise<void> | null = null;
      let pendingRows = 0;
      const grams = memoSummaryGrams(deps.crypto);
      for (const chunk of generateEntries(data, plan, opts.batchSize ?? 5000)) {
        if (pending) {
          await pending;
          entries += pendingRows;
          report('entry', entries, plan.total);
        }
        pending = insertEntries(tx, sealed(deps.crypto, grams, chunk), opts.actor.login ?? 'system:seed');
        pendingRows = chunk.length;
      }
      if (pending) {
        await pending;
        entries += pendingRows;
        report('entry', entries, plan.total);
      }
      await rebuild();
    }
    const login = opts.actor.login ?? 'system:seed';
    meetings = await insertSeedMeetings(tx, {
      asOf: data.asOf, secretaryLogin: opts.meetingLogins?.secretary ?? login, approverLogin: opts.meetingLogins?.approver ?? login,
    });
    await recordAudit(tx, opts.actor, {
      action: 'seed.demo',
      objectType: 'org',
      objectId: data.cities[0]?.rootId ?? null,
      details: {
        seed: data.seed, asOf: data.asOf, cities: data.cities.length, orgs: data.orgs.length, teams: data.teams.length,
        cadres: data.cadres.length, tenures: data.tenures.length, entries, entriesPerCadre: perCadre, meetings: meetings.meetings,
        meetingSubjects: meetings.subjects, meetingTasks: meetings.tasks, fictional: true,
      },
    }, deps.clock);
  });
  // Fresh statistics: right after a bulk load the planner would otherwise take 20 million rows for a few
  // thousand and choose whole-table scans (autovacuum catches up only later).
  await deps.db.tx((tx) => tx.execute(sql`analyze org, team, cadre, tenure, entry, entry_head`));
  return {
    orgs: data.orgs.length, teams: data.teams.length, cadres: data.cadres.length, tenures: data.tenures.length, entries,
    meetings: meetings.meetings, meetingTasks: meetings.tasks, ms: performance.now() - t0,
  };
}
