// Browser end-to-end test of the diagnosis at the SME (issue 5), at tablet
// and phone sizes, driven by role and name through the accessibility mirror.
// The server holds a small demo network (members with expertise, services,
// companies): claire opens a company, starts a diagnosis, answers, goes
// offline and reloads in the middle (the run resumes where it was), finishes,
// reads the theme scores as text, refers the company to a recommended member
// (saved on the device), then runs it again and compares before / after.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  startServer, launchBrowser, openApp, press, signIn, touchDrag, waitIdle, waitStarted, ARTIFACTS, SERVER_BIN, VIEWPORTS,
  SEED_OPTIONS,
} from './harness.mjs';
import { TEMPLATE, visible } from './questionnaire.mjs';

const DASH = ' \u2014 ';
const NBSP = '\u00a0';
// Playwright matches a RegExp against the normalised name: no-break spaces are spaces there.
const SP = '\\s';

// What the owner answers (question id -> option index, scale value or number
// as typed); optional questions left out are skipped, as at a real visit.
const FIRST = {
  effectif: '12', innovation_recente: 0, rd_budget: '0', rd_equipe: 0, veille: 2,
  pi_titres: 4, pi_liberte: 0, pi_confidentialite: 0,
  export_actuel: 1, export_projet: 1, export_langues: 2,
  num_outils: 0, num_vente_en_ligne: 0, num_cyber: 1, num_maturite: 2,
  fin_previsionnel: 0, fin_fonds_propres: 0, fin_partenaires: 3, rh_recrutement: 0, rh_competences: 2,
  rh_organisation: 0,
};
// A year later: innovation has moved on.
const SECOND = { ...FIRST, innovation_recente: 2, rd_equipe: 3, veille: 5 };


// Pages as the app makes them: a question each on a phone, a section each elsewhere.
function pages(answers, phone) {
  const v = visible(answers);
  if (phone) return v.map((q) => [q]);
  const out = [];
  for (const q of v) {
    if (!out.length || out[out.length - 1][0].section !== q.section) out.push([]);
    out[out.length - 1].push(q);
  }
  return out;
}

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
const status = (page, name) => page.getByRole('status', { name, exact: true }).first();
const button = (page, name) => page.getByRole('button', { name, exact: true });

function control(page, q, value) {
  if (q.type === 'single_choice') return page.getByRole('radio', { name: q.label + DASH + q.options[value].label, exact: true });
  if (q.type === 'multiple_choice') return page.getByRole('checkbox', { name: q.label + DASH + q.options[value].label, exact: true });
  if (q.type === 'scale') return page.getByRole('radio', { name: `${q.label}${DASH}${value} sur ${q.scale.max}`, exact: true });
  return page.getByRole('textbox', { name: q.label + (q.required ? '' : ' (facultatif)'), exact: true });
}

// Brings a control into view: the questions pane scrolls like a finger or a wheel would.
async function reveal(page, kind, locator) {
  await locator.first().waitFor({ timeout: 1500 }).catch(() => {});  // the next frame may bring it
  for (let i = 0; i < 20 && !(await locator.count()); i++) {
    if (VIEWPORTS[kind].hasTouch) await touchDrag(page, VIEWPORTS[kind].viewport.width / 2 + 100, 500, -220);
    else { await page.mouse.move(800, 450); await page.mouse.wheel(0, 220); }
    await page.waitForTimeout(300);
  }
  assert.ok(await locator.count(), 'not found: ' + locator);
}

async function answer(page, kind, q, value) {
  const c = control(page, q, value);
  await reveal(page, kind, c);
  if (q.type === 'number') await c.fill(String(value));
  else await press(c, kind);
  await page.waitForTimeout(250);
}

// Answers pages [from, to) of the plan, pressing "Suivant" after each.
async function answerPages(page, kind, plan, from, to) {
  const phone = kind === 'phone';
  const given = {};
  for (const [id, v] of Object.entries(plan)) given[id] = v;
  const all = pages(given, phone);
  for (let p = from; p < to; p++) {
    for (const q of all[p]) if (q.id in plan) await answer(page, kind, q, plan[q.id]);
    if (p + 1 < all.length) {
      await press(button(page, 'Suivant'), kind);
      await page.waitForTimeout(250);
    }
  }
  return all.length;
}

// The sync status line is a link too: company rows are the other links.
const SYNC_LINK = /^(À jour|Synchronis|Jamais synchronisé|\d+ en attente|\d+ conflit|\d+ refusée|Session expirée)/;

async function openSomeCompany(page, kind) {
  // The first sync brings the demo network down: wait for it to end.
  await page.getByRole('link', { name: 'Synchronisation…' }).waitFor({ state: 'detached', timeout: 240000 });
  for (let i = 0; i < 120; i++) {
    const names = await page.getByRole('link').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent));
    const at = names.findIndex((n) => n && !SYNC_LINK.test(n.trim()));
    if (at >= 0) {
      await press(page.getByRole('link').nth(at), kind);
      break;
    }
    await page.waitForTimeout(1000);
  }
  await page.waitForURL(/\/companies\/[0-9a-f]{32}$/);
  return { path: new URL(page.url()).pathname };
}

async function startDiagnosis(page, kind) {
  await press(button(page, 'Lancer un diagnostic'), kind);
  await page.waitForURL('**/diagnosis/new');
  await press(button(page, `Commencer${NBSP}: ${TEMPLATE.title}`), kind);
  await page.waitForURL(/\/diagnosis\/[0-9a-f]{32}$/);
  return new URL(page.url()).pathname;
}

async function finish(page, kind) {
  await press(button(page, 'Terminer le diagnostic'), kind);
  await page.waitForURL(/\/diagnosis\/[0-9a-f]{32}\/result$/);
}

// Tablet and phone by default; RELAIS_DIAG_KINDS=desktop (or a list) for the desktop screenshots.
for (const kind of (process.env.RELAIS_DIAG_KINDS || 'tablet,phone').split(',')) {
  describe(kind, () => {
    let server, ctx, data;
    before(async () => {
      // A small demo network (about 10 s to generate): members with
      // expertise and services for the recommendations.
      data = mkdtempSync(path.join(tmpdir(), 'relais-diag-'));
      const r = spawnSync(SERVER_BIN, ['--data', data, '--seed-demo-data', '--demo-scale', '0.01', '--password-cost', 'min'],
        SEED_OPTIONS);
      if (r.status !== 0) throw new Error('seeding failed: ' + r.stderr);
      server = await startServer({ args: ['--data', data] });
      ctx = await openApp(browser, server.url, kind, '/');
    });
    after(async () => {
      await ctx?.context.close();
      await server?.stop();
      if (data) rmSync(data, { recursive: true, force: true });
    });

    test('run a diagnosis, pause offline with a reload, result, referral, compare', { timeout: 600000 }, async () => {
      const { page, context, errors } = ctx;
      const phone = kind === 'phone';
      await signIn(page, 'claire');
      await page.waitForURL('**/companies');
      const company = await openSomeCompany(page, kind);

      // First run: half of it, then no signal and a reload.
      const runPath = await startDiagnosis(page, kind);
      // Stop after the innovation part (phone: before the first IP question).
      const half = phone ? visible(FIRST).findIndex((q) => q.id === 'pi_titres') : 2;
      await answerPages(page, kind, FIRST, 0, half);
      await status(page, 'Enregistré sur cet appareil').waitFor({ timeout: 10000 });
      await shot(page, `diagnosis-run-${kind}`);
      await context.setOffline(true);
      await page.reload();
      await waitStarted(page);
      assert.ok(page.url().endsWith(runPath), 'the reload stays on the run');
      // Resumed where it was: the page after the last answer.
      const given = Object.fromEntries(pages(FIRST, phone).slice(0, half).flat()
        .filter((q) => q.id in FIRST).map((q) => [q.id, FIRST[q.id]]));
      const total = pages(given, phone).length;
      await status(page, `${phone ? 'Question' : 'Partie'} ${half + 1} sur ${total}`).waitFor({ timeout: 15000 });
      const n = await answerPages(page, kind, FIRST, half, pages(FIRST, phone).length);
      assert.ok(n > half);
      await shot(page, `diagnosis-run-end-${kind}`);
      await finish(page, kind);

      // The result: every theme's exact value as text, the bands, recommendations.
      await status(page, new RegExp(`^Innovation${SP}: \\d+${SP}/${SP}100, (Besoin prioritaire|À consolider|Point fort)$`))
        .waitFor({ timeout: 10000 });
      await status(page, new RegExp(`^Score global${SP}: \\d+${SP}/${SP}100$`)).waitFor();
      await shot(page, `diagnosis-result-${kind}`);
      for (const th of TEMPLATE.themes)
        await reveal(page, kind, page.getByRole('status', { name: new RegExp(`^${th.label}${SP}: (\\d+${SP}/${SP}100, .+|non évalué)$`) }));
      const refer = page.getByRole('button', { name: new RegExp(`^Proposer une orientation${SP}: `) }).first();
      await reveal(page, kind, refer);
      await press(refer, kind);
      await status(page, 'Orientation enregistrée sur cet appareil').waitFor({ timeout: 10000 });
      await shot(page, `diagnosis-referral-${kind}`);

      // A year later, the same template again: before / after per theme.
      await context.setOffline(false);
      await page.goto(server.url + company.path);
      await waitStarted(page);
      await startDiagnosis(page, kind);
      await answerPages(page, kind, SECOND, 0, pages(SECOND, phone).length);
      await finish(page, kind);
      const innovation = page.getByRole('status', { name: new RegExp(`^Innovation${SP}: avant \\d+${SP}/${SP}100, après \\d+${SP}/${SP}100 \\(\\+\\d+\\)$`) });
      await reveal(page, kind, innovation);
      await shot(page, `diagnosis-compare-${kind}`);
      assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
    });
  });
}

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });
