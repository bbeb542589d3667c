/**
 * Imports on several app processes sharing one PostgreSQL (issue 9 point 11). Every process has an id
 * (`PROCESS_ID`); a batch it queues, checks or commits carries it as `owner` and a `heartbeat_at` the
 * process refreshes every 10 s while it has jobs. At start and every 30 s, batches whose owner has not beaten
 * for 60 s are interrupted (a check's half-staged rows deleted; a commit, one transaction rolled back with
 * its process, stays resumable) — a live process's imports are never touched. With the embedded database
 * (one process holds the lock file) every batch not owned by this process is interrupted at start.
 * Every hour (and at start) the work rows of imports that are over are purged and unfinished imports older
 * than the retention (JIANDU_IMPORT_RETENTION_DAYS, 7) expire with their upload (DATA-05). The uploads of
 * cadre imports (任免审批表) expire in the file housekeeping (services/housekeeping.ts, audited), not here.
 */
import crypto from 'node:crypto';
import type { Database } from '../../db/client.ts';
import * as repo from '../../repositories/imports.repository.ts';
import type { Clock } from '../../context.ts';
import { importLimits } from './limits.ts';

export const PROCESS_ID = crypto.randomUUID();
export const HEARTBEAT_MS = 10_000;
export const STALE_MS = 60_000;

export interface KeeperDeps {
  db: Database;
  clock: Clock;
}

/** Interrupts the jobs of dead owners (`exclusive`: every owner but this process). */
export async function reclaim(deps: KeeperDeps, opts: { exclusive: boolean; me?: string }): Promise<Awaited<ReturnType<typeof repo.reclaimStale>>> {
  const now = deps.clock.now();
  return deps.db.tx((tx) => repo.reclaimStale(tx, opts.me ?? PROCESS_ID, opts.exclusive ? null : new Date(now.getTime() - STALE_MS), now));
}

export async function purgeImports(deps: KeeperDeps): Promise<Awaited<ReturnType<typeof repo.purge>>> {
  const now = deps.clock.now();
  return deps.db.tx((tx) => repo.purge(tx, new Date(now.getTime() - importLimits().retentionDays * 86_400_000), now));
}

export async function beat(deps: KeeperDeps, me = PROCESS_ID): Promise<void> {
  await deps.db.tx((tx) => repo.beat(tx, me, deps.clock.now()));
}

let beating: { timer: NodeJS.Timeout; jobs: number } | null = null;

/** While a job of this process runs (or waits in its queue), its batches' heartbeat is kept. */
export function holdHeartbeat(deps: KeeperDeps): () => void {
  if (!beating) {
    const timer = setInterval(() => void beat(deps).catch(() => {}), HEARTBEAT_MS);
    timer.unref();
    beating = { timer, jobs: 0 };
  }
  beating.jobs += 1;
  let released = false;
  return () => {
    if (released || !beating) return;
    released = true;
    beating.jobs -= 1;
    if (beating.jobs === 0) {
      clearInterval(beating.timer);
      beating = null;
    }
  };
}

/** The server's keeper: reclaim at start, then every 30 s; purge at start and hourly. */
export async function startImportKeeper(deps: KeeperDeps, opts: { exclusive: boolean; reclaimMs?: number; purgeMs?: number }): Promise<{ interrupted: number; stop(): void }> {
  const first = await reclaim(deps, { exclusive: opts.exclusive });
  await purgeImports(deps).catch(() => undefined);
  const r = setInterval(() => void reclaim(deps, { exclusive: false }).catch(() => {}), opts.reclaimMs ?? 30_000);
  const p = setInterval(() => void purgeImports(deps).catch(() => {}), opts.purgeMs ?? 3_600_000);
  r.unref();
  p.unref();
  return {
    interrupted: first.checks + first.commits + first.previews,
    stop: () => {
      clearInterval(r);
      clearInterval(p);
    },
  };
}
