/**
 * In-process background jobs, one at a time per id: the import check and commit (services/imports), the
 * cadre-file imports (services/cadre-imports) and the rules job (services/supervision/jobs.ts). Progress
 * and errors are kept by each job in its own row; jobs stop between chunks on shutdown (`shouldStop`).
 */
const running = new Map<string, Promise<void>>();

export function startJob(batchId: string, job: () => Promise<void>): Promise<void> {
  const previous = running.get(batchId);
  if (previous) return previous;
  const p = job().finally(() => running.delete(batchId));
  running.set(batchId, p);
  return p;
}

export function isRunning(batchId: string): boolean {
  return running.has(batchId);
}

// ── the check queue (FILE-01): one running check per account, `limit` per process, the rest wait ──

interface Waiting { batchId: string; account: string; go: () => void; drop: (e: Error) => void }
const waiting: Waiting[] = [];
const activeByAccount = new Map<string, number>();
let active = 0;

function pump(limit: () => number): void {
  for (let i = 0; i < waiting.length && active < limit();) {
    const w = waiting[i]!;
    if ((activeByAccount.get(w.account) ?? 0) > 0) {
      i++;
      continue;
    }
    waiting.splice(i, 1);
    active += 1;
    activeByAccount.set(w.account, (activeByAccount.get(w.account) ?? 0) + 1);
    w.go();
  }
}

/**
 * Runs `job` when a slot is free: at most one per `account` and `limit()` in all.
 * `onStart` runs when its turn comes, before `job`.
 * The returned promise settles when the job ends (or is dropped from the queue: `dequeue`).
 */
export function queueCheck(
  batchId: string, account: string, limit: () => number,
  hooks: { onStart(): Promise<void> }, job: () => Promise<void>,
): { queued: boolean; done: Promise<void> } {
  const slot = new Promise<void>((resolve, reject) => {
    waiting.push({ batchId, account, go: resolve, drop: reject });
    pump(limit);
  });
  const queued = waiting.some((w) => w.batchId === batchId);
  const done = (async () => {
    await slot; // a dropped waiter (cancel, shutdown) throws here, holding no slot
    try {
      await hooks.onStart();
      await startJob(batchId, job);
    } finally {
      active -= 1;
      const n = (activeByAccount.get(account) ?? 1) - 1;
      if (n > 0) activeByAccount.set(account, n); else activeByAccount.delete(account);
      pump(limit);
    }
  })();
  running.set(`queue:${batchId}`, done.catch(() => undefined));
  void done.finally(() => running.delete(`queue:${batchId}`)).catch(() => undefined);
  return { queued, done };
}

/** Removes a waiting check (cancel); false when it is not waiting here. */
export function dequeue(batchId: string): boolean {
  const i = waiting.findIndex((w) => w.batchId === batchId);
  if (i < 0) return false;
  const [w] = waiting.splice(i, 1);
  w!.drop(new QueueDropped());
  return true;
}

export function isQueued(batchId: string): boolean {
  return waiting.some((w) => w.batchId === batchId);
}

export class QueueDropped extends Error {
  constructor() {
    super('已从队列中取消');
  }
}

let stopping = false;

/** Jobs call this between chunks: on shutdown they stop there (the batch is marked interrupted, and resumable). */
export function shouldStop(): boolean {
  return stopping;
}

export class JobStopped extends Error {
  constructor() {
    super('服务正在停止，导入已中断，可稍后继续');
  }
}

/** Shutdown: ask running jobs to stop at their next chunk and wait for them; waiting checks are dropped. */
export async function stopJobs(): Promise<void> {
  stopping = true;
  for (const w of waiting.splice(0)) w.drop(new JobStopped());
  await Promise.allSettled([...running.values()]);
}

/** Waits for every job (tests). */
export async function drainJobs(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running.values()]);
}
