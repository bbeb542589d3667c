/**
 * One field policy for every path (issue 9 point 4; checklist AC-06, AC-08, DATA-04): every export route
 * (.xlsx, .docx, .lrmx — found in the route table, so a new one is walked too) and the JSON routes of
 * cadres and entries, for every role, either refuse (403/404) or carry no field the role lacks: the full
 * 身份证号 and the family need cadre:sensitive, the content of a 敏感/重要 entry needs entry:sensitive.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { ROLES, ROLE_PERMISSIONS, SENSITIVE_PLACEHOLDER, type Permission, type Role } from '@jiandu/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.ts';
import { parseLrmx } from '../../src/intake/lrmx/index.ts';
import { drainJobs } from '../../src/services/jobs.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';
import { FAMILY, jpegBytes, lrmxBytes, personTexts } from '../support/lrmx.ts';
import { readZip } from '../support/zip.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let cadreId: string;
const ID_NUMBER = personTexts().ShenFenZheng!;
/** Texts only the sensitive entries carry (summary, 文号, outcome) and their attachment's content. */
const SECRET = {
  petition: '举报其亲属在辖区承揽工程甲乙丙',
  petitionRef: '青信密〔2026〕9号',
  punishment: '收受管理服务对象礼金丁戊己',
  punishmentOutcome: '已退缴全部礼金庚辛',
  attachment: 'attachment-secret-QX7',
};
const PLAIN = '参加市委党校春季主体班学习';
let petitionId: string;
let punishmentId: string;
let plainId: string;
let attachmentId: string;
/** A 信访局 account: it reported the 敏感 petition, so it reads it (its own submission), not the 纪委's punishment; the member role's account is 纪委's. */
let xfMember: string;
const cookies = new Map<Role, string>();

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.setDate('2026-12-01');
  city = await makeSmallCity(ctx);
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  const up = await ctx.postFile(`/api/cadre-imports?name=a.lrmx&orgId=${city.countyA}`, sup, lrmxBytes(personTexts(), FAMILY, jpegBytes([1, 2, 3])));
  expect(up.statusCode, up.body).toBe(200);
  await drainJobs();
  const done = await ctx.call('POST', `/api/cadre-imports/${up.json().id}/commit`, sup);
  cadreId = done.json().report[0].cadre.id;

  const entry = async (body: object) => {
    const r = await ctx.call('POST', '/api/entries', sup, { cadreId, ...body });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().entryId as string;
  };
  petitionId = await entry({
    kind: 'xfjb', sourceDept: 'xf', occurredOn: '2026-10-15', refNo: SECRET.petitionRef, summary: SECRET.petition,
    details: { channel: '12380', realName: true, status: '核查中' }, sensitivity: '敏感',
  });
  punishmentId = await entry({
    kind: 'cfwz', sourceDept: 'jw', occurredOn: '2026-09-01', summary: SECRET.punishment, outcome: SECRET.punishmentOutcome,
    details: { category: '党纪处分', measure: '严重警告' }, sensitivity: '重要',
  });
  plainId = await entry({
    kind: 'jypx', sourceDept: 'zzb', occurredOn: '2026-04-01', summary: PLAIN,
    details: { institution: '市委党校', trainingType: '专题培训', from: '2026-04-01', to: '2026-04-20', hours: 80 },
  });
  const att = await ctx.app.inject({
    method: 'POST', url: `/api/entries/${punishmentId}/attachments?name=${encodeURIComponent('决定书.txt')}`,
    headers: { cookie: sup, 'content-type': 'application/octet-stream' }, payload: Buffer.from(`${SECRET.attachment}\n`),
  });
  expect(att.statusCode, att.body).toBe(200);
  attachmentId = att.json().id;

  for (const role of ROLES) {
    const business = role !== 'sysadmin' && role !== 'secadmin' && role !== 'auditadmin';
    cookies.set(role, (await ctx.loginAs(role, {
      scopeOrgId: business ? city.city : null, departmentCode: role === 'member' ? 'jw' : null,
    })).cookie);
  }
  xfMember = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf' })).cookie;
});

/** What a role may not see, by the permissions it holds. */
function forbiddenFor(perms: readonly Permission[], department: string | null): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!perms.includes('cadre:sensitive')) {
    out.push(['完整身份证号', ID_NUMBER]);
    for (const m of FAMILY) out.push(['家庭成员', m.XingMing!]);
  }
  // A department reads what it reported itself: the petition is 信访局's, the punishment (and its attachment) 纪委's.
  if (!perms.includes('entry:sensitive')) {
    if (department !== 'xf') out.push(['敏感记录摘要', SECRET.petition], ['敏感记录文号', SECRET.petitionRef]);
    if (department !== 'jw') out.push(['重要记录摘要', SECRET.punishment], ['重要记录处理结果', SECRET.punishmentOutcome], ['敏感记录附件', SECRET.attachment]);
  }
  return out;
}

/** The text of a response: a zip (xlsx, docx) unpacked, anything else as UTF-8. */
function textOf(body: Buffer): string {
  if (body.length > 4 && body.readUInt32LE(0) === 0x04034b50) return [...readZip(body).values()].map((b) => b.toString('utf8')).join('\n');
  return body.toString('utf8');
}

const EXPORT_URL = /\.(xlsx|docx)$|\/lrmx$/u;

/** Concrete URLs of each export route (the route table decides which are export routes). */
function exportUrls(route: string): string[] {
  const known: Record<string, string[]> = {
    '/api/entries/export.xlsx': ['/api/entries/export.xlsx', `/api/entries/export.xlsx?cadreId=${cadreId}`],
    '/api/submissions/export.xlsx': ['/api/submissions/export.xlsx'],
    '/api/cadres/export.xlsx': ['/api/cadres/export.xlsx', `/api/cadres/export.xlsx?q=${ID_NUMBER}`],
    '/api/cadres/:id/dossier.docx': [`/api/cadres/${cadreId}/dossier.docx`],
    '/api/cadres/:id/eligibility.docx': [`/api/cadres/${cadreId}/eligibility.docx`],
    '/api/cadres/:id/lrmx': [`/api/cadres/${cadreId}/lrmx`],
    '/api/warnings/export.xlsx': ['/api/warnings/export.xlsx?view=all', `/api/warnings/export.xlsx?cadreId=${cadreId}`],
    '/api/obligations/export.xlsx': ['/api/obligations/export.xlsx', `/api/obligations/export.xlsx?cadreId=${cadreId}`],
    '/api/imports/template.xlsx': ['/api/imports/template.xlsx?kind=xfjb'],
    // An import's rejected rows are its uploader's own file: every other account gets 404.
    '/api/imports/:id/rejects.xlsx': [`/api/imports/${crypto.randomUUID()}/rejects.xlsx`],
  };
  if (known[route]) return known[route];
  // A new export route without parameters is walked as it is; one with parameters must be added above.
  expect(route.includes(':'), `新的导出接口 ${route}：请在 field-policy.test.ts 中给出它的参数`).toBe(false);
  return [route];
}

const JSON_URLS = () => [
  `/api/cadres/${cadreId}`, `/api/cadres/${cadreId}/record`, `/api/cadres/${cadreId}/id-number`, `/api/cadres?q=${ID_NUMBER}`,
  `/api/cadres/lookup?idNumber=${ID_NUMBER}`,
  `/api/entries?cadreId=${cadreId}`, `/api/entries/${petitionId}`, `/api/entries/${punishmentId}`,
  '/api/submissions', `/api/submissions/${petitionId}`, `/api/submissions/${punishmentId}`,
  `/api/attachments/${attachmentId}`, `/api/submissions/attachments/${attachmentId}`,
  `/api/warnings?cadreId=${cadreId}&view=all`, `/api/obligations?cadreId=${cadreId}`, `/api/cadres/${cadreId}/eligibility`,
];

/**
 * The joint meeting's documents (their routes do not end in .docx, the report's needs parameters): a meeting
 * of each convener in scope, its agenda compiled over the year, so the 研判材料 carries the fixture's entries.
 */
async function meetingDocumentUrls(): Promise<string[]> {
  // The city's 组织部 manages the city and 东平县 (where the fixture's cadre serves): it convenes their meetings.
  await ctx.db.tx((tx) => tx.execute(sql`update org set managed_by = ${city.city} where id in (${city.city}, ${city.countyA})`));
  const conveners = (await ctx.call('GET', '/api/meetings/conveners', sup)).json() as Array<{ id: string }>;
  expect(conveners.length).toBeGreaterThan(0);
  const urls: string[] = [];
  for (const c of conveners) {
    const m = await ctx.call('POST', '/api/meetings', sup, { convenerId: c.id, heldOn: '2026-12-01', title: '干部监督联席会议', since: '2026-01-01' });
    expect(m.statusCode, m.body).toBe(200);
    const id = m.json().id as string;
    urls.push(...['notice', 'briefing', 'minutes'].map((doc) => `/api/meetings/${id}/documents/${doc}`));
    urls.push(`/api/meetings/report.docx?convenerId=${c.id}&half=2026-H2`);
  }
  // The supervisor's 研判材料 carries the 重要 punishment's 摘要: the walk below has something to withhold.
  const briefings = await Promise.all(urls.filter((u) => u.endsWith('/briefing')).map(async (u) => textOf((await ctx.call('GET', u, sup)).rawPayload)));
  expect(briefings.some((t) => t.includes(SECRET.punishment))).toBe(true);
  return urls;
}

async function warningUrls(): Promise<string[]> {
  const r = await ctx.db.tx((tx) => rows<{ id: string }>(tx, sql`select id from warning where cadre_id = ${cadreId}`));
  return r.map((w) => `/api/warnings/${w.id}`);
}

async function walk(urls: string[], cookie: string, forbidden: Array<[string, string]>, label: string) {
  let answered = 0;
  for (const url of urls) {
    const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode === 403 || res.statusCode === 404) continue;
    expect(res.statusCode, `${label} GET ${url}: ${res.body.slice(0, 200)}`).toBe(200);
    answered++;
    const text = textOf(res.rawPayload);
    for (const [what, value] of forbidden) expect(text.includes(value), `${label} GET ${url} 含有${what}`).toBe(false);
  }
  return answered;
}

describe('one field policy for every path', () => {
  it('the fixture is what the walk needs: the supervisor sees every sensitive field on these routes', async () => {
    const lrmx = await ctx.call('GET', `/api/cadres/${cadreId}/lrmx`, sup);
    expect(lrmx.body).toContain(ID_NUMBER);
    for (const m of FAMILY) expect(lrmx.body).toContain(m.XingMing);
    const dossier = textOf((await ctx.call('GET', `/api/cadres/${cadreId}/dossier.docx`, sup)).rawPayload);
    expect(dossier).toContain(SECRET.petition);
    expect(dossier).toContain(SECRET.punishmentOutcome);
    const book = textOf((await ctx.call('GET', `/api/entries/export.xlsx?cadreId=${cadreId}`, sup)).rawPayload);
    expect(book).toContain(SECRET.petitionRef);
    expect((await warningUrls()).length).toBeGreaterThan(0);
    const elig = textOf((await ctx.call('GET', `/api/cadres/${cadreId}/eligibility.docx`, sup)).rawPayload);
    expect(elig).toContain(SECRET.punishment);
  });

  it('every export route, for every role, refuses or carries no field the role lacks (export walk)', async () => {
    const routes = [...new Set(ctx.app.routeTable
      .filter((r) => ([] as string[]).concat(r.method).includes('GET') && EXPORT_URL.test(r.url)).map((r) => r.url))];
    expect(routes).toEqual(expect.arrayContaining(['/api/cadres/:id/lrmx', '/api/cadres/:id/dossier.docx', '/api/cadres/:id/eligibility.docx', '/api/entries/export.xlsx']));
    const urls = [...routes.filter((r) => r !== '/api/meetings/report.docx').flatMap(exportUrls), ...(await meetingDocumentUrls())];
    for (const role of ROLES) {
      const answered = await walk(urls, cookies.get(role)!, forbiddenFor(ROLE_PERMISSIONS[role], role === 'member' ? 'jw' : null), role);
      if (role === 'leader') expect(answered).toBeGreaterThanOrEqual(8);
    }
    await walk(urls, xfMember, forbiddenFor(ROLE_PERMISSIONS.member, 'xf'), 'member(xf)');
  });

  it('the JSON routes of cadres, entries, warnings and eligibility, for every role (JSON walk)', async () => {
    const urls = [...JSON_URLS(), ...(await warningUrls())];
    for (const role of ROLES) {
      const answered = await walk(urls, cookies.get(role)!, forbiddenFor(ROLE_PERMISSIONS[role], role === 'member' ? 'jw' : null), role);
      if (role === 'leader') expect(answered).toBeGreaterThanOrEqual(10);
    }
    await walk(urls, xfMember, forbiddenFor(ROLE_PERMISSIONS.member, 'xf'), 'member(xf)');
  });

  it('a leader exports a .lrmx without 身份证号 and family; re-importing it changes nothing', async () => {
    const leader = cookies.get('leader')!;
    const r = await ctx.call('GET', `/api/cadres/${cadreId}/lrmx`, leader);
    expect(r.statusCode).toBe(200);
    const parsed = parseLrmx(r.rawPayload);
    expect(parsed.person.idNumber.value ?? '').toBe('');
    expect(parsed.family).toEqual([]);
    expect(parsed.person.name.value).toBe('林晓舟');
    const [audit] = await ctx.db.tx((tx) => rows<{ details: Record<string, unknown> }>(tx,
      sql`select details from audit_log where action = 'cadre.export-lrmx' order by seq desc limit 1`));
    expect(audit!.details).toMatchObject({ idNumber: false, family: 0, familyWithheld: FAMILY.length });
    // The supervisor imports the leader's file: matched by name + birth, unchanged (the empty 身份证号 and family keep the stored ones).
    const up = await ctx.postFile(`/api/cadre-imports?name=again.lrmx`, sup, r.rawPayload);
    expect(up.statusCode, up.body).toBe(200);
    await drainJobs();
    const v = (await ctx.call('GET', `/api/cadre-imports/${up.json().id}`, sup)).json();
    expect(v.report[0]).toMatchObject({ status: 'unchanged', diff: [] });
  });

  it('a leader sees a 敏感 entry as a placeholder: listed, without content, reasons or attachments', async () => {
    const leader = cookies.get('leader')!;
    const list = (await ctx.call('GET', `/api/entries?cadreId=${cadreId}`, leader)).json();
    const byId = new Map(list.items.map((i: { entryId: string }) => [i.entryId, i]));
    expect(byId.get(petitionId)).toMatchObject({ kind: 'xfjb', sensitivity: '敏感', summary: SENSITIVE_PLACEHOLDER, refNo: null, details: {}, redacted: true });
    expect(byId.get(punishmentId)).toMatchObject({ kind: 'cfwz', impactUntil: expect.any(String), impactBasis: null, outcome: null, redacted: true });
    expect(byId.get(plainId)).toMatchObject({ summary: PLAIN, redacted: false });
    const one = (await ctx.call('GET', `/api/entries/${punishmentId}`, leader)).json();
    expect(one.entry).toMatchObject({ redacted: true, summary: SENSITIVE_PLACEHOLDER, attachments: [] });
    expect(one.versions.every((v: { redacted: boolean }) => v.redacted)).toBe(true);
    const dl = await ctx.call('GET', `/api/attachments/${attachmentId}`, leader);
    expect(dl.statusCode).toBe(403);
    expect(dl.body).not.toContain(SECRET.attachment);
    // Cleared: the supervisor reads it, and the read says it was a sensitive one.
    const sup1 = (await ctx.call('GET', `/api/entries/${punishmentId}`, sup)).json();
    expect(sup1.entry).toMatchObject({ redacted: false, summary: SECRET.punishment, attachments: [expect.objectContaining({ id: attachmentId })] });
    const audits = await ctx.db.tx((tx) => rows<{ action: string; result: string; details: Record<string, unknown> }>(tx,
      sql`select action, result, details from audit_log where object_id in (${punishmentId}, ${attachmentId}) order by seq desc limit 3`));
    expect(audits[0]).toMatchObject({ action: 'entry.read', details: { sensitivity: '重要', withheld: false } });
    expect(audits.find((a) => a.action === 'attachment.download')).toMatchObject({ result: 'denied' });
    // Warning evidence: linked, with the placeholder instead of the summary.
    const [w] = await warningUrls();
    const detail = (await ctx.call('GET', w!, leader)).json();
    expect(detail.evidenceEntries.some((e: { redacted?: boolean; summary: string }) => e.redacted && e.summary === SENSITIVE_PLACEHOLDER)).toBe(true);
  });

  it('the reporting department reads its own 敏感 submission; other departments never see it', async () => {
    const own = (await ctx.call('GET', `/api/submissions/${petitionId}`, xfMember)).json();
    expect(own.entry).toMatchObject({ summary: SECRET.petition, redacted: false });
    expect((await ctx.call('GET', `/api/submissions/${petitionId}`, cookies.get('member')!)).statusCode).toBe(404);
  });

  it('a 敏感级别 label cannot be edited in SQL (append-only versions)', async () => {
    await expect(ctx.db.tx((tx) => tx.execute(sql`update entry set sensitivity = '一般' where entry_id = ${petitionId}`))).rejects.toThrow();
  });

  it('only 监督员 and 监督科负责人 hold the clearance', () => {
    const cleared = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('entry:sensitive'));
    expect(cleared.sort()).toEqual(['chief', 'supervisor']);
  });
});
