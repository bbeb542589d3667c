/**
 * A clerk's day (issue 12, points 1–2), on the main flow's city and server: the supervisor opens 待办 (我的待办
 * by default, open items first and nearest deadline first, overdue rows red, 共 N 条), 登记谈话 from a talk
 * obligation, 分派 one to the chief, 办结 one with a note, takes 谈话提醒 and 转联席会议 as a warning's 处置, and
 * sees the 工作台 count 待办 apart from warnings; the chief finds the assigned item through the bell.
 * Run from browser-test.mjs with its harness (`h`) in a browser context of its own.
 */
/* global document, getComputedStyle -- page.evaluate() callbacks run in the browser */

import { openSession, pickAction } from './browser-test-session.mjs';

export async function clerkPath(h) {
  const { url, test, expect, shot, logout, choose } = h;
  const { context, page, consoleErrors, api, signIn, modal } = await openSession(h);
  const rowOf = (id) => page.locator('.ant-table-row', { has: page.getByTestId(`obligation-actions-${id}`) });
  /** Opens a 待办 row's 操作 menu and picks an item. */
  const act = (id, item) => pickAction(page, `obligation-actions-${id}`, item);
  const obligationsOf = async (query) => (await api(`/api/obligations?${query}&limit=200`)).items;
  const waitRows = async () => {
    await page.locator('.ant-table-row').first().waitFor({ timeout: 20_000 });
    await page.locator('.ant-table-row').first().waitFor({ timeout: 5_000 });
  };

  let assigned = null;
  try {
    await test('办事员的一天：待办默认为我的待办——未完成在前、期限近者在前，逾期标红，显示共 N 条', async () => {
      await signIn('ci-supervisor');
      await page.getByRole('menuitem', { name: /待办/u }).first().click();
      await page.waitForURL((u) => u.pathname === '/obligations');
      await page.getByTestId('obligation-view').locator('.ant-segmented-item-selected', { hasText: '我的待办' }).waitFor({ timeout: 15_000 });
      await waitRows();
      const total = page.getByTestId('list-total');
      await total.waitFor({ timeout: 15_000 });
      const count = await api('/api/obligations/count?mine=true');
      expect((await total.innerText()).replace(/\s|,/gu, '') === `共${count.total}条`, `应显示共 ${count.total} 条：${await total.innerText()}`);
      expect(count.total > 0, '监督员作为区域默认负责人应有待办');
      const rows = await page.evaluate(() => [...document.querySelectorAll('.ant-table-row')].map((tr) => {
        const td = [...tr.querySelectorAll('td')].map((c) => c.textContent.trim());
        return { due: td[4], state: td[5], red: tr.classList.contains('obligation-overdue'), colour: getComputedStyle(tr.querySelector('td')).backgroundColor };
      }));
      const open = rows.filter((r) => r.state !== '已完成');
      const firstDone = rows.findIndex((r) => r.state === '已完成');
      expect(firstDone === -1 || rows.slice(firstDone).every((r) => r.state === '已完成'), `未完成的应排在前面：${rows.map((r) => r.state).join(',')}`);
      expect(open.every((r, i) => i === 0 || open[i - 1].due <= r.due), `未完成的应按期限由近到远：${open.map((r) => r.due).join(',')}`);
      const overdue = rows.filter((r) => r.state === '已逾期');
      expect(overdue.every((r) => r.red), '已逾期的行应标红');
      const [r, g, b] = (overdue[0]?.colour.match(/\d+/gu) ?? []).map(Number);
      if (overdue.length) expect(r >= 240 && r - g >= 10 && r - b >= 10, `逾期行应为红色底：${overdue[0].colour}`);
      expect(overdue.length > 0, '演示数据中应有逾期的待办');
      await shot(page, '50-clerk-my-todo');
    });

    await test('办事员的一天：谈心谈话待办“登记谈话”——表单已填好对象、类别并显示期限，保存后该待办已完成', async () => {
      const [o] = (await obligationsOf('mine=true&type=talk')).filter((x) => x.state !== 'done' && x.cadreId);
      expect(o, '应有一项由我负责的谈心谈话待办');
      await page.goto(`${url}/obligations?mine=true&type=talk`);
      await rowOf(o.id).waitFor({ timeout: 20_000 });
      await act(o.id, '登记谈话');
      await modal.waitFor();
      await modal.getByText(/期限：\d{4}/u).waitFor({ timeout: 15_000 });
      await modal.getByText(o.cadreName, { exact: false }).first().waitFor();
      await modal.locator('.ant-select', { has: page.locator('#kind') }).getByText('谈心谈话').waitFor();
      await page.locator('#occurredOn').fill(new Date().toISOString().slice(0, 10));
      await page.locator('#occurredOn').press('Enter');
      // The trigger is noted from the obligation's title (工作变动 / 群众反映 / 思想波动 …).
      const trigger = ['工作变动', '群众反映', '思想波动'].find((t) => o.title.startsWith(t));
      if (trigger) await modal.locator('.ant-select', { has: page.locator('#details_trigger') }).getByText(trigger).waitFor();
      else await choose(page, 'details_trigger', '日常谈心');
      await page.locator('#details_talker').fill('监督员甲');
      await choose(page, 'details_form', '个别谈心');
      await page.locator('#details_points').fill('了解思想和工作情况，提醒廉洁自律（浏览器测试）');
      await shot(page, '51-clerk-talk-form');
      await modal.getByRole('button', { name: /保\s*存/u }).click();
      await modal.waitFor({ state: 'hidden', timeout: 20_000 });
      await page.goto(`${url}/obligations?cadreId=${o.cadreId}&type=talk`);
      await rowOf(o.id).getByText('已完成').waitFor({ timeout: 20_000 });
      await rowOf(o.id).getByText('查看记录').waitFor();
      await shot(page, '52-clerk-talk-done');
    });

    await test('办事员的一天：分派待办给科长（可搜索的用户选择）', async () => {
      const open = (await obligationsOf('mine=true')).filter((x) => x.state !== 'done');
      assigned = open[open.length > 2 ? 1 : 0];
      expect(assigned, '应有未完成的待办可分派');
      await page.goto(`${url}/obligations`);
      await rowOf(assigned.id).waitFor({ timeout: 20_000 });
      await act(assigned.id, '分派');
      await modal.waitFor();
      const select = modal.locator('.ant-select', { has: page.locator('#userId') });
      await select.click();
      await page.locator('#userId').fill('科长');
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'ci-chief' }).first();
      await option.waitFor({ timeout: 15_000 });
      const options = await page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts();
      expect(options.every((t) => t.includes('科长')), `按“科长”查找只应列出匹配的用户：${options.join(' | ')}`);
      await option.click();
      await select.getByText('ci-chief').waitFor();
      await modal.locator('textarea').fill('请于本周内约谈（浏览器测试）');
      await shot(page, '53-clerk-assign');
      await modal.getByRole('button', { name: /分\s*派/u }).click();
      await page.getByText('已分派，对方会在通知中看到').waitFor({ timeout: 15_000 });
      await page.goto(`${url}/obligations?mine=false&cadreId=${assigned.cadreId ?? ''}`.replace(/&cadreId=$/u, ''));
      if (assigned.cadreId) await rowOf(assigned.id).getByText('监督科长丁（分派）').waitFor({ timeout: 20_000 });
    });

    let closed = null;
    await test('办事员的一天：办结一项待办（填写说明），它离开我的待办中的未完成项，记录中可见', async () => {
      const open = (await obligationsOf('mine=true')).filter((x) => x.state !== 'done' && x.id !== assigned?.id);
      closed = open[0];
      expect(closed, '应有未完成的待办可办结');
      await page.goto(`${url}/obligations`);
      await rowOf(closed.id).waitFor({ timeout: 20_000 });
      await act(closed.id, '办结');
      await modal.waitFor();
      await modal.locator('textarea').fill('本人已调离，无需谈话（浏览器测试）');
      await modal.getByRole('button', { name: /办\s*结/u }).click();
      await page.getByText('已办结').first().waitFor({ timeout: 15_000 });
      await modal.waitFor({ state: 'hidden', timeout: 15_000 });
      // Gone from the open items of 我的待办: either no longer listed, or listed as 已完成.
      await page.waitForFunction((id) => {
        const btn = document.querySelector(`[data-testid="obligation-actions-${id}"]`);
        return !btn || btn.closest('tr').textContent.includes('已完成');
      }, closed.id, { timeout: 15_000 });
      const still = (await obligationsOf('mine=true')).find((x) => x.id === closed.id);
      expect(!still || still.state === 'done', `办结后不应仍为未完成：${JSON.stringify(still)}`);
      const where = closed.cadreId ? `cadreId=${closed.cadreId}` : closed.teamId ? `teamId=${closed.teamId}` : `orgId=${closed.orgId}`;
      await page.goto(`${url}/obligations?mine=false&${where}`);
      await rowOf(closed.id).getByText(/办结/u).first().waitFor({ timeout: 20_000 });
      await act(closed.id, '记录');
      await modal.waitFor();
      await modal.locator('.ant-table-row', { hasText: '本人已调离，无需谈话（浏览器测试）' }).getByText('办结').waitFor({ timeout: 15_000 });
      await modal.getByText('ci-supervisor').first().waitFor();
      await shot(page, '54-clerk-close-history');
      await page.keyboard.press('Escape');
    });

    let talked = null;
    await test('办事员的一天：预警处置“谈话提醒”——处置记录在详情中可见，并为该干部生成谈心谈话待办', async () => {
      const ws = (await api('/api/warnings?limit=200')).items;
      talked = ws.find((w) => w.subjectType === 'cadre' && w.status !== 'handled' && w.status !== 'dismissed'
        && ['petition_cluster', 'impact_running', 'personal_report', 'travel_filing', 'assessment_low'].includes(w.rule));
      expect(talked, '应有可做谈话提醒的干部预警');
      await page.goto(`${url}/warnings?cadreId=${talked.cadreId}`);
      const row = page.locator('.ant-table-row', { hasText: talked.ruleName }).first();
      await row.waitFor({ timeout: 20_000 });
      await row.locator('td').nth(3).click();
      const drawer = page.locator('.ant-drawer-body');
      await drawer.getByText('处置措施').waitFor({ timeout: 15_000 });
      await drawer.locator('[data-followup=talk]').click();
      await modal.waitFor();
      await modal.locator('#followup-note').fill('请分管领导提醒谈话（浏览器测试）');
      await modal.getByRole('button', { name: /确\s*定/u }).click();
      await page.getByText('已记录处置：谈话提醒').waitFor({ timeout: 20_000 });
      await drawer.locator('.ant-tag', { hasText: '谈话提醒' }).first().waitFor({ timeout: 15_000 });
      await drawer.getByText('采取处置措施').first().waitFor({ timeout: 15_000 });
      await drawer.getByText(/谈话提醒：请分管领导提醒谈话（浏览器测试）/u).first().waitFor({ timeout: 15_000 });
      await shot(page, '55-clerk-warning-talk');
      await page.locator('.ant-drawer-close').click();
      await page.goto(`${url}/obligations?mine=false&cadreId=${talked.cadreId}&type=talk`);
      await page.locator('.ant-table-row', { hasText: '预警谈话提醒' }).first().waitFor({ timeout: 20_000 });
      await shot(page, '56-clerk-talk-obligation');
    });

    await test('办事员的一天：预警处置“转联席会议”，联席会议页面的待上会议题中可见', async () => {
      const candidates = [];
      for (const rule of ['assessment_low', 'audit_issue', 'in_charge_violation', 'multi_source', 'long_tenure', 'inspection_rectification', 'decision_procedure', 'review_low']) {
        const ws = (await api(`/api/warnings?rule=${rule}&limit=50`)).items;
        candidates.push(...ws.filter((w) => w.status !== 'handled' && w.status !== 'dismissed' && w.id !== talked?.id));
        if (candidates.length) break;
      }
      expect(candidates.length > 0, '应有可转联席会议的预警');
      const w = candidates.find((x) => x.subjectType === 'cadre') ?? candidates[0];
      await page.goto(`${url}/warnings?${w.cadreId ? `cadreId=${w.cadreId}` : `teamId=${w.teamId}`}&rule=${w.rule}`);
      const row = page.locator('.ant-table-row', { hasText: w.ruleName }).first();
      await row.waitFor({ timeout: 20_000 });
      await row.locator('td').nth(3).click();
      const drawer = page.locator('.ant-drawer-body');
      await drawer.locator('[data-followup=meeting]').click();
      await modal.waitFor();
      await modal.locator('#followup-note').fill('提请联席会议研判（浏览器测试）');
      await modal.getByRole('button', { name: /确\s*定/u }).click();
      await page.getByText('已记录处置：转联席会议').waitFor({ timeout: 20_000 });
      await page.locator('.ant-drawer-close').click();
      await page.getByRole('menuitem', { name: /联席会议/u }).first().click();
      await page.waitForURL((u) => u.pathname === '/meetings');
      const card = page.locator('.ant-card', { hasText: '待上会议题' });
      await card.locator('.ant-table-row', { hasText: '提请联席会议研判（浏览器测试）' }).getByText(w.cadreName ?? w.teamName).waitFor({ timeout: 20_000 });
      await shot(page, '57-clerk-agenda');
    });

    await test('办事员的一天：工作台把待办与预警分开计数', async () => {
      await page.getByRole('menuitem', { name: /工作台/u }).click();
      await page.waitForURL(/\/dashboard/u);
      for (const id of ['todo-overdue', 'todo-pending', 'todo-due-soon', 'todo-mine', 'warnings-red']) await page.getByTestId(id).waitFor({ timeout: 20_000 });
      const number = async (id) => Number((await page.getByTestId(id).innerText()).replace(/,/gu, '').match(/\d+/u)?.[0]);
      const mine = await api('/api/obligations/count?mine=true&state=overdue');
      const dash = await api('/api/dashboard');
      expect(await number('todo-overdue') === dash.obligations.overdue, `已逾期待办：${await number('todo-overdue')} ≠ ${dash.obligations.overdue}`);
      expect(await number('todo-mine') === dash.obligations.mine, `由我负责：${await number('todo-mine')} ≠ ${dash.obligations.mine}`);
      // The 待办 card and the warnings are apart: overdue obligations are not all 义务逾期 warnings (grace period).
      const todoCard = page.locator('.ant-card', { has: page.getByTestId('todo-overdue') });
      expect(!(await todoCard.getByTestId('warnings-red').count()), '待办卡片中不应混入预警数');
      expect(mine.total >= 0, '我的逾期待办数应可查');
      await shot(page, '58-clerk-dashboard');
      await logout(page, url);
    });

    await test('办事员的一天：科长登录，铃铛显示未读数，通知打开待办，分派的事项在我的待办中', async () => {
      expect(assigned, '上一步未分派待办');
      await signIn('ci-chief');
      const bell = page.getByTestId('notification-bell');
      await bell.waitFor({ timeout: 20_000 });
      const badge = page.locator('.ant-badge', { has: bell }).locator('.ant-scroll-number, .ant-badge-count').first();
      await badge.waitFor({ timeout: 20_000 });
      const unread = Number((await badge.getAttribute('title')) ?? (await badge.innerText()));
      expect(unread >= 1, `铃铛应显示未读数：${unread}`);
      await bell.click();
      const list = page.getByTestId('notification-list');
      await list.waitFor();
      await shot(page, '59-chief-bell');
      await list.locator('.ant-list-item', { hasText: '分派' }).first().click();
      await page.waitForURL((u) => u.pathname === '/obligations', { timeout: 15_000 });
      await page.getByTestId('obligation-view').locator('.ant-segmented-item-selected', { hasText: '我的待办' }).waitFor({ timeout: 15_000 });
      await rowOf(assigned.id).waitFor({ timeout: 20_000 });
      await shot(page, '60-chief-my-todo');
      await logout(page, url);
      // The session probe after 退出登录 answers 401; nothing else may fail in the console along the day.
      const real = consoleErrors.filter((e) => !/status of 401/u.test(e));
      expect(real.length === 0, `控制台错误：${real.join('\n')}`);
    });
  } finally {
    await context.close().catch(() => {});
  }
}
