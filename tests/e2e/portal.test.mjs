// portal.test.mjs — an SME on a phone uses the public orientation portal
// (plain HTML, no account, no JavaScript needed): picks needs and a commune,
// sees its local office and services, sends a contact request, gets the
// confirmation; the request reaches the right office's staff by sync.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, VIEWPORTS, launchBrowser, startServer } from './harness.mjs';

const PASSWORD = 'portal-e2e-42';
const OFFICE = 'e0000000000000000000000000000011';
const ORG = 'e0000000000000000000000000000001';
const STAFF = 'e0000000000000000000000000000021';
const SERVICE = 'e0000000000000000000000000000041';

// The server with an office staff account; the directory is pushed by that
// account through the sync API, as the office's own app would.
const startPortalServer = () =>
  startServer({ args: ['--add-user', `sophie:${PASSWORD}:office_staff:${STAFF}`] });

async function api(url, pathName, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const res = await fetch(url + pathName, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

async function seed(url) {
  const login = await api(url, '/api/login', JSON.stringify({ protocol: 1, login: 'sophie', password: PASSWORD }));
  assert.equal(login.status, 200, login.text);
  const token = JSON.parse(login.text).access_token;
  let seq = 0;
  const change = (table, id, fields) =>
    `{"table":"${table}","row_id":"${id}","op":"upsert","fields":${JSON.stringify(fields)},` +
    `"hlc":${(BigInt(Date.now()) << 16n) + BigInt(++seq)},"device_seq":${seq}}`;
  const changes = [
    change('offices', OFFICE, { name: 'Antenne du Loiret', address: '6 rue Jeanne d\'Arc', postcode: '45000',
      commune_name: 'Orléans', departments: '["45"]', phone: '02 38 70 00 10', email: 'loiret@devup-reseau.example' }),
    change('organisations', ORG, { name: 'CCI Loiret', website: 'https://cci-loiret.example',
      email: 'contact@cci-loiret.example', phone: '02 38 77 77 77' }),
    change('members', STAFF, { first_name: 'Sophie', last_name: 'Durand', organisation_id: ORG, office_id: OFFICE }),
    change('service_offers', SERVICE, { name: 'Diagnostic export', organisation_id: ORG,
      description: 'Un conseiller fait le point sur le potentiel export et les marchés cibles.',
      themes: '["export","international"]', office_ids: `["${OFFICE}"]`, url: 'https://cci-loiret.example/export' }),
  ];
  const push = await api(url, '/api/push',
    `{"protocol":1,"device_id":"e0000000000000000000000000000099","changes":[${changes.join(',')}]}`, token);
  assert.equal(push.status, 200, push.text);
  return token;
}

test('an SME on a phone finds its office and sends a contact request', async () => {
  const server = await startPortalServer();
  const browser = await launchBrowser();
  try {
    const token = await seed(server.url);
    const context = await browser.newContext({ ...VIEWPORTS.phone, locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + '/portail');
    await page.getByRole('checkbox', { name: 'Exporter, se développer à l\'international' }).tap();
    await page.getByRole('combobox', { name: /Votre commune/ }).selectOption({ label: 'Olivet (45160)' });
    await page.getByRole('button', { name: 'Voir qui peut m\'aider' }).tap();

    await page.getByRole('heading', { name: 'Le réseau près de Olivet' }).waitFor();
    assert.ok(await page.getByRole('heading', { name: 'Antenne du Loiret' }).isVisible());
    assert.ok(await page.getByRole('link', { name: '02 38 70 00 10' }).isVisible());
    assert.ok(await page.getByRole('heading', { name: 'Diagnostic export' }).isVisible());
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-results-phone.png'), fullPage: true });

    // Phone fields: the right keyboards.
    assert.equal(await page.getByRole('textbox', { name: 'Votre adresse e-mail' }).getAttribute('type'), 'email');
    assert.equal(await page.getByRole('textbox', { name: /Votre téléphone/ }).getAttribute('type'), 'tel');

    // A first try with a typo in the e-mail: the error, the input kept.
    await page.getByRole('textbox', { name: 'Votre nom' }).fill('Amélie Durand');
    await page.getByRole('textbox', { name: /Votre entreprise/ }).fill('Atelier Durand & Fils');
    await page.getByRole('textbox', { name: 'Votre adresse e-mail' }).fill('amelie.durand@atelier');
    await page.getByRole('textbox', { name: /Votre besoin en quelques phrases/ })
      .fill('Nous voulons vendre nos meubles en Allemagne : par où commencer ?');
    await page.getByRole('checkbox', { name: /J'accepte que le réseau/ }).tap();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).tap();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /L'adresse e-mail n'est pas valide/);
    assert.equal(await page.getByRole('textbox', { name: 'Votre nom' }).inputValue(), 'Amélie Durand');
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-error-phone.png'), fullPage: true });

    await page.getByRole('textbox', { name: 'Votre adresse e-mail' }).fill('amelie.durand@atelier-durand.example');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).tap();
    await page.getByRole('heading', { name: 'Votre demande est envoyée' }).waitFor();
    assert.match(await page.getByRole('status').innerText(), /Antenne du Loiret a bien reçu votre demande/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-sent-phone.png') });

    const desktop = await browser.newContext({ ...VIEWPORTS.desktop, locale: 'fr-FR' });
    const big = await desktop.newPage();
    await big.goto(server.url + '/portail/resultats?besoin=export&commune=45232');
    await big.screenshot({ path: path.join(ARTIFACTS, 'portal-results-desktop.png') });

    // The office's staff receive it by sync.
    const pull = await api(server.url, '/api/pull', '{"protocol":1,"cursor":""}', token);
    assert.equal(pull.status, 200, pull.text);
    const rows = JSON.parse(pull.text).changes.filter((c) => c.table === 'contact_requests');
    assert.equal(rows.length, 1);
    const field = (name) => rows[0].fields.find((f) => f.name === name)?.value;
    assert.equal(field('office_id'), OFFICE);
    assert.equal(field('email'), 'amelie.durand@atelier-durand.example');
    assert.equal(field('consent_source'), 'portal');
  } finally {
    await browser.close();
    await server.stop();
  }
});
