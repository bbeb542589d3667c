/** Where a real `jiandu` process runs in a test: a data folder of its own and, on PostgreSQL, a database of its own. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshDatabaseUrl } from './db.ts';

/**
 * The environment for `runCli`/`startServer`: JIANDU_DATA_DIR (a new folder named `prefix…`), cheap password
 * hashing, and DATABASE_URL on PostgreSQL (PGlite in the folder otherwise). Pushes the removal of both onto `cleanup`.
 */
export async function cliPlace(prefix: string, cleanup: Array<() => unknown>): Promise<Record<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env: Record<string, string> = { JIANDU_DATA_DIR: dir, JIANDU_PBKDF2_ITERATIONS: '1000' };
  const db = await freshDatabaseUrl();
  if (db) {
    cleanup.push(db.drop);
    env.DATABASE_URL = db.url;
  }
  return env;
}
