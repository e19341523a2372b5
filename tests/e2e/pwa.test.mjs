// The installable, offline app shell: manifest, service worker, offline start
// with the server really gone, and a new deployment offered to the user
// without breaking the running session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, openApp, waitStarted, DIST } from './harness.mjs';

let browser, dir;
before(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(path.join(tmpdir(), 'relais-pwa-'));
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

// A copy of dist/ whose build id is `build` (what a new deployment changes).
function deployment(name, build) {
  const d = path.join(dir, name);
  cpSync(DIST, d, { recursive: true });
  if (build) {
    const old = readFileSync(path.join(d, 'build.txt'), 'utf8').trim();
    for (const f of ['sw.js', 'index.html']) {
      const p = path.join(d, f);
      writeFileSync(p, readFileSync(p, 'utf8').split(old).join(build));
    }
  }
  return d;
}

test('the web manifest makes the app installable', async () => {
  const server = await startServer();
  try {
    const res = await fetch(server.url + '/manifest.webmanifest');
    assert.equal(res.headers.get('content-type'), 'application/manifest+json');
    const m = await res.json();
    assert.equal(m.display, 'standalone');
    assert.equal(m.start_url, '/');
    assert.ok(m.theme_color);
    const sizes = m.icons.map((i) => i.sizes);
    assert.ok(sizes.includes('192x192') && sizes.includes('512x512'));
    for (const icon of m.icons) assert.equal((await fetch(server.url + icon.src)).status, 200);
  } finally {
    await server.stop();
  }
});

test('with the server gone, the app still starts after one visit', async () => {
  const server = await startServer({ dist: deployment('gone') });
  const { context, page } = await openApp(browser, server.url, 'phone', '/settings');
  try {
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    await server.stop();
    await page.reload();
    await waitStarted(page);
    await page.getByRole('textbox', { name: 'Adresse du serveur' }).waitFor();
    await page.goto(server.url + '/about');  // another route, never visited, also offline
    await waitStarted(page);
    assert.equal(await page.getByRole('tab', { name: 'À propos' }).getAttribute('aria-selected'), 'true');
  } finally {
    await context.close();
  }
});

test('a new deployment is detected, offered, and applied only when the user accepts', async () => {
  const v1 = await startServer({ dist: deployment('v1') });
  const port = v1.port;
  const { context, page, errors } = await openApp(browser, v1.url, 'desktop', '/settings');
  try {
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    const oldBuild = await page.evaluate(() => window.RELAIS_BUILD);
    await v1.stop();
    const v2 = await startServer({ dist: deployment('v2', 'deadbeef42'), port });
    try {
      await page.getByRole('button', { name: 'Rechercher une mise à jour' }).click();
      const apply = page.getByRole('button', { name: 'Mettre à jour' }).first();
      await apply.waitFor({ timeout: 15000 });
      // The running session is untouched until then: still the old build, still working.
      assert.equal(await page.evaluate(() => window.RELAIS_BUILD), oldBuild);
      await page.getByRole('tab', { name: 'À propos' }).click();
      await page.waitForURL('**/about');
      await page.getByRole('tab', { name: 'Réglages' }).click();
      await page.waitForURL('**/settings');
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Mettre à jour' }).first().click()]);
      await waitStarted(page);
      assert.equal(await page.evaluate(() => window.RELAIS_BUILD), 'deadbeef42');
      assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    } finally {
      await v2.stop();
    }
  } finally {
    await context.close();
  }
});
