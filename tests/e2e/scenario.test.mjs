// Issue 5's "one full scenario", at tablet size, driven by role and name
// through the accessibility mirror against the real server:
// Claire (advisor A) signs in online, then loses the network at the SME.
// Offline, she finds the company as she types, writes a visit note (topics,
// services, a follow-up with its due date, visible to the whole network), runs
// a diagnosis whose weakest theme is financing, and refers the company to the
// member the result recommends for it, Marc (advisor B), with the result's
// "Proposer une orientation" button (not the directory). Still offline, a
// reload: the note, the diagnosis and the referral are all still there and
// the outbox holds them. Back online they leave the device; Marc, on his own
// device, sees the note, the diagnosis and the incoming referral, and accepts
// it; Claire's next sync shows "Acceptée".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startServer, launchBrowser, openApp, press, signIn, waitIdle, waitStarted, waitNumber, queryNumber,
  seedCompany, touchDrag, ARTIFACTS, VIEWPORTS,
} from './harness.mjs';
import { TEMPLATE, visible } from './questionnaire.mjs';

const KIND = 'tablet';
const COMPANY = 'Fonderie Lambert';
const OTHER = 'Menuiserie Roux';  // a second company: the search must leave it out
const MARC = 'Marc Petit';
const MARC_ID = 'd0000000000000000000000000000022';  // sync-server/users_cli.cpp (SeedDemo)
const CLAIRE_ID = 'd0000000000000000000000000000021';
const NOTE = 'Visite de la fonderie : projet de nouvelle ligne de coulée, « plan de financement » à monter.';
const ACTION = 'Envoyer la liste des prêts d’honneur';
const TOPICS = ['financement', 'investissement'];
const SERVICES = ['montage de dossier'];
const DASH = ' \u2014 ';
const NBSP = '\u00a0';
const SP = '\\s';  // Playwright matches a RegExp against the normalised name: no-break spaces are spaces there
const PENDING = "SELECT count(*) FROM outbox WHERE state = 'pending'";
const ERRORS_OK = /Failed to load resource|ERR_INTERNET_DISCONNECTED/;

// What the owner answers (question id -> option index or indexes, scale
// value, or number as typed). Every theme is a strength except financing
// (no plan, thin equity, difficult banks: 0 / 100), so the result recommends
// members for financing only, and Marc's skills ("financement",
// "investissement") match it. Claire, the one running it, is never proposed.
const PLAN = {
  effectif: '12',
  innovation_recente: 2, rd_budget: '0', rd_equipe: 3, partenariats: [0, 1, 2, 3], veille: 5,
  pi_titres: [1, 2, 3], pi_liberte: 2, pi_confidentialite: 2,
  export_actuel: 0, export_zones: [0], export_part: '60', export_langues: 5,
  num_outils: [0, 1, 2, 3], num_vente_en_ligne: 2, num_cyber: 2, num_maturite: 5,
  fin_previsionnel: 0, fin_fonds_propres: 0, fin_partenaires: 1,
  rh_recrutement: 2, rh_competences: 5, rh_organisation: 2,
};

let browser, server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer({ seed: true });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
const status = (page, name) => page.getByRole('status', { name, exact: true }).first();
const button = (page, name) => page.getByRole('button', { name, exact: true });
const field = (page, name) => page.getByRole('textbox', { name, exact: true });
const sql = (s) => `'${s.replace(/'/g, "''")}'`;
// The sync summary in the top bar is a link ("3 en attente · Synchronisé à l’instant").
const syncLink = (page) => page.getByRole('link', { name: /en attente|Synchronis|À jour|Jamais synchronisé/ }).first();

// Waits until a text field of the mirror holds `want` (the app's value).
async function waitValue(locator, want, timeout = 10000) {
  const t0 = Date.now();
  let got;
  while (Date.now() - t0 < timeout) {
    got = await locator.inputValue().catch(() => undefined);
    if (got === want) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${locator}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}

// Presses a checkbox or radio of the mirror and waits until the app says it is checked.
async function check(page, role, name) {
  const loc = page.getByRole(role, { name, exact: true });
  await show(page, loc);
  if ((await loc.first().getAttribute('aria-checked')) !== 'true') await press(loc.first(), KIND);
  await page.getByRole(role, { name, exact: true, checked: true }).first().waitFor({ timeout: 5000 });
}

// One DevTools session per page, kept open, that says what the context says.
// Observed with this Chromium: context.setOffline(true) makes navigator.onLine
// false, but any other DevTools session of the page that detaches puts it
// back to true and fires "online" (harness.mjs's touchDrag() opens and closes
// one per drag), and after an offline reload with another session attached
// that never asked for offline, the page starts with navigator.onLine true.
// Requests still fail either way, but the app then believes it is online
// (retries, an error in the status line, no "Hors ligne"), which is not the
// scenario. So drags go through this session, and setNetwork() sets the
// network conditions on it too.
const cdpSessions = new WeakMap();
async function session(page) {
  if (!cdpSessions.has(page)) cdpSessions.set(page, await page.context().newCDPSession(page));
  return cdpSessions.get(page);
}
async function setNetwork(page, online) {
  await page.context().setOffline(!online);
  await (await session(page)).send('Network.emulateNetworkConditions',
    { offline: !online, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.waitForFunction((on) => navigator.onLine === on, online, { timeout: 5000 });
}

// A one-finger vertical drag through the page's session above.
const drag = async (page, x, y, dy, steps = 3) => touchDrag(page, x, y, dy, steps, await session(page));

// Where a finger can start a scroll around `yFrac` of the height, in the
// right-hand pane: not on a text field (a drag that starts on one does not
// scroll the form).
function flickPoint(page, yFrac) {
  const { width, height } = VIEWPORTS[KIND].viewport;
  return page.evaluate(([w, h, yf]) => {
    for (const xf of [0.8, 0.94, 0.7])
      for (const df of [0, 0.08, -0.08, 0.16, -0.16]) {
        const x = Math.round(w * xf), y = Math.round(h * (yf + df));
        const el = document.elementFromPoint(x, y);
        if (!el || el.getAttribute('role') !== 'textbox') return [x, y];
      }
    return [Math.round(w * 0.8), Math.round(h * yf)];
  }, [width, height, yFrac]);
}

// Scrolls the screen under a finger until `locator` is in the mirror (which
// holds only what is in view). harness.mjs's reveal() drags at 60 % of the
// width, which on a tablet's company screen is the list pane, only ever
// scrolls down, and wants the item 80 px clear of the bottom, which the last
// entry of a short timeline never is. Here the finger is in the right-hand
// part (the file pane; the only pane elsewhere) and goes the way of `dy`
// (< 0: on down the content), then back the other way; an item counts once
// it is drawn `minHeight` px high. Quick flicks (3 moves): under SwiftShader
// at DPR 2 each move costs a frame of a few hundred ms. Returns how many
// flicks it took.
async function show(page, locator, { dy = -300, maxSteps = 10, minHeight = 12 } = {}) {
  const there = async () => {
    if (!(await locator.count())) return false;
    const box = await locator.first().boundingBox();
    return !!box && box.height >= minHeight;
  };
  let flicks = 0;
  for (const d of [dy, -dy]) {
    for (let i = 0; i < maxSteps; i++) {
      if (await there()) return flicks;
      flicks++;
      const [x, y] = await flickPoint(page, d < 0 ? 0.6 : 0.3);
      await drag(page, x, y, d);
      await page.waitForTimeout(150);
    }
  }
  if (await there()) return flicks;
  throw new Error('never came into view: ' + locator);
}
const showAbove = (page, locator) => show(page, locator, { dy: 300 });

// dd/mm/yyyy and yyyy-mm-dd of a day `days` from now (the follow-up's due date).
function dayFromNow(days) {
  const d = new Date(Date.now() + days * 86400000);
  const p = (n) => String(n).padStart(2, '0');
  return { typed: `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`,
    iso: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}` };
}

// --- the diagnosis (the approach of diagnosis.test.mjs) ---

// A section per page on a tablet.
function pages(answers) {
  const out = [];
  for (const q of visible(answers)) {
    if (!out.length || out[out.length - 1][0].section !== q.section) out.push([]);
    out[out.length - 1].push(q);
  }
  return out;
}

function control(page, q, value) {
  if (q.type === 'single_choice') return page.getByRole('radio', { name: q.label + DASH + q.options[value].label, exact: true });
  if (q.type === 'multiple_choice') return page.getByRole('checkbox', { name: q.label + DASH + q.options[value].label, exact: true });
  if (q.type === 'scale') return page.getByRole('radio', { name: `${q.label}${DASH}${value} sur ${q.scale.max}`, exact: true });
  return page.getByRole('textbox', { name: q.label + (q.required ? '' : ' (facultatif)'), exact: true });
}

// Brings a question's control into view, drawn whole enough to tap, and
// waits until the pane has stopped moving (a flick goes on with momentum: a
// tap during it would land on another row).
async function revealQuestion(page, locator) {
  for (let i = 0; i < 5; i++) {
    if (!(await show(page, locator, { minHeight: 24 }))) return;  // in view, nothing moved
    await waitIdle(page, 600);
    const box = await locator.first().boundingBox().catch(() => null);
    if (box && box.height >= 24) return;
  }
  assert.fail('never still in view: ' + locator);
}

async function answer(page, q, value) {
  for (const v of q.type === 'multiple_choice' ? [].concat(value) : [value]) {
    const c = control(page, q, v);
    await revealQuestion(page, c);
    if (q.type === 'number') {
      await c.fill(String(value));
      await waitValue(c, String(value));
    } else {
      await press(c, KIND);
      // The app took it: the control is checked in the mirror.
      const name = await c.first().getAttribute('aria-label');
      await page.getByRole(q.type === 'multiple_choice' ? 'checkbox' : 'radio', { name, exact: true, checked: true })
        .first().waitFor({ timeout: 5000 });
    }
  }
}

async function runDiagnosis(page) {
  await press(button(page, 'Lancer un diagnostic'), KIND);
  await page.waitForURL('**/diagnosis/new');
  await press(button(page, `Commencer${NBSP}: ${TEMPLATE.title}`), KIND);
  await page.waitForURL(/\/diagnosis\/[0-9a-f]{32}$/);
  const all = pages(PLAN);
  assert.equal(all.length, TEMPLATE.sections.length);
  for (let p = 0; p < all.length; p++) {
    await status(page, `Partie ${p + 1} sur ${all.length}`).waitFor({ timeout: 10000 });
    for (const q of all[p]) if (q.id in PLAN) await answer(page, q, PLAN[q.id]);
    if (p === 0) await shot(page, 'scenario-diagnosis-run-tablet');
    if (p + 1 < all.length) await press(button(page, 'Suivant'), KIND);
  }
  await status(page, 'Enregistré sur cet appareil').waitFor({ timeout: 10000 });
  await press(button(page, 'Terminer le diagnostic'), KIND);
  await page.waitForURL(/\/diagnosis\/[0-9a-f]{32}\/result$/);
  return new URL(page.url()).pathname;
}

// The result, theme by theme down the screen: financing is the one need,
// every other theme a strength.
async function checkScores(page) {
  await page.getByRole('status', { name: new RegExp(`^Score global${SP}: \\d+${SP}/${SP}100$`) }).waitFor({ timeout: 10000 });
  for (const th of TEMPLATE.themes) {
    const want = th.id === 'finance' ? `0${SP}/${SP}100, Besoin prioritaire` : `\\d+${SP}/${SP}100, Point fort`;
    await show(page, page.getByRole('status', { name: new RegExp(`^${th.label}${SP}: ${want}$`) }));
  }
}

const referButton = (page) => page.getByRole('button', { name: new RegExp(`^Proposer une orientation${SP}: ${MARC}$`) });

test('one full scenario: offline note, diagnosis and referral, reload, sync, the other advisor accepts',
  { timeout: 600000 }, async () => {
    const t0 = Date.now();
    let tStep = t0;
    const step = (what) => {  // the time each step took, in the test's output
      console.log(`# ${what}: ${((Date.now() - tStep) / 1000).toFixed(1)} s`);
      tStep = Date.now();
    };
    const companyId = await seedCompany(server, { name: COMPANY, postcode: '45000', commune_name: 'Orléans' });
    const otherId = await seedCompany(server, { name: OTHER, postcode: '37000', commune_name: 'Tours' });
    const due = dayFromNow(21);
    const a = await openApp(browser, server.url, KIND, '/');
    let b;
    try {
      const { page } = a;

      // 1. Claire signs in online; the companies and the directory come down.
      await signIn(page, 'claire');
      await page.waitForURL('**/companies');
      await waitNumber(page, `SELECT count(*) FROM companies WHERE id IN ('${companyId}', '${otherId}')`, 2);
      await waitNumber(page, `SELECT count(*) FROM members WHERE id = '${MARC_ID}'`, 1);
      await waitNumber(page, PENDING, 0);
      // The service worker holds the app shell: the reload below works with no network.
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 20000 });

      step('signed in, data on the device');
      // 2. At the SME: no network.
      await setNetwork(page, false);

      // 3. The company, found as she types; its file; a visit note.
      await page.getByRole('link', { name: OTHER }).waitFor();
      const search = field(page, 'Rechercher une entreprise');
      await press(search, KIND);
      await search.pressSequentially('fonder', { delay: 60 });
      await page.getByRole('link', { name: OTHER }).waitFor({ state: 'detached' });
      await page.getByRole('link', { name: COMPANY }).waitFor();
      await waitIdle(page);
      await shot(page, 'scenario-search-offline-tablet');
      await press(page.getByRole('link', { name: COMPANY }), KIND);
      await page.waitForURL('**/companies/' + companyId);
      const companyPath = new URL(page.url()).pathname;

      await press(button(page, 'Nouvelle note'), KIND);
      await page.waitForURL('**/note/new');
      await check(page, 'radio', 'Visite');
      await field(page, 'Compte rendu').fill(NOTE);
      await press(button(page, 'Ajouter une action de suivi'), KIND);
      await field(page, 'Action 1').fill(ACTION);
      await field(page, 'Échéance 1').fill(due.typed);
      for (const t of TOPICS) await check(page, 'checkbox', t);
      for (const s of SERVICES) await check(page, 'checkbox', s);
      await check(page, 'radio', 'Tout le réseau');
      await waitIdle(page);
      await shot(page, 'scenario-note-form-tablet');
      await press(button(page, 'Enregistrer la note'), KIND);
      await page.waitForURL('**' + companyPath);
      await show(page, status(page, 'Enregistré sur cet appareil'));
      await waitNumber(page, `SELECT count(*) FROM interactions WHERE company_id = '${companyId}' AND kind = 'visit' ` +
        `AND visibility = 'network' AND note = ${sql(NOTE)} AND author_member_id = '${CLAIRE_ID}'`, 1);
      await waitIdle(page);
      await shot(page, 'scenario-note-saved-offline-tablet');

      step('offline search and visit note');
      // 4. Still offline: the diagnosis, its result, the referral to the recommended member.
      await showAbove(page, button(page, 'Lancer un diagnostic'));
      const resultPath = await runDiagnosis(page);
      await checkScores(page);
      await shot(page, 'scenario-diagnosis-result-tablet');
      await show(page, referButton(page));
      await press(referButton(page).first(), KIND);
      await status(page, 'Orientation enregistrée sur cet appareil').waitFor({ timeout: 10000 });
      await waitNumber(page, `SELECT count(*) FROM referrals WHERE company_id = '${companyId}' AND ` +
        `from_member_id = '${CLAIRE_ID}' AND to_member_id = '${MARC_ID}' AND status = 'sent' AND message LIKE '%Financement%'`, 1);
      await waitIdle(page);
      await shot(page, 'scenario-diagnosis-referral-tablet');

      step('offline diagnosis and referral');
      // 5. Still offline: a reload. Everything is still there.
      assert.equal(await page.evaluate(() => navigator.onLine), false);
      await page.reload();
      await waitStarted(page);
      assert.ok(page.url().endsWith(resultPath), 'the reload stays on the result');
      await checkScores(page);
      // The referral made from this result is remembered: no second one to Marc.
      await show(page, status(page, 'Orientation déjà proposée à ce membre pour cette entreprise'));
      assert.equal(await referButton(page).count(), 0);
      await show(page, button(page, 'Retour à la fiche'));
      await press(button(page, 'Retour à la fiche'), KIND);
      await page.waitForURL('**' + companyPath);
      // The timeline: the note, saved on this device (its text is read back
      // through the edit form: the mirror carries fields, not paragraphs), and
      // the diagnosis.
      await show(page, status(page, 'Enregistré sur cet appareil'));
      await show(page, button(page, 'Modifier'));
      await show(page, button(page, 'Voir le résultat'));
      await waitIdle(page);
      await shot(page, 'scenario-file-after-reload-tablet');
      await showAbove(page, button(page, 'Modifier'));
      await press(button(page, 'Modifier'), KIND);
      await page.waitForURL(/\/note\/[0-9a-f]{32}$/);
      await waitValue(field(page, 'Compte rendu'), NOTE);
      await waitValue(field(page, 'Action 1'), ACTION);
      await waitValue(field(page, 'Échéance 1'), due.typed);
      await page.getByRole('radio', { name: 'Visite', checked: true }).waitFor();
      for (const t of [...TOPICS, ...SERVICES]) {
        const box = page.getByRole('checkbox', { name: t, exact: true });
        await show(page, box);
        assert.equal(await box.first().getAttribute('aria-checked'), 'true', t);
      }
      await show(page, page.getByRole('radio', { name: 'Tout le réseau' }));
      await page.getByRole('radio', { name: 'Tout le réseau', checked: true }).waitFor();
      await press(button(page, 'Annuler'), KIND);
      await page.waitForURL('**' + companyPath);
      // The referral, on the sent side of "Orientations".
      await press(page.getByRole('tab', { name: 'Orientations' }), KIND);
      await page.waitForURL('**/referrals');
      await check(page, 'radio', 'Envoyées');
      // Still offline: written here, not sent (it says so, not "Envoyée").
      await status(page, 'Pas encore envoyée\u00a0: enregistrée sur cet appareil, elle part à la prochaine synchronisation.').waitFor();
      assert.equal(await status(page, 'Envoyée').count(), 0);
      await button(page, 'Voir la fiche').waitFor();
      // The outbox holds all of it, and the top bar says how much is waiting.
      const outbox = (tbl) => `SELECT count(*) FROM outbox WHERE state = 'pending' AND tbl = '${tbl}'`;
      for (const tbl of ['interactions', 'follow_up_actions', 'questionnaire_responses', 'referrals'])
        assert.ok(await queryNumber(page, outbox(tbl)) >= 1, 'nothing pending in ' + tbl);
      const pending = await queryNumber(page, PENDING);
      await syncLink(page).waitFor();
      const summary = await syncLink(page).getAttribute('aria-label');
      assert.match(summary, new RegExp(`^${pending} en attente`));
      // Offline is normal: no failed attempt is reported (the app does not try).
      assert.equal(await page.evaluate(() => navigator.onLine), false);
      assert.doesNotMatch(summary, /Pas de connexion|nouvel essai/);
      await waitNumber(page, `SELECT count(*) FROM interactions WHERE company_id = '${companyId}' AND note = ${sql(NOTE)}`, 1);
      await waitNumber(page, `SELECT count(*) FROM follow_up_actions WHERE title = ${sql(ACTION)} AND due_on = '${due.iso}'`, 1);
      await waitNumber(page, `SELECT count(*) FROM questionnaire_responses WHERE company_id = '${companyId}' AND status = 'completed'`, 1);
      await waitIdle(page);
      await shot(page, 'scenario-referrals-sent-offline-tablet');
      console.log(`# offline: ${pending} changes pending (${summary})`);

      step('offline reload and checks');
      // 6. Back online: everything leaves the device.
      // The app syncs by itself on the browser's "online" event: nothing to press.
      await setNetwork(page, true);
      await waitNumber(page, PENDING, 0, 60000);
      await press(button(page, 'Voir la fiche'), KIND);
      await page.waitForURL('**' + companyPath);
      await show(page, status(page, 'Synchronisé'));

      step('back online, synced');
      // 7. Marc, on his own device: the note, the diagnosis, the referral; he accepts.
      b = await openApp(browser, server.url, KIND, '/');
      const pb = b.page;
      await signIn(pb, 'marc');
      await waitNumber(pb, `SELECT count(*) FROM interactions WHERE company_id = '${companyId}' AND note = ${sql(NOTE)} ` +
        `AND visibility = 'network' AND author_member_id = '${CLAIRE_ID}'`, 1);
      await waitNumber(pb, `SELECT count(*) FROM follow_up_actions WHERE title = ${sql(ACTION)}`, 1);
      await waitNumber(pb, `SELECT count(*) FROM questionnaire_responses WHERE company_id = '${companyId}' AND status = 'completed'`, 1);
      await waitNumber(pb, `SELECT count(*) FROM referrals WHERE to_member_id = '${MARC_ID}' AND status = 'sent'`, 1);
      await press(pb.getByRole('tab', { name: 'Entreprises' }), KIND);
      await pb.waitForURL('**/companies');
      await field(pb, 'Rechercher une entreprise').fill('lambert');
      await press(pb.getByRole('link', { name: COMPANY }), KIND);
      await pb.waitForURL('**' + companyPath);
      // Claire's note is in his timeline (synced, not his to edit), with the diagnosis.
      await show(pb, status(pb, 'Synchronisé'));
      assert.equal(await button(pb, 'Modifier').count(), 0, 'Marc cannot edit Claire’s note');
      await show(pb, button(pb, 'Voir le résultat'));
      await waitIdle(pb);
      await shot(pb, 'scenario-b-company-file-tablet');
      await press(button(pb, 'Voir le résultat'), KIND);
      await pb.waitForURL('**' + resultPath);
      await checkScores(pb);
      // The incoming referral.
      await press(pb.getByRole('tab', { name: 'Orientations' }), KIND);
      await pb.waitForURL('**/referrals');
      await pb.getByRole('radio', { name: 'Reçues', checked: true }).waitFor();
      await status(pb, 'Envoyée').waitFor();
      await waitIdle(pb);
      await shot(pb, 'scenario-b-referral-received-tablet');
      await press(button(pb, 'Accepter'), KIND);
      await status(pb, 'Acceptée').waitFor();
      await waitNumber(pb, PENDING, 0, 30000);

      step('Marc sees everything and accepts');
      // 8. Claire's next sync ("Synchroniser"): "Acceptée".
      await press(page.getByRole('tab', { name: 'Orientations' }), KIND);
      await page.waitForURL('**/referrals');
      await page.getByRole('radio', { name: 'Envoyées', checked: true }).waitFor();
      await press(button(page, 'Synchroniser'), KIND);
      await status(page, 'Acceptée').waitFor({ timeout: 30000 });
      await waitNumber(page, `SELECT count(*) FROM referrals WHERE to_member_id = '${MARC_ID}' AND status = 'accepted'`, 1);
      assert.equal(await status(page, 'Envoyée').count(), 0);
      await waitIdle(page);
      await shot(page, 'scenario-a-referral-accepted-tablet');

      step('Claire sees "Acceptée"');
      for (const ctx of [a, b]) assert.deepEqual(ctx.errors.filter((e) => !ERRORS_OK.test(e)), []);
      console.log(`# scenario: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (e) {
      // What the screens showed when it failed.
      await shot(a.page, 'scenario-failure-a-tablet').catch(() => {});
      if (b) await shot(b.page, 'scenario-failure-b-tablet').catch(() => {});
      throw e;
    } finally {
      await a.context.close();
      await b?.context.close();
    }
  });
