// Browser end-to-end tests of the Economic Developers' University (issue 6),
// on a phone, driven by role and name through the accessibility mirror:
// - Léa (trainee) lands on the catalogue, registers offline for a session
//   and sees "En attente"; back online the server's decision ("Confirmée")
//   shows; the session's .ics downloads and parses (Europe/Paris, the title).
// - Three trainees compete for the two seats of a session: exactly two are
//   confirmed and one waitlisted; a cancellation promotes the waitlisted one,
//   who sees it after a sync.
// The server is seeded with --seed-demo-users: its "Premiers pas à l'export
// en Allemagne" course has a 12-seat session in two weeks and a 2-seat one in
// three weeks (sync-server/users_cli.cpp).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, openApp, press, signIn, waitIdle, ARTIFACTS } from './harness.mjs';

const COURSE = "Premiers pas à l'export en Allemagne";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// Offline requests fail in the console by design; nothing else may.
const realErrors = (errors) => errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e));
const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
const status = (page, name) => page.getByRole('status', { name, exact: true });
const button = (page, name) => page.getByRole('button', { name, exact: true });
// Buttons of one session carry "label : course, day" as accessible name.
const sessionButtons = (page, label) => page.getByRole('button', { name: new RegExp('^' + label.replace(/[().]/g, '\\$&') + '\\s:') });

// RFC 5545 as a calendar app reads it: unfold lines, then NAME;PARAMS:VALUE.
function parseIcs(text) {
  assert.ok(text.includes('\r\n'), 'CRLF line ends');
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l);
  const props = lines.map((l) => {
    const colon = l.indexOf(':');
    const [name, ...params] = l.slice(0, colon).split(';');
    return { name, params, value: l.slice(colon + 1) };
  });
  const unescape = (v) => v.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');
  return { lines, props, get: (name) => props.filter((p) => p.name === name), unescape };
}

async function openCourse(page, kind) {
  await page.getByRole('textbox', { name: 'Rechercher une formation' }).fill('Allemagne');
  await press(button(page, `Voir la formation\u00a0: ${COURSE}`), kind);
  await page.waitForURL(/\/universite\/cours\/[0-9a-f]{32}$/);
}

async function trainee(login, kind = 'phone') {
  const s = await openApp(browser, globalThis.server.url, kind);
  await signIn(s.page, login);
  await s.page.waitForURL('**/universite');  // trainees land on the University
  return s;
}

test('phone: a trainee registers offline (pending), sees the decision online, downloads the .ics', async () => {
  globalThis.server = await startServer({ seed: true });
  const { context, page, errors } = await trainee('lea');
  try {
    await page.getByRole('tab', { name: 'Mon planning' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Entreprises' }).count(), 0, 'no company screens for trainees');
    await shot(page, 'university-catalogue-phone');
    await openCourse(page, 'phone');

    await context.setOffline(true);
    await press(sessionButtons(page, "S'inscrire").first(), 'phone');
    await status(page, 'En attente').waitFor();
    await waitIdle(page);
    await shot(page, 'university-pending-offline-phone');

    await context.setOffline(false);  // the online event syncs by itself
    await status(page, 'Confirmée').waitFor({ timeout: 20000 });
    await waitIdle(page);
    await shot(page, 'university-confirmed-phone');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      press(sessionButtons(page, 'Ajouter à mon agenda (.ics)').first(), 'phone'),
    ]);
    assert.match(download.suggestedFilename(), /^session-[0-9a-f]{32}\.ics$/);
    const ics = parseIcs(readFileSync(await download.path(), 'utf8'));
    assert.equal(ics.lines[0], 'BEGIN:VCALENDAR');
    assert.equal(ics.lines.at(-1), 'END:VCALENDAR');
    assert.equal(ics.get('TZID')[0].value, 'Europe/Paris');
    const start = ics.get('DTSTART').find((p) => p.params.includes('TZID=Europe/Paris'));
    assert.ok(start, 'DTSTART;TZID=Europe/Paris');
    assert.match(start.value, /^\d{8}T093000$/, 'the session starts at 09:30 in Paris');
    assert.equal(ics.unescape(ics.get('SUMMARY')[0].value), COURSE);

    // Mon planning: the session, next first, confirmed.
    await press(page.getByRole('tab', { name: 'Mon planning' }), 'phone');
    await page.waitForURL('**/universite/planning');
    await status(page, 'Confirmée').waitFor();
    await press(button(page, "S'abonner à mon agenda"), 'phone');
    const feed = page.getByRole('textbox', { name: 'Adresse d’abonnement' }).or(page.getByRole('textbox', { name: "Adresse d'abonnement" }));
    await feed.waitFor({ timeout: 15000 });
    const url = await feed.inputValue();
    assert.match(url, /\/calendrier\/flux\/[0-9a-f]{32}\.[0-9a-f]{64}\.ics$/);
    const body = await (await fetch(url)).text();
    assert.ok(body.includes('SUMMARY:' + COURSE.replace(/,/g, '\\,')), 'the feed lists the session');
    await waitIdle(page);
    await shot(page, 'university-schedule-phone');
    assert.deepEqual(realErrors(errors), []);
  } finally {
    await context.close();
    await globalThis.server.stop();
  }
});

test('phone and desktop: three trainees compete for two seats; a cancellation promotes the waitlisted one', async () => {
  globalThis.server = await startServer({ seed: true });
  const people = [];
  try {
    // Léa on a phone; Tom and Inès at desktop size, which costs the loaded
    // test machine far less to draw (three phone pages at DPR 3 starve it).
    for (const [login, kind] of [['lea', 'phone'], ['tom', 'desktop'], ['ines', 'desktop']]) {
      const s = await trainee(login, kind);
      await openCourse(s.page, kind);
      await s.context.setOffline(true);
      // The second session (in three weeks) has 2 seats.
      await press(sessionButtons(s.page, "S'inscrire").nth(1), kind);
      await status(s.page, 'En attente').waitFor();
      people.push({ login, kind, ...s });
    }
    // All three back online at once: the server decides in arrival order.
    await Promise.all(people.map((p) => p.context.setOffline(false)));
    // Each device syncs by itself on the online event; on a loaded machine
    // that can take a while, so "Synchroniser" is pressed too if it lingers.
    const decided = async (p) => {
      const confirmed = status(p.page, 'Confirmée'), waiting = status(p.page, "Liste d'attente");
      for (let i = 0; ; i++) {
        try {
          await confirmed.or(waiting).waitFor({ timeout: 15000 });
          break;
        } catch (e) {
          if (i >= 5) throw e;
          await press(p.page.getByRole('button', { name: 'Synchroniser' }), p.kind);
        }
      }
      return (await confirmed.count()) > 0 ? 'confirmed' : 'waitlisted';
    };
    const outcomes = await Promise.all(people.map(decided));
    assert.deepEqual([...outcomes].sort(), ['confirmed', 'confirmed', 'waitlisted'], outcomes.join(', '));
    const waiting = people[outcomes.indexOf('waitlisted')];
    await waitIdle(waiting.page);
    await shot(waiting.page, `university-waitlisted-${waiting.kind}`);

    // One of the confirmed gives the seat back; the waitlisted one syncs.
    const leaving = people[outcomes.indexOf('confirmed')];
    await press(sessionButtons(leaving.page, "Annuler l'inscription").first(), leaving.kind);
    await sessionButtons(leaving.page, "S'inscrire").nth(1).waitFor();
    // The cancellation goes out with the leaving device's next sync; the
    // waitlisted one pulls with "Synchroniser" until the promotion arrives.
    for (let i = 0; ; i++) {
      await press(waiting.page.getByRole('button', { name: 'Synchroniser' }), waiting.kind);
      try {
        await status(waiting.page, 'Confirmée').waitFor({ timeout: 3000 });
        break;
      } catch (e) {
        if (i >= 8) throw e;
      }
    }
    await status(waiting.page, 'Une place s’est libérée : vous passez de la liste d’attente à une inscription confirmée.')
      .or(waiting.page.getByRole('status', { name: /^Une place s.est libérée/ })).first().waitFor();
    await waitIdle(waiting.page);
    await shot(waiting.page, `university-promoted-${waiting.kind}`);
    for (const p of people) assert.deepEqual(realErrors(p.errors), [], p.login);
  } catch (e) {
    for (const p of people) await shot(p.page, `university-failure-${p.login}`).catch(() => {});
    throw e;
  } finally {
    for (const p of people) await p.context.close();
    await globalThis.server.stop();
  }
});

test('desktop and tablet: an advisor reaches the University from the navigation', async () => {
  globalThis.server = await startServer({ seed: true });
  for (const kind of ['desktop', 'tablet']) {
    const { context, page, errors } = await openApp(browser, globalThis.server.url, kind);
    try {
      await signIn(page, 'claire');
      await press(page.getByRole('tab', { name: 'Université' }), kind);
      await page.waitForURL('**/universite');
      await openCourse(page, kind);
      await sessionButtons(page, "S'inscrire").first().waitFor();
      await waitIdle(page);
      await shot(page, `university-course-${kind}`);
      await press(page.getByRole('tab', { name: 'Université' }), kind);
      await press(page.getByRole('tab', { name: 'Agenda' }), kind);
      await waitIdle(page);
      await shot(page, `university-agenda-${kind}`);
      assert.deepEqual(realErrors(errors), []);
    } finally {
      await context.close();
    }
  }
  await globalThis.server.stop();
});
