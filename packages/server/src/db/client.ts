/**
 * The two database modes: embedded PGlite in `${dataDir}/pg` (default), or a node-postgres pool when
 * DATABASE_URL is set. Everything else sees one `Database`: all access goes through `tx()`, so on
 * PGlite (one connection) requests are serialized by its transaction mutex and never interleave.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg, NodePgSession } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema/index.ts';
import { lockDataDir, type DirLock } from './lock.ts';

export type Schema = typeof schema;
export type AppDb = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export const MIGRATIONS_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'migrations');

export interface Database {
  kind: 'pglite' | 'pg';
  /** Run `fn` in one transaction. Repositories receive the `tx`; nothing else touches the database. */
  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** The PGlite instance (embedded mode only), for COPY and dumps. */
  pglite: PGlite | null;
  pool: pg.Pool | null;
  /** Embedded mode: its folder was created by this open (so a failed first start can remove it whole). */
  fresh?: boolean;
}

// Dates stay strings ('YYYY-MM-DD'); bigint counts become numbers.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number(v));

/** Work asked to run at the end of an outermost `Database.tx`, after its callback and just before COMMIT. */
const beforeCommit = new WeakMap<object, Array<() => Promise<void>>>();

/**
 * Runs `work` at the end of `tx` (just before COMMIT, in the same transaction), and returns true; false
 * when `tx` is not an outermost transaction of `Database.tx` (a savepoint of a nested `tx.transaction`),
 * in which case the caller must do the work at once. The audit chain uses it so that its lock, which
 * serializes every writer until COMMIT, is taken only for its own insert at the very end.
 */
export function atCommit(tx: Tx, work: () => Promise<void>): boolean {
  const hooks = beforeCommit.get(tx);
  if (!hooks) return false;
  hooks.push(work);
  return true;
}

function withCommitWork<T>(fn: (tx: Tx) => Promise<T>): (tx: Tx) => Promise<T> {
  return async (tx) => {
    const hooks: Array<() => Promise<void>> = [];
    beforeCommit.set(tx, hooks);
    try {
      const result = await fn(tx);
      for (let i = 0; i < hooks.length; i++) await hooks[i]!();
      return result;
    } finally {
      beforeCommit.delete(tx);
    }
  };
}

function wrapDrizzle(db: AppDb, kind: Database['kind'], closeFn: () => Promise<void>, extra: Pick<Database, 'pglite' | 'pool'>, migrateFn: () => Promise<void>): Database {
  let closed = false;
  return {
    kind,
    tx: (fn) => db.transaction(withCommitWork(fn) as (tx: unknown) => Promise<never>) as never,
    migrate: migrateFn,
    async ping() {
      try {
        await db.execute(sql`select 1`);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await closeFn();
    },
    ...extra,
  };
}

export function fromPglite(client: PGlite, onClose: () => void = () => {}): Database {
  const db = drizzlePglite({ client, schema }) as unknown as AppDb;
  return wrapDrizzle(db, 'pglite', async () => {
    await client.close();
    onClose();
  }, { pglite: client, pool: null }, async () => {
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
  });
}

/**
 * A transaction on its own pooled client, released whatever happens. drizzle's pool transaction sends
 * `begin` before its try block, so a connection lost at that moment kept the client checked out forever
 * and `pool.end()` (every CLI's exit) then never returned: the process ended silently with code 13.
 */
function poolTransaction(pool: pg.Pool, db: AppDb): Database['tx'] {
  const internals = db as unknown as { dialect: ConstructorParameters<typeof NodePgSession>[1]; _: { schema: unknown; fullSchema: unknown; tableNamesMap: unknown } };
  const relational = { schema: internals._.schema, fullSchema: internals._.fullSchema, tableNamesMap: internals._.tableNamesMap } as ConstructorParameters<typeof NodePgSession>[2];
  return async (fn) => {
    const client = await pool.connect();
    let failure: Error | undefined;
    try {
      const session = new NodePgSession(client, internals.dialect, relational);
      return await session.transaction(withCommitWork(fn) as (tx: unknown) => Promise<never>) as never;
    } catch (e) {
      // A client whose connection broke is dropped from the pool, not handed to the next request.
      if (!(client as unknown as { _queryable?: boolean })._queryable) failure = e instanceof Error ? e : new Error(String(e));
      throw e;
    } finally {
      client.release(failure);
    }
  };
}

export function fromPool(pool: pg.Pool): Database {
  const db = drizzlePg({ client: pool, schema }) as unknown as AppDb;
  const wrapped = wrapDrizzle(db, 'pg', () => pool.end(), { pglite: null, pool }, async () => {
    // Several app processes may start at once against one PostgreSQL: migrate under a lock.
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock(7355601)');
      await migratePg(drizzlePg({ client, schema }) as never, { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query('select pg_advisory_unlock(7355601)').catch(() => {});
      client.release();
    }
  });
  return { ...wrapped, tx: poolTransaction(pool, db) };
}

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string;
}

/** Opens the configured database (taking the data-dir lock in embedded mode). Does not migrate. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    pool.on('error', () => {}); // idle client errors are reported by the next query
    // A client whose server goes away mid-query emits 'error' besides failing the query; without a listener
    // Node turns that into a crash ('Unhandled error event … Connection terminated unexpectedly'). The
    // failed query still rejects, and the caller reports it.
    pool.on('connect', (client) => client.on('error', () => {}));
    return fromPool(pool);
  }
  const lock: DirLock = lockDataDir(opts.dataDir);
  const dir = path.join(opts.dataDir, 'pg');
  // A database that could not even be created (full disk, read-only folder) must not be left half-made:
  // the next start would take it for a real one.
  let fresh = false;
  try {
    fresh = !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
    fs.mkdirSync(dir, { recursive: true });
    const client = await PGlite.create({ dataDir: dir });
    return { ...fromPglite(client, () => lock.release()), fresh };
  } catch (e) {
    if (fresh) fs.rmSync(dir, { recursive: true, force: true });
    lock.release();
    throw e;
  }
}

/** Rows of a raw SQL statement, whichever driver. */
export async function rows<T>(tx: Tx | AppDb, query: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await tx.execute(query)) as unknown as { rows: T[] };
  return r.rows;
}
