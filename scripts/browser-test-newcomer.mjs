/**
 * A newcomer's first day (issue 11; README “第一天”), on an empty install of its own: the first
 * administrator imports the county's org tree from the sheet an office keeps (examples/orgs-临江县.csv), a
 * supervisor imports the 花名册 that has no 单位 column (examples/花名册-临江县.csv) with tenures, then the
 * audit office's sheet with its two-row header (examples/经济责任审计-临江县.csv), and sees the 工作台.
 * Run from browser-test.mjs with its harness (`h`); its own data folder and server, stopped at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
/* global document -- page.waitForFunction() callbacks run in the browser */

export async function newcomerPath(h) {
  const { root, browser, baseEnv, test, expect, shot, login, changePassword, logout, choose, startServer, cliIn, password } = h;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiandu-newcomer-'));
  const env = { ...baseEnv, JIANDU_DATA_DIR: dataDir };
  const example = (name) => path.join(root, 'examples', name);
  let server = null;
  const stop = async () => {
    if (!server) return;
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    server = null;
  };
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  h.setPage(page);
  const wizard = async (file, { checkButton = /开始检查/u } = {}) => {
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: /上传并识别表头/u }).click();
    await page.getByRole('button', { name: checkButton }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: checkButton }).click();
  };
  let supervisor = null;
  try {
    await test('第一天：首个管理员从机关的单位名录导入组织机构树', async () => {
      server = await startServer(true, env);
      await login(page, server.url, 'sysadmin', server.adminPassword);
      await changePassword(page, server.adminPassword, password);
      await page.getByRole('menuitem', { name: /组织机构/u }).click();
      await page.getByRole('button', { name: /导入组织机构/u }).click();
      await page.waitForURL(/\/imports\/new\?kind=orgs/u);
      await wizard(example('orgs-临江县.csv'));
      const commit = page.getByRole('button', { name: /导入（新增 35 个、更新 0 个单位）/u });
      await commit.waitFor({ timeout: 60_000 });
      await page.getByText('临江县人民政府', { exact: true }).first().waitFor();
      await shot(page, '40-newcomer-org-tree-preview');
      await commit.click();
      await page.getByText(/已导入：新增 35 个/u).first().waitFor({ timeout: 30_000 });
      await page.getByRole('menuitem', { name: /组织机构/u }).click();
      await page.locator('.ant-tree').getByText('中共临江县委员会', { exact: true }).first().waitFor({ timeout: 15_000 });
      await shot(page, '41-newcomer-org-tree');
      await logout(page, server.url);
      await stop();
      // The embedded database is one process at a time: the supervisor's account from the CLI meanwhile.
      supervisor = JSON.parse(cliIn(env, 'user', 'create', '--role', 'supervisor', '--name', 'linjiang-sup', '--display', '监督员临江', '--scope', '临江县委', '--json'));
    });

    await test('第一天：没有“单位”列的花名册按现任职务落到单位，并建立任职', async () => {
      expect(supervisor, '监督员账号未建立');
      server = await startServer(false, env);
      await login(page, server.url, 'linjiang-sup', supervisor.password);
      await changePassword(page, supervisor.password, password);
      await page.goto(`${server.url}/imports/new?kind=roster`);
      await page.getByText('同时建立任职').click();
      await wizard(example('花名册-临江县.csv'));
      const commit = page.getByRole('button', { name: /导入（新建 21 人、更新 0 人）/u });
      await commit.waitFor({ timeout: 60_000 });
      const row = page.locator('.ant-table-row', { hasText: '陈静' });
      await row.getByText('临江县财政局').waitFor();
      expect((await row.innerText()).includes('职务'), `陈静的单位应注明依据“职务”：${await row.innerText()}`);
      await shot(page, '42-newcomer-roster-preview');
      await commit.click();
      await page.getByText(/已导入/u).first().waitFor({ timeout: 30_000 });
      // The county's government has its 县长 as 一把手, read from “临江县政府县长”.
      const team = await page.evaluate(async () => {
        const hits = await (await fetch(`/api/orgs/search?q=${encodeURIComponent('临江县人民政府')}`)).json();
        return (await (await fetch(`/api/orgs/${hits[0].id}/team`)).json()).team;
      });
      const head = team?.members.find((m) => m.isPrincipal);
      expect(head?.name === '周海涛' && head.title === '县长', `临江县人民政府的一把手应为周海涛（县长）：${JSON.stringify(team?.members)}`);
    });

    await test('第一天：审计局两行表头的结果表导入台账，工作台显示预警并可下钻', async () => {
      await page.goto(`${server.url}/imports/new?kind=${encodeURIComponent('经济责任审计')}`);
      await choose(page, 'source', '审计局');
      await wizard(example('经济责任审计-临江县.csv'));
      const commit = page.getByRole('button', { name: /导入 3 条有效记录/u });
      await commit.waitFor({ timeout: 60_000 });
      await shot(page, '43-newcomer-audit-checked');
      await commit.click();
      await page.getByText(/已导入 3 条/u).first().waitFor({ timeout: 30_000 });
      await page.getByRole('menuitem', { name: /工作台/u }).click();
      const red = page.getByTestId('warnings-red');
      await red.waitFor({ timeout: 15_000 });
      await page.waitForFunction(() => /[1-9]/u.test(document.querySelector('[data-testid=warnings-red]')?.textContent ?? ''), null, { timeout: 15_000 });
      await shot(page, '44-newcomer-dashboard');
      await red.click();
      await page.waitForURL(/\/warnings/u);
      await page.locator('.ant-table-row', { hasText: '陈静' }).first().waitFor({ timeout: 15_000 });
      // 已整改 (the sheet's 整改完成情况 column) raises nothing for 冯涛.
      const rows = await page.locator('.ant-table-row').allInnerTexts();
      expect(!rows.some((r) => r.includes('冯涛')), `冯涛的审计已整改，不应有红色预警：${rows.join(' | ')}`);
      await shot(page, '45-newcomer-red-warnings');
    });
  } finally {
    await context.close().catch(() => {});
    await stop().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
