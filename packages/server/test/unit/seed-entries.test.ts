/** The generated ledger: deterministic, streamed, every entry valid under the ledger's own rules, plausible mix. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  DEFAULT_DICTIONARIES, ENTRY_KINDS, KIND_CODES, crossCheckDetails, detailSchemas, impactOf, subjectIssue,
} from '@jiandu/domain';
import { generateSeedData, type SeedData } from '../../src/seed/generator.ts';
import { generateEntries, planEntries } from '../../src/seed/entries.ts';
import type { SeedEntry } from '../../src/seed/entry-draft.ts';

const AS_OF = '2026-06-30';
const data = generateSeedData({ seed: 20260101, cadres: 3000, asOf: AS_OF });
const all = (d: SeedData, perCadre: number, chunkRows?: number) => {
  const plan = planEntries(d, { perCadre });
  const out: SeedEntry[] = [];
  let chunks = 0;
  for (const c of generateEntries(d, plan, chunkRows)) {
    chunks++;
    for (const e of c) out.push(e);
  }
  return { plan, entries: out, chunks };
};
const digest = (es: SeedEntry[]) => createHash('sha256').update(JSON.stringify(es)).digest('hex');
const { plan, entries, chunks } = all(data, 40);
const byKind = (k: string) => entries.filter((e) => e.kind === k);
const share = (es: SeedEntry[], f: (e: SeedEntry) => boolean) => es.filter(f).length / Math.max(1, es.length);

describe('seeded ledger: size and determinism', () => {
  it('makes the planned number of entries, about K per cadre (team entries included), in chunks', () => {
    expect(entries).toHaveLength(plan.total);
    expect(plan.total / data.cadres.length).toBeGreaterThan(38);
    expect(plan.total / data.cadres.length).toBeLessThan(42);
    expect(chunks).toBeGreaterThan(10);
    expect(entries.filter((e) => e.teamId !== null).length / plan.total).toBeGreaterThan(0.02);
    expect(planEntries(data, { perCadre: 0 }).total).toBe(0);
  });

  it('same seed → the same entries, however the stream is cut; another seed → others', () => {
    expect(digest(all(data, 40, 777).entries)).toBe(digest(entries));
    const other = generateSeedData({ seed: 7, cadres: 3000, asOf: AS_OF });
    expect(digest(all(other, 40).entries.slice(0, 500))).not.toBe(digest(entries.slice(0, 500)));
  }, 60_000);

  it('ids are unique uuids, ascending in the order of the stream (appended to the indexes)', () => {
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 2000)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    for (let i = 1; i < ids.length; i++) if (ids[i]! <= ids[i - 1]!) throw new Error(`not ascending at ${i}`);
  });
});

describe('seeded ledger: every entry is valid', () => {
  const schemas = detailSchemas(DEFAULT_DICTIONARIES) as Record<string, z.ZodType>;
  const cadres = new Map(data.cadres.map((c) => [c.id, c]));
  const teams = new Map(data.teams.map((t) => [t.id, t]));
  const orgs = new Map(data.orgs.map((o) => [o.id, o]));

  it('details pass the kind schema and cross checks; the subject and source department fit the kind', () => {
    const problems: string[] = [];
    for (const e of entries) {
      const parsed = schemas[e.kind]!.safeParse(e.details);
      if (!parsed.success) {
        problems.push(`${e.kind} ${JSON.stringify(e.details)}: ${parsed.error.issues.map((i) => i.message).join('；')}`);
        continue;
      }
      const subject = { cadre: e.cadreId !== null, team: e.teamId !== null };
      const issues = [...crossCheckDetails(e.kind, parsed.data as Record<string, unknown>, subject, DEFAULT_DICTIONARIES)];
      const wrong = subjectIssue(e.kind, subject);
      if (wrong) issues.push(wrong);
      if (!ENTRY_KINDS.find((k) => k.code === e.kind)!.departments.includes(e.sourceDept)) issues.push({ path: 'sourceDept', message: e.sourceDept });
      if (issues.length) problems.push(`${e.kind} ${JSON.stringify(e.details)}: ${JSON.stringify(issues)}`);
      if (problems.length > 5) break;
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('subjects exist, each entry carries its subject’s org and region; dates lie in the six years before asOf', () => {
    const problems: string[] = [];
    for (const e of entries) {
      const place = e.cadreId ? cadres.get(e.cadreId) : teams.has(e.teamId ?? '') ? { orgId: teams.get(e.teamId!)!.orgId, regionCode: orgs.get(teams.get(e.teamId!)!.orgId)!.regionCode } : null;
      if ((e.cadreId === null) === (e.teamId === null) || !place) problems.push(`subject ${e.cadreId} ${e.teamId}`);
      else if (e.orgId !== place.orgId || e.regionCode !== place.regionCode) problems.push(`place of ${e.id}`);
      if (!(e.occurredOn >= '2020-06-29' && e.occurredOn <= AS_OF)) problems.push(`${e.kind} on ${e.occurredOn}`);
      if (!(e.createdAt.slice(0, 10) >= e.occurredOn && e.createdAt.slice(0, 10) <= AS_OF)) problems.push(`${e.kind} created ${e.createdAt}`);
      if (e.summary.length < 4) problems.push(`summary ${e.summary}`);
      if (problems.length > 5) break;
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('entries of cadres who left stop when they left', () => {
    const lastEnd = new Map<string, string>();
    for (const t of data.tenures) if (t.endDate && t.endDate > (lastEnd.get(t.cadreId) ?? '')) lastEnd.set(t.cadreId, t.endDate);
    const late = entries.filter((e) => {
      const c = e.cadreId ? cadres.get(e.cadreId)! : null;
      return c && (c.status === '退休' || c.status === '调出') && e.occurredOn > lastEnd.get(c.id)!;
    });
    expect(late).toEqual([]);
    expect(entries.some((e) => e.cadreId && cadres.get(e.cadreId)!.status === '退休')).toBe(true);
  });

  it('impact periods are the rules’ own; pending entries come from member departments, recently', () => {
    const problems: string[] = [];
    for (const e of entries) {
      const impact = impactOf({ kind: e.kind, occurredOn: e.occurredOn, details: e.details });
      if (e.impactUntil !== (impact?.until ?? null) || e.impactBasis !== (impact?.basis ?? null)) problems.push(`impact of ${e.id}`);
      if (e.status === 'pending' && (e.sourceDept === 'zzb' || e.occurredOn < '2026-05-01')) problems.push(`pending ${e.id}`);
    }
    expect(problems).toEqual([]);
    expect(entries.some((e) => e.status === 'pending')).toBe(true);
    expect(share(entries, (e) => e.status === 'pending')).toBeLessThan(0.01);
    expect(share(entries, (e) => e.provenance === 'excel')).toBeGreaterThan(0.1);
  }, 60_000);

  it('a 容错纠错 names an earlier entry of the same cadre', () => {
    const seen = new Map<string, SeedEntry>();
    const decisions = [];
    for (const e of entries) {
      if (e.kind === 'rcjc') {
        const target = seen.get(String(e.details.targetEntryId));
        expect(target, JSON.stringify(e.details)).toBeDefined();
        expect(target!.cadreId).toBe(e.cadreId);
        expect(target!.kind).not.toBe('rcjc');
        expect(target!.occurredOn < e.occurredOn).toBe(true);
        decisions.push(e.details.decision);
      }
      seen.set(e.id, e);
    }
    expect(decisions).toContain('免责');
  });
});

describe('seeded ledger: a plausible mix', () => {
  it('has every kind; talks, trainings and travel filings are the bulk; punishments are rare', () => {
    for (const k of KIND_CODES) expect(byKind(k).length, k).toBeGreaterThan(0);
    for (const k of ['txth', 'jypx', 'wcbb']) expect(byKind(k).length / entries.length, k).toBeGreaterThan(0.08);
    expect(byKind('cfwz').length / entries.length).toBeLessThan(0.02);
    expect(byKind('rcjc').length).toBeLessThan(byKind('cfwz').length);
  });

  it('most assessments are 称职/优秀, most petitions come to nothing, a few are 诬告', () => {
    const cadreGrades = byKind('ndkh').filter((e) => e.cadreId);
    expect(share(cadreGrades, (e) => e.details.grade === '称职' || e.details.grade === '优秀')).toBeGreaterThan(0.9);
    expect(cadreGrades.some((e) => e.details.grade === '基本称职')).toBe(true);
    const teamGrades = byKind('ndkh').filter((e) => e.teamId);
    expect(teamGrades.length).toBeGreaterThan(data.teams.length);
    expect(teamGrades.every((e) => ['好', '较好', '一般', '较差'].includes(String(e.details.grade)))).toBe(true);
    const closed = byKind('xfjb').filter((e) => e.details.status === '办结');
    const cleared = closed.filter((e) => ['失实', '查无实据', '诬告'].includes(String(e.details.result))).length;
    expect(cleared).toBeGreaterThan(closed.length / 2);
    expect(closed.some((e) => e.details.result === '属实')).toBe(true);
    expect(closed.some((e) => e.details.result === '诬告')).toBe(true);
    expect(byKind('xfjb').some((e) => e.details.status !== '办结')).toBe(true);
  });

  it('has the negative minority the rules look for', () => {
    expect(byKind('cfwz').some((e) => e.impactUntil && e.impactUntil > AS_OF)).toBe(true);
    expect(byKind('ytjm').some((e) => e.details.form === '诫勉' && e.impactUntil)).toBe(true);
    expect(byKind('gbcc').some((e) => e.details.result === '漏报')).toBe(true);
    expect(share(byKind('gbcc'), (e) => e.details.result === '一致')).toBeGreaterThan(0.7);
    expect(byKind('jjzrsj').some((e) => e.details.rectificationStatus !== '已整改' && String(e.details.rectificationDeadline) < AS_OF)).toBe(true);
    expect(byKind('xcxc').some((e) => e.details.rectificationStatus !== '已整改' && String(e.details.rectificationDeadline) < AS_OF)).toBe(true);
    const late = share(byKind('wcbb'), (e) => String(e.details.filedOn) > String(e.details.departOn));
    expect(late).toBeGreaterThan(0.01);
    expect(late).toBeLessThan(0.1);
    expect(byKind('szyd').some((e) => e.details.principalSpokeLast === false)).toBe(true);
    expect(byKind('szyd').every((e) => e.details.matterType !== '大额资金使用' || typeof e.details.amount === 'number')).toBe(true);
    expect(byKind('sxdt').length).toBeGreaterThan(0);
  });

  it('links the story: petitions, 思想波动 and tenure changes are mostly followed by a talk', () => {
    const talks = new Map<string, string[]>();
    for (const e of byKind('txth')) talks.set(`${e.cadreId}|${e.details.trigger}`, [...(talks.get(`${e.cadreId}|${e.details.trigger}`) ?? []), e.occurredOn]);
    const moods = byKind('sxdt');
    const talked = moods.filter((m) => (talks.get(`${m.cadreId}|思想波动`) ?? []).some((d) => d >= m.occurredOn)).length;
    expect(talked / moods.length).toBeGreaterThan(0.6);
    expect(byKind('txth').filter((e) => e.details.trigger === '工作变动').length).toBeGreaterThan(50);
    // Systematic training of 一把手 most years.
    const systematic = byKind('jypx').filter((e) => ['党校系统培训', '干部学院系统培训'].includes(String(e.details.trainingType)));
    expect(systematic.length).toBeGreaterThan(data.teams.length);
  });
});
