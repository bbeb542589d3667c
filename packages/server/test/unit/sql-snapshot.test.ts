/**
 * The hot queries' SQL is checked in (packages/server/src/repositories/queries/*.sql) so that a change to one
 * shows in review. This regenerates the text in memory and compares it with the files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUERIES_DIR, snapshots } from '../../../../scripts/sql-snapshot.ts';

describe('checked-in SQL of the hot queries', () => {
  it('matches what the repositories send', async () => {
    const fresh = await snapshots();
    const stale: string[] = [];
    for (const [file, text] of fresh) {
      const at = path.join(QUERIES_DIR, file);
      if (!fs.existsSync(at) || fs.readFileSync(at, 'utf8') !== text) stale.push(file);
    }
    const extra = fs.readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.sql') && !fresh.has(f));
    expect(stale.concat(extra), 'the SQL of a hot query changed: run `npm run sql:snapshot` and review the diff of packages/server/src/repositories/queries/').toEqual([]);
  });
});
