// Sign-in and sync in the browser against the real server (seeded with the
// demo accounts): sign in online at phone and desktop sizes, a wrong password,
// offline unlock after a reload with the network cut, the status area going
// from pending to synced, "Synchroniser", and two users in two browser
// contexts whose data (and conflict) reach each other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launchBrowser, openApp, signIn, waitStarted, waitIdle, ARTIFACTS } from './harness.mjs';

let server, browser;
before(async () => {
  server = await startServer({ seed: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// --- the other users, through the server's HTTP API (no client backdoor) ---
async function api(pathName, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const r = await fetch(server.url + pathName, { method: 'POST', headers, body });
  const text = await r.text();
  assert.equal(r.status, 200, pathName + ': ' + text);
  return text;
}
async function login(user) {
  return JSON.parse(await api('/api/login', JSON.stringify({ protocol: 1, login: user, password: 'relais-demo' })));
}
const hex = (n) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
// An HLC is milliseconds << 16: built as text, it would lose digits as a Number.
const hlcNow = () => (BigInt(Date.now()) << 16n).toString();
let seq = 0;
async function push(token, device, cursor, table, rowId, fields) {
  seq++;
  const body = `{"protocol":1,"device_id":"${device}","cursor":${JSON.stringify(cursor)},"changes":[` +
    `{"table":"${table}","row_id":"${rowId}","op":"upsert","fields":${JSON.stringify(fields)},` +
    `"hlc":${hlcNow()},"device_seq":${seq}}]}`;
  return JSON.parse(await api('/api/push', body, token));
}
async function pullCursor(token) {
  let cursor = '';
  for (;;) {
    const r = JSON.parse(await api('/api/pull', JSON.stringify({ protocol: 1, cursor, limit: 0 }), token));
    cursor = r.cursor;
    if (!r.more) return cursor;
  }
}

// --- reading the page ---
const statusText = (page) => page.getByRole('link').first().getAttribute('aria-label')
  .then((a) => a ?? page.getByRole('link').first().textContent());
async function waitStatus(page, re, timeout = 15000) {
  const t0 = Date.now();
  let last = '';
  while (Date.now() - t0 < timeout) {
    last = (await statusText(page).catch(() => '')) || '';
    if (re.test(last)) return last;
    await page.waitForTimeout(150);
  }
  throw new Error(`status never matched ${re}: "${last}"`);
}
const queryNumber = (page, sql) => page.evaluate((q) => window.Module.ccall('relais_test_query_number', 'number',
  ['string'], [q]), sql);
async function waitNumber(page, sql, want, timeout = 15000) {
  const t0 = Date.now();
  let got;
  while (Date.now() - t0 < timeout) {
    got = await queryNumber(page, sql);
    if (got === want) return;
    await page.waitForTimeout(150);
  }
  throw new Error(`${sql}: ${got}, expected ${want}`);
}

test('phone: the sign-in screen comes first; a wrong password says so and changes nothing', async () => {
  const { context, page, errors } = await openApp(browser, server.url, 'phone', '/');
  try {
    await page.getByRole('textbox', { name: 'Identifiant' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Synchro' }).count(), 0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sign-in-phone.png') });
    await page.getByRole('textbox', { name: 'Identifiant' }).tap();
    await page.getByRole('textbox', { name: 'Identifiant' }).fill('claire');
    await page.getByRole('textbox', { name: 'Mot de passe' }).tap();
    await page.getByRole('textbox', { name: 'Mot de passe' }).fill('mauvais');
    await page.getByRole('button', { name: 'Se connecter' }).tap();
    // The button is disabled while the server is asked, then the message is drawn under it.
    await page.waitForTimeout(300);
    await page.waitForFunction(() => {
      const b = [...document.querySelectorAll('#a11y [role=button]')].find((e) => e.getAttribute('aria-label') === 'Se connecter');
      return b && !b.hasAttribute('aria-disabled');
    }, null, { timeout: 10000 });
    await waitIdle(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sign-in-wrong-phone.png') });
    assert.equal(await page.getByRole('button', { name: 'Synchroniser' }).count(), 0);
    await signIn(page, 'claire');
    // Touch targets of the status area are finger-sized.
    for (const loc of [page.getByRole('button', { name: 'Synchroniser' }), page.getByRole('link').first()]) {
      const box = await loc.boundingBox();
      assert.ok(box.height >= 44, `status item only ${box.height}px tall`);
    }
    await waitStatus(page, /Synchronisé|À jour/);
    await waitIdle(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'status-phone.png') });
    // The browser logs the refused login (401) itself; nothing else may fail.
    assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), []);
  } finally {
    await context.close();
  }
});

test('desktop: sign in, reload opens signed in; locked and offline, the password is checked on the device', async () => {
  const { context, page, errors } = await openApp(browser, server.url, 'desktop', '/');
  try {
    await signIn(page, 'marc');
    await waitStatus(page, /Synchronisé|À jour/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'status-desktop.png') });
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15000 });
    // The verifier is derived asynchronously after sign-in.
    await waitNumber(page, "SELECT count(*) FROM sync_state WHERE key = 'auth.verifier'", 1);

    await page.reload();
    await waitStarted(page);
    await page.getByRole('button', { name: 'Synchroniser' }).waitFor();  // signed in at once

    await page.getByRole('tab', { name: 'Synchro' }).click();
    await page.getByRole('button', { name: 'Verrouiller' }).click();
    await page.getByRole('button', { name: 'Déverrouiller' }).waitFor();
    await context.setOffline(true);
    await page.reload();
    await waitStarted(page);
    await page.getByRole('button', { name: 'Déverrouiller' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'unlock-desktop.png') });

    await page.getByRole('textbox', { name: 'Mot de passe' }).click();
    await page.getByRole('textbox', { name: 'Mot de passe' }).fill('pas le bon');
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await waitNumber(page, "SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'auth.offline_failures'", 1);
    assert.equal(await page.getByRole('button', { name: 'Synchroniser' }).count(), 0);

    await signIn(page, 'marc');  // the right password, still offline
    await waitStatus(page, /./);
    await context.setOffline(false);
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
  } finally {
    await context.close();
  }
});

test('two users in two browsers: data and a conflict reach both; keeping the other value goes pending → synced', async () => {
  // Claire and Marc also write from other devices (the server's HTTP API).
  const claire = await login('claire');
  const marcApi = await login('marc');
  const company = hex(32), devClaire = hex(32), devMarc = hex(32);
  await push(claire.access_token, devClaire, '', 'companies', company, { name: 'Boulangerie Martin' });

  const a = await openApp(browser, server.url, 'desktop', '/');
  const b = await openApp(browser, server.url, 'phone', '/');
  // How pulls came: Chromium accepts zstd, so the binary archive comes in zstd.
  const pullEncodings = [];
  a.page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/api/pull') pullEncodings.push(r.headers()['content-encoding'] ?? 'none');
  });
  const nameIs = (v) => `SELECT count(*) FROM companies WHERE id = '${company}' AND name = '${v}'`;
  try {
    await signIn(a.page, 'marc');
    await signIn(b.page, 'claire');
    await waitNumber(a.page, nameIs('Boulangerie Martin'), 1);
    await waitNumber(b.page, nameIs('Boulangerie Martin'), 1);

    // Concurrent edits of the name: Marc's other device has seen the row, Claire's has not.
    const seen = await pullCursor(marcApi.access_token);
    await push(claire.access_token, devClaire, '', 'companies', company, { name: 'Martin & Fils' });
    await new Promise((r) => setTimeout(r, 10));  // a later clock: Marc's value wins
    await push(marcApi.access_token, devMarc, seen, 'companies', company, { name: 'Boulangerie Martin SARL' });

    await a.page.getByRole('button', { name: 'Synchroniser' }).click();
    await b.page.getByRole('button', { name: 'Synchroniser' }).tap();
    await waitStatus(a.page, /1 conflit/);
    await waitStatus(b.page, /1 conflit/);  // both writers see it
    await a.page.getByRole('tab', { name: 'Synchro' }).click();
    await a.page.getByRole('button', { name: 'Garder l’autre valeur' }).waitFor();
    await waitIdle(a.page);
    await a.page.screenshot({ path: path.join(ARTIFACTS, 'conflicts-desktop.png') });
    await b.page.getByRole('tab', { name: 'Synchro' }).tap();
    await b.page.getByRole('button', { name: 'Garder l’autre valeur' }).waitFor();
    await waitIdle(b.page);
    await b.page.screenshot({ path: path.join(ARTIFACTS, 'conflicts-phone.png') });

    // Marc, offline, keeps Claire's value: pending on his device, then synced.
    await a.context.setOffline(true);
    await a.page.getByRole('button', { name: 'Garder l’autre valeur' }).click();
    await waitStatus(a.page, /\d en attente/);  // the value and the conflict's resolution
    await a.page.screenshot({ path: path.join(ARTIFACTS, 'pending-desktop.png') });
    await a.context.setOffline(false);  // the online event syncs by itself
    await waitStatus(a.page, /^(À jour|Synchronisé)/);
    assert.doesNotMatch(await statusText(a.page), /en attente|conflit/);

    // Marc's choice reaches Claire's browser at her next sync.
    await b.page.getByRole('button', { name: 'Synchroniser' }).tap();
    await waitNumber(b.page, nameIs('Martin & Fils'), 1);
    for (const ctx of [a, b])
      assert.deepEqual(ctx.errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
    assert.ok(pullEncodings.includes('zstd'), 'pull encodings: ' + pullEncodings.join(', '));
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
