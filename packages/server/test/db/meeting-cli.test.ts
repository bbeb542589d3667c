/**
 * `jiandu meeting agenda` on a seeded data dir (issue 13 point 9): the agenda a convener's meeting would get, in
 * the shape the issue asks for, read-only and repeatable; a unit that is unknown or convenes nothing is a
 * Chinese error with exit code 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPlace } from '../support/place.ts';
import { runCli } from '../support/process.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

let env: Record<string, string>;
const AS_OF = '2026-06-30';
const agenda = async (args: string[]) => {
  const r = await runCli(['meeting', 'agenda', ...args, '--json'], env, 120_000);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as any;
};

beforeAll(async () => {
  env = await cliPlace('jiandu-meeting-', cleanup);
  const seeded = await runCli(['seed', '--cadres', '300', '--seed', '11', '--entries-per-cadre', '10', '--as-of', AS_OF], env, 180_000);
  expect(seeded.code, seeded.stderr).toBe(0);
}, 240_000);

describe('jiandu meeting agenda', () => {
  it('prints the convener, the period (from the day after the previous meeting held) and the subjects with entries, warnings and proposals', async () => {
    const out = await agenda(['--convener', '青川市委组织部', '--as-of', AS_OF, '--since', '2025-01-01']);
    expect(Object.keys(out).sort()).toEqual(['convener', 'since', 'subjects', 'until']);
    expect(out).toMatchObject({ convener: '青川市委组织部', since: '2025-01-01', until: AS_OF });
    expect(out.subjects.length).toBeGreaterThan(0);
    for (const s of out.subjects) {
      expect(['cadre', 'team']).toContain(s.type);
      expect(s.name.length).toBeGreaterThan(1);
      expect(s.org.length).toBeGreaterThan(1);
      if (s.type === 'cadre') expect(s.idNumber).toMatch(/^\d{17}[\dX]$/u);
      else expect(s.idNumber).toBeUndefined();
      for (const e of s.entries) {
        expect(Object.keys(e).sort()).toEqual(['date', 'id', 'kind']);
        expect(e.date <= AS_OF).toBe(true);
      }
      for (const w of s.warnings) expect(['red', 'yellow']).toContain(w.colour);
      expect(Array.isArray(s.proposedBy)).toBe(true);
    }
    expect(out.subjects.some((s: any) => s.type === 'cadre' && s.entries.length > 0)).toBe(true);
    const byDefault = await agenda(['--convener', '青川市委组织部', '--as-of', AS_OF]);
    // The seed held each convener's last half-year meeting 18 days before that half ended (2025-12-13).
    expect(byDefault.since).toBe('2025-12-14');
    expect(byDefault.subjects.length).toBeLessThanOrEqual(out.subjects.length);
    // Read-only: the same again.
    expect(await agenda(['--convener', '青川市委组织部', '--as-of', AS_OF])).toEqual(byDefault);
  }, 240_000);

  it('an unknown unit, or one that convenes nothing, is an error in Chinese with exit code 1', async () => {
    const unknown = await runCli(['meeting', 'agenda', '--convener', '不存在的单位', '--json'], env, 120_000);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('找不到单位“不存在的单位”');
    const notConvener = await runCli(['meeting', 'agenda', '--convener', '青川市委', '--json'], env, 120_000);
    expect(notConvener.code).toBe(1);
    expect(notConvener.stderr).toContain('不是联席会议的召集单位');
    const bad = await runCli(['meeting', 'agenda', '--convener', '青川市委组织部', '--as-of', '2026-13-01'], env, 120_000);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--as-of');
  }, 240_000);
});
