// accounts.test.mjs — accounts and roles (issue 6) at a desktop browser, real
// server and Chromium: the admin creates an advisor account on the Comptes
// screen (the server makes its password, shown once); the new user signs in
// from a fresh browser; the admin disables the account; the user's next sync
// is refused (every token was revoked) and signing in again says why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, launchBrowser, openApp, reveal, signIn, startServer, waitIdle } from './harness.mjs';

const SP = '\u00a0';  // before a French colon
const SHOTS = '/tmp/accounts-shots';
mkdirSync(SHOTS, { recursive: true });

let browser, server;
before(async () => {
  server = await startServer({ seed: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const button = (page, name) => page.getByRole('button', { name, exact: true });
const shot = async (page, name) => {
  await waitIdle(page);
  await page.screenshot({ path: path.join(SHOTS, name + '.png') });
  await page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
};

async function login(login, password) {
  const res = await fetch(server.url + '/api/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ protocol: 1, login, password }),
  });
  return { status: res.status, body: await res.json() };
}

test('accounts: the admin creates an advisor, who signs in; disabled, their next sync is refused', { timeout: 90000 }, async () => {
  const t0 = Date.now();
  const lap = (what) => console.log(`  ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const admin = await openApp(browser, server.url, 'desktop', '/');
  let julie;
  try {
    const page = admin.page;
    await signIn(page, 'admin');
    await page.getByRole('tab', { name: 'Comptes' }).click();
    await page.waitForURL('**/office/accounts');
    await button(page, `Gérer${SP}: claire`).waitFor({ timeout: 15000 });
    await page.getByText('Claire Martin (claire)', { exact: true }).waitFor();
    await shot(page, 'accounts-desktop');
    lap('list shown');

    await button(page, 'Nouveau compte').click();
    await page.getByRole('textbox', { name: 'Identifiant' }).fill('julie');
    await page.getByRole('textbox', { name: 'Nom affiché' }).fill('Julie Roux');
    assert.ok(await button(page, `Rôle${SP}: Conseiller`).count(), 'advisor by default');
    await button(page, 'Créer le compte').click();
    await page.getByRole('status', { name: 'Compte « julie » créé.' }).waitFor({ timeout: 15000 });
    const said = await page.getByText(/^Mot de passe de « julie » : /).innerText();
    const password = said.match(/: ([a-z0-9]{4}(?:-[a-z0-9]{4}){3}) —/)?.[1];
    assert.ok(password, 'the generated password is shown: ' + said);
    await shot(page, 'accounts-created-desktop');
    lap('account created');

    // Julie, on her own computer.
    julie = await openApp(browser, server.url, 'desktop', '/');
    await signIn(julie.page, 'julie', password);
    await julie.page.getByRole('link', { name: /^À jour/ }).waitFor({ timeout: 30000 });
    lap('julie signed in and synced');

    // The admin disables the account, after confirming.
    await button(page, 'Fermer').click();  // the creation form
    await reveal(page, button(page, `Gérer${SP}: julie`), 'desktop');
    await button(page, `Gérer${SP}: julie`).click();
    await reveal(page, button(page, 'Désactiver le compte'), 'desktop');
    await button(page, 'Désactiver le compte').click();
    await page.getByRole('status', { name: 'Désactiver « julie » ? Toutes ses sessions sont fermées aussitôt.' }).waitFor();
    await shot(page, 'accounts-confirm-desktop');
    await reveal(page, button(page, 'Confirmer la désactivation'), 'desktop');
    await button(page, 'Confirmer la désactivation').click();
    await page.getByRole('status', { name: 'Compte « julie » désactivé : ses sessions sont fermées.' }).waitFor({ timeout: 15000 });
    await page.getByRole('status', { name: 'Désactivé', exact: true }).waitFor();
    lap('account disabled');

    // Julie's next sync is refused: her session is over.
    await button(julie.page, 'Synchroniser').click();
    await julie.page.getByRole('link', { name: /^Session expirée/ }).waitFor({ timeout: 15000 });
    const again = await login('julie', password);
    assert.equal(again.status, 403);
    assert.equal(again.body.error, 'account_disabled');
    assert.match(again.body.message, /désactivé/);
    lap('sync refused');

    await shot(page, 'accounts-after-disable-desktop');
    assert.deepEqual(admin.errors, []);
    // The refused requests are the only errors of Julie's page.
    assert.deepEqual(julie.errors.filter((e) => !/\b40[13]\b/.test(e)), []);
  } finally {
    await julie?.context.close();
    await admin.context.close();
  }
});
