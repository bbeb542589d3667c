/**
 * The layering rule of eslint.config.js: SQL (drizzle-orm, db/schema) only in repositories; routes call
 * services, never repositories. Lints snippets as if they were files of each layer.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../../..');
const eslint = new ESLint({ cwd: root });
const src = 'packages/server/src';

async function restricted(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(root, src, file) });
  return r!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

const SQL = "import { sql } from 'drizzle-orm';\nexport const q = sql`select 1`;\n";
const SCHEMA = "import { cadre } from '../db/schema/index.ts';\nexport const t = cadre;\n";
const PG_CORE = "import { alias } from 'drizzle-orm/pg-core';\nexport const a = alias;\n";
const REPO = "import { listWarnings } from '../repositories/warnings.repository.ts';\nexport const f = listWarnings;\n";
const REPO_TYPE = "import type { BatchRow } from '../repositories/imports.repository.ts';\nexport type B = BatchRow;\n";

describe('layering lint', { timeout: 30_000 }, () => {
  it('forbids drizzle-orm and the schema in services, the CLI and routes', async () => {
    for (const file of ['services/x.service.ts', 'services/supervision/x.ts', 'cli/x.ts', 'cli.ts', 'routes/x.routes.ts']) {
      expect(await restricted(file, SQL), file).toHaveLength(1);
      expect(await restricted(file, PG_CORE), file).toHaveLength(1);
      expect(await restricted(file, SCHEMA), file).toHaveLength(1);
    }
    expect((await restricted('services/x.service.ts', SQL))[0]).toMatch(/repositories/u);
  });

  it('forbids calling repositories from routes (a row type may be named)', async () => {
    expect(await restricted('routes/x.routes.ts', REPO)).toHaveLength(1);
    expect(await restricted('routes/x.routes.ts', REPO_TYPE)).toHaveLength(0);
    expect(await restricted('services/x.service.ts', REPO)).toHaveLength(0);
  });

  it('lets repositories (and the database layer) use SQL', async () => {
    expect(await restricted('repositories/x.repository.ts', SQL + SCHEMA)).toHaveLength(0);
    expect(await restricted('db/x.ts', SQL)).toHaveLength(0);
  });

  it('keeps repositories below services', async () => {
    expect(await restricted('repositories/x.repository.ts', "import { today } from '../services/orgs.service.ts';\nexport const t = today;\n")).toHaveLength(1);
  });
});
