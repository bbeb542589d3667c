/** In-process import jobs: one at a time per batch, progress in the batch row, errors kept on it. */
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

/** Shutdown: ask running jobs to stop at their next chunk and wait for them. */
export async function stopJobs(): Promise<void> {
  stopping = true;
  await Promise.allSettled([...running.values()]);
}

/** Waits for every job (tests). */
export async function drainJobs(): Promise<void> {
  await Promise.allSettled([...running.values()]);
}
