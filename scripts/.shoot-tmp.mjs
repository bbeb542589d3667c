import { chromium } from 'playwright-core';
const url = 'http://127.0.0.1:3917';
const [sysPw, secPw] = process.argv.slice(2);
const NEW = 'Browser#Test2026';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
const page = await ctx.newPage();
const shot = (n) => page.screenshot({ path: `/tmp/shots-b/${n}.png` });
async function login(user, pw) { await page.goto(`${url}/login`); await page.locator('#login').fill(user); await page.locator('#password').fill(pw); await page.getByRole('button', { name: /登\s*录/u }).click(); }
async function change(cur) {
  await page.waitForURL(/\/change-password/u, { timeout: 15000 });
  await page.locator('#currentPassword').fill(cur); await page.locator('#newPassword').fill(NEW); await page.locator('#confirmPassword').fill(NEW);
  await page.getByRole('button', { name: '修改密码' }).click();
  await page.waitForURL((u) => !/change-password|login/u.test(u.pathname), { timeout: 15000 });
}
async function logout() { await page.getByTestId('user-menu').click(); await page.getByText('退出登录').click(); await page.waitForURL(/\/login/u); }
try {
await login('sysadmin', sysPw); await change(sysPw);
await page.goto(`${url}/orgs`); await page.waitForTimeout(2500); await shot('01-sysadmin-orgs');
await page.goto(`${url}/admin/users`); await page.getByText('账号变更申请').waitFor();
await page.getByRole('button', { name: /新建账号/u }).click();
const modal = page.locator('.ant-modal:visible'); await modal.waitFor();
await page.locator('#login').fill('audit-zhang'); await page.locator('#displayName').fill('张审计');
await page.locator('.ant-select', { has: page.locator('#role') }).click(); await page.getByTitle('审计管理员').click();
await page.locator('#reason').fill('新任审计管理员到岗');
await shot('02-propose-modal');
await modal.getByRole('button', { name: /提交审批/u }).click(); await modal.waitFor({ state: 'hidden' });
const secRow = page.locator('.ant-table-row', { hasText: 'secadmin' }).last();
await secRow.getByRole('button', { name: '重置密码' }).click(); await page.getByRole('button', { name: '提交审批' }).click();
await page.waitForTimeout(1500); await shot('03-users-pending');
await logout();
await login('secadmin', secPw); await change(secPw);
await page.goto(`${url}/admin/approvals`); await page.getByText('audit-zhang').waitFor(); await page.waitForTimeout(800); await shot('04-approvals');
const row = page.locator('.ant-table-row', { hasText: 'audit-zhang' });
await row.getByRole('button', { name: '批准' }).click(); await page.locator('.ant-popconfirm').getByRole('button', { name: /批\s*准/u }).click();
await page.waitForTimeout(1500); await shot('05-approved');
await logout();
await login('sysadmin', NEW); await page.waitForURL((u) => !/login/u.test(u.pathname));
await page.goto(`${url}/admin/users`); await page.getByText('查看一次性密码').waitFor(); await shot('06-password-waiting');
await page.getByRole('button', { name: '查看一次性密码' }).click(); await page.locator('.ant-popconfirm').getByRole('button', { name: /查\s*看/u }).click();
await page.getByText('一次性密码只显示这一次').waitFor(); await shot('07-password-once');
} catch (e) { console.log(String(e)); await shot('99-fail'); }
await browser.close();
