// University management by office staff (issue 6), desktop 1280x800, driven
// by role and name through the accessibility mirror against the real server:
// Sophie (office staff) creates a course and a one-seat session; Léa and Tom
// (trainees) register, one after the other: the server confirms Léa and puts
// Tom on the waiting list. Sophie sees one confirmed and one waiting, raises
// the seats to 2; after the sync the server has promoted Tom, which Sophie's
// roster and Tom's own device show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, launchBrowser, openApp, press, signIn, startServer, waitIdle } from './harness.mjs';

const KIND = 'desktop';
const COURSE = 'Négocier avec les collectivités locales';
const SP = '\u00a0';  // before a French colon

let browser, server;
before(async () => {
  server = await startServer({ seed: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const realErrors = (errors) => errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e));
const button = (page, name) => page.getByRole('button', { name, exact: true });
const status = (page, name) => page.getByRole('status', { name, exact: true });
const text = (page, t) => page.getByText(t, { exact: true });
const shot = async (page, name) => {
  await waitIdle(page);
  await page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
};

// Only what is in view is in the mirror: wheel down (then up) until it is.
async function wheelTo(page, locator) {
  for (const dy of [300, -300]) {
    for (let i = 0; i < 25 && !(await locator.count()); i++) {
      await page.mouse.move(700, 450);
      await page.mouse.wheel(0, dy);
      await page.waitForTimeout(120);
    }
    if (await locator.count()) break;
  }
  await locator.first().waitFor({ timeout: 2000 });
}

async function fill(page, label, value) {
  const field = page.getByRole('textbox', { name: label, exact: true });
  await wheelTo(page, field);
  await field.click();
  await field.fill(value);
}

// Presses "Synchroniser" until `locator` shows (the server decides at the push).
async function syncUntil(page, locator, tries = 8) {
  for (let i = 0; ; i++) {
    await press(page.getByRole('button', { name: 'Synchroniser' }), KIND);
    try {
      await wheelTo(page, locator);
      return;
    } catch (e) {
      if (i >= tries) throw e;
      await page.waitForTimeout(500);
    }
  }
}

// dd/mm/yyyy, `days` from today.
function dayFromNow(days) {
  const d = new Date(Date.now() + days * 86400000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

async function traineeRegisters(login) {
  const s = await openApp(browser, server.url, KIND);
  await signIn(s.page, login);
  await s.page.waitForURL('**/universite');
  const search = s.page.getByRole('textbox', { name: 'Rechercher une formation' });
  await search.click();
  await search.fill('collectivités');
  // The course came with the first sync; the search finds it once indexed.
  const open = button(s.page, `Voir la formation${SP}: ${COURSE}`);
  await syncUntil(s.page, open);
  await press(open, KIND);
  await s.page.waitForURL(/\/universite\/cours\/[0-9a-f]{32}$/);
  try {
    await press(s.page.getByRole('button', { name: /^S'inscrire\s: / }).first(), KIND);
  } catch (e) {
    await s.page.screenshot({ path: path.join(ARTIFACTS, `university-admin-failure-${login}.png`) });
    throw e;
  }
  await status(s.page, 'En attente').or(status(s.page, 'Confirmée')).or(status(s.page, "Liste d'attente")).first().waitFor();
  return s;
}

test('desktop: staff create a course and a one-seat session; raising the seats promotes the waiting list', async () => {
  const t0 = Date.now();
  const staff = await openApp(browser, server.url, KIND);
  const people = [staff];
  const { page } = staff;
  try {
    await signIn(page, 'sophie');
    await press(page.getByRole('tab', { name: 'Gestion de l’Université' }), KIND);
    await page.waitForURL('**/office/universite');
    await press(button(page, 'Nouvelle formation'), KIND);
    await page.waitForURL('**/office/universite/cours/new');
    await press(button(page, 'Créer la formation'), KIND);
    await status(page, 'Donnez un titre à la formation.').waitFor();
    await fill(page, 'Titre', COURSE);
    await fill(page, 'Thème', 'partenariats publics');
    await wheelTo(page, page.getByRole('radio', { name: 'Atelier', exact: true }));
    await press(page.getByRole('radio', { name: 'Atelier', exact: true }), KIND);
    await fill(page, 'Durée', '3 h');
    await fill(page, 'Description', 'Comprendre les compétences des collectivités et bâtir un partenariat.');
    await wheelTo(page, button(page, 'Créer la formation'));
    await press(button(page, 'Créer la formation'), KIND);
    await page.waitForURL(/\/office\/universite\/cours\/[0-9a-f]{32}$/);

    await wheelTo(page, button(page, 'Nouvelle session'));
    await press(button(page, 'Nouvelle session'), KIND);
    await page.waitForURL(/\/office\/universite\/cours\/[0-9a-f]{32}\/session\/new$/);
    await fill(page, 'Date (jj/mm/aaaa)', dayFromNow(20));
    await fill(page, 'Début (heure de Paris)', '9 h 30');
    await fill(page, 'Fin (heure de Paris)', '12 h 30');
    await fill(page, 'Lieu', 'Blois, Hôtel d’agglomération');
    await fill(page, 'Formateur ou formatrice', 'Sophie Durand');
    await fill(page, 'Places', '1');
    await wheelTo(page, button(page, 'Créer la session'));
    await press(button(page, 'Créer la session'), KIND);
    await page.waitForURL(/\/office\/universite\/session\/[0-9a-f]{32}$/);
    const sessionUrl = page.url();
    await status(page, 'Session enregistrée sur cet appareil ; elle part à la prochaine synchronisation.')
      .or(status(page, 'Synchronisé')).first().waitFor();
    await syncUntil(page, status(page, 'Synchronisé'));
    await shot(page, 'university-admin-session-new-desktop');

    // Léa first, then Tom: one seat, so Tom waits.
    const lea = await traineeRegisters('lea');
    people.push(lea);
    await syncUntil(lea.page, status(lea.page, 'Confirmée'));
    const tom = await traineeRegisters('tom');
    people.push(tom);
    await syncUntil(tom.page, status(tom.page, "Liste d'attente"));

    // Sophie sees one confirmed and one waiting, in the server's order.
    await syncUntil(page, text(page, 'Liste d’attente (1)'));
    await wheelTo(page, text(page, 'Confirmées (1)'));
    await wheelTo(page, text(page, 'Rang 1 · Tom Leroy'));
    await wheelTo(page, text(page, 'Léa Bernard'));
    await shot(page, 'university-admin-roster-desktop');

    // Two seats: saved on the device, then the server promotes Tom.
    await fill(page, 'Places', '2');
    await press(button(page, 'Enregistrer la session'), KIND);
    await syncUntil(page, text(page, 'Confirmées (2)'));
    await wheelTo(page, text(page, 'Liste d’attente (0)'));
    await wheelTo(page, text(page, 'Tom Leroy'));
    assert.equal(page.url(), sessionUrl);
    await shot(page, 'university-admin-promoted-desktop');

    // Tom's own device says so after its next sync.
    await syncUntil(tom.page, status(tom.page, 'Confirmée'));
    await tom.page.getByRole('status', { name: /^Une place s.est libérée/ }).first().waitFor();

    // The course list counts the session's seats.
    await press(page.getByRole('tab', { name: 'Gestion de l’Université' }), KIND);
    await fill(page, 'Rechercher une formation', 'collectivités');
    await wheelTo(page, page.getByText(/^1 session à venir · 2 \/ 2 places occupées · prochaine/));
    await shot(page, 'university-admin-list-desktop');

    for (const p of people) assert.deepEqual(realErrors(p.errors), []);
    console.log(`university admin flow: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    for (const [i, p] of people.entries()) await p.page.screenshot({ path: path.join(ARTIFACTS, `university-admin-failure-${i}.png`) }).catch(() => {});
    throw e;
  } finally {
    for (const p of people) await p.context.close();
  }
});
