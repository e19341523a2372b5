// Browser end-to-end tests of referrals and the directory (issue 5), at tablet
// and phone sizes, driven by role and name through the accessibility mirror:
// Claire finds Marc in the directory by a skill, opens his card,
// refers a company to him with a message; Marc signs in in another browser
// context, sees it under "Orientations" and accepts it; Claire sees "Acceptée".
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startServer, launchBrowser, openApp, press, signIn, waitIdle, waitNumber, seedCompany, ARTIFACTS,
} from './harness.mjs';

const COMPANY = 'Fonderie Lambert';
const MESSAGE = 'Projet de nouvelle ligne de fonderie : besoin d’un financement « prêt d’honneur ».';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
const status = (page, name) => page.getByRole('status', { name, exact: true });
const button = (page, name) => page.getByRole('button', { name, exact: true });
const field = (page, name) => page.getByRole('textbox', { name, exact: true });
const PENDING = "SELECT count(*) FROM outbox WHERE state = 'pending'";


for (const kind of ['tablet', 'phone']) {
  describe(kind, () => {
    let server, companyId;
    before(async () => {
      server = await startServer({ seed: true });
      companyId = await seedCompany(server, { name: COMPANY, postcode: '45000', commune_name: 'Orléans' });
    });
    after(async () => { await server?.stop(); });

    test('Claire refers a company to Marc from the directory; Marc accepts; Claire sees "Acceptée"',
      { timeout: 360000 }, async () => {
        const a = await openApp(browser, server.url, kind, '/');
        const b = await openApp(browser, server.url, kind, '/');
        try {
          const { page } = a;
          await signIn(page, 'claire');
          await waitNumber(page, `SELECT count(*) FROM companies WHERE id = '${companyId}'`, 1);

          // The directory: search, the member card, "Orienter vers ce membre".
          await press(page.getByRole('tab', { name: 'Annuaire' }), kind);
          await page.waitForURL('**/directory');
          await field(page, 'Rechercher un membre').fill('financ');  // a skill, as typed
          await page.getByRole('link', { name: 'Marc Petit' }).waitFor();
          assert.equal(await page.getByRole('link', { name: 'Claire Martin' }).count(), 0);
          await waitIdle(page);
          await shot(page, `directory-${kind}`);
          await press(page.getByRole('link', { name: 'Marc Petit' }), kind);
          await page.waitForURL(/\/directory\/[0-9a-f]{32}$/);
          await status(page, 'Convention du réseau\u00a0: non signé par le membre, non signé par sa hiérarchie').waitFor();
          await waitIdle(page);
          await shot(page, `member-card-${kind}`);
          await press(button(page, 'Orienter vers ce membre'), kind);
          await page.waitForURL(/\/referrals\/new\/-\/[0-9a-f]{32}$/);

          // Bad input first: nothing is sent.
          await press(button(page, 'Envoyer l’orientation'), kind);
          await status(page, 'Écrivez un message pour le destinataire.').waitFor();
          await status(page, 'Choisissez l’entreprise.').waitFor();
          await field(page, 'Rechercher l’entreprise').fill('fonder');
          await press(button(page, COMPANY), kind);
          await field(page, 'Message').fill(MESSAGE);
          await waitIdle(page);
          await shot(page, `referral-new-${kind}`);
          await press(button(page, 'Envoyer l’orientation'), kind);
          await page.waitForURL('**/referrals');
          await status(page, 'Envoyée').waitFor();
          await waitNumber(page, PENDING, 0);  // synced by itself
          await waitIdle(page);
          await shot(page, `referrals-sent-${kind}`);

          // Marc, on his own device: the referral is there; he accepts it.
          await signIn(b.page, 'marc');
          await waitNumber(b.page, 'SELECT count(*) FROM referrals', 1);
          await press(b.page.getByRole('tab', { name: 'Orientations' }), kind);
          await page.waitForTimeout(100);
          await status(b.page, 'Envoyée').waitFor();
          await waitIdle(b.page);
          await shot(b.page, `referrals-received-${kind}`);
          await press(button(b.page, 'Accepter'), kind);
          await status(b.page, 'Acceptée').waitFor();
          await waitNumber(b.page, PENDING, 0);

          // Claire: at her next sync, "Acceptée"; the company file's timeline too.
          await press(button(page, 'Synchroniser'), kind);
          await status(page, 'Acceptée').waitFor({ timeout: 20000 });
          await waitIdle(page);
          await shot(page, `referrals-accepted-${kind}`);
          await press(button(page, 'Voir la fiche'), kind);
          await page.waitForURL('**/companies/' + companyId);
          await button(page, 'Orienter cette entreprise').waitFor();
          await waitIdle(page);
          await shot(page, `company-file-referral-${kind}`);
          for (const ctx of [a, b])
            assert.deepEqual(ctx.errors.filter((e) => !/Failed to load resource/.test(e)), []);
        } finally {
          await a.context.close();
          await b.context.close();
        }
      });
  });
}
