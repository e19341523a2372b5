// Browser end-to-end tests of companies and case notes (issue 5, first part),
// at tablet and phone sizes, driven by role and name through the
// accessibility mirror: create a company (a bad SIRET refused with a message),
// the duplicate warning, the company file, a visit note with a follow-up in
// at most 3 taps, "saved on this device", then offline + reload: everything
// is still there and "Mes suivis" lists the follow-up; back online, the note
// shows "Synchronisé".
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launchBrowser, openApp, press, signIn, touchDrag, waitIdle, waitStarted, ARTIFACTS, VIEWPORTS } from './harness.mjs';

const BAKERY = { name: 'Boulangerie Lefèvre & Fils', siret: '41829305600010', commune: 'Orléans', postcode: '45000' };
const BAD_SIRET = '41829305600011';
const NOTE = 'Projet d’export vers l’Allemagne : « four neuf » à financer.';
const ACTION = 'Envoyer la fiche Team France Export';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
const status = (page, name) => page.getByRole('status', { name, exact: true });
const button = (page, name) => page.getByRole('button', { name, exact: true });
const field = (page, name) => page.getByRole('textbox', { name, exact: true });

async function createCompany(page, kind) {
  await press(button(page, 'Créer une entreprise'), kind);
  await page.waitForURL('**/companies/new');
  await field(page, 'Raison sociale').fill(BAKERY.name);
  await field(page, 'SIRET').fill(BAD_SIRET);
  await status(page, 'SIRET invalide : la clé de contrôle ne correspond pas. Vérifiez les chiffres.').waitFor();
  await field(page, 'Code postal').fill(BAKERY.postcode);
  await field(page, 'Commune').fill(BAKERY.commune);
  await press(button(page, 'Créer la fiche'), kind);
  await status(page, 'Corrigez les champs signalés : rien n’a été enregistré.').waitFor();
  assert.ok(page.url().endsWith('/companies/new'), 'a bad SIRET creates nothing');
  await shot(page, `company-new-error-${kind}`);
  await field(page, 'SIRET').fill(BAKERY.siret.replace(/(\d{3})(\d{3})(\d{3})(\d{5})/, '$1 $2 $3 $4'));
  await status(page, 'SIRET valide.').waitFor();
  await press(button(page, 'Créer la fiche'), kind);
  await page.waitForURL(/\/companies\/[0-9a-f]{32}$/);
  return new URL(page.url()).pathname;
}

async function createAgainSeesDuplicate(page, kind, companyPath) {
  await press(page.getByRole('tab', { name: 'Entreprises' }), kind);
  await page.waitForURL('**/companies');
  await press(button(page, 'Créer une entreprise'), kind);
  await field(page, 'Raison sociale').fill('boulangerie lefevre');
  await field(page, 'Commune').fill(BAKERY.commune);
  await status(page, 'Cette entreprise existe peut-être déjà :').waitFor();
  await shot(page, `company-duplicate-${kind}`);
  await press(button(page, 'Ouvrir la fiche existante'), kind);
  await page.waitForURL('**' + companyPath);
}

// From the company file: 1 "Nouvelle note", 2 "Ajouter une action de suivi",
// 3 "Enregistrer la note" (typing aside).
async function writeVisitNote(page, kind) {
  let taps = 0;
  await press(button(page, 'Nouvelle note'), kind); taps++;
  await page.waitForURL('**/note/new');
  await field(page, 'Compte rendu').fill(NOTE);
  await press(button(page, 'Ajouter une action de suivi'), kind); taps++;
  await field(page, 'Action 1').fill(ACTION);
  await field(page, 'Échéance 1').fill('15/12/2026');
  await shot(page, `note-form-${kind}`);
  await press(button(page, 'Enregistrer la note'), kind); taps++;
  await page.waitForURL(/\/companies\/[0-9a-f]{32}$/);
  assert.ok(taps <= 3);
  await timelineStatus(page, kind, 'Enregistré sur cet appareil');
}

// A note's save state, in the timeline below the file's identity: on a phone
// it is scrolled into view (the mirror holds only what is in view).
async function timelineStatus(page, kind, name, timeout = 10000) {
  const loc = status(page, name);
  const { width, height } = VIEWPORTS[kind].viewport;
  for (let i = 0; i < 8 && !(await loc.count()); i++) {
    await page.waitForTimeout(300);
    if (await loc.count()) break;
    if (VIEWPORTS[kind].hasTouch) await touchDrag(page, Math.round(width * 0.6), Math.round(height * 0.6), -250);
    else { await page.mouse.move(width * 0.6, height * 0.6); await page.mouse.wheel(0, 250); }
  }
  await loc.waitFor({ timeout });
}

async function checkFollowUps(page, kind) {
  await press(page.getByRole('tab', { name: 'Mes suivis' }), kind);
  await page.waitForURL('**/followups');
  await button(page, 'Fait\u00a0: ' + ACTION).waitFor();
  await button(page, 'Ouvrir ' + BAKERY.name).waitFor();
  await shot(page, `followups-${kind}`);
}

for (const kind of ['tablet', 'phone', 'desktop']) {
  describe(kind, () => {
    // A server of its own: each size starts from the same empty network.
    let server, ctx;
    before(async () => {
      server = await startServer({ seed: true });
      ctx = await openApp(browser, server.url, kind, '/companies');
    });
    after(async () => {
      await ctx?.context.close();
      await server?.stop();
    });

    test('company, duplicate, visit note with follow-up; all still there offline after a reload',
      { timeout: 180000 }, async () => {
        const { page, context, errors } = ctx;
        await signIn(page, 'claire');
        await page.waitForURL('**/companies');
        await shot(page, `companies-empty-${kind}`);
        const companyPath = await createCompany(page, kind);
        await shot(page, `company-file-${kind}`);
        await createAgainSeesDuplicate(page, kind, companyPath);
        // At the SME, no signal: the note is saved on the device only.
        await context.setOffline(true);
        await writeVisitNote(page, kind);
        await waitIdle(page);
        await shot(page, `company-file-note-${kind}`);

        await page.reload();
        await waitStarted(page);
        assert.ok(page.url().endsWith(companyPath));
        // The file shows the note and its follow-up, saved on this device.
        await timelineStatus(page, kind, 'Enregistré sur cet appareil');
        await checkFollowUps(page, kind);
        await press(button(page, 'Ouvrir ' + BAKERY.name), kind);
        await page.waitForURL('**' + companyPath);
        // The list finds it as typed, by SIRET.
        await press(page.getByRole('tab', { name: 'Entreprises' }), kind);
        await field(page, 'Rechercher une entreprise').fill('41829');
        await page.getByRole('link', { name: BAKERY.name }).waitFor();
        await shot(page, `companies-search-${kind}`);
        // Back online: the note leaves the device.
        await context.setOffline(false);
        await press(page.getByRole('link', { name: BAKERY.name }), kind);
        await page.waitForURL('**' + companyPath);
        await timelineStatus(page, kind, 'Synchronisé', 20000);
        // Failed fetches while offline are expected in the console; nothing else.
        assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
      });
  });
}
