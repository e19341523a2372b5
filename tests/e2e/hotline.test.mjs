// Browser end-to-end test of the legal hotline (issue 6), driven by role and
// name through the accessibility mirror, against the real server:
// - Claire, on a phone, asks a question about a company OFFLINE: it is saved
//   on the device; back online it syncs by itself.
// - Sophie (office staff, desktop) finds it in her queue and assigns it to
//   Nora (the demo legal expert).
// - Nora answers and publishes the answer to the knowledge base.
// - Claire syncs and reads the answer; the knowledge base finds it when
//   searched without accents.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startServer, launchBrowser, openApp, press, signIn, waitIdle, waitNumber, seedCompany, ARTIFACTS,
} from './harness.mjs';

const COMPANY = 'Garage Moreau';
const SUBJECT = 'Rupture conventionnelle d’un salarié protégé';
const QUESTION = 'Le garage veut conclure une rupture conventionnelle avec un délégué du personnel : quelle procédure ?';
const ANSWER = 'Il faut l’autorisation de l’inspecteur du travail, pas une simple homologation : comptez deux mois.';
const PENDING = "SELECT count(*) FROM outbox WHERE state = 'pending'";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const realErrors = (errors) => errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e));
const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
const status = (page, name) => page.getByRole('status', { name, exact: true });
const button = (page, name) => page.getByRole('button', { name, exact: true });
const field = (page, name) => page.getByRole('textbox', { name, exact: true });
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A question's row: its subject first, then status and details.
const row = (page, status) => page.getByRole('link', { name: new RegExp('^' + escape(SUBJECT) + ' · ' + (status ? escape(status) + ' · ' : '')) });
const sqlText = (s) => s.replace(/'/g, "''");

test('hotline: Claire asks offline on a phone, Sophie assigns, Nora answers and publishes, Claire reads it and finds it',
  { timeout: 180000 }, async () => {
    const t0 = Date.now();
    const server = await startServer({ seed: true });
    const sessions = [];
    try {
      const companyId = await seedCompany(server, { name: COMPANY, postcode: '45000', commune_name: 'Orléans' });
      const claire = await openApp(browser, server.url, 'phone');
      sessions.push(claire);
      const { page, context } = claire;
      await signIn(page, 'claire');
      await waitNumber(page, `SELECT count(*) FROM companies WHERE id = '${companyId}'`, 1);

      // On a phone the hotline is a button of the Synchro screen.
      await press(page.getByRole('tab', { name: 'Synchro' }), 'phone');
      await press(button(page, 'Hotline juridique'), 'phone');
      await page.waitForURL('**/hotline');

      // Offline from here: the question is written on the device.
      await context.setOffline(true);
      await press(button(page, 'Poser une question'), 'phone');
      await page.waitForURL('**/hotline/new');
      await press(button(page, 'Envoyer la question'), 'phone');  // empty: refused, nothing stored
      await status(page, 'Indiquez l’objet de votre question.').waitFor();
      await status(page, 'Écrivez votre question.').waitFor();
      assert.equal(await page.evaluate(() => window.Module.ccall('relais_test_query_number', 'number', ['string'],
        ['SELECT count(*) FROM legal_questions'])), 0);
      await field(page, 'Objet').fill(SUBJECT);
      await field(page, 'Votre question').fill(QUESTION);
      await field(page, 'Rechercher l’entreprise').fill('garage mor');
      await press(button(page, COMPANY), 'phone');
      await button(page, 'Retirer l’entreprise').waitFor();
      await waitIdle(page);
      await shot(page, 'hotline-ask-phone');
      await press(button(page, 'Envoyer la question'), 'phone');
      await page.waitForURL(/\/hotline\/[0-9a-f]{32}$/);
      const questionId = page.url().slice(-32);
      await status(page, 'Question enregistrée sur cet appareil ; elle part à la prochaine synchronisation.').waitFor();
      await status(page, 'Ouverte').waitFor();
      await waitNumber(page, `SELECT count(*) FROM outbox WHERE state = 'pending' AND tbl = 'legal_questions' AND row_id = '${questionId}'`, 1);
      await waitIdle(page);
      await shot(page, 'hotline-question-offline-phone');

      // Back online: the online event syncs by itself.
      await context.setOffline(false);
      await status(page, 'Question transmise à l’équipe juridique.').waitFor({ timeout: 20000 });
      await waitNumber(page, PENDING, 0);

      // Sophie, office staff, on a desktop: her queue has it; she assigns it to Nora.
      const sophie = await openApp(browser, server.url, 'desktop');
      sessions.push(sophie);
      await signIn(sophie.page, 'sophie');
      await waitNumber(sophie.page, `SELECT count(*) FROM legal_questions WHERE id = '${questionId}'`, 1);
      await press(sophie.page.getByRole('tab', { name: 'Hotline juridique' }), 'desktop');
      await sophie.page.waitForURL('**/hotline');
      await sophie.page.getByRole('radio', { name: 'À traiter', checked: true }).waitFor();
      const queued = row(sophie.page, 'Ouverte');
      assert.match(await queued.getAttribute('aria-label'), new RegExp(`· Claire Martin · .* · ${COMPANY}$`));
      await waitIdle(sophie.page);
      await shot(sophie.page, 'hotline-queue-desktop');
      await press(queued, 'desktop');
      await sophie.page.waitForURL('**/hotline/' + questionId);
      await sophie.page.getByRole('paragraph').filter({ hasText: QUESTION }).waitFor();
      await press(button(sophie.page, 'Attribuer à Nora Lefèvre'), 'desktop');
      await status(sophie.page, 'Attribuée à Nora Lefèvre').waitFor();
      await waitNumber(sophie.page, PENDING, 0);  // synced by itself
      await waitIdle(sophie.page);
      await shot(sophie.page, 'hotline-assigned-desktop');
      await sophie.context.close();
      sessions.splice(sessions.indexOf(sophie), 1);

      // Nora, the legal expert: the question is in her queue; she answers and publishes.
      const nora = await openApp(browser, server.url, 'desktop');
      sessions.push(nora);
      await signIn(nora.page, 'nora');
      await waitNumber(nora.page, `SELECT count(*) FROM legal_questions WHERE id = '${questionId}' AND status = 'assigned'`, 1);
      await press(nora.page.getByRole('tab', { name: 'Hotline juridique' }), 'desktop');
      await press(row(nora.page, 'Attribuée'), 'desktop');
      await nora.page.waitForURL('**/hotline/' + questionId);
      await field(nora.page, 'Votre réponse').fill(ANSWER);
      await press(button(nora.page, 'Envoyer la réponse'), 'desktop');
      await status(nora.page, 'Répondue').waitFor();
      await status(nora.page, 'Non publiée\u00a0: visible par le demandeur et l’équipe juridique').waitFor();
      await press(button(nora.page, 'Publier dans la base de connaissances'), 'desktop');
      await status(nora.page, 'Publiée dans la base de connaissances').waitFor();
      await waitNumber(nora.page, PENDING, 0);
      await waitIdle(nora.page);
      await shot(nora.page, 'hotline-answered-desktop');
      await nora.context.close();
      sessions.splice(sessions.indexOf(nora), 1);

      // Claire syncs: the answer is there, on her question.
      await press(button(page, 'Synchroniser'), 'phone');
      await waitNumber(page, `SELECT count(*) FROM legal_answers WHERE question_id = '${questionId}' AND published = 1 ` +
        `AND body = '${sqlText(ANSWER)}'`, 1);
      await status(page, 'Répondue').waitFor();
      await page.getByRole('paragraph').filter({ hasText: ANSWER }).waitFor();
      await page.getByRole('status', { name: /^Réponse de Nora Lefèvre · \d\d\/\d\d\/\d{4}$/ }).waitFor();
      await waitIdle(page);
      await shot(page, 'hotline-answer-phone');

      // The knowledge base finds it, typed without accents.
      await press(button(page, 'Retour'), 'phone');
      await page.waitForURL('**/hotline');
      await field(page, 'Rechercher dans la base de connaissances').fill('salarie protege inspecteur');
      const hit = row(page, null);
      await hit.waitFor();
      await waitIdle(page);
      await shot(page, 'hotline-search-phone');
      await press(hit, 'phone');
      await page.waitForURL('**/hotline/' + questionId);
      assert.deepEqual(realErrors(claire.errors), []);
      console.log(`hotline e2e: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (e) {
      for (const s of sessions) await shot(s.page, 'hotline-failure-' + sessions.indexOf(s)).catch(() => {});
      throw e;
    } finally {
      for (const s of sessions) await s.context.close().catch(() => {});
      await server.stop();
    }
  });
