/**
 * 干部管理权限 (security checklist AC-07, issue 9 point 3): a jurisdiction grants the cadres it manages. A county
 * 组织部 sees its 县管 cadres and teams, never the 市管 leaders sitting in its units — whose names may appear in
 * a team list marked 上级管理, nothing more — and the city sees both. Every route that takes a cadre, entry,
 * warning, attachment or tenure id is walked for a 市管 cadre under a county user.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf } from '@jiandu/domain';
import { rows } from '../../src/db/client.ts';
import { systemActor } from '../../src/context.ts';
import { createOrg, getTeam } from '../../src/services/orgs.service.ts';
import { addTenure, createCadre } from '../../src/services/cadres.service.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeIdNumber } from '../support/fixtures.ts';

let ctx: TestContext;
const ids: Record<string, string> = {};
const cadres: Record<string, string> = {};
const tenures: Record<string, string> = {};
let county: string;
let city: string;
let otherCounty: string;
let chief: string;
/** Objects of the 市管 县委书记 孙立军 and of the 县委 team (managed by the city). */
const above = { cadre: '', entry: '', teamEntry: '', warning: '', attachment: '', tenure: '', team: '', obligation: '' };
/** Objects of the 县管 副部长 周敏 (the county's own). */
const own = { cadre: '', entry: '', warning: '' };

const call: TestContext['call'] = (...a) => ctx.call(...a);
const put = (url: string, cookie: string, payload: object) => ctx.app.inject({ method: 'PUT', url, headers: { cookie }, payload });

async function petition(cookie: string, cadreId: string, occurredOn: string): Promise<string> {
  const r = await call('POST', '/api/entries', cookie, {
    kind: 'xfjb', sourceDept: 'xf', cadreId, occurredOn, summary: '反映其违规收受礼金', details: { channel: '来信', realName: true, status: '核查中' },
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().entryId as string;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.setDate('2026-06-15');
  const a = systemActor('fixture');
  const d = ctx.deps;
  const org = async (key: string, name: string, parentId: string | null, level: '市级' | '县级' | '乡级', type: any, managedById?: string) =>
    (ids[key] = (await createOrg(d, a, { parentId, name, type, level, regionCode: '519900', withTeam: true, ...(managedById ? { managedById } : {}) })).id);
  await org('city', '青川市委', null, '市级', '党委');
  await org('cityDept', '青川市委组织部', ids.city!, '市级', '党委部门');
  // The county's 县委 is managed by the city's 组织部; its 组织部 and towns by the county's.
  await org('county', '东平县委', ids.city!, '县级', '党委', ids.cityDept);
  await org('countyDept', '东平县委组织部', ids.county!, '县级', '党委部门');
  await org('town', '东平县石桥镇党委', ids.county!, '乡级', '乡镇', ids.countyDept);
  await org('county2', '西岭区委', ids.city!, '县级', '党委', ids.cityDept);
  const people: Array<[string, string, string, string, boolean, string]> = [
    ['孙立军', 'county', '正处级', '县委书记', true, '19700315'],
    ['吴德华', 'countyDept', '副处级', '县委常委、组织部部长', true, '19720607'],
    ['周敏', 'countyDept', '正科级', '副部长', false, '19800101'],
    ['钱江', 'town', '正科级', '镇党委书记', true, '19851212'],
  ];
  let seq = 20;
  for (const [name, orgKey, rank, title, principal, birth] of people) {
    seq += 2;
    const { id } = await createCadre(d, a, { name, idNumber: makeIdNumber('519901', birth, seq + 1), orgId: ids[orgKey]!, rank, status: '在职' });
    const team = await getTeam(d, a, ids[orgKey]!);
    tenures[name] = (await addTenure(d, a, id, { teamId: team!.id, title, isPrincipal: principal, domains: ['全面工作'], startDate: '2021-06-01' })).id;
    cadres[name] = id;
  }
  county = (await ctx.loginAs('supervisor', { scopeOrgId: ids.county })).cookie;
  city = (await ctx.loginAs('supervisor', { scopeOrgId: ids.city })).cookie;
  otherCounty = (await ctx.loginAs('supervisor', { scopeOrgId: ids.county2 })).cookie;
  chief = (await ctx.loginAs('chief', { scopeOrgId: ids.city })).cookie;

  // Two petitions in a year raise 信访集中: one warning on each cadre, written by the city.
  above.cadre = cadres['孙立军']!;
  above.tenure = tenures['孙立军']!;
  above.entry = await petition(city, above.cadre, '2026-01-10');
  await petition(city, above.cadre, '2026-05-20');
  own.cadre = cadres['周敏']!;
  own.entry = await petition(city, own.cadre, '2026-01-12');
  await petition(city, own.cadre, '2026-05-22');
  const warningOf = async (cadreId: string) => (await call('GET', `/api/warnings?cadreId=${cadreId}&view=all`, city)).json().items[0].id as string;
  above.warning = await warningOf(above.cadre);
  above.obligation = (await call('GET', `/api/obligations?cadreId=${above.cadre}`, city)).json().items[0].id as string;
  own.warning = await warningOf(own.cadre);
  const teamId = (await getTeam(d, a, ids.county!))!.id;
  above.team = teamId;
  const te = await call('POST', '/api/entries', city, {
    kind: 'ndkh', sourceDept: 'zzb', teamId, occurredOn: '2026-01-20', summary: '2025年度班子考核', details: { year: 2025, grade: '较好' },
  });
  expect(te.statusCode, te.body).toBe(200);
  above.teamEntry = te.json().entryId;
  const up = await ctx.postFile(`/api/entries/${above.entry}/attachments?name=a.pdf`, city,
    Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1'));
  expect(up.statusCode, up.body).toBe(200);
  above.attachment = up.json().id;
});

describe('干部管理权限: the level follows the rank, a jurisdiction grants its levels', () => {
  it('manage level: 县处级 ranks are 市管, 乡科级 县管; the profile shows it to the city', async () => {
    const r = await ctx.db.tx((tx) => rows<{ name: string; manage_level: string }>(tx, sql`select name, manage_level from cadre order by name`));
    expect(Object.fromEntries(r.map((x) => [x.name, x.manage_level]))).toEqual({ 孙立军: '市管', 吴德华: '市管', 周敏: '县管', 钱江: '县管' });
    const p = (await call('GET', `/api/cadres/${above.cadre}`, city)).json();
    expect(p).toMatchObject({ name: '孙立军', manageLevel: '市管', manageLevelOverride: null, manageLevelEditable: true });
  });

  it('manage level: a county supervisor lists and searches its 县管 cadres only; the city lists them all', async () => {
    const names = async (cookie: string, q = '') =>
      (await call('GET', `/api/cadres?limit=100${q}`, cookie)).json().items.map((c: { name: string }) => c.name).sort();
    expect(await names(county)).toEqual(['周敏', '钱江'].sort());
    expect(await names(city)).toEqual(['孙立军', '吴德华', '周敏', '钱江'].sort());
    expect(await names(county, `&q=${encodeURIComponent('孙立军')}`)).toEqual([]);
    expect(await names(county, '&q=slj')).toEqual([]);
    const idNumber = makeIdNumber('519901', '19700315', 23);
    expect(await names(county, `&q=${idNumber}`)).toEqual([]);
    expect(await names(city, `&q=${idNumber}`)).toEqual(['孙立军']);
  });

  it('manage level: county → 市管 县委书记 is 404 on profile, ledger, warnings, eligibility and exports; the city reads them', async () => {
    const urls = [
      `/api/cadres/${above.cadre}`, `/api/cadres/${above.cadre}/eligibility`, `/api/cadres/${above.cadre}/eligibility.docx`,
      `/api/cadres/${above.cadre}/dossier.docx`, `/api/cadres/${above.cadre}/lrmx`, `/api/cadres/${above.cadre}/id-number`,
      `/api/cadres/${above.cadre}/summary`,
      `/api/entries/${above.entry}`, `/api/entries/${above.teamEntry}`, `/api/warnings/${above.warning}`, `/api/attachments/${above.attachment}`,
    ];
    for (const url of urls) {
      const c = await call('GET', url, county);
      expect(c.statusCode, `county ${url}`).toBe(404);
      const t = await call('GET', url, city);
      expect(t.statusCode, `city ${url}`).toBe(200);
    }
    // Lists and exports filtered by the cadre are empty for the county, full for the city.
    for (const list of [`/api/entries?cadreId=${above.cadre}`, `/api/warnings?cadreId=${above.cadre}&view=all`, `/api/obligations?cadreId=${above.cadre}`]) {
      expect((await call('GET', list, county)).json().items, list).toEqual([]);
    }
    expect((await call('GET', `/api/entries?cadreId=${above.cadre}`, city)).json().items).toHaveLength(2);
    const xlsx = await call('GET', `/api/entries/export.xlsx?cadreId=${above.cadre}`, county);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.includes(Buffer.from('反映其违规收受礼金'))).toBe(false);
    // And the county's own 县管 cadre is the county's.
    expect((await call('GET', `/api/cadres/${own.cadre}`, county)).statusCode).toBe(200);
    expect((await call('GET', `/api/warnings/${own.warning}`, county)).statusCode).toBe(200);
    expect((await call('GET', `/api/entries/${own.entry}`, county)).statusCode).toBe(200);
    expect((await call('GET', `/api/cadres/${own.cadre}/eligibility`, county)).statusCode).toBe(200);
  });

  it('manage level: county lists (ledger, warnings, obligations, dashboard, exports) hold only what it manages', async () => {
    const entryNames = (await call('GET', '/api/entries?limit=100', county)).json().items.map((e: any) => e.cadreName ?? e.teamName);
    expect(entryNames.sort()).toEqual(['周敏', '周敏']);
    const warnings = async (cookie: string) => (await call('GET', '/api/warnings?view=all', cookie)).json().items as any[];
    const [wc, wt] = [await warnings(county), await warnings(city)];
    expect(new Set(wc.map((w) => w.cadreName ?? w.teamName))).toEqual(new Set(['周敏']));
    expect(new Set(wt.map((w) => w.cadreName ?? w.teamName))).toEqual(new Set(['周敏', '孙立军']));
    const open = (ws: any[]) => ws.filter((w) => w.active && ['new', 'read'].includes(w.status)).length;
    const dash = async (cookie: string) => (await call('GET', '/api/dashboard', cookie)).json();
    const [dc, dt] = [await dash(county), await dash(city)];
    expect(dc.warnings.yellow + dc.warnings.red + dc.warnings.blue).toBe(open(wc));
    expect(dt.warnings.yellow + dt.warnings.red + dt.warnings.blue).toBe(open(wt));
    expect(open(wt)).toBeGreaterThan(open(wc));
    const ev = (await call('GET', '/api/entries/export.xlsx', county));
    expect(ev.statusCode).toBe(200);
    expect(ev.rawPayload.includes(Buffer.from('孙立军'))).toBe(false);
    const obl = (await call('GET', '/api/obligations', county)).json().items.map((o: any) => o.cadreName ?? o.teamName);
    expect(obl).not.toContain('孙立军');
    expect(obl).not.toContain('吴德华');
  });

  it('manage level: the team list marks 市管 members 上级管理, with no id and no details', async () => {
    const ownTeam = (await call('GET', `/api/orgs/${ids.countyDept}/team`, county)).json().team;
    expect(ownTeam.managedAbove).toBe(false);
    const head = ownTeam.members.find((m: any) => m.name === '吴德华');
    expect(head).toEqual({
      tenureId: expect.any(String), cadreId: null, name: '吴德华', gender: null, birth: null, title: null, isPrincipal: false,
      domains: [], rank: null, startDate: null, managedAbove: true,
    });
    expect(ownTeam.members.find((m: any) => m.name === '周敏')).toMatchObject({ cadreId: own.cadre, title: '副部长', managedAbove: false });
    const top = (await call('GET', `/api/orgs/${ids.county}/team`, county)).json().team;
    expect(top.managedAbove).toBe(true);
    expect(top.members.map((m: any) => [m.name, m.managedAbove, m.cadreId])).toEqual([['孙立军', true, null]]);
    const fromCity = (await call('GET', `/api/orgs/${ids.county}/team`, city)).json().team;
    expect(fromCity.managedAbove).toBe(false);
    expect(fromCity.members[0]).toMatchObject({ cadreId: above.cadre, title: '县委书记', isPrincipal: true, managedAbove: false });
  });

  it('manage level: the county cannot write on what it does not manage (entries, tenures, the 县委 team)', async () => {
    const r = await call('POST', '/api/entries', county, {
      kind: 'xfjb', sourceDept: 'xf', cadreId: above.cadre, occurredOn: '2026-02-01', summary: '反映', details: { channel: '来信', realName: true, status: '核查中' },
    });
    expect(r.statusCode).toBe(400);
    const teamId = (await call('GET', `/api/orgs/${ids.county}/team`, city)).json().team.id;
    const t = await call('POST', '/api/entries', county, {
      kind: 'ndkh', sourceDept: 'zzb', teamId, occurredOn: '2026-01-21', summary: '考核', details: { year: 2025, grade: '好' },
    });
    expect(t.statusCode).toBe(400);
    const joins = await call('POST', `/api/cadres/${own.cadre}/tenures`, county, { teamId, title: '县委委员', isPrincipal: false, domains: [], startDate: '2026-06-01' });
    expect(joins.statusCode).toBe(400);
    // A county cannot enter a cadre whose rank makes him 市管.
    const created = await call('POST', '/api/cadres', county, { name: '新来的', orgId: ids.countyDept, rank: '副处级' });
    expect(created.statusCode).toBe(400);
    expect(created.json().message).toContain('上级管理');
    expect((await call('POST', '/api/cadres', county, { name: '新科员', orgId: ids.countyDept, rank: '副科级' })).statusCode).toBe(200);
  });
});

describe('manage level override: by a supervisor of the higher level, audited, shown on the profile', () => {
  it('manage level override: the city marks a 县管 cadre 市管 (the county loses him) and back; the county may not', async () => {
    const byCounty = await put(`/api/cadres/${own.cadre}/manage-level`, county, { level: '市管', reason: '拟提拔' });
    expect(byCounty.statusCode).toBe(403);
    expect((await call('GET', `/api/cadres/${own.cadre}`, county)).json()).toMatchObject({ manageLevel: '县管', manageLevelEditable: false });
    const set = await put(`/api/cadres/${own.cadre}/manage-level`, chief, { level: '市管', reason: '列为市管后备干部' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ manageLevel: '市管', manageLevelOverride: '市管' });
    expect((await call('GET', `/api/cadres/${own.cadre}`, county)).statusCode).toBe(404);
    expect((await call('GET', `/api/warnings/${own.warning}`, county)).statusCode).toBe(404);
    const [audit] = await ctx.db.tx((tx) => rows<{ reason: string; details: any }>(tx,
      sql`select reason, details from audit_log where action = 'cadre.manage-level' and object_id = ${own.cadre} order by seq`));
    expect(audit).toMatchObject({ reason: '列为市管后备干部', details: { from: '县管', to: '市管', override: '市管' } });
    const back = await put(`/api/cadres/${own.cadre}/manage-level`, chief, { level: null, reason: '撤销' });
    expect(back.json()).toMatchObject({ manageLevel: '县管', manageLevelOverride: null });
    expect((await call('GET', `/api/cadres/${own.cadre}`, county)).statusCode).toBe(200);
    // The county cannot even reach a 市管 cadre to try.
    expect((await put(`/api/cadres/${above.cadre}/manage-level`, county, { level: '县管', reason: 'x' })).statusCode).toBe(404);
    expect((await put(`/api/cadres/${above.cadre}/manage-level`, city, { level: '县管', reason: '' })).statusCode).toBe(400);
  });
});

describe('scope route walk: every route taking an id, for a 市管 cadre under a county user', () => {
  /** Which object each id-taking route names; routes about other things are listed so a new route must be classified. */
  const KINDS: Array<[RegExp, keyof typeof above | null]> = [
    [/^\/api\/cadres\/:id/u, 'cadre'],
    [/^\/api\/(entries|submissions)\/:id/u, 'entry'],
    [/^\/api\/warnings\/:id/u, 'warning'],
    [/^\/api\/(submissions\/)?attachments\/:id/u, 'attachment'],
    [/^\/api\/tenures\/:id/u, 'tenure'],
    [/^\/api\/teams\/:id/u, 'team'],
    [/^\/api\/obligations\/:id/u, 'obligation'],
    // Not about a cadre or his ledger: orgs (the tree is visible, the team list is checked above), jobs, accounts.
    [/^\/api\/(orgs|imports|cadre-imports|users|api-tokens|meetings|security|rules|audit|account-changes|account-approvals)\//u, null],
    // 督办事项: scoped like the meeting's subjects (test/api/meeting-decisions.test.ts walks another scope and another department).
    [/^\/api\/meeting-tasks\//u, null],
  ];

  it('scope route walk: each answers 404 to the county (never 200 or 403), and the city reaches the object', async () => {
    const sup = permissionsOf(['supervisor']);
    const walked: string[] = [];
    for (const r of ctx.app.routeTable) {
      if (!r.url.includes(':id')) continue;
      const kind = KINDS.find(([re]) => re.test(r.url));
      expect(kind, `unclassified route ${r.url}`).toBeDefined();
      if (!kind![1]) continue;
      const perm = r.config?.permission as string;
      for (const method of ([] as string[]).concat(r.method)) {
        if (method === 'HEAD' || !sup.has(perm as never)) continue;
        const url = r.url.replace(':id', above[kind![1]]);
        const res = method === 'POST' && /\/(attachments|photo)$/u.test(r.url)
          ? await ctx.postFile(r.url.endsWith('/photo') ? url : `${url}?name=b.pdf`, county, r.url.endsWith('/photo') ? PNG_1PX : Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1'))
          : await ctx.app.inject({ method: method as 'GET', url, headers: { cookie: county }, ...(method === 'GET' ? {} : { payload: bodyFor(r.url) }) });
        expect(res.statusCode, `${method} ${r.url}: ${res.body.slice(0, 200)}`).toBe(404);
        walked.push(`${method} ${r.url}`);
      }
    }
    expect(walked).toEqual(expect.arrayContaining([
      'GET /api/cadres/:id', 'GET /api/cadres/:id/eligibility', 'GET /api/cadres/:id/dossier.docx', 'GET /api/cadres/:id/lrmx',
      'GET /api/entries/:id', 'POST /api/entries/:id/correct', 'POST /api/entries/:id/withdraw', 'GET /api/warnings/:id',
      'GET /api/attachments/:id', 'POST /api/cadres/:id/tenures', 'POST /api/tenures/:id/end', 'PUT /api/cadres/:id/manage-level',
      'GET /api/tenures/:id/domains', 'POST /api/tenures/:id/domains', 'GET /api/teams/:id/summary',
      'POST /api/obligations/:id/assign', 'POST /api/obligations/:id/close', 'POST /api/obligations/:id/reopen', 'GET /api/obligations/:id/actions',
    ]));
    // The other direction: the same objects are the city's.
    for (const url of [`/api/cadres/${above.cadre}`, `/api/entries/${above.entry}`, `/api/warnings/${above.warning}`, `/api/attachments/${above.attachment}`, `/api/teams/${above.team}/summary`]) {
      expect((await call('GET', url, city)).statusCode, url).toBe(200);
    }
    // And another county does not see the first county's 县管 cadre either (subtree still holds).
    expect((await call('GET', `/api/cadres/${own.cadre}`, otherCounty)).statusCode).toBe(404);
  });
});

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A valid body for each writing route, so that only the scope can refuse it. */
function bodyFor(url: string): object {
  if (url.endsWith('/correct')) {
    return { baseVersion: 1, reason: '更正', cadreId: above.cadre, occurredOn: '2026-01-10', summary: '反映其违规收受礼金', details: { channel: '来信', realName: true, status: '核查中' } };
  }
  if (url.endsWith('/withdraw')) return { baseVersion: 1, reason: '撤销' };
  if (url.endsWith('/review')) return { decision: 'accepted', baseVersion: 1 };
  if (url.endsWith('/tenures')) return { teamId: '00000000-0000-4000-8000-000000000000', title: '县委副书记', isPrincipal: false, domains: [], startDate: '2026-06-01' };
  if (url.endsWith('/end')) return { endDate: '2026-06-10' };
  if (url.endsWith('/domains')) return { domains: ['党建'], effectiveDate: '2026-06-01' };
  if (url.endsWith('/manage-level')) return { level: '县管', reason: '调整' };
  if (url.endsWith('/assign')) return { userId: '00000000-0000-4000-8000-000000000000' };
  if (url.endsWith('/close') || url.endsWith('/reopen')) return { note: '说明' };
  if (url.endsWith('/followups')) return { action: 'talk', note: '提醒谈话' };
  return {};
}
