// network.test.mjs — network management by office staff at a desktop browser
// (issue 6): Sophie creates an organisation (its SIREN checked) and a member
// of her office, records the member's convention signature (the member stays
// in "Signatures manquantes", missing three), then the other three (the
// member leaves it), and deactivates the organisation after a confirmation
// that says its active member goes with it. After the sync the server holds
// the organisation and the member (both active = 0) and the four signatures,
// read back through its sync API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  ARTIFACTS, launchBrowser, openApp, queryNumber, signIn, startServer, waitIdle,
} from './harness.mjs';

const SP = '\u00a0';  // before a French colon
const SHOTS = '/tmp/network-shots';
mkdirSync(SHOTS, { recursive: true });
// Names that sort first in their lists, so they are in view without scrolling.
const ORG = 'Accélérateur Loire Numérique';
const FIRST = 'Inès', LAST = 'Abadie', NAME = `${FIRST} ${LAST}`;

let browser, server;
before(async () => {
  // The demo accounts over a tiny directory (--seed-demo-users): Sophie is
  // the office staff of "Antenne d'Orléans".
  server = await startServer({ seed: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const button = (page, name) => page.getByRole('button', { name, exact: true });
const radio = (page, name) => page.getByRole('radio', { name, exact: true });
const status = (page, name) => page.getByRole('status', { name, exact: true });
const shot = async (page, name) => {
  await waitIdle(page);
  await page.screenshot({ path: path.join(SHOTS, name + '.png') });
  await page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
};

async function wheelTo(page, locator) {
  for (let i = 0; i < 30 && !(await locator.count()); i++) {
    await page.mouse.move(700, 450);
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(150);
  }
  await locator.waitFor({ timeout: 2000 });
}

async function fill(page, label, value) {
  const field = page.getByRole('textbox', { name: label, exact: true });
  await field.click();
  await field.fill(value);
}

async function pick(page, buttonName, item) {
  await button(page, buttonName).click();
  await radio(page, item).click();
}

async function api(pathName, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const res = await fetch(server.url + pathName, { method: 'POST', headers, body });
  const text = await res.text();
  assert.equal(res.status, 200, pathName + ': ' + text);
  return JSON.parse(text);
}

// The rows of `tables` the server holds, as `login` pulls them.
async function serverRows(login, tables) {
  const user = await api('/api/login', JSON.stringify({ protocol: 1, login, password: 'relais-demo' }));
  const rows = Object.fromEntries(tables.map((t) => [t, new Map()]));
  let cursor = '';
  for (let i = 0; i < 2000; i++) {
    const page = await api('/api/pull', JSON.stringify({ protocol: 1, cursor }), user.access_token);
    for (const c of page.changes.filter((ch) => rows[ch.table])) {
      const row = rows[c.table].get(c.row_id) || { id: c.row_id };
      for (const f of c.fields) row[f.name] = f.value;
      rows[c.table].set(c.row_id, row);
    }
    cursor = page.cursor;
    if (!page.more) break;
  }
  return Object.fromEntries(tables.map((t) => [t, [...rows[t].values()]]));
}

// To the network, "Signatures manquantes" for Sophie's office (the
// screen keeps the office chosen): the member's "Ouvrir" button, or null.
let officeChosen = false;
async function notSignedLine(page, office) {
  await page.getByRole('tab', { name: 'Réseau' }).click();  // the side navigation: always in view
  await page.waitForURL('**/office/network');
  await radio(page, 'Signatures manquantes').click();
  if (!officeChosen) await pick(page, `Antenne${SP}: Toutes les antennes`, office);
  officeChosen = true;
  await button(page, `Antenne${SP}: ${office}`).waitFor();
  await page.getByRole('status', { name: /pas toutes (leurs|ses) signatures|ont signé la convention/ }).waitFor();
  const open = button(page, `Ouvrir${SP}: ${NAME}`);
  return (await open.count()) ? open : null;
}

test('network: create an organisation and a member, record signatures, deactivate; the server has it', { timeout: 90000 }, async () => {
  const t0 = Date.now();
  const lap = (what) => console.log(`  ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const { context, page, errors } = await openApp(browser, server.url, 'desktop', '/');
  try {
    await signIn(page, 'sophie');
    await page.getByRole('link', { name: /^À jour/ }).waitFor({ timeout: 60000 });  // the first sync is done
    lap('signed in, synced');

    await page.getByRole('tab', { name: 'Réseau' }).click();
    await page.waitForURL('**/office/network');
    await radio(page, 'Membres').waitFor();
    await page.getByText(/^\d+ membres$/).waitFor();
    await shot(page, 'network-members-desktop');

    // --- an organisation: a bad SIREN is refused and said, then a good one ---
    await button(page, 'Nouvelle organisation').click();
    await page.waitForURL('**/office/network/organisations/new');
    await fill(page, 'Nom', ORG);
    await fill(page, 'SIREN', '732 829 321');
    await button(page, 'Créer').click();
    await status(page, 'SIREN invalide : 9 chiffres dont la clé de contrôle est juste.').waitFor();
    await fill(page, 'SIREN', '732 829 320');
    await pick(page, `Type${SP}: — choisir —`, 'Agence de développement');
    await button(page, 'Créer').click();
    await page.waitForURL(/\/office\/network\/organisations\/[0-9a-f]{32}$/);
    await page.getByRole('status', { name: /^(Enregistré sur cet appareil|Synchronisé)$/ }).waitFor();
    lap('organisation created');

    // --- a member of Sophie's office, in that organisation ---
    const office = "Antenne d'Orléans";  // Sophie's
    await button(page, 'Retour au réseau').click();
    await button(page, 'Nouveau membre').click();
    await page.waitForURL('**/office/network/members/new');
    await fill(page, 'Prénom', FIRST);
    await fill(page, 'Nom', LAST);
    await pick(page, `Organisation${SP}: — choisir —`, ORG);
    await pick(page, `Antenne${SP}: Aucune antenne`, office);
    await fill(page, 'Fonction', 'Chargée de mission numérique');
    await fill(page, 'E-mail', 'ines.abadie@accelerateur');
    await button(page, 'Créer').click();
    await status(page, 'Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).').waitFor();
    await fill(page, 'E-mail', 'ines.abadie@accelerateur-loire.example');
    await fill(page, 'Compétences', 'numérique, cybersécurité');
    await button(page, 'Créer').click();
    await page.waitForURL(/\/office\/network\/members\/[0-9a-f]{32}$/);
    const memberId = page.url().split('/').at(-1);
    await page.getByText(NAME, { exact: true }).waitFor();
    await shot(page, 'network-member-desktop');
    lap('member created');

    // New, she has signed nothing: she is in the list.
    let line = await notSignedLine(page, office);
    assert.ok(line, 'a new member is in the not-signed list');
    await line.click();

    // --- her convention, signed by herself (the form is prefilled with her name and today) ---
    const record = button(page, 'Enregistrer une signature');
    await wheelTo(page, record);
    await fill(page, 'Version du document', '2026');
    await record.click();
    await page.getByRole('status', { name: /^Signature (enregistrée sur cet appareil|synchronisée)$/ }).waitFor();
    await page.getByText(new RegExp(`^Convention — signée par ${NAME}, Chargée de mission numérique \\(Le membre\\) le \\d{2}/\\d{2}/\\d{4} · version 2026$`)).waitFor();
    await shot(page, 'network-signature-desktop');

    // Still missing three: she stays, and the list says which.
    const missing = () => queryNumber(page, "SELECT 4 - count(DISTINCT kind || signer) FROM signatures " +
      `WHERE member_id = '${memberId}' AND deleted_hlc IS NULL`);
    line = await notSignedLine(page, office);
    assert.ok(line, 'one signature of four: still in the list');
    assert.equal(await missing(), 3);
    await page.getByRole('status', { name: `Manque${SP}: convention (hiérarchie), charte (membre), charte (hiérarchie)` })
      .first().waitFor();
    await shot(page, 'network-not-signed-desktop');
    lap('convention signed, still listed');

    // --- the other three: after each, the form keeps the document and goes back to the member ---
    await line.click();
    await wheelTo(page, record);
    await pick(page, `Signataire${SP}: Le membre`, 'Sa hiérarchie');
    await fill(page, 'Nom du signataire', 'Paul Girard');
    await fill(page, 'Fonction du signataire', 'Directeur');
    await record.click();
    await page.getByText(/^Convention — signée par Paul Girard, Directeur \(Sa hiérarchie\) le /).waitFor();
    await wheelTo(page, record);
    await pick(page, `Document${SP}: Convention`, 'Charte de déontologie');
    await record.click();  // by the member
    await page.getByText(new RegExp(`^Charte de déontologie — signée par ${NAME}`)).waitFor();
    await wheelTo(page, record);
    await pick(page, `Signataire${SP}: Le membre`, 'Sa hiérarchie');
    await fill(page, 'Nom du signataire', 'Paul Girard');
    await record.click();
    await page.getByText(/^Charte de déontologie — signée par Paul Girard/).waitFor();
    assert.equal(await missing(), 0);

    line = await notSignedLine(page, office);
    assert.equal(line, null, 'all four signatures: no longer in the list');
    lap('all signed, off the list');

    // --- deactivate her organisation, confirmed: she goes with it ---
    await radio(page, 'Organisations').click();
    await fill(page, 'Rechercher', ORG);
    await button(page, `Ouvrir${SP}: ${ORG}`).click();
    const deactivate = button(page, 'Désactiver');
    await wheelTo(page, deactivate);
    await deactivate.click();
    await page.getByText('Son membre actif sera aussi désactivé : son compte ne pourra plus se connecter ni '
      + 'synchroniser.', { exact: true }).waitFor();
    await shot(page, 'network-organisation-deactivate-desktop');
    await button(page, 'Confirmer la désactivation').click();
    await status(page, 'Désactivé sur cet appareil, avec son membre actif.').waitFor();
    await button(page, 'Synchroniser').click();
    await status(page, 'Synchronisé').waitFor({ timeout: 20000 });
    lap('deactivated, synced');

    // The server has it all.
    const rows = await serverRows('sophie', ['organisations', 'members', 'signatures']);
    const org = rows.organisations.find((o) => o.name === ORG);
    assert.ok(org, 'the organisation is on the server');
    assert.equal(org.siren, '732829320');
    assert.equal(org.kind, 'agence');
    assert.equal(org.active, 0);
    const member = rows.members.find((m) => m.id === memberId);
    assert.ok(member, 'the member is on the server');
    assert.equal(member.organisation_id, org.id);
    assert.equal(member.email, 'ines.abadie@accelerateur-loire.example');
    assert.equal(member.active, 0);
    const sigs = rows.signatures.filter((s) => s.member_id === memberId);
    assert.deepEqual(sigs.map((s) => `${s.kind}/${s.signer}`).sort(),
      ['code_of_conduct/hierarchy', 'code_of_conduct/member', 'convention/hierarchy', 'convention/member']);
    assert.deepEqual(errors, []);
    console.log(`network e2e: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'network-failure.png') });
    throw e;
  } finally {
    await context.close();
  }
});
