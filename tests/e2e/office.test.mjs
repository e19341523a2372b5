// office.test.mjs — the network's office staff at a desktop browser (issue 6):
// - Sophie (office staff) signs in over a small demo dataset, opens the
//   activity reports, filters them (all the time, her office) and exports the
//   month table as CSV; the file is what a French spreadsheet opens: BOM,
//   ';', the header, French dates, and the office's number of case notes as
//   counted in the device's database.
// - An SME sends a contact request from the public portal on a phone for a
//   commune of Sophie's office; after a sync Sophie sees it in "Demandes du
//   portail", opens it and assigns it to herself; the assignment reaches the
//   server (read back through its sync API).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ARTIFACTS, SERVER_BIN, VIEWPORTS, launchBrowser, openApp, queryNumber, signIn, startServer, waitIdle,
  SEED_OPTIONS,
} from './harness.mjs';

const SP = '\u00a0';  // before a French colon
const SHOTS = '/tmp/office-shots';
mkdirSync(SHOTS, { recursive: true });
// The demo network's offices by department (src/core/demo/french_data.cpp).
const OFFICE_OF = {
  18: 'Antenne du Cher', 28: "Antenne d'Eure-et-Loir", 36: "Antenne de l'Indre", 37: "Antenne d'Indre-et-Loire",
  41: 'Antenne de Loir-et-Cher', 45: 'Antenne du Loiret',
};
const COMPANY = 'Tuilerie Martin & Fils';

let browser, server, data;
before(async () => {
  // A small demo dataset (5 % of the activity: 100 companies, 1,000 notes),
  // its activity ending today.
  data = mkdtempSync(path.join(tmpdir(), 'relais-office-'));
  const r = spawnSync(SERVER_BIN, ['--data', data, '--seed-demo-data', '--demo-scale', '0.05', '--password-cost', 'min'],
    SEED_OPTIONS);
  if (r.status !== 0) throw new Error('seeding failed: ' + r.stderr);
  server = await startServer({ args: ['--data', data] });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (data) rmSync(data, { recursive: true, force: true });
});

const button = (page, name) => page.getByRole('button', { name, exact: true });
const radio = (page, name) => page.getByRole('radio', { name, exact: true });
const shot = async (page, name) => {
  await waitIdle(page);
  await page.screenshot({ path: path.join(SHOTS, name + '.png') });
  await page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
};

// Scrolls the screen with the wheel until the locator is in the mirror (only
// what is in view is).
async function wheelTo(page, locator) {
  for (let i = 0; i < 30 && !(await locator.count()); i++) {
    await page.mouse.move(700, 450);
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(150);
  }
  await locator.waitFor({ timeout: 2000 });
}

async function api(pathName, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const res = await fetch(server.url + pathName, { method: 'POST', headers, body });
  const text = await res.text();
  assert.equal(res.status, 200, pathName + ': ' + text);
  return JSON.parse(text);
}

// The contact_requests rows the server holds for `login`, by its sync API.
async function serverRequests(login) {
  const user = await api('/api/login', JSON.stringify({ protocol: 1, login, password: 'relais-demo' }));
  const rows = new Map();
  let cursor = '';
  for (let i = 0; i < 500; i++) {
    const page = await api('/api/pull', JSON.stringify({ protocol: 1, cursor }), user.access_token);
    for (const c of page.changes.filter((ch) => ch.table === 'contact_requests')) {
      const row = rows.get(c.row_id) || {};
      for (const f of c.fields) row[f.name] = f.value;
      rows.set(c.row_id, row);
    }
    cursor = page.cursor;
    if (!page.more) break;
  }
  return { user: user.user, rows: [...rows.values()] };
}

test('office staff: report, filter, CSV export; a portal request reaches the office and is assigned', { timeout: 120000 }, async () => {
  const t0 = Date.now();
  const lap = (what) => console.log(`  ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const { context, page, errors } = await openApp(browser, server.url, 'desktop', '/');
  try {
    await signIn(page, 'sophie');
    lap('signed in');
    await page.getByRole('link', { name: /^À jour/ }).waitFor({ timeout: 60000 });  // the first sync is done
    lap('first sync done');

    // Sophie's office: her member record's, and its department.
    const dept = await queryNumber(page, "SELECT CAST(j.value AS INTEGER) FROM offices AS o, json_each(o.departments) AS j " +
      'WHERE o.id = (SELECT office_id FROM members WHERE id = (SELECT member_id FROM local_profile)) LIMIT 1');
    const office = OFFICE_OF[dept];
    assert.ok(office, 'Sophie has an office: ' + dept);
    const prefix = String(dept).padStart(2, '0');

    // --- the activity report ---
    await page.getByRole('tab', { name: 'Rapports d’activité' }).click();
    await page.waitForURL('**/office/reports');
    await radio(page, '12 derniers mois').waitFor();
    assert.equal(await radio(page, '12 derniers mois').getAttribute('aria-checked'), 'true');
    await page.getByText(new RegExp(`^Entreprises accompagnées${SP}: \\d`)).waitFor();
    await shot(page, 'office-reports-desktop');

    // Filters: all the time, Sophie's office.
    await radio(page, 'Tout').click();
    await button(page, `Antenne${SP}: Toutes les antennes`).click();
    await radio(page, office).click();
    await button(page, `Antenne${SP}: ${office}`).waitFor();
    const notes = await queryNumber(page, 'SELECT count(*) FROM interactions AS i JOIN companies AS c ON c.id = i.company_id ' +
      `WHERE i.deleted_hlc IS NULL AND c.deleted_hlc IS NULL AND substr(c.postcode, 1, 2) = '${prefix}'`);
    assert.ok(notes > 0, 'the office has case notes');
    await page.getByText(`Interactions${SP}: ${notes.toLocaleString('fr-FR').replace(/\s/g, '\u202f')}`, { exact: true }).waitFor();
    await shot(page, 'office-reports-filtered-desktop');

    const exportButton = button(page, `Exporter en CSV${SP}: Activité par mois`);
    await wheelTo(page, exportButton);
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    assert.equal(download.suggestedFilename(), 'relais-activite-par-mois_tout.csv');
    const bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
    const csv = bytes.subarray(3).toString('utf8');
    assert.ok(csv.endsWith('\r\n'), 'CRLF line ends');
    const lines = csv.split('\r\n').slice(0, -1);
    assert.equal(lines[0], 'Mois;Du;Au;Entreprises;Interactions;Services rendus');
    const months = lines.slice(1, -1);
    assert.ok(months.length >= 12, 'two years of months');
    for (const l of months)
      assert.match(l, /^[a-zéû]+ \d{4};\d{2}\/\d{2}\/\d{4};\d{2}\/\d{2}\/\d{4};\d+;\d+;\d+$/, l);
    assert.match(months[0], /;01\/\d{2}\/\d{4};/, 'a month starts on the 1st, in French');
    const total = lines.at(-1).split(';');
    assert.deepEqual(total.slice(0, 3), ['Total', '', '']);
    assert.equal(Number(total[4]), notes, 'the office\'s case notes, as counted in the device\'s database');
    assert.equal(months.reduce((n, l) => n + Number(l.split(';')[4]), 0), notes);
    await page.getByRole('status', { name: `Fichier CSV créé${SP}: relais-activite-par-mois_tout.csv` }).waitFor();

    lap('report exported');
    // --- an SME on the portal, on a phone, for a commune of Sophie's office ---
    const sme = await browser.newContext({ ...VIEWPORTS.phone, locale: 'fr-FR', javaScriptEnabled: false });
    const portal = await sme.newPage();
    await portal.goto(server.url + '/portail');
    const communes = await portal.locator('select#commune option').evaluateAll((os) => os.map((o) => o.value));
    const commune = communes.find((v) => v.startsWith(prefix));
    assert.ok(commune, 'a commune of department ' + prefix);
    await portal.getByRole('checkbox', { name: 'Exporter, se développer à l\'international' }).tap();
    await portal.getByRole('combobox', { name: /Votre commune/ }).selectOption(commune);
    await portal.getByRole('button', { name: 'Voir qui peut m\'aider' }).tap();
    await portal.getByRole('textbox', { name: 'Votre nom' }).fill('Amélie Martin');
    await portal.getByRole('textbox', { name: /Votre entreprise/ }).fill(COMPANY);
    await portal.getByRole('textbox', { name: 'Votre adresse e-mail' }).fill('amelie.martin@tuilerie.example');
    await portal.getByRole('textbox', { name: /Votre besoin en quelques phrases/ })
      .fill('Nous aimerions vendre nos tuiles en Belgique : qui peut nous aider ?');
    await portal.getByRole('checkbox', { name: /J'accepte que le réseau/ }).tap();
    await portal.getByRole('button', { name: 'Envoyer ma demande' }).tap();
    await portal.getByRole('heading', { name: 'Votre demande est envoyée' }).waitFor();
    assert.match(await portal.getByRole('status').innerText(), new RegExp(office.replace(/'/g, '.')));
    await sme.close();

    lap('portal request sent');
    // --- Sophie sees it after a sync, opens it, assigns it to herself ---
    await page.getByRole('tab', { name: 'Demandes du portail' }).click();
    await page.waitForURL('**/office/requests');
    await button(page, 'Synchroniser').click();
    const open = button(page, `Ouvrir${SP}: ${COMPANY}`);
    await open.waitFor({ timeout: 20000 });
    await page.getByRole('status', { name: 'Nouvelle' }).first().waitFor();
    await shot(page, 'office-requests-desktop');
    lap('request seen');
    await open.click();
    await page.getByText('Nous aimerions vendre nos tuiles en Belgique : qui peut nous aider ?').waitFor();
    await page.getByText(`E-mail${SP}: amelie.martin@tuilerie.example`).waitFor();
    await button(page, `Personne chargée${SP}: Personne`).click();
    await radio(page, 'Sophie Durand').click();
    assert.equal(await radio(page, 'Attribuée').getAttribute('aria-checked'), 'true');
    await page.getByRole('textbox', { name: 'Note de l’équipe' }).fill('Je rappelle Mme Martin lundi.');
    const save = button(page, 'Enregistrer le suivi');
    await wheelTo(page, save);
    await save.click();
    await page.getByRole('status', { name: 'Suivi synchronisé' }).waitFor({ timeout: 20000 });
    await shot(page, 'office-request-assigned-desktop');

    // The server has it.
    const { user, rows } = await serverRequests('sophie');
    const row = rows.find((r) => r.company_name === COMPANY);
    assert.ok(row, 'the request is on the server');
    assert.equal(row.status, 'assigned');
    assert.equal(row.assignee_member_id, user.member_id);
    assert.equal(row.staff_note, 'Je rappelle Mme Martin lundi.');
    assert.ok(row.assigned_at > 0);
    assert.deepEqual(errors, []);
    console.log(`office e2e: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'office-failure.png') });
    throw e;
  } finally {
    await context.close();
  }
});
