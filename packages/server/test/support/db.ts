/** A fresh, migrated database per test file (PGlite copy, or a PostgreSQL database from the template). */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { fromPglite, fromPool, type Database } from '../../src/db/client.ts';
import { adminUrl } from './global-setup.ts';

export const onPostgres = () => !!process.env.TEST_DATABASE_URL;

export async function freshDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  const pgTemplate = inject('pgTemplate');
  if (url && pgTemplate) {
    const name = `jiandu_t_${crypto.randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${pgTemplate}`);
    await admin.end();
    const db = fromPool(new pg.Pool({ connectionString: adminUrl(url, name), max: 5 }));
    const close = db.close;
    db.close = async () => {
      await close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
    return db;
  }
  const file = inject('pgliteTemplate');
  const client = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(file)]) });
  return fromPglite(client);
}

/** A fresh, migrated embedded database in a folder on disk (tests that look at the files: DATA-05). */
export async function freshDatabaseAt(dataDir: string): Promise<Database> {
  const client = await PGlite.create({ dataDir, loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
  return fromPglite(client);
}

/** On PostgreSQL: a fresh, migrated database for a child process (DATABASE_URL) and a way to drop it. */
export async function freshDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const url = process.env.TEST_DATABASE_URL;
  const pgTemplate = inject('pgTemplate');
  if (!url || !pgTemplate) return null;
  const name = `jiandu_p_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${pgTemplate}`);
  await admin.end();
  return {
    url: adminUrl(url, name),
    async drop() {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
