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
mkdirSync(ARTIFACTS, { recursive: true });

// Starts relais-server; resolves once it prints the address it listens on.
// seed: the data folder first gets the demo accounts (claire, marc, lea,
// sophie, admin; password 'relais-demo'), as script/server does, with the
// cheapest password hashing so tests stay quick. args: more server flags.
export async function startServer({ dist = DIST, port = 0, seed = false, args = [] } = {}) {
  const data = mkdtempSync(path.join(tmpdir(), 'relais-e2e-'));
  if (seed) {
    const r = spawnSync(SERVER_BIN, ['--data', data, '--seed-demo-users', '--password-cost', 'min'], { encoding: 'utf8' });
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
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
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
// no touch-move API): real touch events, as a finger makes them.
export async function touchDrag(page, x, y, dy, steps = 10) {
  const cdp = await page.context().newCDPSession(page);
  const send = (type, py) => cdp.send('Input.dispatchTouchEvent',
    { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y: py, id: 1 }] });
  await send('touchStart', y);
  for (let i = 1; i <= steps; i++) {
    await send('touchMove', y + (dy * i) / steps);
    await page.waitForTimeout(16);
  }
  await send('touchEnd', y + dy);
  await cdp.detach();
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
