/**
 * Bulk insert of generated rows: one `INSERT … SELECT … FROM unnest($1::uuid[], $2::text[], …)` per batch
 * (the same statement on PGlite and node-postgres), all in one transaction with one audit row.
 * Cadres go through services/cadres.service.ts `cadreRow()`, so a seeded cadre is encrypted, indexed and
 * keyed exactly like one entered by hand.
 */
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import type { FieldCrypto } from '../crypto/keys.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { cadreRow } from '../services/cadres.service.ts';
import type { Actor, Clock } from '../services/context.ts';
import type { SeedData, SeedOrg, SeedTenure, SeedTeam, SeedCadre } from './types.ts';

export interface InsertDeps {
  db: Database;
  crypto: FieldCrypto;
  clock: Clock;
}

export type SeedTable = 'org' | 'team' | 'cadre' | 'tenure';

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
  /** Rows per statement (default 2,000). */
  batchSize?: number;
  onProgress?: (p: SeedProgress) => void;
}

export interface InsertSummary {
  orgs: number;
  teams: number;
  cadres: number;
  tenures: number;
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
    await recordAudit(tx, opts.actor, {
      action: 'seed.demo',
      objectType: 'org',
      objectId: data.cities[0]?.rootId ?? null,
      details: {
        seed: data.seed, asOf: data.asOf, cities: data.cities.length, orgs: data.orgs.length, teams: data.teams.length,
        cadres: data.cadres.length, tenures: data.tenures.length, fictional: true,
      },
    }, deps.clock);
  });
  return {
    orgs: data.orgs.length, teams: data.teams.length, cadres: data.cadres.length, tenures: data.tenures.length,
    ms: performance.now() - t0,
  };
}
