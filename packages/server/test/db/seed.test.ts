/** A small generated city inserted in bulk, then read back through the real services and HTTP. */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { KIND_CODES, maskIdNumber, permissionsOf, type Role } from '@jiandu/domain';
import { createTestContext, type TestContext } from '../support/app.ts';
import { rows } from '../../src/db/client.ts';
import { generateSeedData, type SeedData } from '../../src/seed/generator.ts';
import { generateEntries, planEntries } from '../../src/seed/entries.ts';
import type { SeedEntry } from '../../src/seed/entry-draft.ts';
import { insertSeedData, type InsertSummary } from '../../src/seed/insert.ts';
import { countCadres, demoBannerLines, ensureDemoAccounts, progressPrinter } from '../../src/seed/demo.ts';
import { getCadre, listCadres, lookupCadre, revealIdNumber } from '../../src/services/cadres.service.ts';
import { children, getTeam } from '../../src/services/orgs.service.ts';
import { jurisdiction, systemActor, type Actor } from '../../src/context.ts';
import { verifyAudit } from '../../src/repositories/audit.repository.ts';
import { nameKeys } from '../../src/lib/pinyin.ts';
import { listEntries, ruleContext } from '../../src/services/entries.service.ts';
import { checkEntry } from '../../src/services/entry-check.ts';
import { summaryGrams } from '../../src/crypto/entry-search.ts';
import { readZip } from '../support/zip.ts';

let ctx: TestContext;
let data: SeedData;
let progress: string[];
let summary: InsertSummary;
let seeded: SeedEntry[];
let catalogBefore: { indexes: string[]; keys: string[] };
const PER_CADRE = 20;

/** The ledger's indexes and foreign keys, as the migrations made them. */
async function ledgerCatalog() {
  const indexes = await ctx.db.tx((tx) => rows<{ d: string }>(tx, sql`select indexdef as d from pg_indexes where tablename in ('entry', 'entry_head') order by indexname`));
  const keys = await ctx.db.tx((tx) => rows<{ d: string }>(tx, sql`
    select conname || ' ' || pg_get_constraintdef(oid) as d from pg_constraint where conrelid in ('entry'::regclass, 'entry_head'::regclass) order by conname`));
  return { indexes: indexes.map((r) => r.d), keys: keys.map((r) => r.d) };
}

function actor(role: Role, root: { orgId: string; path: string } | null, departmentCode: string | null = null): Actor {
  const scope = root ? jurisdiction(root.orgId, root.path, orgOf(root.orgId).level) : null;
  return {
    userId: null, login: `test-${role}`, roles: [role], permissions: permissionsOf([role]), scope, departmentCode,
    clientIp: null, requestId: null,
  };
}

const orgOf = (id: string) => data.orgs.find((o) => o.id === id)!;

/** Ids of the seeded cadres above 县管 (the database derives the level from the rank). */
async function cityManaged(): Promise<Set<string>> {
  const r = await ctx.db.tx((tx) => rows<{ id: string }>(tx, sql`select id from cadre where manage_level <> '县管'`));
  return new Set(r.map((x) => x.id));
}

async function count(table: 'org' | 'team' | 'cadre' | 'tenure'): Promise<number> {
  const q = {
    org: sql`select count(*)::int as n from org`,
    team: sql`select count(*)::int as n from team`,
    cadre: sql`select count(*)::int as n from cadre`,
    tenure: sql`select count(*)::int as n from tenure`,
  }[table];
  const [r] = await ctx.db.tx((tx) => rows<{ n: number }>(tx, q));
  return Number(r!.n);
}

beforeAll(async () => {
  ctx = await createTestContext();
  data = generateSeedData({ seed: 42, cadres: 300, asOf: ctx.clock.now().toISOString().slice(0, 10) });
  progress = [];
  catalogBefore = await ledgerCatalog();
  // Small batches: several statements per table, and a city root whose 组织部 arrives in a later batch.
  summary = await insertSeedData(ctx.deps, data, {
    actor: systemActor('test:seed'), batchSize: 5, entriesPerCadre: PER_CADRE, onProgress: progressPrinter((l) => progress.push(l)),
  });
  seeded = [...generateEntries(data, planEntries(data, { perCadre: PER_CADRE }))].flat();
});

describe('bulk insert of a generated city', () => {
  it('stores every row, with one audit row for the whole seed', async () => {
    expect(await count('org')).toBe(data.orgs.length);
    expect(await count('team')).toBe(data.teams.length);
    expect(await count('cadre')).toBe(300);
    expect(await countCadres(ctx.db)).toBe(300);
    expect(await count('tenure')).toBe(data.tenures.length);
    const audit = await ctx.db.tx((tx) => rows<{ action: string; details: unknown }>(tx, sql`select action, details from audit_log where action = 'seed.demo'`));
    expect(audit).toHaveLength(1);
    expect((await verifyAudit(ctx.db)).ok).toBe(true);
    expect(progress.some((l) => l.includes('干部 300 / 300'))).toBe(true);
  });

  it('keeps paths and managed_by exactly as generated (incl. the deferred ones)', async () => {
    const stored = await ctx.db.tx((tx) => rows<{ id: string; path: string; managed_by: string | null; flags: unknown }>(tx, sql`select id, path, managed_by, flags from org`));
    const byId = new Map(stored.map((o) => [o.id, o]));
    for (const o of data.orgs) {
      expect(byId.get(o.id)!.path).toBe(o.path);
      expect(byId.get(o.id)!.managed_by).toBe(o.managedBy);
    }
    const tenures = await ctx.db.tx((tx) => rows<{ domains: string[]; is_principal: boolean; end_date: string | null }>(tx, sql`select domains, is_principal, end_date from tenure where is_principal and end_date is null`));
    expect(tenures).toHaveLength(data.teams.length);
    expect(tenures.every((t) => Array.isArray(t.domains) && t.domains[0] === '全面工作')).toBe(true);
  });

  it('stores the 分工调整 as generated; the team view shows the 分工 in force today', async () => {
    const stored = await ctx.db.tx((tx) => rows<{ tenure_id: string; domains: string[]; effective_date: string; created_by_login: string }>(tx, sql`
      select tenure_id, domains, effective_date, created_by_login from tenure_domain order by tenure_id`));
    expect(stored.map((r) => [r.tenure_id, r.domains, r.effective_date]))
      .toEqual([...data.domainChanges].sort((a, b) => (a.tenureId < b.tenureId ? -1 : 1)).map((c) => [c.tenureId, c.domains, c.effectiveDate]));
    expect(data.domainChanges.length).toBeGreaterThanOrEqual(2);
    const change = data.domainChanges[0]!;
    const t = data.tenures.find((x) => x.id === change.tenureId)!;
    const team = await getTeam(ctx.deps, actor('supervisor', null), data.teams.find((x) => x.id === t.teamId)!.orgId);
    expect(team!.members.find((m) => m.tenureId === t.id)).toMatchObject({ domains: change.domains, domainsSince: change.effectiveDate });
  });

  it('stores cadres exactly like entered ones: pinyin keys, blind index, encrypted 身份证号', async () => {
    const c = data.cadres[0]!;
    const [row] = await ctx.db.tx((tx) => rows<{ name_pinyin: string; name_initials: string; id_number_bidx: Uint8Array; id_number_masked: string }>(tx, sql`select name_pinyin, name_initials, id_number_bidx, id_number_masked from cadre where id = ${c.id}::uuid`));
    expect(row!.name_pinyin).toBe(nameKeys(c.name).key);
    expect(row!.name_initials).toBe(nameKeys(c.name).initials);
    expect(Buffer.from(row!.id_number_bidx).equals(ctx.deps.crypto.blindIndex('id_number', c.idNumber))).toBe(true);
    expect(row!.id_number_masked).toBe(maskIdNumber(c.idNumber));
    expect(await revealIdNumber(ctx.deps, actor('supervisor', null), c.id)).toBe(c.idNumber);
  });
});

describe('the seeded city through the services', () => {
  it('a county supervisor lists exactly the cadres of the county subtree', async () => {
    const county = data.cities[0]!.counties[0]!;
    const scope = { orgId: county.orgId, path: orgOf(county.orgId).path };
    // 干部管理权限: the county's 市管 leaders (县处级 ranks) sit in its subtree but are not the county's.
    const above = await cityManaged();
    const subtree = data.cadres.filter((c) => orgOf(c.orgId).path.startsWith(scope.path));
    const expected = new Set(subtree.filter((c) => !above.has(c.id)).map((c) => c.id));
    expect(expected.size).toBeGreaterThan(10);
    expect(subtree.filter((c) => above.has(c.id)).every((c) => /处级|厅级|调研员|巡视员/u.test(c.rank))).toBe(true);
    expect(subtree.filter((c) => !above.has(c.id)).every((c) => /科级|主任科员/u.test(c.rank))).toBe(true);
    expect(subtree.some((c) => above.has(c.id) && c.rank === '正处级')).toBe(true);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCadres(ctx.deps, actor('supervisor', scope), { limit: 40, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen)).toEqual(expected);
    // Sorted by pinyin across pages.
    const keys = seen.map((id) => nameKeys(data.cadres.find((c) => c.id === id)!.name).key);
    expect([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(keys);

    // Initials search, and the city-wide subtree filter by org.
    const someone = data.cadres.find((c) => expected.has(c.id))!;
    const byInitials = await listCadres(ctx.deps, actor('supervisor', scope), { limit: 200, q: nameKeys(someone.name).initials });
    expect(byInitials.items.map((i) => i.id)).toContain(someone.id);
    const cityWide = actor('supervisor', { orgId: data.cities[0]!.rootId, path: orgOf(data.cities[0]!.rootId).path });
    const inCounty = await listCadres(ctx.deps, cityWide, { limit: 200, orgId: county.orgId });
    expect(inCounty.items).toHaveLength(subtree.length);
  });

  it('profiles come with tenures; out-of-scope cadres do not exist for the county', async () => {
    const county = data.cities[0]!.counties[0]!;
    const scope = { orgId: county.orgId, path: orgOf(county.orgId).path };
    const above = await cityManaged();
    const inside = data.cadres.find((c) => orgOf(c.orgId).path.startsWith(scope.path) && !above.has(c.id) && data.tenures.some((t) => t.cadreId === c.id && t.endDate === null))!;
    const detail = await getCadre(ctx.deps, actor('supervisor', scope), inside.id);
    expect(detail.name).toBe(inside.name);
    expect(detail.idNumberMasked).toBe(maskIdNumber(inside.idNumber));
    expect(detail.tenures).toHaveLength(data.tenures.filter((t) => t.cadreId === inside.id).length);
    const outside = data.cadres.find((c) => !orgOf(c.orgId).path.startsWith(scope.path))!;
    await expect(getCadre(ctx.deps, actor('supervisor', scope), outside.id)).rejects.toMatchObject({ kind: 'not_found' });
    const leader = data.cadres.find((c) => orgOf(c.orgId).path.startsWith(scope.path) && above.has(c.id))!;
    await expect(getCadre(ctx.deps, actor('supervisor', scope), leader.id)).rejects.toMatchObject({ kind: 'not_found' });
    const cityWide = { orgId: data.cities[0]!.rootId, path: orgOf(data.cities[0]!.rootId).path };
    expect((await getCadre(ctx.deps, actor('supervisor', cityWide), leader.id)).manageLevel).toBe('市管');
  });

  it('finds a cadre by 身份证号 through the blind index (list search and member lookup)', async () => {
    const c = data.cadres[data.cadres.length - 1]!;
    const root = { orgId: data.cities[0]!.rootId, path: orgOf(data.cities[0]!.rootId).path };
    const found = await listCadres(ctx.deps, actor('supervisor', root), { limit: 50, q: c.idNumber });
    expect(found.items.map((i) => i.id)).toEqual([c.id]);
    const looked = await lookupCadre(ctx.deps, actor('member', root, 'xf'), { idNumber: c.idNumber });
    expect(looked.map((x) => x.id)).toEqual([c.id]);
  });

  it('org tree and teams: the root, and each team with its 一把手 first', async () => {
    const root = { orgId: data.cities[0]!.rootId, path: orgOf(data.cities[0]!.rootId).path };
    const roots = await children(ctx.deps, actor('supervisor', root), null);
    expect(roots.map((r) => r.name)).toEqual(['青川市委']);
    const kids = await children(ctx.deps, actor('supervisor', root), root.orgId);
    expect(kids.map((k) => k.name)).toContain('临江区委');
    const team = await getTeam(ctx.deps, actor('supervisor', root), data.cities[0]!.counties[1]!.orgId);
    expect(team!.name).toBe('西岭区委领导班子');
    expect(team!.members[0]!.isPrincipal).toBe(true);
    expect(team!.members[0]!.title).toBe('区委书记');
    expect(team!.members.filter((m) => m.isPrincipal)).toHaveLength(1);
  });
});

describe('the seeded ledger', () => {
  const count = async (q: ReturnType<typeof sql>) => Number((await ctx.db.tx((tx) => rows<{ n: number }>(tx, q)))[0]!.n);

  it('stores every generated entry: version 1 and its head, the kinds as generated, one audit row', async () => {
    expect(summary.entries).toBe(seeded.length);
    expect(seeded.length / 300).toBeGreaterThan(PER_CADRE * 0.9);
    expect(await count(sql`select count(*)::int as n from entry where version = 1 and action = 'create' and entry_id = id`)).toBe(seeded.length);
    expect(await count(sql`select count(*)::int as n from entry_head h join entry e on e.id = h.version_id and e.entry_id = h.entry_id`)).toBe(seeded.length);
    const stored = await ctx.db.tx((tx) => rows<{ kind: string; n: number }>(tx, sql`select kind, count(*)::int as n from entry_head group by kind`));
    const expected = new Map<string, number>();
    for (const e of seeded) expected.set(e.kind, (expected.get(e.kind) ?? 0) + 1);
    expect(new Map(stored.map((r) => [r.kind, Number(r.n)]))).toEqual(expected);
    expect(await count(sql`select count(*)::int as n from entry_head where status = 'pending' and source_dept = 'zzb'`)).toBe(0);
    const [audit] = await ctx.db.tx((tx) => rows<{ details: { entries: number } }>(tx, sql`select details from audit_log where action = 'seed.demo'`));
    expect(audit!.details.entries).toBe(seeded.length);
    expect(progress.some((l) => l.startsWith('  台账记录'))).toBe(true);
  });

  it('stores the 摘要 search grams of every entry, as the form would (台账 keyword search)', async () => {
    const sample = seeded.filter((_, i) => i % 97 === 0);
    const stored = await ctx.db.tx((tx) => rows<{ id: string; grams: number[] | null }>(tx, sql`select id, summary_grams as grams from entry where id = any(${sql.param(sample.map((e) => e.id))}::uuid[])`));
    const byId = new Map(stored.map((r) => [r.id, r.grams]));
    for (const e of sample) expect(byId.get(e.id)).toEqual(summaryGrams(ctx.deps.crypto, e.summary));
    expect(await count(sql`select count(*)::int as n from entry where summary_grams is null`)).toBe(0);
  });

  it('puts back every index and foreign key of the ledger that the bulk load set aside', async () => {
    expect(await ledgerCatalog()).toEqual(catalogBefore);
    expect(catalogBefore.keys.filter((k) => k.includes('FOREIGN KEY'))).toHaveLength(5);
  });

  it('keeps subjects consistent: org and region of the subject, 容错纠错 targets of the same cadre', async () => {
    expect(await count(sql`select count(*)::int as n from entry e join cadre c on c.id = e.cadre_id where e.org_id <> c.org_id or e.region_code <> c.region_code`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from entry e join team t on t.id = e.team_id where e.org_id <> t.org_id`)).toBe(0);
    const rcjc = await count(sql`select count(*)::int as n from entry where kind = 'rcjc'`);
    expect(await count(sql`
      select count(*)::int as n from entry r join entry_head t on t.entry_id = (r.details->>'targetEntryId')::uuid
      where r.kind = 'rcjc' and t.cadre_id = r.cadre_id and t.occurred_on < r.occurred_on`)).toBe(rcjc);
  });

  it('reads through the services: a cadre’s timeline; and each seeded entry passes the server’s own entry rules', async () => {
    const root = actor('supervisor', { orgId: data.cities[0]!.rootId, path: orgOf(data.cities[0]!.rootId).path });
    const busiest = [...seeded.reduce((m, e) => (e.cadreId ? m.set(e.cadreId, (m.get(e.cadreId) ?? 0) + 1) : m), new Map<string, number>())]
      .sort((a, b) => b[1] - a[1])[0]!;
    const page = await listEntries(ctx.deps, root, 'supervisor', { cadreId: busiest[0], limit: 200 });
    expect(page.items).toHaveLength(busiest[1]);
    expect(page.items.every((i) => i.status === 'accepted' || i.status === 'pending')).toBe(true);
    // A sample of every kind through checkEntry: department kinds from the database, subject rules, 容错纠错 targets.
    const sample = KIND_CODES.flatMap((k) => seeded.filter((e) => e.kind === k).slice(0, 4));
    await ctx.db.tx(async (tx) => {
      const rc = await ruleContext(tx, ctx.clock);
      for (const e of sample) {
        const r = await checkEntry(tx, root, {
          kind: e.kind, sourceDept: e.sourceDept, cadreId: e.cadreId, teamId: e.teamId, occurredOn: e.occurredOn, refNo: e.refNo,
          summary: e.summary, outcome: e.outcome, details: e.details, sensitivity: e.sensitivity,
        }, rc);
        expect(r.ok ? [] : r.issues, `${e.kind} ${JSON.stringify(e.details)}`).toEqual([]);
        if (r.ok) expect([r.entry.impactUntil, r.entry.orgId]).toEqual([e.impactUntil, e.orgId]);
      }
    });
  });
});

describe('the seeded joint meetings (issue 13)', () => {
  const q = <T>(query: ReturnType<typeof sql>) => ctx.db.tx((tx) => rows<T>(tx, query));

  it('every convener: last half-year signed off with attendance and conclusions of several kinds, this half-year in 筹备 with agenda version 1 and a proposal', async () => {
    const conveners = await q<{ id: string }>(sql`select distinct managed_by as id from org where managed_by is not null`);
    expect(conveners.length).toBeGreaterThan(1);
    expect(summary.meetings).toBe(conveners.length * 2);
    const meetings = await q<{ convener_id: string; status: string; agenda_version: number; approved_at: string | null; held_on: string }>(sql`
      select convener_id, status, agenda_version, approved_at, held_on::text from joint_meeting order by held_on`);
    for (const c of conveners) {
      const mine = meetings.filter((m) => m.convener_id === c.id);
      expect(mine.map((m) => m.status)).toEqual(['minutes_final', 'planned']);
      expect(mine[0]!.approved_at).not.toBeNull();
      expect(mine.every((m) => m.agenda_version === 1)).toBe(true);
    }
    const [held] = await q<{ subjects: number; kinds: number; attendance: number }>(sql`
      select (select count(*)::int from meeting_subject s join joint_meeting m on m.id = s.meeting_id where m.status = 'minutes_final') as subjects,
        (select count(distinct conclusion)::int from meeting_conclusion) as kinds,
        (select count(*)::int from meeting_attendance) as attendance`);
    expect(held!.subjects).toBeGreaterThan(conveners.length);
    expect(held!.kinds).toBeGreaterThanOrEqual(4);
    expect(held!.attendance).toBe(conveners.length);
    // Subjects carry what the ledger said (no sealed text in the snapshot).
    const [subject] = await q<{ content: { entries: Array<{ summary: string; kindName: string }> } }>(sql`
      select content from meeting_subject where subject_type = 'cadre' limit 1`);
    expect(subject!.content.entries.length).toBeGreaterThan(0);
    expect(subject!.content.entries.every((e) => !e.summary.startsWith('enc1:') && e.kindName.length > 0)).toBe(true);
    expect((await q<{ n: number }>(sql`select count(*)::int as n from meeting_subject where subject_type = 'team'`))[0]!.n).toBeGreaterThan(0);
    expect((await q<{ n: number }>(sql`select count(*)::int as n from meeting_member`))[0]!.n).toBe(0);
    const [proposal] = await q<{ n: number; on_agenda: number }>(sql`
      select count(*)::int as n, count(*) filter (where exists (select 1 from meeting_subject s where s.meeting_id = i.meeting_id and s.cadre_id = i.cadre_id and 'proposed' = any(s.reasons)))::int as on_agenda
      from meeting_agenda_item i where i.department_code is not null and i.entry_id is not null`);
    expect(proposal!.n).toBeGreaterThan(0);
    expect(proposal!.on_agenda).toBe(proposal!.n);
  });

  it('督办事项 mostly 已销号, one 已反馈 and one overdue 办理中 per meeting, each with its events', async () => {
    const tasks = await q<{ status: string; n: number; overdue: number }>(sql`
      select status, count(*)::int as n, count(*) filter (where deadline < current_date)::int as overdue from meeting_task group by status`);
    const by = new Map(tasks.map((t) => [t.status, t]));
    expect(summary.meetingTasks).toBe(tasks.reduce((a, t) => a + t.n, 0));
    expect(by.get('closed')!.n).toBeGreaterThan(by.get('answered')!.n);
    expect(by.get('open')!.overdue).toBe(by.get('open')!.n);
    const [bad] = await q<{ n: number }>(sql`
      select count(*)::int as n from meeting_task t where not exists (select 1 from meeting_task_event e where e.task_id = t.id and e.action = 'create')
        or (t.status = 'closed' and not exists (select 1 from meeting_task_event e where e.task_id = t.id and e.action = 'close'))`);
    expect(bad!.n).toBe(0);
  });

  it('the documents read the seeded records: the city’s signed minutes and a department’s 督办通知单', async () => {
    const root = data.cities[0]!;
    const sup = await ctx.loginAs('supervisor', { scopeOrgId: root.rootId });
    const [m] = await q<{ id: string }>(sql`select id from joint_meeting where convener_id = ${root.orgDeptId}::uuid and status = 'minutes_final'`);
    const text = async (url: string) => {
      const r = await ctx.call('GET', url, sup.cookie);
      expect(r.statusCode, r.body).toBe(200);
      const xml = readZip(r.rawPayload).get('word/document.xml')!.toString('utf8');
      return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((x) => x[1]).join('');
    };
    const minutes = await text(`/api/meetings/${m!.id}/documents/minutes`);
    expect(minutes).toContain('出席单位：纪委监委（李副书记、何主任）');
    expect(minutes).toContain('缺席单位：法院（庭审工作冲突）');
    expect(minutes).toContain('谈话提醒');
    expect(minutes).not.toContain('未签批');
    const tasks = await q<{ department_code: string; name: string }>(sql`
      select t.department_code, coalesce(c.name, tm.name) as name from meeting_task t left join cadre c on c.id = t.cadre_id left join team tm on tm.id = t.team_id
      where t.meeting_id = ${m!.id}::uuid`);
    expect(tasks.length).toBeGreaterThan(0);
    const dept = tasks[0]!.department_code;
    const notice = await text(`/api/meetings/${m!.id}/documents/task-notice?department=${dept}`);
    for (const t of tasks) {
      if (t.department_code === dept) expect(notice).toContain(t.name);
      else if (!tasks.some((x) => x.department_code === dept && x.name === t.name)) expect(notice).not.toContain(t.name);
    }
  });
});

describe('demo accounts', () => {
  it('creates one account per role, usable at once, and resets every password at each start', async () => {
    const deps = { db: ctx.db, clock: ctx.clock, pbkdf2Iterations: 1000 };
    const first = await ensureDemoAccounts(deps);
    expect(first.map((a) => a.login)).toEqual(['demo-supervisor', 'demo-chief', 'demo-county', 'demo-leader', 'demo-member', 'demo-sysadmin', 'demo-secadmin', 'demo-auditadmin']);
    expect(first.every((a) => a.created)).toBe(true);
    expect(demoBannerLines(first).join('\n')).toMatch(/虚构/u);

    const sup = await ctx.login('demo-supervisor', first[0]!.password, { mfa: false });
    expect(sup.status).toBe(200);
    // The demo's policy exempts its accounts from the second factor (AUTH-05), and says so on the login page.
    expect(sup.body.mfa).toBeNull();
    expect((await ctx.login('demo-sysadmin', first[5]!.password, { mfa: false })).body.mfa).toBeNull();
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/mfa/notice' })).json()).toEqual({ demoExemption: true });
    expect(demoBannerLines(first).join('\n')).toMatch(/免二次认证/u);
    expect(sup.body.user.mustChangePassword).toBe(false);
    expect(sup.body.user.scopeOrgName).toBe('青川市委');
    const list = await ctx.app.inject({ method: 'GET', url: '/api/cadres?limit=5', headers: { cookie: sup.cookie! } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(5);

    const chief = await ctx.login('demo-chief', first[1]!.password);
    expect(chief.body.user.roles).toEqual(['chief']);
    const county = await ctx.login('demo-county', first[2]!.password);
    expect(county.body.user.scopeOrgName).toBe('临江区委');
    // 干部管理权限: the demo county account does not see the 市管 leaders of its district; the city does.
    const countyRoot = data.cities[0]!.counties[0]!.orgId;
    const [secretary] = await ctx.db.tx((tx) => rows<{ id: string }>(tx, sql`
      select c.id from cadre c join tenure t on t.cadre_id = c.id join team tm on tm.id = t.team_id
      where tm.org_id = ${countyRoot}::uuid and t.is_principal and t.end_date is null and c.manage_level = '市管'`));
    expect(secretary).toBeDefined();
    const asCounty = (url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: county.cookie! } });
    expect((await asCounty(`/api/cadres/${secretary!.id}`)).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/cadres/${secretary!.id}`, headers: { cookie: sup.cookie! } })).statusCode).toBe(200);
    const team = (await asCounty(`/api/orgs/${countyRoot}/team`)).json().team;
    expect(team.managedAbove).toBe(true);
    expect(team.members.every((m: { managedAbove: boolean; cadreId: string | null }) => m.managedAbove && m.cadreId === null)).toBe(true);
    expect(demoBannerLines(first).join('\n')).toMatch(/demo-county.*县管/u);
    const member = await ctx.login('demo-member', first[4]!.password);
    expect(member.body.user.departmentCode).toBe('xf');

    const second = await ensureDemoAccounts(deps);
    expect(second.every((a) => !a.created)).toBe(true);
    expect((await ctx.login('demo-supervisor', first[0]!.password)).status).toBe(401);
    expect((await ctx.login('demo-supervisor', second[0]!.password)).status).toBe(200);
    // The old session ended with the reset.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/cadres?limit=5', headers: { cookie: sup.cookie! } })).statusCode).toBe(401);
    const resets = await ctx.db.tx((tx) => rows<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where action = 'user.reset-password'`));
    expect(Number(resets[0]!.n)).toBe(8);
  });
});
