/** What every `jiandu` command that opens the database shares: its actor and the runtime's lifetime. */
import os from 'node:os';
import type { Config } from '../config.ts';
import { systemActor, type Actor } from '../context.ts';
import { openRuntime } from '../runtime.ts';
import { checkpointPath, writeCheckpoint } from '../services/audit-checkpoints.ts';

export function cliActor(command: string): Actor {
  return systemActor(`cli:${os.userInfo().username}:${command}`);
}

/** Opens the runtime for one command and closes it however the command ends. */
export async function withRuntime<T>(config: Config, fn: (rt: Awaited<ReturnType<typeof openRuntime>>) => Promise<T>): Promise<T> {
  const rt = await openRuntime(config);
  try {
    const result = await fn(rt);
    // What the command wrote to the audit log is covered by a signed checkpoint outside the database.
    await writeCheckpoint(rt.db, rt.auditSigner, checkpointPath(config), rt.clock);
    return result;
  } finally {
    await rt.close();
  }
}
