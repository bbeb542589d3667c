/**
 * PGlite does not lock its folder, and two processes on one folder corrupt it. We take a lockfile
 * (pid + host) before opening and refuse a second process while the first is alive.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(public readonly dir: string, public readonly pid: number) {
    super(`数据目录 ${dir} 正被另一个 Jiandu 进程（pid ${pid}）使用。请先停止该进程；同一数据目录不能同时打开两次。`);
    this.name = 'DataDirLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DirLock {
  release(): void;
}

export function lockDataDir(dir: string): DirLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'jiandu.lock');
  const body = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, body, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid: number; host: string } | null = null;
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; host: string };
      } catch {
        holder = null; // half-written or unreadable: treat as stale
      }
      if (holder && holder.pid !== process.pid && holder.host === os.hostname() && alive(holder.pid)) {
        throw new DataDirLockedError(dir, holder.pid);
      }
      if (holder && holder.host !== os.hostname()) throw new DataDirLockedError(dir, holder.pid);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`无法锁定数据目录 ${dir}`);
}
