/**
 * The 干部监督联席会议 end to end (issue 13, point 10), on the main flow's city and server: a supervisor creates
 * the half-year meeting (its agenda compiled), holds it, records conclusions on five subjects in the keyboard
 * grid (one 函询 for 纪委监委 whose deadline has passed), downloads the minutes; a leader signs them off; a 纪委 member account sees
 * exactly its department's 督办事项 and its 成果共享, answers one with an attachment; the secretary closes it
 * (销号); the overdue one shows on the 工作台 by department. A leader signs the minutes off before the members look:
 * 成果共享 shows the conclusions of final minutes only.
 * Run from browser-test.mjs with its harness (`h`) in a browser context of its own (BROWSER_ONLY=meeting: alone).
 */
import fs from 'node:fs';
import path from 'node:path';
import { openSession, pickAction } from './browser-test-session.mjs';

/** A day relative to today, as YYYY-MM-DD (local time, like the server's clock). */
function daysAgo(n) {
  const d = new Date(Date.now() - n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function meetingPath(h) {
  const { url, test, expect, shot, logout, dataDir } = h;
  const { context, page, consoleErrors, api, signIn, modal } = await openSession(h, { acceptDownloads: true });
  const okButton = (name) => modal.getByRole('button', { name });
  /** Opens a 督办事项 row's 操作 menu and picks an item. */
  const act = (id, item) => pickAction(page, `task-actions-${id}`, item);
  const allTasks = async (query) => {
    const out = [];
    for (let cursor = null; ;) {
      const p = await api(`/api/meeting-tasks?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      out.push(...p.items);
      if (!p.nextCursor) return out;
      cursor = p.nextCursor;
    }
  };

  const title = `${new Date().getFullYear()}年${new Date().getMonth() < 6 ? '上' : '下'}半年干部监督联席会议（浏览器测试）`;
  const heldOn = daysAgo(40);
  let meetingId = null;
  let subjects = [];
  /** The five subjects concluded: [函询 (overdue), 谈话提醒, 继续关注, 可正常使用, 诫勉]. */
  let concluded = [];
  let jwTasks = [];

  try {
    await test('联席会议：监督员新建半年联席会议，议题按干部和班子汇总，列出列入理由', async () => {
      await signIn('ci-supervisor');
      await page.getByRole('menuitem', { name: /联席会议/u }).first().click();
      await page.waitForURL((u) => u.pathname === '/meetings');
      await page.getByTestId('list-total').waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: /新建会议/u }).click();
      await modal.waitFor();
      const conveners = await api('/api/meetings/conveners');
      const city = conveners.find((c) => /青川市委组织部|市委组织部/u.test(c.name)) ?? conveners[0];
      expect(city, '应有可召集联席会议的组织部');
      if (conveners.length > 1) await h.choose(page, 'convenerId', city.name);
      await modal.locator('#heldOn').click();
      await modal.locator('#heldOn').fill(heldOn);
      await modal.locator('#heldOn').press('Enter');
      await modal.locator('#title').fill(title);
      await modal.locator('#location').fill('市委组织部三楼会议室');
      await shot(page, '70-meeting-create');
      await okButton(/新建并汇总议题/u).click();
      await page.waitForURL((u) => /^\/meetings\/[0-9a-f-]{36}$/u.test(u.pathname), { timeout: 60_000 });
      meetingId = new URL(page.url()).pathname.split('/').pop();
      await page.getByTestId('meeting-steps').waitFor({ timeout: 20_000 });
      await page.getByTestId('subjects-total').waitFor({ timeout: 20_000 });
      subjects = (await api(`/api/meetings/${meetingId}/subjects`)).items;
      expect(subjects.length >= 5, `演示城市半年内应至少有5项议题：${subjects.length}`);
      expect((await page.getByTestId('subjects-total').innerText()).includes(`共 ${subjects.length} 项议题`), `议题数应为 ${subjects.length}：${await page.getByTestId('subjects-total').innerText()}`);
      const first = subjects.find((s) => s.subjectType === 'cadre');
      await page.getByTestId('subjects-cadre').locator('.ant-table-row', { hasText: first.cadreName }).first().waitFor();
      await shot(page, '71-meeting-agenda');
    });

    await test('联席会议：召开会议后进入会商研判', async () => {
      expect(meetingId, '上一步未建立会议');
      await page.getByTestId('meeting-hold').click();
      await modal.waitFor();
      await okButton(/确认召开/u).click();
      await page.getByText('会议已召开').first().waitFor({ timeout: 30_000 });
      const m = await api(`/api/meetings/${meetingId}`);
      expect(m.meeting.status === 'held', `会议应为已召开：${m.meeting.status}`);
      await page.getByRole('tab', { name: '会商研判' }).click();
      await page.getByTestId('conclusion-grid').waitFor({ timeout: 20_000 });
    });

    await test('会商研判：在表格中用键盘逐项记录五个议题的结论（一项函询交纪委监委且已过期限）', async () => {
      const rows = (await api(`/api/meetings/${meetingId}/subjects`)).items;
      const kinds = [['函询', 'inquiry'], ['谈话提醒', 'talk'], ['继续关注', 'watch'], ['可正常使用', 'clear'], ['诫勉', 'admonish']];
      concluded = rows.slice(0, 5).map((s, i) => ({ ...s, kindName: kinds[i][0], kind: kinds[i][1] }));
      for (const [i, s] of concluded.entries()) {
        const input = page.locator(`#conclusion-${s.id}`);
        await input.scrollIntoViewIfNeeded();
        await input.click();
        await page.keyboard.type(s.kindName);
        const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: s.kindName }).first();
        await option.waitFor();
        await page.keyboard.press('Enter');
        // Picking moves on; the deadline of the 函询 comes from the kind's default (30 days from the meeting held 40 days ago).
        const note = page.locator(`#note-${s.id}`);
        await note.click();
        await note.fill(`浏览器测试：第${i + 1}项研判`);
        await note.press('Enter');
        await page.getByTestId(`conclusion-state-${s.id}`).getByText('已保存').waitFor({ timeout: 20_000 });
      }
      await shot(page, '72-meeting-conclusions');
      const after = (await api(`/api/meetings/${meetingId}/subjects`)).items;
      const byId = new Map(after.map((s) => [s.id, s]));
      for (const s of concluded) expect(byId.get(s.id)?.conclusion?.conclusion === s.kind, `${s.cadreName ?? s.teamName} 的结论应为 ${s.kindName}：${JSON.stringify(byId.get(s.id)?.conclusion)}`);
      const inquiry = byId.get(concluded[0].id).conclusion;
      expect(inquiry.departmentCode === 'jw', `函询的责任单位应默认为纪委监委：${inquiry.departmentCode}`);
      expect(inquiry.deadline && inquiry.deadline < daysAgo(0), `函询的期限应已过：${inquiry.deadline}`);
      jwTasks = await allTasks('departmentCode=jw');
      const mine = jwTasks.filter((t) => t.meetingId === meetingId);
      expect(mine.length === 2, `本次会议应有纪委监委的2项督办事项（函询、诫勉）：${mine.length}`);
      expect(mine.some((t) => t.overdue), '函询的督办事项应已逾期');
    });

    await test('会商研判：其余议题按“继续关注”记录（签批前每个议题都须有结论；经接口批量记录）', async () => {
      const done = new Set(concluded.map((s) => s.id));
      const rest = (await api(`/api/meetings/${meetingId}/subjects`)).items.filter((s) => !done.has(s.id) && !s.conclusion).map((s) => s.id);
      const failed = await page.evaluate(async ({ id, ids }) => {
        const bad = [];
        const one = async (sid) => {
          const r = await fetch(`/api/meetings/${id}/subjects/${sid}/conclusion`, {
            method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conclusion: 'watch', note: '浏览器测试：继续关注' }),
          });
          if (!r.ok) bad.push(`${sid} ${r.status} ${await r.text()}`);
        };
        for (let i = 0; i < ids.length; i += 4) await Promise.all(ids.slice(i, i + 4).map(one));
        return bad;
      }, { id: meetingId, ids: rest });
      expect(failed.length === 0, `批量记录失败：${failed.slice(0, 3).join('\n')}`);
      await page.reload();
      await page.getByTestId('conclusions-done').waitFor({ timeout: 20_000 });
      const text = await page.getByTestId('conclusions-done').innerText();
      const [a, b] = text.match(/\d+/gu).map(Number);
      expect(a === b, `全部议题应已研判：${text}`);
    });

    await test('联席会议：下载会议纪要（.docx，非空）', async () => {
      await page.getByTestId('meeting-docs').click();
      const link = page.getByTestId('doc-minutes');
      await link.waitFor();
      const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), link.click()]);
      const file = path.join(dataDir, `minutes-${Date.now()}.docx`);
      await d.saveAs(file);
      const bytes = fs.readFileSync(file);
      expect(/\.docx$/u.test(d.suggestedFilename()), `应下载 .docx：${d.suggestedFilename()}`);
      expect(bytes.length > 1000 && bytes.subarray(0, 2).toString('latin1') === 'PK', `纪要应为非空的 Word 文件（${bytes.length} 字节）`);
      await page.keyboard.press('Escape');
      await logout(page, url);
    });

    await test('签批：领导审阅后签批会议纪要，纪要定稿', async () => {
      await signIn('ci-leader');
      await page.goto(`${url}/meetings/${meetingId}`);
      await page.getByTestId('meeting-approve').click();
      await modal.waitFor();
      await modal.locator('#approve-note').fill('同意。请各成员单位按期办理。');
      await okButton(/签批定稿/u).click();
      await page.getByText('纪要定稿').first().waitFor({ timeout: 30_000 });
      const m = await api(`/api/meetings/${meetingId}`);
      expect(m.meeting.status === 'minutes_final' && m.meeting.approvedByLogin === 'ci-leader', `纪要应已定稿：${m.meeting.status} ${m.meeting.approvedByLogin}`);
      await shot(page, '78-meeting-approved');
      await logout(page, url);
    });
    await test('成员单位：纪委账号的督办事项恰为本单位的事项，成果共享只见与本单位相关的结论', async () => {
      expect(jwTasks.length, '上一步未生成督办事项');
      await signIn('ci-jw');
      await page.getByRole('menuitem', { name: /督办事项/u }).waitFor({ timeout: 20_000 });
      await page.getByRole('menuitem', { name: /成果共享/u }).waitFor();
      await page.getByRole('menuitem', { name: /督办事项/u }).click();
      await page.waitForURL((u) => u.pathname === '/meeting-tasks');
      await page.getByTestId('list-total').waitFor({ timeout: 20_000 });
      const seen = await allTasks('');
      const ids = (xs) => xs.map((t) => t.id).sort().join();
      expect(seen.every((t) => t.departmentCode === 'jw'), `纪委账号不应看到其他单位的督办事项：${seen.filter((t) => t.departmentCode !== 'jw').map((t) => t.departmentName).join('、')}`);
      const ours = (xs) => xs.filter((t) => t.meetingId === meetingId);
      expect(ids(ours(seen)) === ids(ours(jwTasks)), `本次会议中纪委账号应恰好看到纪委监委的督办事项：${ours(seen).length} ≠ ${ours(jwTasks).length}`);
      // The count answers apart from the page: wait for it (the page before may still show its own for a moment).
      await page.getByTestId('list-total').filter({ hasText: new RegExp(`^共\\s*${seen.length.toLocaleString('zh-CN')}\\s*条$`, 'u') })
        .waitFor({ timeout: 20_000 }).catch(async () => { throw new Error(`应显示共 ${seen.length} 条：${await page.getByTestId('list-total').innerText()}`); });
      const tableRows = page.getByTestId('meeting-task-list').locator('.ant-table-row');
      for (const until = Date.now() + 15_000; (await tableRows.count()) !== Math.min(seen.length, 50) && Date.now() < until;) await page.waitForTimeout(200);
      const rows = await tableRows.count();
      expect(rows === Math.min(seen.length, 50), `列表行数：${rows}`);
      await shot(page, '73-member-tasks');
      await page.getByRole('menuitem', { name: /成果共享/u }).click();
      await page.waitForURL((u) => u.pathname === '/meetings/shared');
      await page.getByTestId('shared-list').waitFor({ timeout: 20_000 });
      const shared = (await api('/api/meetings/shared?limit=200')).items.filter((x) => x.meetingId === meetingId);
      const name = (s) => s.cadreName ?? s.teamName;
      const jwNames = concluded.filter((s) => s.kind === 'inquiry' || s.kind === 'admonish').map(name).sort();
      const responsible = shared.filter((x) => x.why === 'responsible').map((x) => x.name).sort();
      expect(responsible.join() === jwNames.join(), `成果共享中“本单位办理”应恰为纪委监委的两项：${responsible.join('、')} ≠ ${jwNames.join('、')}`);
      // 本单位报送: only subjects whose agenda snapshot holds a record of 纪委监委's own.
      const wrong = shared.filter((x) => x.why === 'reported').filter((x) => {
        const s = concluded.find((c) => name(c) === x.name);
        return s && !s.content.entries.some((e) => e.departmentCode === 'jw');
      });
      expect(wrong.length === 0, `成果共享不应含其他单位报送的对象：${wrong.map((x) => x.name).join('、')}`);
      await page.locator('.ant-table-row', { hasText: name(concluded[0]) }).first().waitFor({ timeout: 20_000 });
      await shot(page, '74-member-shared');
    });

    await test('成员单位：纪委账号反馈一项督办事项并上传附件', async () => {
      const task = jwTasks.find((t) => t.meetingId === meetingId && t.conclusion === 'admonish');
      expect(task, '应有诫勉的督办事项');
      await page.goto(`${url}/meeting-tasks?meetingId=${meetingId}`);
      await page.getByTestId(`task-actions-${task.id}`).waitFor({ timeout: 20_000 });
      await act(task.id, '反馈');
      await modal.waitFor();
      await modal.locator('#answer-note').fill('已于本月对其诫勉谈话，谈话记录附后（浏览器测试）');
      const pdf = path.join(dataDir, '诫勉谈话记录.pdf');
      fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
      await modal.locator('input[type=file]').setInputFiles(pdf);
      await modal.getByText('诫勉谈话记录.pdf').waitFor();
      await shot(page, '75-member-answer');
      await okButton(/提交反馈/u).click();
      await page.getByText('已反馈').first().waitFor({ timeout: 30_000 });
      const d = await api(`/api/meeting-tasks/${task.id}`);
      expect(d.task.status === 'answered', `督办事项应为已反馈：${d.task.status}`);
      expect(d.events.some((e) => e.action === 'answer' && e.attachments.some((a) => a.fileName === '诫勉谈话记录.pdf')), '反馈应带附件');
      await logout(page, url);
    });

    await test('督办销号：秘书查看反馈和附件后销号', async () => {
      const task = jwTasks.find((t) => t.meetingId === meetingId && t.conclusion === 'admonish');
      await signIn('ci-supervisor');
      await page.goto(`${url}/meetings/${meetingId}?tab=tasks`);
      await page.getByTestId(`task-actions-${task.id}`).waitFor({ timeout: 20_000 });
      await act(task.id, '记录');
      await modal.getByText('诫勉谈话记录.pdf').waitFor({ timeout: 20_000 });
      await modal.locator('.ant-modal-close').click();
      await act(task.id, '销号');
      await modal.waitFor();
      await modal.locator('#task-decide-note').fill('反馈材料齐全，予以销号');
      await okButton(/销\s*号/u).click();
      await page.getByText('已销号').first().waitFor({ timeout: 30_000 });
      const d = await api(`/api/meeting-tasks/${task.id}`);
      expect(d.task.status === 'closed', `督办事项应为已销号：${d.task.status}`);
      await shot(page, '76-meeting-task-closed');
    });

    await test('工作台：逾期的督办事项按责任单位显示，点击进入筛选后的督办事项', async () => {
      await page.getByRole('menuitem', { name: /工作台/u }).click();
      await page.waitForURL(/\/dashboard/u);
      const cell = page.getByTestId('tasks-overdue-jw');
      await cell.waitFor({ timeout: 30_000 });
      const dash = await api('/api/dashboard');
      const jw = dash.meetingTasks?.find((r) => r.departmentCode === 'jw');
      expect(jw && jw.overdue >= 1, `工作台应有纪委监委的逾期督办事项：${JSON.stringify(jw)}`);
      expect(Number((await cell.innerText()).trim()) === jw.overdue, `纪委监委逾期数：${await cell.innerText()} ≠ ${jw.overdue}`);
      await cell.scrollIntoViewIfNeeded();
      await shot(page, '77-dashboard-meeting-tasks');
      await cell.click();
      await page.waitForURL((u) => u.pathname === '/meeting-tasks' && u.searchParams.get('departmentCode') === 'jw' && u.searchParams.get('overdue') === 'true');
      const inquiry = jwTasks.find((t) => t.meetingId === meetingId && t.conclusion === 'inquiry');
      await page.getByTestId(`task-actions-${inquiry.id}`).waitFor({ timeout: 20_000 });
      await logout(page, url);
      const real = consoleErrors.filter((e) => !/status of 401/u.test(e));
      expect(real.length === 0, `控制台错误：${real.join('\n')}`);
    });

  } finally {
    await context.close().catch(() => {});
  }
}
