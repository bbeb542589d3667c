/**
 * The joint meeting's Word documents (issue 13 point 6): each .docx is unzipped and its XML read for the
 * 公文 layout (GB/T 9704: A4, margins 37/35/28/26 mm, 28 × 22 grid, 二号 方正小标宋简体 title, 三号 仿宋_GB2312
 * body, 四号 "— 1 —" page numbers) and for what it says (conclusions, one department's tasks); scope, audit
 * and the field policy. The meeting's records are inserted directly (tests/meeting-records below).
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { SENSITIVE_PLACEHOLDER } from '@jiandu/domain';
import { rows, type Tx } from '../../src/db/client.ts';
import { createTestContext, type TestContext } from '../support/app.ts';
import { makeSmallCity, type SmallCity } from '../support/fixtures.ts';
import { readZip } from '../support/zip.ts';

let ctx: TestContext;
let city: SmallCity;
let sup: string;
let supB: string;
let leader: string;
let leaderId: string;
let meetingId: string;
const SECRET = '某局长违规收受购物卡问题（敏感）';
const PLAIN = '群众反映某镇党委书记作风粗暴';

const call: TestContext['call'] = (...a) => ctx.call(...a);
const tx = <T>(fn: (t: Tx) => Promise<T>) => ctx.db.tx(fn);

/** A held meeting of the city with four subjects, three conclusions and their 督办事项, attendance recorded. */
async function insertMeeting(entries: { plain: string; secret: string }): Promise<string> {
  return tx(async (t) => {
    const [m] = await rows<{ id: string }>(t, sql`
      insert into joint_meeting (convener_id, held_on, title, location, created_by_login, created_at, status, since, until, agenda_version)
      values (${city.city}, '2026-06-20', '2026年上半年干部监督联席会议', '市委组织部第一会议室', 'secretary', now(), 'held', '2026-01-01', '2026-06-13', 1)
      returning id`);
    const [teamA] = await rows<{ id: string }>(t, sql`select id from team where org_id = ${city.countyA}`);
    const entry = (id: string, summary: string, dept: string) => ({ id, kind: 'xfjb', kindName: '信访举报', date: '2026-03-15', summary, departmentCode: dept });
    const subject = async (type: 'cadre' | 'team', ref: string, orgId: string, reasons: string[], content: object, order: number) => {
      const [s] = await rows<{ id: string }>(t, sql`
        insert into meeting_subject (meeting_id, subject_type, cadre_id, team_id, org_id, reasons, content, added_version, changed_version, sort_order)
        values (${m!.id}, ${type}, ${type === 'cadre' ? ref : null}, ${type === 'team' ? ref : null}, ${orgId}, ${sql.param(reasons)}::text[], ${JSON.stringify(content)}::jsonb, 1, 1, ${order})
        returning id`);
      return s!.id;
    };
    const empty = { entries: [], warnings: [], teamProblems: [], proposals: [] };
    // The snapshot holds a one-line summary readable by all (the agenda's compile composes it from the details, a
    // restricted entry's is the placeholder); the documents print the entry's current 摘要 to a reader who may read it.
    const s1 = await subject('cadre', city.cadres['张三明']!.id, city.countyA, ['entries'], { ...empty, entries: [entry(entries.plain, '12380实名反映，核查中', 'xf')] }, 1);
    const s2 = await subject('cadre', city.cadres['李四海']!.id, city.countyA, ['entries', 'warnings'], {
      ...empty, entries: [entry(entries.secret, SENSITIVE_PLACEHOLDER, 'jw')],
      warnings: [{ id: '00000000-0000-4000-8000-000000000001', rule: 'petition_cluster', ruleName: '信访集中', colour: 'yellow', explanation: '一年内信访举报2件' }],
    }, 2);
    const s3 = await subject('cadre', city.cadres['王五']!.id, city.countyB, ['proposed'], {
      ...empty, proposals: [{ id: '00000000-0000-4000-8000-000000000002', departmentCode: 'sj', departmentName: '审计局', reason: '经济责任审计发现问题', byLogin: 'sj1' }],
    }, 3);
    await subject('team', teamA!.id, city.countyA, ['team_problem'], { ...empty, teamProblems: ['年度考核评为一般'] }, 4);
    let minute = 0;
    const conclude = async (sid: string, conclusion: string, dept: string | null, deadline: string | null, note: string) => {
      const [c] = await rows<{ id: string }>(t, sql`
        insert into meeting_conclusion (meeting_id, subject_id, conclusion, department_code, deadline, note, by_login, at)
        values (${m!.id}, ${sid}, ${conclusion}, ${dept}, ${deadline}, ${note}, 'secretary', now() + ${++minute} * interval '1 minute') returning id`);
      return c!.id;
    };
    const task = async (sid: string, cid: string, cadre: string, orgId: string, conclusion: string, dept: string, deadline: string, status: string) => {
      await t.execute(sql`
        insert into meeting_task (meeting_id, subject_id, conclusion_id, subject_type, cadre_id, org_id, conclusion, department_code, deadline, status)
        values (${m!.id}, ${sid}, ${cid}, 'cadre', ${city.cadres[cadre]!.id}, ${orgId}, ${conclusion}, ${dept}, ${deadline}, ${status})`);
    };
    // An earlier conclusion replaced by a later one: the latest counts.
    await conclude(s1, 'watch', null, null, '先观察');
    await task(s1, await conclude(s1, 'talk', 'zzb', '2026-07-20', '由组织部分管领导谈话提醒'), '张三明', city.countyA, 'talk', 'zzb', '2026-07-20', 'closed');
    await task(s2, await conclude(s2, 'inquiry', 'jw', '2026-07-20', '就信访反映问题函询'), '李四海', city.countyA, 'inquiry', 'jw', '2026-07-20', 'open');
    await conclude(s3, 'clear', null, null, '审计问题已整改');
    await t.execute(sql`
      insert into meeting_attendance (meeting_id, rows, by_login) values (${m!.id}, ${JSON.stringify([
        { departmentCode: 'zzb', persons: ['王部长'], present: true },
        { departmentCode: 'jw', persons: ['李主任', '赵科长'], present: true },
        { departmentCode: 'fy', persons: [], present: false, absenceReason: '开庭' },
      ])}::jsonb, 'secretary')`);
    return m!.id;
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.setDate('2026-12-01');
  city = await makeSmallCity(ctx);
  await tx((t) => t.execute(sql`update org set managed_by = ${city.city} where id in (${city.countyA}, ${city.countyB})`));
  sup = (await ctx.loginAs('supervisor', { scopeOrgId: city.city })).cookie;
  supB = (await ctx.loginAs('supervisor', { scopeOrgId: city.countyB })).cookie;
  const l = await ctx.loginAs('leader', { scopeOrgId: city.city, login: 'leader-doc' });
  leader = l.cookie;
  leaderId = l.id;
  const entry = async (cadre: string, dept: string, summary: string, sensitivity: string) => {
    const r = await call('POST', '/api/entries', sup, {
      kind: 'xfjb', sourceDept: dept, cadreId: city.cadres[cadre]!.id, occurredOn: '2026-03-15', summary, sensitivity,
      details: { channel: '12380', realName: true, status: '核查中' },
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().entryId as string;
  };
  const plain = await entry('张三明', 'xf', PLAIN, '一般');
  const secret = await entry('李四海', 'jw', SECRET, '敏感');
  meetingId = await insertMeeting({ plain, secret });
  // Members: 法院 set inactive; 信访局 never set (a member by default, its contact the 信访局 account covering the city).
  await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'xf', login: 'xf-contact' });
  await tx((t) => t.execute(sql`insert into meeting_member (convener_id, department_code, active, set_by_login) values (${city.city}, 'fy', false, 'secretary')`));
});

async function download(url: string, cookie = sup) {
  const r = await call('GET', url, cookie);
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['content-type']).toContain('wordprocessingml');
  const zip = readZip(r.rawPayload);
  const part = (name: string) => zip.get(name)?.toString('utf8') ?? '';
  const document = part('word/document.xml');
  const text = [...document.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((x) => x[1]).join('');
  return { r, zip, part, document, text, disposition: decodeURIComponent(String(r.headers['content-disposition'])) };
}

const attr = (xml: string, element: string, name: string) => new RegExp(`<w:${element}\\b[^>]*\\bw:${name}="([^"]*)"`, 'u').exec(xml)?.[1];

describe('公文 layout (GB/T 9704)', () => {
  it('every document: A4, margins 37/35/28/26 mm, a 28 × 22 grid, 方正小标宋简体 二号 title, 仿宋_GB2312 三号 body, "— n —" 四号 page numbers', async () => {
    const twips = (mm: number) => Math.round((mm * 1440) / 25.4);
    const textWidth = 11906 - twips(28) - twips(26);
    const textHeight = 16838 - twips(37) - twips(35);
    for (const url of [
      `/api/meetings/${meetingId}/documents/notice`, `/api/meetings/${meetingId}/documents/briefing`,
      `/api/meetings/${meetingId}/documents/minutes`, `/api/meetings/${meetingId}/documents/task-notice?department=jw`,
      `/api/meetings/report.docx?convenerId=${city.city}&half=2026-H1`,
    ]) {
      const d = await download(url);
      expect(attr(d.document, 'pgSz', 'w'), url).toBe('11906');
      expect(attr(d.document, 'pgSz', 'h')).toBe('16838');
      expect([attr(d.document, 'pgMar', 'top'), attr(d.document, 'pgMar', 'bottom'), attr(d.document, 'pgMar', 'left'), attr(d.document, 'pgMar', 'right')])
        .toEqual([twips(37), twips(35), twips(28), twips(26)].map(String));
      expect(twips(37)).toBe(2098);
      // The grid: 22 lines fill the 版心's height; 28 characters of 16 pt plus charSpace/4096 pt fill its width.
      expect(attr(d.document, 'docGrid', 'type')).toBe('linesAndChars');
      const linePitch = Number(attr(d.document, 'docGrid', 'linePitch'));
      const charSpace = Number(attr(d.document, 'docGrid', 'charSpace'));
      expect(linePitch).toBe(579);
      expect(linePitch * 22).toBeLessThanOrEqual(textHeight);
      expect(linePitch * 23).toBeGreaterThan(textHeight);
      expect(charSpace).toBe(-841);
      expect(Math.abs((16 + charSpace / 4096) * 20 * 28 - textWidth)).toBeLessThan(1);
      // Title: 方正小标宋简体 二号 (sz 44), its font table entry falling back to 宋体.
      if (!url.includes('report')) expect(d.document).toMatch(/<w:rFonts [^>]*w:eastAsia="方正小标宋简体"[^>]*\/>(?:(?!<\/w:rPr>).)*<w:sz w:val="44"\/>/u);
      expect(d.part('word/fontTable.xml')).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
      expect(d.part('word/fontTable.xml')).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
      // Body: 仿宋_GB2312 三号 (sz 32) by default, on the grid's line.
      const styles = d.part('word/styles.xml');
      const defaults = /<w:docDefaults>.*<\/w:docDefaults>/u.exec(styles)![0];
      expect(defaults).toMatch(/w:eastAsia="仿宋_GB2312"/u);
      expect(defaults).toContain('<w:sz w:val="32"/>');
      expect(defaults).toContain('w:line="579" w:lineRule="exact"');
      // Page numbers: 四号 (sz 28) "— PAGE —", odd pages right, even pages left.
      expect(d.part('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
      const footers = [...d.zip.keys()].filter((k) => /^word\/footer\d+\.xml$/u.test(k)).map((k) => d.part(k));
      expect(footers).toHaveLength(2);
      for (const f of footers) {
        expect(f).toContain('<w:sz w:val="28"/>');
        expect(f).toMatch(/— <\/w:t>.*PAGE.*> —<\/w:t>/u);
      }
      expect(footers.map((f) => attr(f, 'jc', 'val')).sort()).toEqual(['left', 'right']);
      // 密级 on the first page; who exported it in the header.
      expect(d.text).toContain('内部资料 注意保密');
      expect(d.part('word/header1.xml')).toContain('导出人');
    }
  });
});

describe('what the documents say', () => {
  it('the notice goes to the member departments with the day, the place and the number of subjects', async () => {
    const d = await download(`/api/meetings/${meetingId}/documents/notice`);
    expect(d.text).toContain('关于召开2026年上半年干部监督联席会议的通知');
    expect(d.text).toContain('纪委监委、组织部');
    expect(d.text).toContain('2026年6月20日');
    expect(d.text).toContain('市委组织部第一会议室');
    expect(d.text).toContain('议题共4个，其中干部3名、领导班子1个');
    expect(d.text).not.toContain('法院');
    expect(d.text).toContain('信访局xf-contact');
    expect(d.disposition).toContain("filename*=UTF-8''会议通知_2026年上半年干部监督联席会议.docx");
  });

  it('the briefing lists each subject with its ledger summary; a sensitive summary only for a reader cleared for it', async () => {
    const d = await download(`/api/meetings/${meetingId}/documents/briefing`);
    expect(d.text).toContain('二、干部议题');
    expect(d.text).toContain('三、领导班子议题');
    expect(d.text).toContain(PLAIN);
    expect(d.text).toContain(SECRET);
    expect(d.text).toContain('黄预警：信访集中——一年内信访举报2件');
    expect(d.text).toContain('审计局提请：经济责任审计发现问题');
    expect(d.text).toContain('班子问题：年度考核评为一般');
    const l = await download(`/api/meetings/${meetingId}/documents/briefing`, leader);
    expect(l.text).toContain(PLAIN);
    expect(l.text).not.toContain(SECRET);
    expect(l.text).toContain(SENSITIVE_PLACEHOLDER);
    const [audit] = await tx((t) => rows<{ details: any }>(t, sql`select details from audit_log where action = 'export.meeting-document' order by seq desc limit 1`));
    expect(audit!.details).toMatchObject({ doc: 'briefing', subjects: 4, sensitiveWithheld: 1 });
  });

  it('the minutes hold attendance and the conclusions table; a draft until a leader signs off, then the 签批 line', async () => {
    const d = await download(`/api/meetings/${meetingId}/documents/minutes`);
    expect(d.text).toContain('（未签批）');
    expect(d.disposition).toContain('（未签批）.docx');
    expect(d.text).toContain('出席单位：组织部（王部长）、纪委监委（李主任、赵科长）');
    expect(d.text).toContain('缺席单位：法院（开庭）');
    for (const s of ['张三明', '谈话提醒', '由组织部分管领导谈话提醒', '2026年7月20日', '李四海', '函询', '王五', '可正常使用', '东平县委领导班子']) expect(d.text).toContain(s);
    expect(d.text).not.toContain('继续关注'); // replaced by a later conclusion
    expect(d.text).toContain('形成结论3个：谈话提醒1个、函询1个、可正常使用1个');

    await tx((t) => t.execute(sql`
      update joint_meeting set status = 'minutes_final', approved_by = ${leaderId}, approved_by_login = 'leader-doc',
        approved_at = '2026-06-25T02:00:00Z', approval_note = '同意' where id = ${meetingId}`));
    const signed = await download(`/api/meetings/${meetingId}/documents/minutes`);
    expect(signed.text).not.toContain('未签批');
    expect(signed.text).toContain('签批：leader-doc　2026年6月25日。签批意见：同意');
  });

  it('a department’s 督办通知单 holds only its own tasks', async () => {
    const jw = await download(`/api/meetings/${meetingId}/documents/task-notice?department=jw`);
    expect(jw.text).toContain('纪委监委：');
    expect(jw.text).toContain('李四海');
    expect(jw.text).toContain('函询');
    expect(jw.text).toContain('办理中（已逾期）');
    expect(jw.text).not.toContain('张三明');
    expect(jw.disposition).toContain('督办通知单_纪委监委_');
    const zzb = await download(`/api/meetings/${meetingId}/documents/task-notice?department=zzb`);
    expect(zzb.text).toContain('张三明');
    expect(zzb.text).not.toContain('李四海');
    expect((await call('GET', `/api/meetings/${meetingId}/documents/task-notice`, sup)).statusCode).toBe(400);
    expect((await call('GET', `/api/meetings/${meetingId}/documents/task-notice?department=nope`, sup)).statusCode).toBe(400);
  });

  it('the half-year report counts meetings, subjects, conclusions, tasks, overdue and entries by source', async () => {
    const d = await download(`/api/meetings/report.docx?convenerId=${city.city}&half=2026-H1`);
    expect(d.text).toContain('2026年上半年干部监督联席会议工作情况通报');
    expect(d.text).toContain('共召开联席会议1次，会商研判议题4个');
    expect(d.text).toContain('形成研判结论3个');
    expect(d.text).toContain('交办督办事项2项');
    expect(d.text).toContain('逾期未办结的督办事项1项');
    expect(d.text).toMatch(/信访局1.*纪委监委1|纪委监委1.*信访局1/u);
    const empty = await download(`/api/meetings/report.docx?convenerId=${city.city}&half=2025-H2`);
    expect(empty.text).toContain('2025年下半年未召开联席会议');
    expect((await call('GET', `/api/meetings/report.docx?convenerId=${city.city}&half=2026-H3`, sup)).statusCode).toBe(400);
    const [audit] = await tx((t) => rows<{ object_id: string }>(t, sql`select object_id from audit_log where action = 'export.meeting-report' order by seq desc limit 1`));
    expect(audit!.object_id).toBe(city.city);
  });
});

describe('scope and permission', () => {
  it('a meeting or convener outside the scope is 404; a member department has no access', async () => {
    expect((await call('GET', `/api/meetings/${meetingId}/documents/minutes`, supB)).statusCode).toBe(404);
    expect((await call('GET', `/api/meetings/report.docx?convenerId=${city.city}&half=2026-H1`, supB)).statusCode).toBe(404);
    expect((await call('GET', '/api/meetings/00000000-0000-4000-8000-000000000009/documents/notice', sup)).statusCode).toBe(404);
    const member = (await ctx.loginAs('member', { scopeOrgId: city.city, departmentCode: 'jw' })).cookie;
    expect((await call('GET', `/api/meetings/${meetingId}/documents/task-notice?department=jw`, member)).statusCode).toBe(403);
  });
});
