/**
 * What each path of the browser test opens first, written once: a browser context of its own (zh-CN, 1440×900),
 * its page made the harness's current one, the console errors it logs, `api` (a GET through the page's own
 * session) and `signIn` (with a one-time password, changes it first and remembers the new one).
 */
export async function openSession(h, contextOptions = {}) {
  const { browser, url, login, changePassword, passwords } = h;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', ...contextOptions });
  const page = await context.newPage();
  h.setPage(page);
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  const api = (p) => page.evaluate(async (u) => {
    const r = await fetch(u);
    if (!r.ok) throw new Error(`GET ${u} ${r.status}: ${await r.text()}`);
    return r.json();
  }, p);
  const signIn = async (user) => {
    await login(page, url, user, passwords[user]);
    if (passwords[user] !== h.password) {
      await changePassword(page, passwords[user], h.password);
      passwords[user] = h.password;
    }
  };
  const modal = page.locator('.ant-modal-wrap:visible .ant-modal');
  return { context, page, consoleErrors, api, signIn, modal };
}

/** Opens a row's 操作 menu (the button with this test id) and picks the item that says `item`. */
export async function pickAction(page, testId, item) {
  await page.getByTestId(testId).click();
  const entry = page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: item }).first();
  await entry.waitFor();
  await entry.click();
}
