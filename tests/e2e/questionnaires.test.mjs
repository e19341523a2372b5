// questionnaires.test.mjs — office staff publish a questionnaire version (issue 6):
// Sophie, at a desktop, prepares the next version of the shipped diagnosis,
// renames it in its JSON, checks it and publishes it; the server holds it;
// her export is the published JSON. Claire, on a tablet, then starts a
// diagnosis: only the new version is offered, and the response names it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, launchBrowser, openApp, queryNumber, reveal, seedCompany, signIn, startServer, waitIdle } from './harness.mjs';

const SP = '\u00a0';  // before a French colon
const TITLE = 'Diagnostic innovation croissance';
const NEW_TITLE = 'Diagnostic innovation croissance 2027';

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
const status = (page, name) => page.getByRole('status', { name, exact: true });

// The questionnaire_templates rows the server sends `login`, by its sync API.
async function serverTemplates(login) {
  const post = async (p, body, token) => {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    const r = await fetch(server.url + p, { method: 'POST', headers, body });
    assert.equal(r.status, 200, p);
    return r.json();
  };
  const user = await post('/api/login', JSON.stringify({ protocol: 1, login, password: 'relais-demo' }));
  const rows = [];
  let cursor = '';
  for (let i = 0; i < 100; i++) {
    const page = await post('/api/pull', JSON.stringify({ protocol: 1, cursor }), user.access_token);
    for (const c of page.changes.filter((ch) => ch.table === 'questionnaire_templates')) {
      const row = {};
      for (const f of c.fields) row[f.name] = f.value;
      rows.push(row);
    }
    cursor = page.cursor;
    if (!page.more) break;
  }
  return rows;
}

test('office staff publish a questionnaire version; a new diagnosis runs it', { timeout: 150000 }, async () => {
  const company = await seedCompany(server, { name: 'Verrerie Dumas', postcode: '45000', commune_name: 'Orléans' });

  // --- Sophie publishes version 2 ---
  const s = await openApp(browser, server.url, 'desktop', '/');
  try {
    await signIn(s.page, 'sophie');
    await s.page.getByRole('tab', { name: 'Questionnaires' }).click();
    await s.page.waitForURL('**/office/questionnaires');
    await button(s.page, `Préparer la version suivante${SP}: ${TITLE}`).click();
    const field = s.page.getByRole('textbox', { name: 'JSON du questionnaire' });
    const prepared = JSON.parse(await field.inputValue());
    assert.equal(prepared.version, 2);
    prepared.title = NEW_TITLE;
    // Replace the whole text as a user does: into the field, select all, paste.
    await field.click();
    await waitIdle(s.page);
    await s.page.keyboard.press('Control+A');
    await waitIdle(s.page);
    await s.page.keyboard.insertText(JSON.stringify(prepared, null, 2));
    await button(s.page, 'Vérifier').click();
    await waitIdle(s.page);
    await s.page.screenshot({ path: path.join(ARTIFACTS, 'questionnaires-checked-desktop.png') });
    await status(s.page, `Questionnaire valide${SP}: ${NEW_TITLE} (diag-innovation-croissance), version 2, 32 questions.`).waitFor();
    await button(s.page, 'Publier la version 2').click();
    await status(s.page, `Version publiée sur cet appareil${SP}; elle part à la prochaine synchronisation. (${NEW_TITLE}, version 2)`).waitFor();
    // Synced: the server holds it, and the list says it is no longer only here.
    await s.page.getByText(/^diag-innovation-croissance · version 2 · 32 questions · publiée le \d\d\/\d\d\/\d{4}$/).waitFor({ timeout: 20000 });
    const rows = await serverTemplates('claire');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].version, 2);
    assert.equal(JSON.parse(rows[0].body).title, NEW_TITLE);
    await waitIdle(s.page);
    await s.page.screenshot({ path: path.join(ARTIFACTS, 'questionnaires-desktop.png') });

    // Her export is the published version.
    const exportButton = button(s.page, `Exporter en JSON${SP}: ${NEW_TITLE}`);
    const [download] = await Promise.all([s.page.waitForEvent('download'), exportButton.click()]);
    assert.equal(download.suggestedFilename(), 'diag-innovation-croissance-v2.json');
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.version, 2);
    assert.equal(exported.title, NEW_TITLE);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.context.close();
  }

  // --- Claire's next diagnosis runs version 2 ---
  const c = await openApp(browser, server.url, 'tablet', '/');
  try {
    await signIn(c.page, 'claire');
    await c.page.getByRole('link', { name: /^À jour/ }).waitFor({ timeout: 30000 });
    assert.equal(await queryNumber(c.page, "SELECT count(*) FROM questionnaire_templates WHERE version = 2"), 1);
    await c.page.goto(server.url + `/companies/${company}/diagnosis/new`);
    const start = button(c.page, `Commencer${SP}: ${NEW_TITLE}`);
    await reveal(c.page, start, 'tablet');
    assert.equal(await button(c.page, `Commencer${SP}: ${TITLE}`).count(), 0, 'only the newest version is offered');
    await start.tap();
    await c.page.waitForURL(/\/diagnosis\/[0-9a-f]{32}$/);
    assert.equal(await queryNumber(c.page, `SELECT template_version FROM questionnaire_responses WHERE company_id = '${company}'`), 2);
    assert.deepEqual(c.errors, []);
  } finally {
    await c.context.close();
  }
});
