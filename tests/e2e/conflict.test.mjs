// Issue 4's browser scenario, through the real UI: advisor A (Claire, tablet)
// goes offline, writes a note on a company and edits its phone and address;
// advisor B (Marc, phone, online) edits the same phone differently and its
// e-mail. A comes back online: both devices hold both changes where they do
// not conflict, and both see one conflict on the Synchro screen with both
// values, who and when, and "keep either"; A's note goes from "Enregistré sur
// cet appareil" to "Synchronisé".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startServer, launchBrowser, openApp, press, signIn, waitIdle, waitNumber, seedCompany, reveal, ARTIFACTS,
} from './harness.mjs';

const COMPANY = 'Atelier Dupont';
const NOTE = 'Visite de l’atelier : projet d’extension, à suivre.';

let server, browser;
before(async () => {
  server = await startServer({ seed: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
const status = (page, name) => page.getByRole('status', { name, exact: true });
const button = (page, name) => page.getByRole('button', { name, exact: true });
const field = (page, name) => page.getByRole('textbox', { name, exact: true });
const PENDING = "SELECT count(*) FROM outbox WHERE state = 'pending'";

async function editCompany(page, kind, id, values) {
  await press(button(page, 'Modifier la fiche'), kind);
  await page.waitForURL('**/companies/' + id + '/edit');
  for (const [label, value] of Object.entries(values)) {
    await reveal(page, field(page, label), kind);
    await field(page, label).fill(value);
  }
  await reveal(page, button(page, 'Enregistrer les modifications'), kind);
  await press(button(page, 'Enregistrer les modifications'), kind);
  await page.waitForURL('**/companies/' + id);
}

async function openCompany(page, kind, id) {
  await press(page.getByRole('tab', { name: 'Entreprises' }), kind);
  await page.waitForURL('**/companies');
  await press(page.getByRole('link', { name: COMPANY }), kind);
  await page.waitForURL('**/companies/' + id);
}

const text = (id, col) => `SELECT count(*) FROM companies WHERE id = '${id}' AND ${col}`;

test('offline note and edit meet an online edit: both kept, one conflict, named, on both devices',
  { timeout: 360000 }, async () => {
    const id = await seedCompany(server, {
      name: COMPANY, address: '1 rue des Halles', postcode: '45000', commune_name: 'Orléans', phone: '02 38 00 00 00',
    });
    const a = await openApp(browser, server.url, 'tablet', '/');
    const b = await openApp(browser, server.url, 'phone', '/');
    try {
      await signIn(a.page, 'claire');
      await signIn(b.page, 'marc');
      await waitNumber(a.page, `SELECT count(*) FROM companies WHERE id = '${id}'`, 1);
      await waitNumber(b.page, `SELECT count(*) FROM companies WHERE id = '${id}'`, 1);

      // A, offline at the SME: a note, then the phone and the address.
      await a.context.setOffline(true);
      await openCompany(a.page, 'tablet', id);
      await press(button(a.page, 'Nouvelle note'), 'tablet');
      await field(a.page, 'Compte rendu').fill(NOTE);
      await press(button(a.page, 'Enregistrer la note'), 'tablet');
      await a.page.waitForURL('**/companies/' + id);
      await status(a.page, 'Enregistré sur cet appareil').waitFor({ timeout: 10000 });
      await editCompany(a.page, 'tablet', id, { 'Adresse': '3 rue des Halles', 'Téléphone': '02 38 11 11 11' });
      await status(a.page, 'Enregistré sur cet appareil').waitFor();
      await shot(a.page, 'conflict-a-offline-tablet');

      // B, online, a little later: the same phone, differently, and the e-mail.
      await a.page.waitForTimeout(20);
      await openCompany(b.page, 'phone', id);
      await editCompany(b.page, 'phone', id, { 'Téléphone': '02 38 22 22 22', 'E-mail': 'contact@atelier-dupont.fr' });
      await waitNumber(b.page, PENDING, 0);

      // A comes back online: its changes leave, B's arrive, the conflict is recorded.
      await a.context.setOffline(false);
      // The syncs tried offline have backed off: "Synchroniser" goes now.
      await press(button(a.page, 'Synchroniser'), 'tablet');
      await waitNumber(a.page, PENDING, 0, 30000);
      await status(a.page, 'Synchronisé').waitFor({ timeout: 20000 });  // the note
      await press(button(b.page, 'Synchroniser'), 'phone');
      for (const page of [a.page, b.page]) {
        // Both changes where they do not conflict; the newer phone (B's) wins.
        await waitNumber(page, text(id, "address = '3 rue des Halles'"), 1);
        await waitNumber(page, text(id, "email = 'contact@atelier-dupont.fr'"), 1);
        await waitNumber(page, text(id, "phone = '02 38 22 22 22'"), 1);
        await waitNumber(page, 'SELECT count(*) FROM sync_conflicts WHERE resolved = 0', 1);
        await waitNumber(page, `SELECT count(*) FROM interactions WHERE company_id = '${id}'`, 1);
      }
      for (const [page, kind, other, me] of [[a.page, 'tablet', 'Marc Petit', 'vous'], [b.page, 'phone', 'vous', 'Claire Martin']]) {
        await page.getByRole('link', { name: /1 conflit$/ }).first().waitFor({ timeout: 20000 });
        await press(page.getByRole('tab', { name: 'Synchro' }), kind);
        await page.waitForURL('**/sync');
        await status(page, 'Valeur actuelle\u00a0: 02 38 22 22 22').waitFor();
        await status(page, 'Autre valeur\u00a0: 02 38 11 11 11').waitFor();
        // Who and when: the winner is Marc, the other value Claire's.
        await page.getByRole('status', { name: new RegExp(`^par ${other}, \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d$`) }).waitFor();
        await page.getByRole('status', { name: new RegExp(`^par ${me}, \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d$`) }).waitFor();
        await button(page, 'Garder la valeur actuelle').waitFor();
        await button(page, 'Garder l’autre valeur').waitFor();
        await waitIdle(page);
        await shot(page, `conflict-sync-${kind}`);
      }
      for (const ctx of [a, b])
        assert.deepEqual(ctx.errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
