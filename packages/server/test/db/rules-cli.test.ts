/**
 * `jiandu evaluate | warnings | eligibility | obligations` as a user runs them on a seeded data dir: what the
 * evaluation stored is exactly what the rules recompute for the same day (--as-of), and each command's JSON
 * has the shape the issue asks for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPlace } from '../support/place.ts';
import { runCli } from '../support/process.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

let env: Record<string, string>;
const json = async (args: string[]) => {
  const r = await runCli(args, env, 120_000);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as any;
};
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  env = await cliPlace('jiandu-rules-', cleanup);
  const seeded = await runCli(['seed', '--cadres', '300', '--seed', '7', '--entries-per-cadre', '30'], env, 180_000);
  expect(seeded.code, seeded.stderr).toBe(0);
}, 240_000);

describe('rules from the command line', () => {
  let warnings: any[];
  it('before any evaluation the stored list is empty and the command says why', async () => {
    const r = await runCli(['warnings', '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.stderr).toContain('尚未评估');
  }, 180_000);

  it('evaluate stores warnings; each names its rule in Chinese, colour 红/黄/蓝, subject, status, explanation and evidence', async () => {
    const done = await json(['evaluate', '--json']);
    expect(done).toMatchObject({ status: 'done' });
    expect(done.subjects).toBeGreaterThan(300);
    warnings = await json(['warnings', '--json']);
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) {
      expect(['红', '黄', '蓝']).toContain(w.colour);
      expect(w.rule).toMatch(/^[\u4e00-\u9fa5]+$/u);
      expect(w.status).toBe('新');
      expect(w.explanation.length).toBeGreaterThan(8);
      expect(Array.isArray(w.evidence)).toBe(true);
      if (w.subjectType === '干部') expect(w.subject).toMatch(/^\d{17}[\dX]$/u);
    }
    expect(new Set(warnings.map((w) => w.colour)).size).toBe(3);
  }, 180_000);

  it('what is stored is what the rules give for today (--as-of today)', async () => {
    const recomputed = await json(['warnings', '--as-of', today, '--json']);
    const key = (w: any) => `${w.ruleCode}|${w.subject}|${w.colour}|${w.explanation}`;
    expect(recomputed.map(key).sort()).toEqual(warnings.map(key).sort());
  }, 180_000);

  it('--cadre narrows to one person; --as-of a day before any fact gives nothing', async () => {
    const someone = warnings.find((w) => w.subjectType === '干部' && w.colour === '红')!;
    const mine = await json(['warnings', '--cadre', someone.subject, '--json']);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((w: any) => w.subject === someone.subject)).toBe(true);
    expect(await json(['warnings', '--cadre', someone.subject, '--as-of', '2000-01-01', '--json'])).toEqual([]);
  }, 180_000);

  it('eligibility answers with its reasons; before any fact the same cadre may be used', async () => {
    const someone = warnings.find((w) => w.subjectType === '干部' && w.colour === '红')!;
    const e = await json(['eligibility', someone.subject, '--json']);
    expect(['暂缓', '不宜']).toContain(e.result);
    expect(e.reasons.length).toBeGreaterThan(0);
    for (const r of e.reasons) expect(Object.keys(r).sort()).toEqual(['evidence', 'explanation', 'rule', 'until', 'verdict']);
    expect(await json(['eligibility', someone.subject, '--as-of', '2000-01-01', '--json'])).toMatchObject({ result: '可以使用', reasons: [] });
    const bad = await runCli(['eligibility', '110101199001011234', '--json'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('身份证号');
  }, 180_000);

  it('obligations --overdue lists only overdue ones, the same as the recomputation', async () => {
    const all = await json(['obligations', '--json']);
    expect(all.length).toBeGreaterThan(0);
    const overdue = await json(['obligations', '--overdue', '--json']);
    expect(overdue.every((o: any) => o.state === '已逾期')).toBe(true);
    expect(overdue.length).toBe(all.filter((o: any) => o.state === '已逾期').length);
    const recomputed = await json(['obligations', '--overdue', '--as-of', today, '--json']);
    const key = (o: any) => `${o.typeCode}|${o.subject}|${o.dueOn}|${o.title}`;
    expect(recomputed.map(key).sort()).toEqual(overdue.map(key).sort());
  }, 180_000);
});
