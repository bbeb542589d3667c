#!/usr/bin/env node
/**
 * Browser tests: the real server (fresh data folder with a small generated city) driven in Debian
 * chromium by playwright-core. Each step is a named test; screenshots go to test-results/screenshots.
 * Writes {numPassedTests, numFailedTests, tests[]} to $BROWSER_RESULTS (for .ci/run) and exits non-zero
 * on any failure.
 */
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { pinyin } from 'pinyin-pro';
import { idNumberOf, lrmxXml, makeZip, RESUME } from './browser-test-lrmx.mjs';
import { newcomerPath } from './browser-test-newcomer.mjs';
import { clerkPath } from './browser-test-clerk.mjs';
import { meetingPath } from './browser-test-meeting.mjs';
/* global document -- page.evaluate() callbacks run in the browser */

/** Same rule as the server's sort key (packages/server/src/lib/pinyin.ts). */
function nameKeys(name) {
  const syl = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true }).map((x) => x.toLowerCase());
  return { initials: syl.map((x) => x[0]).join('') };
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'packages/server/bin/jiandu.mjs');
const shots = path.join(root, 'test-results/screenshots');
fs.mkdirSync(shots, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiandu-browser-'));
const env = { ...process.env, JIANDU_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
const NEW_PASSWORD = 'Browser#Test2026';

const results = [];
let browser;
let server;
let currentPage = null;

function cli(...args) {
  return cliIn(env, ...args);
}

function cliIn(where, ...args) {
  return execFileSync(process.execPath, [bin, ...args], { env: where, encoding: 'utf8' });
}

function startServer(expectPassword = true, where = env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve'], { env: where, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    const onData = (d) => {
      out += d;
      const m = /已启动：(http:\/\/[^\s║]+)/u.exec(out);
      const pw = /一次性密码：(\S+)/u.exec(out);
      if (m && (pw || !expectPassword)) {
        clearTimeout(timer);
        resolve({ child, url: m[1], adminPassword: pw?.[1] ?? null });
      }
    };
    // Decoded as UTF-8 across chunks: a pipe may cut a Chinese character between two reads.
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${out}`)); });
  });
}

async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, status: 'passed', ms: Date.now() - started });
    console.log(`  ✓ ${name}`);
  } catch (e) {
    results.push({ name, status: 'failed', ms: Date.now() - started, error: String(e?.stack ?? e) });
    await currentPage?.screenshot({ path: path.join(shots, `FAILED-${results.length}.png`) }).catch(() => {});
    console.log(`  ✗ ${name}\n    ${String(e?.message ?? e).split('\n').join('\n    ')}`);
  }
}

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });
}

/** TOTP (RFC 6238: HMAC-SHA1, 30 s, 6 digits) of a base32 secret — what an authenticator app shows. */
function totp(secret, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/\s/gu, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/gu) ?? []).map((b) => parseInt(b, 2)));
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', key).update(msg).digest();
  const o = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
/** Second factors bound in this run: login → { secret, lastStep } (a code is accepted once only). */
const factors = new Map();
const stepNow = () => Math.floor(Date.now() / 30_000);

/**
 * Signs in with the password; when the role must bind a second factor (AUTH-05), binds it on the 二次认证
 * page from the secret shown there; when one is bound, enters the current code.
 */
async function login(page, url, user, password, { shots: prefix } = {}) {
  await page.goto(`${url}/login`);
  await page.locator('#login').fill(user);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: /登\s*录/u }).click();
  const mfaCode = page.locator('#mfaCode');
  await Promise.race([
    page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 }),
    mfaCode.waitFor({ timeout: 20_000 }),
  ]);
  if (await mfaCode.isVisible().catch(() => false)) {
    const f = factors.get(user);
    expect(f, `${user} 没有绑定过动态口令`);
    while (stepNow() <= f.lastStep) await new Promise((r) => setTimeout(r, 1000));
    f.lastStep = stepNow();
    await mfaCode.fill(totp(f.secret, f.lastStep));
    await page.getByRole('button', { name: /验\s*证/u }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
    return;
  }
  if (!new URL(page.url()).pathname.startsWith('/mfa')) return;
  const secretText = page.locator('#mfaSecret');
  await secretText.waitFor({ timeout: 20_000 });
  if (prefix) await shot(page, `${prefix}-mfa-enroll`);
  const secret = (await secretText.innerText()).replace(/\s/gu, '');
  const step = stepNow();
  await page.locator('#mfaConfirmCode').fill(totp(secret, step));
  await page.getByRole('button', { name: /确认绑定/u }).click();
  await page.getByTestId('recovery-codes').waitFor({ timeout: 20_000 });
  const codes = (await page.getByTestId('recovery-codes').innerText()).trim().split(/\s+/u);
  expect(codes.length === 10, `应显示10个恢复码：${codes.join(' ')}`);
  if (prefix) await shot(page, `${prefix}-mfa-recovery-codes`);
  factors.set(user, { secret, lastStep: step });
  await page.getByRole('button', { name: /我已妥善保存/u }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/mfa'), { timeout: 20_000 });
}

async function changePassword(page, current, next) {
  await page.waitForURL(/\/change-password/u, { timeout: 15_000 });
  await page.locator('#currentPassword').fill(current);
  await page.locator('#newPassword').fill(next);
  await page.locator('#confirmPassword').fill(next);
  await page.getByRole('button', { name: '修改密码' }).click();
  // The landing page of the role (the first menu entry it may open), not the change form or the root.
  await page.waitForURL((u) => /^\/(dashboard|orgs|cadres|admin|audit|security|lookup|submissions)/u.test(u.pathname), { timeout: 15_000 });
}

async function logout(page, url) {
  // A click that lands while the menu is still opening can be lost on a loaded machine: close it and try again.
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    try {
      await page.waitForURL(/\/login/u, { timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  // The session is gone on the server: a protected page sends us back to the login.
  await page.goto(`${url}/cadres`);
  await page.waitForURL(/\/login/u, { timeout: 15_000 });
}


/**
 * Picks an option of an antd Select whose input has this id. Waits until the select is enabled (a select
 * whose list is still loading is disabled and takes no click). The option gets its click event directly:
 * under load the dropdown may still be sliding in, and a pointer click waits for it to stand still (and
 * timed out); the event does not depend on where the option is drawn.
 */
async function choose(page, id, option) {
  const select = page.locator('.ant-select', { has: page.locator(`#${id}`) }).first();
  for (const until = Date.now() + 30_000; /ant-select-disabled/u.test((await select.getAttribute('class')) ?? ''); await page.waitForTimeout(200)) {
    if (Date.now() > until) throw new Error(`下拉框 #${id} 一直不可用`);
  }
  for (let attempt = 1; ; attempt++) {
    await select.click();
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
    await item.waitFor();
    await item.dispatchEvent('click');
    for (let i = 0; i < 20; i++) {
      if ((await select.innerText()).includes(option)) return;
      await page.waitForTimeout(100);
    }
    if (attempt >= 3) throw new Error(`下拉框 #${id} 未能选中“${option}”`);
  }
}

async function ledgerSheet(file, orgNames) {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考核结果');
  ws.addRow(['2024年度党风廉政建设考核结果']);
  ws.addRow(['单位名称', '考核年度', '等次', '考核时间']);
  orgNames.forEach((n, i) => ws.addRow([n, 2024, ['好', '较好', '一般'][i % 3], '2025-01-20']));
  ws.addRow(['不存在的单位', 2024, '好', '2025-01-20']);
  ws.addRow(['合计', '', '', '']);
  await wb.xlsx.writeFile(file);
}

/** Clicks a download link and waits for the file: its name and first bytes. */
async function download(page, locator) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), locator.click()]);
  const file = path.join(dataDir, `dl-${Date.now()}-${d.suggestedFilename()}`);
  await d.saveAs(file);
  return { name: d.suggestedFilename(), head: fs.readFileSync(file).subarray(0, 4).toString('latin1') };
}

/** A day relative to today, as YYYY-MM-DD (local time, like the server's clock). */
function daysAgo(n) {
  const d = new Date(Date.now() - n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Clicks the largest bar of an ECharts chart (SVG renderer: every bar is a filled path; legend icons are smaller).
 * Returns the bar's fill colour.
 */
async function clickLargestBar(page, testId) {
  const chart = page.getByTestId(testId);
  await chart.locator('svg path').first().waitFor({ state: 'attached', timeout: 15_000 });
  await chart.scrollIntoViewIfNeeded();
  await page.waitForTimeout(600); // the bars grow in (animation)
  const bar = await chart.evaluate((el) => {
    let best = null;
    for (const p of el.querySelectorAll('svg path')) {
      const fill = p.getAttribute('fill');
      // Not an outline, nor an invisible hit area (the legend's are rgba(0,0,0,0)).
      if (!fill || fill === 'none' || fill === 'transparent' || /rgba\([^)]*,\s*0\)/u.test(fill) || p.getAttribute('fill-opacity') === '0') continue;
      const r = p.getBoundingClientRect();
      if (r.width < 4 || r.height < 4) continue;
      if (!best || r.width * r.height > best.w * best.h) best = { x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width, h: r.height, fill };
    }
    return best;
  });
  expect(bar, `图表 ${testId} 没有可点击的柱`);
  await page.mouse.click(bar.x, bar.y);
  return bar.fill;
}

/** A small real PDF, and an executable renamed to .pdf (the server must refuse it by its content). */
function attachmentFiles() {
  const pdf = path.join(dataDir, '处理决定.pdf');
  fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const exe = Buffer.alloc(512);
  exe.write('MZ', 0);
  exe.write('This program cannot be run in DOS mode.', 78);
  const fake = path.join(dataDir, '通知.pdf');
  fs.writeFileSync(fake, exe);
  return { pdf, fake };
}

function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

async function main() {
  console.log(`数据目录 ${dataDir}`);
  execFileSync(process.execPath, [path.join(root, 'scripts/build-web-if-needed.mjs')], { stdio: 'inherit' });
  const newcomer = () => newcomerPath({
    root, browser, baseEnv: env, test, expect, shot, login, changePassword, logout, choose, startServer, cliIn,
    password: NEW_PASSWORD, setPage: (p) => { currentPage = p; },
  });
  // BROWSER_ONLY=newcomer: the first day alone (its own empty install), for working on it.
  if (process.env.BROWSER_ONLY === 'newcomer') {
    browser = await launchBrowser();
    return newcomer();
  }
  cli('seed', '--cadres', '400', '--seed', '7', '--entries-per-cadre', '20');
  // First start on an empty account table: the sysadmin's one-time password is printed.
  const first = await startServer();
  const adminPassword = first.adminPassword;
  first.child.kill('SIGTERM');
  await new Promise((r) => first.child.once('exit', r));
  // The embedded database is one process at a time: accounts from the CLI while the server is stopped.
  const sup = JSON.parse(cli('user', 'create', '--role', 'supervisor', '--name', 'ci-supervisor', '--display', '监督员甲', '--scope', '青川市委', '--json'));
  const aud = JSON.parse(cli('user', 'create', '--role', 'auditadmin', '--name', 'ci-auditor', '--display', '审计员乙', '--json'));
  const mem = JSON.parse(cli('user', 'create', '--role', 'member', '--name', 'ci-member', '--display', '信访局丙', '--scope', '青川市委', '--department', 'xf', '--json'));
  const chief = JSON.parse(cli('user', 'create', '--role', 'chief', '--name', 'ci-chief', '--display', '监督科长丁', '--scope', '青川市委', '--json'));
  const leader = JSON.parse(cli('user', 'create', '--role', 'leader', '--name', 'ci-leader', '--display', '分管副部长戊', '--scope', '青川市委', '--json'));
  const jw = JSON.parse(cli('user', 'create', '--role', 'member', '--name', 'ci-jw', '--display', '市纪委监委己', '--scope', '青川市委', '--department', 'jw', '--json'));
  server = await startServer(false);
  server.adminPassword = adminPassword;
  const { url } = server;
  browser = await launchBrowser();
  // A clerk's day (待办, 预警处置, 通知), in a browser context of its own; `passwords` are the accounts' current ones.
  const clerk = (passwords) => clerkPath({
    browser, url, test, expect, shot, login, changePassword, logout, choose, password: NEW_PASSWORD, passwords,
    setPage: (p) => { currentPage = p; },
  });
  // BROWSER_ONLY=clerk: the clerk's day alone on the seeded city, for working on it.
  if (process.env.BROWSER_ONLY === 'clerk') return clerk({ 'ci-supervisor': sup.password, 'ci-chief': chief.password });
  // The 联席会议 end to end (issue 13): secretary, a 纪委 member account, a leader.
  const meeting = (passwords) => meetingPath({
    browser, url, test, expect, shot, login, changePassword, logout, choose, password: NEW_PASSWORD, passwords, dataDir,
    setPage: (p) => { currentPage = p; },
  });
  if (process.env.BROWSER_ONLY === 'meeting') return meeting({ 'ci-supervisor': sup.password, 'ci-jw': jw.password, 'ci-leader': leader.password });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const outside = [];
  context.on('request', (r) => {
    if (!r.url().startsWith(url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url());
  });
  const page = await context.newPage();
  currentPage = page;
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });

  await test('登录页：打开系统和登录页，控制台没有 401（会话探测不报错）', async () => {
    const before = consoleErrors.length;
    await page.goto(url);
    await page.waitForURL(/\/login/u);
    await page.locator('#login').waitFor();
    await page.goto(`${url}/login`);
    await page.locator('#login').waitFor();
    await page.waitForTimeout(500);
    const mine = consoleErrors.slice(before);
    expect(mine.length === 0, `登录页不应有控制台错误：${mine.join('\n')}`);
  });

  await test('系统管理员：一次性密码登录后必须修改密码', async () => {
    await page.goto(url);
    await page.waitForURL(/\/login/u);
    await shot(page, '01-login');
    await login(page, url, 'sysadmin', server.adminPassword, { shots: '01b' });
    await shot(page, '02-forced-change');
    await changePassword(page, server.adminPassword, NEW_PASSWORD);
    await page.getByRole('menuitem', { name: /账号管理/u }).waitFor();
    await shot(page, '03-sysadmin-home');
  });

  await test('系统管理员：菜单中没有干部与审计日志，账号列表可见', async () => {
    const menu = await page.locator('.ant-menu').innerText();
    expect(!menu.includes('干部') && !menu.includes('审计日志'), `菜单不应包含业务或审计入口：${menu}`);
    await page.getByRole('menuitem', { name: /账号管理/u }).click();
    await page.getByText('ci-supervisor').waitFor();
    await shot(page, '04-users');
    await logout(page, url);
  });

  await test('监督员：登录、修改密码、组织机构树与领导班子', async () => {
    await login(page, url, 'ci-supervisor', sup.password);
    await changePassword(page, sup.password, NEW_PASSWORD);
    await page.getByRole('menuitem', { name: /组织机构/u }).click();
    await page.locator('.ant-tree').getByText('青川市委', { exact: true }).first().waitFor();
    await page.getByText('一把手').first().waitFor({ timeout: 15_000 });
    await shot(page, '05-org-tree');
    // Open a child org in the tree and see its team.
    const nodes = page.locator('.ant-tree-treenode');
    expect((await nodes.count()) > 3, '组织机构树应展开显示下级单位');
    await nodes.nth(2).locator('.ant-tree-title').click();
    await page.getByText(/领导班子/u).first().waitFor();
    await shot(page, '06-org-child');
  });

  await test('监督员：打开干部档案（基本信息与任职）', async () => {
    await page.getByRole('menuitem', { name: /组织机构/u }).click();
    const member = page.locator('.ant-table-row a').first();
    await member.waitFor({ timeout: 15_000 });
    // Read the name and click in one step: the team table may re-render in between (another unit's team).
    const name = await member.evaluate((a) => { a.click(); return a.textContent.trim(); });
    await page.waitForURL(/\/cadres\/[0-9a-f-]{36}/u);
    await page.getByText(name).first().waitFor();
    await page.getByText('任职').first().waitFor();
    // The profile itself, not the team table still on screen (its 任职时间 header also says 任职).
    await page.getByText('基本信息').waitFor();
    const body = await page.locator('body').innerText();
    expect(/\d{4}\*{10}[\dX]{4}/u.test(body), '档案中的身份证号应为掩码');
    await shot(page, '07-cadre-profile');
  });

  await test('监督员：干部列表按拼音首字母查找', async () => {
    await page.getByRole('menuitem', { name: /(^|\s)干部$/u }).click();
    const firstLink = page.locator('.ant-table-row a').first();
    await firstLink.waitFor();
    await shot(page, '08-cadre-list');
    // Pick a name from the second page of the list, and find it by its pinyin initials.
    await page.getByRole('button', { name: /下一页/u }).click();
    await page.waitForURL(/cursor=/u);
    const name = (await page.locator('.ant-table-row a').nth(3).innerText()).trim();
    const initials = nameKeys(name).initials;
    const box = page.getByPlaceholder('姓名 / 拼音首字母 / 身份证号');
    await box.fill(initials);
    await box.press('Enter');
    await page.waitForURL(new RegExp(`q=${initials}`, 'u'));
    await page.locator('.ant-table-row a', { hasText: name }).first().waitFor();
    // The list keeps showing the previous page while the search loads: wait until the rows are the search's.
    const matches = (ns) => ns.length > 0 && ns.every((n) => nameKeys(n).initials.startsWith(initials) || n.includes(initials));
    let rows = [];
    for (const until = Date.now() + 15_000; Date.now() < until; await page.waitForTimeout(200)) {
      rows = await page.locator('.ant-table-row a').allInnerTexts();
      if (matches(rows)) break;
    }
    expect(rows.every((n) => nameKeys(n).initials.startsWith(initials) || n.includes(initials)), `“${initials}”的结果应都以这些首字母开头：${rows.join('、')}`);
    await shot(page, '09-cadre-search');
  });


  await test('监督员：在干部档案中用按类别生成的表单新增台账记录，时间线上可见', async () => {
    await page.getByRole('menuitem', { name: /(^|\s)干部$/u }).click();
    await page.locator('.ant-table-row a').first().click();
    await page.waitForURL(/\/cadres\/[0-9a-f-]{36}/u);
    await page.getByRole('tab', { name: '监督台账' }).click();
    await page.getByRole('button', { name: /新增记录/u }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.waitFor();
    await choose(page, 'kind', '信访举报');
    await choose(page, 'sourceDept', '信访局');
    await page.locator('#occurredOn').fill('2025-03-15');
    await page.locator('#occurredOn').press('Enter');
    await page.locator('#summary').fill('群众反映其违规操办婚宴（浏览器测试）');
    await choose(page, 'details_channel', '12380');
    await modal.locator('#details_realName').getByText('是', { exact: true }).click();
    await choose(page, 'details_status', '核查中');
    await shot(page, '11-entry-form');
    await modal.getByRole('button', { name: /保\s*存/u }).click();
    await modal.waitFor({ state: 'hidden', timeout: 15_000 });
    await page.getByText('群众反映其违规操办婚宴（浏览器测试）').first().waitFor();
    await shot(page, '12-timeline');
  });

  await test('监督员：台账导入向导——上传、识别表头、检查、导入、报告', async () => {
    const orgNames = await page.evaluate(async () => {
      const roots = await (await fetch('/api/orgs')).json();
      const kids = await (await fetch(`/api/orgs?parentId=${roots[0].id}`)).json();
      return kids.filter((k) => k.hasTeam).slice(0, 3).map((k) => k.name);
    });
    const file = path.join(dataDir, '党风廉政考核.xlsx');
    await ledgerSheet(file, orgNames);
    await page.goto(`${url}/imports/new?kind=dflz`);
    await choose(page, 'source', '组织部');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: /上传并识别表头/u }).click();
    await page.getByRole('button', { name: /开始检查/u }).waitFor({ timeout: 30_000 });
    await shot(page, '13-import-mapping');
    await page.getByRole('button', { name: /开始检查/u }).click();
    const commit = page.getByRole('button', { name: /导入 3 条有效记录/u });
    await commit.waitFor({ timeout: 60_000 });
    await page.getByText(/没有名为“不存在的单位”的单位/u).waitFor({ timeout: 15_000 }); // the problem list names row 6
    await shot(page, '14-import-checked');
    await commit.click();
    await page.getByText(/已导入 3 条/u).first().waitFor({ timeout: 30_000 });
    await shot(page, '15-import-done');
  });

  await test('监督员：台账记录的附件上传与下载（改扩展名的可执行文件被拒），导出Excel与干部档案', async () => {
    const { pdf, fake } = attachmentFiles();
    // The seeded city has a ledger of its own: narrow to the month of the entry written above.
    await page.getByRole('menuitem', { name: /管理监督台账/u }).click();
    await page.goto(`${url}/ledger?kind=xfjb&month=2025-03`);
    await page.getByText(/发生于 2025年3月/u).waitFor();
    await page.locator('.ant-table-row', { hasText: '群众反映其违规操办婚宴（浏览器测试）' }).first().click();
    const drawer = page.locator('.ant-drawer-body');
    await drawer.getByText('附件（0）').waitFor();
    const input = drawer.locator('input[type=file]');
    await input.setInputFiles(pdf);
    await drawer.getByText('附件（1）').waitFor({ timeout: 15_000 });
    const before = consoleErrors.length;
    await input.setInputFiles(fake);
    await drawer.locator('.ant-alert-error').getByText(/内容与扩展名不符/u).waitFor({ timeout: 15_000 });
    // The refused upload's 400 is expected: not a console error of the page.
    expect(consoleErrors.slice(before).every((e) => /status of 400/u.test(e)), `意外的控制台错误：${consoleErrors.slice(before).join('\n')}`);
    consoleErrors.splice(before);
    await shot(page, '16-attachments');
    const a = await download(page, drawer.getByRole('link', { name: '处理决定.pdf' }));
    expect(a.name === '处理决定.pdf' && a.head === '%PDF', `附件下载：${JSON.stringify(a)}`);
    await drawer.locator('a[href^="/cadres/"]').first().click();
    await page.waitForURL(/\/cadres\/[0-9a-f-]{36}/u);
    const dossier = await download(page, page.getByRole('link', { name: /导出档案/u }));
    expect(dossier.name.endsWith('.docx') && dossier.head === 'PK\x03\x04', `档案导出：${JSON.stringify(dossier)}`);
    await page.getByRole('menuitem', { name: /管理监督台账/u }).click();
    await page.locator('.ant-table-row').first().waitFor();
    const sheet = await download(page, page.getByRole('link', { name: /导出Excel/u }));
    expect(sheet.name.endsWith('.xlsx') && sheet.head === 'PK\x03\x04', `台账导出：${JSON.stringify(sheet)}`);
  });

  await test('监督员：台账关键词搜索（摘要）与可搜索的类别筛选——输入“处分”回车只会选中处分类别，拼音首字母可查', async () => {
    await page.goto(`${url}/ledger`);
    await page.locator('.ant-table-row').first().waitFor();
    const kindSelect = page.locator('.ant-select', { has: page.locator('#ledger-kind') }).first();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await kindSelect.click();
    await page.keyboard.type('处分');
    await options.first().waitFor();
    const listed = await options.allInnerTexts();
    expect(listed.length > 0 && listed.every((t) => t.includes('处分')), `输入“处分”后列出：${listed.join('、')}`);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(600);
    const picked = new URL(page.url()).searchParams.get('kind');
    expect(picked === null || picked === 'cfwz', `输入“处分”回车选中了 ${picked}`);
    await page.goto(`${url}/ledger`);
    await page.locator('.ant-table-row').first().waitFor();
    await page.locator('#ledger-keyword').fill('操办婚宴');
    await page.waitForURL((u) => u.searchParams.get('q') === '操办婚宴');
    await page.locator('.ant-table-row', { hasText: '群众反映其违规操办婚宴（浏览器测试）' }).first().waitFor({ timeout: 15_000 });
    await kindSelect.click();
    await page.keyboard.type('xfjb');
    await options.first().waitFor();
    expect((await options.allInnerTexts()).join('、') === '信访举报', `拼音首字母“xfjb”应只列出信访举报：${(await options.allInnerTexts()).join('、')}`);
    await shot(page, '16b-ledger-keyword-kind-search');
    await page.keyboard.press('Escape');
  });

  await test('监督员：导入任免审批表压缩包——逐个文件的预览与差异，确认导入，新干部档案有照片', async () => {
    // An existing cadre (its 身份证号 through the audited API) and a unit for the new one.
    const known = await page.evaluate(async () => {
      const c = (await (await fetch('/api/cadres?limit=1')).json()).items[0];
      const d = await (await fetch(`/api/cadres/${c.id}`)).json();
      const { idNumber } = await (await fetch(`/api/cadres/${c.id}/id-number`)).json();
      const roots = await (await fetch('/api/orgs')).json();
      return { name: d.name, gender: d.gender, birth: d.birth, idNumber, unit: roots[0].name };
    });
    // A real JPEG, drawn by the browser.
    const photo = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 105;
      c.height = 140;
      const g = c.getContext('2d');
      g.fillStyle = '#3d6fb6';
      g.fillRect(0, 0, 105, 140);
      g.fillStyle = '#f1c7a3';
      g.beginPath();
      g.ellipse(52, 60, 24, 30, 0, 0, Math.PI * 2);
      g.fill();
      return c.toDataURL('image/jpeg', 0.9).split(',')[1];
    });
    const newName = '林晓舟';
    const updated = lrmxXml({
      XingMing: known.name, XingBie: known.gender, ChuShengNianYue: known.birth.replace('-', ''), XianRenZhiWu: '浏览器测试县委常委、组织部部长',
      JianLi: RESUME, ShenFenZheng: known.idNumber,
    });
    const created = lrmxXml({
      XingMing: newName, XingBie: '男', ChuShengNianYue: '197803', MinZu: '汉族', JiGuan: '浙江宁海', XianRenZhiWu: '某某镇党委书记', JianLi: RESUME,
      ShenFenZheng: idNumberOf('51990019780315001'),
    }, [{ ChengWei: '妻子', XingMing: '周雨岚', ChuShengRiQi: '198011', ZhengZhiMianMao: '中共党员', GongZuoDanWeiJiZhiWu: '某某县人民医院护士长' }], photo);
    const zip = path.join(dataDir, '任免审批表.zip');
    fs.writeFileSync(zip, makeZip([{ name: `${known.name}.lrmx`, data: updated }, { name: `${newName}.lrmx`, data: created }]));

    await page.getByRole('menuitem', { name: /干部导入/u }).click();
    await page.getByRole('button', { name: /导入任免审批表/u }).click();
    await page.locator('.ant-select', { has: page.locator('#orgId') }).click();
    await page.keyboard.type(known.unit);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.locator('input[type=file]').setInputFiles(zip);
    await page.getByRole('button', { name: /上传并预览/u }).click();
    await page.getByText('逐个文件的预览').waitFor({ timeout: 60_000 });
    const row = (file) => page.locator('.ant-table-row', { hasText: file });
    await row(`${newName}.lrmx`).getByText('新建', { exact: true }).first().waitFor();
    await row(`${known.name}.lrmx`).getByText('更新', { exact: true }).waitFor();
    await row(`${known.name}.lrmx`).getByText(`${known.name}.lrmx`).click();
    await page.getByText('与系统中信息的差异').waitFor();
    await page.getByText('浏览器测试县委常委、组织部部长').first().waitFor();
    await shot(page, '18-cadre-import-preview');
    await page.getByRole('button', { name: /确认导入（新建 1 人、更新 1 人）/u }).click();
    await page.getByText('已导入：新建 1 人、更新 1 人').waitFor({ timeout: 60_000 });
    await shot(page, '19-cadre-import-done');
    const importedCard = page.locator('.ant-card-small', { has: page.locator('.ant-card-head-title', { hasText: '已导入的干部' }) });
    await importedCard.getByRole('link', { name: newName }).click();
    await page.waitForURL(/\/cadres\/[0-9a-f-]{36}/u);
    await page.getByText('基本信息').waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('img[alt$="的照片"]');
      return !!img && img.complete && img.naturalWidth > 0;
    }, undefined, { timeout: 15_000 });
    expect((await page.getByRole('link', { name: /导出任免审批表/u }).getAttribute('href'))?.endsWith('/lrmx'), '档案应有“导出任免审批表”');
    await shot(page, '20-cadre-profile-photo');
  });

  // Facts that raise warnings, written through the API like any client: a 党纪处分 (严重警告, 影响期内 → red, 不宜)
  // for one cadre, and two petitions under investigation (信访集中 → yellow) for another, all in the last months.
  let flagged = null;
  await test('监督员：写入产生预警的台账记录（处分、两件信访）', async () => {
    flagged = await page.evaluate(async ({ d30, d60, d20 }) => {
      const cadres = (await (await fetch('/api/cadres?limit=20&status=在职')).json()).items;
      const [a, b] = [cadres[5], cadres[6]];
      const post = async (body) => {
        const r = await fetch('/api/entries', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!r.ok) throw new Error(`POST /api/entries ${r.status}: ${await r.text()}`);
        return r.json();
      };
      await post({
        kind: 'cfwz', sourceDept: 'jw', cadreId: a.id, occurredOn: d30, summary: '因违规收受礼金受到党内严重警告处分（浏览器测试）',
        details: { category: '党纪处分', measure: '严重警告', decisionDate: d30 },
      });
      for (const [day, what] of [[d60, '反映其违规插手工程项目'], [d20, '反映其在干部选拔中打招呼']]) {
        await post({
          kind: 'xfjb', sourceDept: 'xf', cadreId: b.id, occurredOn: day, summary: `群众来信${what}（浏览器测试）`,
          details: { channel: '来信', realName: true, status: '核查中' },
        });
      }
      const warnings = async (id) => (await (await fetch(`/api/warnings?cadreId=${id}`)).json()).items;
      return { punished: a, petitioned: b, red: await warnings(a.id), yellow: await warnings(b.id) };
    }, { d30: daysAgo(30), d60: daysAgo(60), d20: daysAgo(20) });
    expect(flagged.red.some((w) => w.colour === 'red' && w.rule === 'impact_running'), `处分应产生红色“影响期内”预警：${JSON.stringify(flagged.red)}`);
    expect(flagged.yellow.some((w) => w.rule === 'petition_cluster'), `两件信访应产生“信访集中”预警：${JSON.stringify(flagged.yellow)}`);
  });

  await test('监督员：工作台的数字与图表，红色预警与区域柱形下钻到预警列表，来源柱形下钻到台账', async () => {
    await page.getByRole('menuitem', { name: /工作台/u }).click();
    await page.waitForURL(/\/dashboard/u);
    const red = page.getByTestId('warnings-red');
    await red.waitFor({ timeout: 15_000 });
    const redCount = Number((await red.innerText()).match(/\d+/u)?.[0]);
    expect(redCount >= 1, `红色预警数应至少为 1：${await red.innerText()}`);
    for (const id of ['chart-warnings-by-area', 'chart-warnings-by-rule', 'chart-entries-by-source']) {
      await page.getByTestId(id).locator('svg path').first().waitFor({ state: 'attached', timeout: 15_000 });
    }
    for (const id of ['todo-overdue', 'todo-pending', 'coverage-training']) await page.getByTestId(id).waitFor();
    await shot(page, '21-dashboard');
    // The red number → the red warnings.
    await red.click();
    await page.waitForURL((u) => u.pathname === '/warnings' && u.searchParams.get('colour') === 'red');
    await page.locator('.ant-select', { has: page.locator('#warning-colour') }).getByText('红色预警').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    const colours = await page.locator('.ant-table-row td:nth-child(2)').allInnerTexts();
    expect(colours.length >= 1 && colours.every((c) => c.trim() === '红'), `应只列红色预警：${colours.join(',')}`);
    await page.getByRole('link', { name: flagged.punished.name }).first().waitFor();
    await shot(page, '22-warnings-red');
    // A column of the areas' chart → that area's warnings of that colour.
    await page.goBack();
    await page.waitForURL(/\/dashboard/u);
    await clickLargestBar(page, 'chart-warnings-by-area');
    await page.waitForURL((u) => u.pathname === '/warnings' && /^[0-9a-f-]{36}$/u.test(u.searchParams.get('orgId') ?? '') && !!u.searchParams.get('colour'));
    await page.locator('.ant-table-row').first().waitFor({ timeout: 15_000 });
    // The area is shown by its name in the filter.
    const areaId = new URL(page.url()).searchParams.get('orgId');
    const areaName = await page.evaluate(async (id) => (await (await fetch(`/api/orgs/${id}`)).json()).name, areaId);
    await page.locator('.ant-select', { hasText: areaName }).first().waitFor();
    const rowUnits = await page.locator('.ant-table-row td:nth-child(5)').allInnerTexts();
    expect(rowUnits.length > 0, '区域的预警列表不应为空');
    // The entries' chart → the ledger of that department and month.
    await page.goBack();
    await page.waitForURL(/\/dashboard/u);
    await clickLargestBar(page, 'chart-entries-by-source');
    await page.waitForURL((u) => u.pathname === '/ledger' && !!u.searchParams.get('sourceDept') && /^\d{4}-\d{2}$/u.test(u.searchParams.get('month') ?? ''));
    const month = new URL(page.url()).searchParams.get('month');
    await page.getByText(`发生于 ${month.slice(0, 4)}年${Number(month.slice(5))}月`).waitFor();
    await page.locator('.ant-table-row').first().waitFor({ timeout: 15_000 });
    const days = await page.locator('.ant-table-row td:first-child').allInnerTexts();
    expect(days.every((d) => d.startsWith(month)), `台账应只列 ${month} 的记录：${days.join(',')}`);
    await shot(page, '23-ledger-drilldown');
  });

  await test('监督员：在预警列表批量标记已阅，状态随之改变', async () => {
    await page.goto(`${url}/warnings?cadreId=${flagged.petitioned.id}`);
    const row = page.locator('.ant-table-row', { hasText: '信访集中' }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.getByText('新', { exact: true }).waitFor();
    await row.locator('.ant-checkbox-input').check();
    await page.getByText('已选 1 条').waitFor();
    await page.getByRole('button', { name: /标记已阅/u }).click();
    await page.getByText('已将 1 条预警标记为已阅').waitFor({ timeout: 15_000 });
    await row.getByText('已阅', { exact: true }).waitFor({ timeout: 15_000 });
    // The drawer tells who read it and when.
    await row.locator('td').nth(3).click();
    const drawer = page.locator('.ant-drawer-body');
    // The evidence: both petitions written above (the generated city may have given the cadre others).
    await drawer.getByText('群众来信反映其违规插手工程项目（浏览器测试）').waitFor();
    await drawer.getByText('群众来信反映其在干部选拔中打招呼（浏览器测试）').waitFor();
    await drawer.getByText('标记已阅').waitFor();
    await drawer.getByText('ci-supervisor').first().waitFor();
    await shot(page, '24-warning-drawer');
    await page.locator('.ant-drawer-close').click();
  });

  await test('监督员：干部档案中的使用资格（凡提必查）与任前廉政意见下载', async () => {
    await page.goto(`${url}/cadres/${flagged.punished.id}`);
    await page.getByRole('tab', { name: '使用资格' }).click();
    const panel = page.getByTestId('eligibility');
    await panel.waitFor({ timeout: 15_000 });
    await panel.locator('.ant-tag', { hasText: '不宜' }).first().waitFor();
    await panel.getByText('严重警告').first().waitFor();
    await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, '25-eligibility');
    const docx = await download(page, panel.getByRole('link', { name: /下载任前廉政意见/u }));
    expect(docx.name.endsWith('.docx') && docx.head === 'PK\x03\x04', `任前廉政意见：${JSON.stringify(docx)}`);
    await page.getByRole('tab', { name: '预警' }).click();
    await page.locator('.ant-table-row', { hasText: '影响期内' }).first().waitFor();
  });

  let lookupIdNumber = null;
  await test('监督员：干部档案首屏即显示使用资格、红黄预警和影响期；打印隐藏菜单', async () => {
    await page.goto(`${url}/cadres/${flagged.punished.id}`);
    const head = page.getByTestId('cadre-verdict');
    await head.getByText('不宜').first().waitFor({ timeout: 15_000 });
    await head.getByText(/处分影响期至/u).waitFor();
    const box = await head.boundingBox();
    expect(box && box.y + box.height <= 900, `使用资格应在首屏（不滚动）可见：${JSON.stringify(box)}`);
    expect(await page.evaluate(() => globalThis.scrollY) === 0, '页面不应已滚动');
    await shot(page, '25b-profile-verdict');
    await page.getByTestId('print-button').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(!(await page.locator('.ant-layout-sider').isVisible()), '打印时不应显示菜单');
    expect(!(await page.getByTestId('print-button').isVisible()), '打印时不应显示按钮');
    await page.emulateMedia({ media: 'screen' });
    // The red count → the warnings list filtered to the cadre.
    await page.getByTestId('verdict-red').click();
    await page.waitForURL((u) => u.pathname === '/warnings' && u.searchParams.get('cadreId') === flagged.punished.id && u.searchParams.get('colour') === 'red');
    await page.locator('.ant-table-row', { hasText: '影响期内' }).first().waitFor({ timeout: 15_000 });
    // 打印 the list: a sheet of the filter's rows (the print dialog itself is not opened here).
    await page.evaluate(() => { globalThis.print = () => { globalThis.__printed = (globalThis.__printed ?? 0) + 1; }; });
    await page.getByTestId('print-button').click();
    await page.getByTestId('print-sheet').waitFor({ state: 'attached', timeout: 15_000 });
    // print() follows the sheet by a short timer: wait for the call rather than racing it.
    await page.waitForFunction(() => globalThis.__printed >= 1, null, { timeout: 15_000 }).catch(() => {});
    expect(await page.evaluate(() => globalThis.__printed) === 1, '应调用打印');
    const sheet = await page.getByTestId('print-sheet').innerText();
    expect(/筛选结果共 \d+ 条，已全部打印/u.test(sheet) && sheet.includes('影响期内'), `打印内容：${sheet.slice(0, 300)}`);
    await page.evaluate(() => globalThis.dispatchEvent(new Event('afterprint')));
    lookupIdNumber = await page.evaluate(async (id) => (await (await fetch(`/api/cadres/${id}/id-number`)).json()).idNumber, flagged.punished.id);
  });

  await test('监督员：退出登录后会话失效', async () => {
    await logout(page, url);
    const r = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(r === 401, `退出后 /api/auth/me 应为 401，实际 ${r}`);
  });

  await test('审计管理员：查看审计日志并校验完整性', async () => {
    await login(page, url, 'ci-auditor', aud.password);
    await changePassword(page, aud.password, NEW_PASSWORD);
    await page.getByRole('menuitem', { name: /审计日志/u }).click();
    await page.locator('.ant-table-row').first().waitFor();
    const text = await page.locator('.ant-table').innerText();
    expect(text.includes('ci-supervisor') && text.includes('查看干部档案'), '审计日志应包含监督员查看档案的记录');
    await page.getByRole('button', { name: /校验完整性/u }).click();
    await page.getByText(/哈希链校验通过/u).waitFor({ timeout: 15_000 });
    await shot(page, '10-audit');
    await logout(page, url);
  });

  await test('成员单位：报送领导班子的记录（按单位名称找班子）、上传附件、导出，不请求无权访问的接口', async () => {
    const denied = [];
    const onResponse = (r) => { if (r.status() === 403) denied.push(r.url()); };
    page.on('response', onResponse);
    try {
      await login(page, url, 'ci-member', mem.password);
      await changePassword(page, mem.password, NEW_PASSWORD);
      await page.getByRole('button', { name: /新增报送/u }).click();
      const modal = page.locator('.ant-modal:visible');
      await modal.getByText('领导班子', { exact: true }).click();
      const box = modal.locator('.ant-select', { hasText: '输入单位名称查找其领导班子' });
      await box.click();
      await page.keyboard.type('镇');
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      await option.waitFor();
      expect((await option.innerText()).includes(' — '), '单位候选项应带上级单位名称');
      await option.click();
      await modal.getByText(/领导班子：.+领导班子/u).waitFor();
      await choose(page, 'kind', '信访举报');
      await page.locator('#occurredOn').fill('2025-04-02');
      await page.locator('#occurredOn').press('Enter');
      await page.locator('#summary').fill('来信反映班子落实信访工作责任制不力（浏览器测试）');
      await choose(page, 'details_channel', '来信');
      await modal.locator('#details_realName').getByText('否', { exact: true }).click();
      await choose(page, 'details_status', '受理');
      await modal.getByRole('button', { name: /报\s*送/u }).click();
      const drawer = page.locator('.ant-drawer-body');
      await drawer.getByText('附件（0）').waitFor({ timeout: 15_000 });
      await drawer.locator('input[type=file]').setInputFiles(attachmentFiles().pdf);
      await drawer.getByText('附件（1）').waitFor({ timeout: 15_000 });
      const a = await download(page, drawer.getByRole('link', { name: '处理决定.pdf' }));
      expect(a.head === '%PDF', `附件下载：${JSON.stringify(a)}`);
      await shot(page, '17-member-submission');
      await page.locator('.ant-drawer-close').click();
      const sheet = await download(page, page.getByRole('link', { name: /导出Excel/u }));
      expect(sheet.name.endsWith('.xlsx') && sheet.head === 'PK\x03\x04', `报送导出：${JSON.stringify(sheet)}`);
      await page.getByRole('menuitem', { name: /干部查找/u }).click();
      await page.getByText('按姓名和单位').click();
      await page.locator('#orgId').click();
      await page.keyboard.type('镇');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      // A lookup with a single match selects it: no extra 选择 click.
      if (lookupIdNumber) {
        await page.getByRole('menuitem', { name: /本单位报送/u }).click();
        await page.getByRole('button', { name: /新增报送/u }).click();
        const m2 = page.locator('.ant-modal:visible');
        await m2.getByPlaceholder('完整的18位身份证号').fill(lookupIdNumber);
        await m2.getByRole('button', { name: /查\s*找/u }).click();
        await m2.getByRole('button', { name: /重新查找/u }).waitFor({ timeout: 15_000 });
        await m2.getByText(flagged.punished.name, { exact: true }).first().waitFor();
        await page.keyboard.press('Escape');
      }
      expect(denied.length === 0, `成员单位不应请求无权访问的接口：${denied.join(', ')}`);
      await logout(page, url);
    } finally {
      page.off('response', onResponse);
    }
  });

  await test('监督科负责人：修改规则阈值，保存后全量重新评估完成', async () => {
    await login(page, url, 'ci-chief', chief.password);
    await changePassword(page, chief.password, NEW_PASSWORD);
    await page.waitForURL(/\/dashboard/u);
    await page.getByRole('menuitem', { name: /规则设置/u }).click();
    const years = page.locator('#settings-longTenureYears');
    await years.waitFor();
    expect(await years.isEditable(), '监督科负责人应能修改阈值');
    await years.fill('8');
    await page.getByRole('button', { name: /保存规则设置/u }).click();
    await page.getByTestId('rule-job').getByText(/全量重新评估已完成/u).waitFor({ timeout: 60_000 });
    await page.getByText(/最近修改：ci-chief/u).waitFor();
    await shot(page, '26-rule-settings-saved');
    const saved = await page.evaluate(async () => (await (await fetch('/api/rules/settings')).json()).settings.longTenureYears);
    expect(saved === 8, `保存后的任职过长年限应为 8，实际 ${saved}`);
    // Only what was changed is saved as changed (1/3 shown as 33.33% stays 1/3; the impact tables stay as they were).
    const settings = await page.evaluate(async () => (await (await fetch('/api/rules/settings')).json()).settings);
    expect(Math.abs(settings.reviewBottomFraction - 1 / 3) < 1e-9, `评议靠后比例不应被改写：${settings.reviewBottomFraction}`);
    const reason = await page.evaluate(async () => (await (await fetch('/api/rules/jobs/latest')).json()).reason);
    expect(reason === '规则设置变更（任职过长）', `只改了任职过长，重新评估的原因却是：${reason}`);
    await logout(page, url);
  });

  await test('领导：工作台为首页，规则设置只读', async () => {
    await login(page, url, 'ci-leader', leader.password);
    await changePassword(page, leader.password, NEW_PASSWORD);
    await page.waitForURL(/\/dashboard/u);
    await page.getByTestId('warnings-red').waitFor({ timeout: 15_000 });
    await page.getByRole('menuitem', { name: /规则设置/u }).click();
    await page.getByText(/只读：您可以查看规则设置与字典/u).waitFor();
    const years = page.locator('#settings-longTenureYears');
    await years.waitFor();
    expect(await years.isDisabled(), '领导看到的阈值应不可修改');
    expect((await years.inputValue()) === '8', `领导应看到修改后的值 8：${await years.inputValue()}`);
    expect(await page.getByRole('button', { name: /保存规则设置|全部重新评估/u }).count() === 0, '领导不应有保存或重新评估按钮');
    await shot(page, '27-rule-settings-readonly');
    // Warnings: read, but no handling.
    await page.getByRole('menuitem', { name: /预警/u }).click();
    await page.locator('.ant-table-row').first().waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: /标记已阅/u }).count() === 0, '领导不应能处置预警');
    // Field policy: a 敏感/重要 entry is a placeholder for a leader (no clearance); the profile still renders.
    const withheld = await page.evaluate(async () => {
      let cursor = '';
      for (let i = 0; i < 30; i++) {
        const p = await (await fetch(`/api/entries?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json();
        const hit = p.items.find((e) => e.redacted && e.cadreId);
        if (hit || !p.nextCursor) return hit ?? null;
        cursor = p.nextCursor;
      }
      return null;
    });
    expect(withheld && withheld.summary === '敏感记录，需相应权限查看', `领导应看到敏感记录的占位：${JSON.stringify(withheld)}`);
    // The profile's 监督台账 tab (the sections are tabs; the address names the open one).
    await page.goto(`${url}/cadres/${withheld.cadreId}?tab=ledger`);
    await page.getByRole('tab', { name: '监督台账' }).waitFor({ timeout: 15_000 });
    await page.locator('[role=button]').filter({ hasText: '敏感记录，需相应权限查看' }).first().click();
    await page.getByText('您没有查看其内容的权限').waitFor({ timeout: 15_000 });
    expect(await page.getByText(/^附件（/u).count() === 0, '无权限时不应显示附件');
    await shot(page, '28-leader-sensitive-placeholder');
    await page.keyboard.press('Escape');
    await logout(page, url);
  });

  await clerk({ 'ci-supervisor': NEW_PASSWORD, 'ci-chief': NEW_PASSWORD });
  await meeting({ 'ci-supervisor': NEW_PASSWORD, 'ci-jw': jw.password, 'ci-leader': NEW_PASSWORD });
  currentPage = page;

  await test('二次认证：已绑定的监督员再次登录须输入动态口令，用过的验证码不能再用', async () => {
    await login(page, url, 'ci-supervisor', NEW_PASSWORD);
    await page.waitForURL(/\/(dashboard|orgs|cadres)/u, { timeout: 15_000 });
    await logout(page, url);
    // The same code again is refused.
    await page.goto(`${url}/login`);
    const before = consoleErrors.length;
    await page.locator('#login').fill('ci-supervisor');
    await page.locator('#password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/u }).click();
    await page.locator('#mfaCode').waitFor({ timeout: 20_000 });
    await shot(page, '28-mfa-verify');
    await page.locator('#mfaCode').fill(totp(factors.get('ci-supervisor').secret, factors.get('ci-supervisor').lastStep));
    await page.getByRole('button', { name: /验\s*证/u }).click();
    await page.getByText(/验证码不正确、已使用或已过期/u).first().waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname.startsWith('/login'), '用过的验证码不应登录成功');
    // The refused code's 400 (and the login page's 401 session probe) in the console are expected here.
    const mine = consoleErrors.splice(before);
    expect(mine.every((e) => /status of 40[01]/u.test(e)), `意外的控制台错误：${mine.join('\n')}`);
  });

  await test('界面不从服务器以外加载任何内容，控制台无错误', async () => {
    expect(outside.length === 0, `外部请求：${outside.join(', ')}`);
    const real = consoleErrors.filter((e) => !/401|Unauthorized|status of 40[13]/u.test(e));
    expect(real.length === 0, `控制台错误：${real.join('\n')}`);
  });

  // A newcomer's first day, on an empty install of its own (its own data folder and server).
  await newcomer();
}

let fatal = null;
try {
  await main();
} catch (e) {
  fatal = e;
  results.push({ name: '浏览器测试环境', status: 'failed', error: String(e?.stack ?? e) });
  console.error(e);
} finally {
  await browser?.close().catch(() => {});
  if (server) {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
const passed = results.filter((r) => r.status === 'passed').length;
const failed = results.length - passed;
if (process.env.BROWSER_RESULTS) {
  fs.writeFileSync(process.env.BROWSER_RESULTS, JSON.stringify({ numPassedTests: passed, numFailedTests: failed, tests: results }, null, 2));
}
console.log(`浏览器测试：${passed} passed, ${failed} failed（截图在 test-results/screenshots）`);
process.exit(failed > 0 || fatal ? 1 : 0);
