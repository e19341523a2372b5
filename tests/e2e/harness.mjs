// harness.mjs — starts the real sync server and Debian's Chromium for the
// browser tests. Nothing is mocked: the page, its service worker and the
// server talk over real loopback sockets.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_BIN = process.env.RELAIS_SERVER_BIN || path.join(root, 'build/native/sync-server/relais-server');
export const DIST = process.env.RELAIS_DIST || path.join(root, 'build/wasm/dist');
export const ARTIFACTS = path.join(root, 'tests/e2e/artifacts');
// For a seeding run of the server: it seeds and exits. With a web client
// folder (RELAIS_DIST, as when a test runs another build) it would seed, then
// serve, and never return.
export const SEED_OPTIONS = { encoding: 'utf8', env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'RELAIS_DIST')) };
mkdirSync(ARTIFACTS, { recursive: true });

// Starts relais-server; resolves once it prints the address it listens on.
// seed: the data folder first gets the demo accounts (claire, marc, lea,
// sophie, nora — legal expert of the hotline —, tom, ines, admin; password
// 'relais-demo'), as script/server does, with the
// cheapest password hashing so tests stay quick. args: more server flags.
export async function startServer({ dist = DIST, port = 0, seed = false, args = [] } = {}) {
  const data = mkdtempSync(path.join(tmpdir(), 'relais-e2e-'));
  if (seed) {
    const r = spawnSync(SERVER_BIN, ['--data', data, '--seed-demo-users', '--password-cost', 'min'], SEED_OPTIONS);
    if (r.status !== 0) throw new Error('seeding failed: ' + r.stderr);
  }
  const proc = spawn(SERVER_BIN, ['--port', String(port), '--dist', dist, '--data', data, '--password-cost', 'min', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + stderr)), 10000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error('server exited ' + code + ': ' + stderr)); });
  });
  return {
    url,
    port: Number(new URL(url).port),
    async stop() {
      if (proc.exitCode !== null) return;
      const done = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await done;
      rmSync(data, { recursive: true, force: true });
    },
  };
}

// Flags from TOOLCHAIN.md: WebGL2 through SwiftShader, no background traffic.
// extraArgs: more command-line flags (a bench's --js-flags, say).
export async function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader', ...extraArgs],
  });
}

export const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  tablet: { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
};

// Opens the app and waits for its first frame; collects console errors.
export async function openApp(browser, baseUrl, kind, pathName = '/') {
  const context = await browser.newContext({ ...VIEWPORTS[kind], locale: 'fr-FR' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(baseUrl + pathName);
  await waitStarted(page);
  return { context, page, errors };
}

export async function waitStarted(page) {
  await page.waitForFunction(() => window.relais && window.relais.started() && window.relais.frames() > 0,
    null, { timeout: 20000 });
}

// Taps on touch devices, clicks elsewhere: what a user of that device does.
export async function press(locator, kind) {
  if (VIEWPORTS[kind].hasTouch) await locator.tap();
  else await locator.click();
}

// A one-finger vertical drag through the DevTools protocol (Playwright has
// no touch-move API): real touch events, as a finger makes them. Through
// `session` when given (kept open: see scenario.test.mjs for why), else
// through one opened and closed for this drag.
export async function touchDrag(page, x, y, dy, steps = 10, session = null) {
  const cdp = session || await page.context().newCDPSession(page);
  const send = (type, py) => cdp.send('Input.dispatchTouchEvent',
    { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y: py, id: 1 }] });
  await send('touchStart', y);
  for (let i = 1; i <= steps; i++) {
    await send('touchMove', y + (dy * i) / steps);
    await page.waitForTimeout(16);
  }
  await send('touchEnd', y + dy);
  if (!session) await cdp.detach();
}

// Waits until the app has drawn no frame for `quietMs` (animations settled).
export async function waitIdle(page, quietMs = 400, timeoutMs = 10000) {
  const t0 = Date.now();
  let last = await page.evaluate(() => window.relais.frames());
  for (;;) {
    await page.waitForTimeout(quietMs);
    const now = await page.evaluate(() => window.relais.frames());
    if (now === last) return now;
    last = now;
    if (Date.now() - t0 > timeoutMs) throw new Error('app never went idle');
  }
}

// Signs in through the sign-in screen, as a user would (the app must show it:
// open '/' or '/signin'), and waits until the app is signed in (its sync
// button appears). Works at every viewport.
export async function signIn(page, login, password = 'relais-demo') {
  for (const [label, value] of [['Identifiant', login], ['Mot de passe', password]]) {
    const field = page.getByRole('textbox', { name: label });
    await field.click();
    await field.fill(value);
  }
  await page.getByRole('button', { name: /^(Se connecter|Déverrouiller)$/ }).click();
  await page.getByRole('button', { name: 'Synchroniser' }).waitFor({ timeout: 15000 });
}

// --- reading the device's database and seeding the server (referrals, conflict tests) ---

// One number from the page's SQLite database (a test-only export of the app).
export const queryNumber = (page, sql) => page.evaluate((q) => window.Module.ccall('relais_test_query_number', 'number',
  ['string'], [q]), sql);

// Polls queryNumber until it returns `want`.
export async function waitNumber(page, sql, want, timeout = 20000) {
  const t0 = Date.now();
  let got;
  while (Date.now() - t0 < timeout) {
    got = await queryNumber(page, sql);
    if (got === want) return;
    await page.waitForTimeout(150);
  }
  throw new Error(`${sql}: ${got}, expected ${want}`);
}

const hex = (n) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');

// A company recorded by `login` from another device, through the server's
// HTTP API (no client backdoor). fields: its columns (strings). Returns its id.
export async function seedCompany(server, fields, login = 'claire') {
  const post = async (p, body, token) => {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    const r = await fetch(server.url + p, { method: 'POST', headers, body });
    const text = await r.text();
    if (r.status !== 200) throw new Error(p + ': ' + r.status + ' ' + text);
    return JSON.parse(text);
  };
  const user = await post('/api/login', JSON.stringify({ protocol: 1, login, password: 'relais-demo' }));
  const id = hex(32);
  // An HLC is milliseconds << 16: built as text, it would lose digits as a Number.
  const hlc = (BigInt(Date.now()) << 16n).toString();
  await post('/api/push', `{"protocol":1,"device_id":"${hex(32)}","cursor":"","changes":[{"table":"companies",` +
    `"row_id":"${id}","op":"upsert","fields":${JSON.stringify(fields)},"hlc":${hlc},"device_seq":1}]}`,
  user.access_token);
  return id;
}

// Scrolls the screen (a finger drag on touch devices, the wheel elsewhere)
// until `locator` is in the accessibility mirror, which holds only what is in
// view, and clear of the bottom bar.
export async function reveal(page, locator, kind, maxSteps = 12) {
  const { width, height } = VIEWPORTS[kind].viewport;
  for (let i = 0; i < maxSteps; i++) {
    if (await locator.count() > 0) {
      const box = await locator.first().boundingBox();
      if (box && box.y + box.height <= height - 80 && box.height >= 20) return;
    }
    if (VIEWPORTS[kind].hasTouch) await touchDrag(page, Math.round(width * 0.6), Math.round(height * 0.6), -250);
    else {
      await page.mouse.move(Math.round(width * 0.6), Math.round(height * 0.6));
      await page.mouse.wheel(0, 250);
    }
    await page.waitForTimeout(150);
  }
  throw new Error('never came into view: ' + locator);
}
