// Browser end-to-end tests of the web client platform (issue: platform):
// first frame, crisp canvas, text input through the DOM bridge, buttons by
// role, idle, offline reload, back button, taps and drags — on a phone, a
// tablet and a desktop.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startServer, launchBrowser, openApp, press, touchDrag, waitIdle, waitStarted, VIEWPORTS, ARTIFACTS,
} from './harness.mjs';

const TYPED = 'Crème brûlée — « œuvre » 12,50 €';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const kind of Object.keys(VIEWPORTS)) {
  describe(kind, () => {
    let ctx;
    before(async () => { ctx = await openApp(browser, server.url, kind, '/settings'); });
    after(async () => { await ctx?.context.close(); });

    test('first frame is drawn without console errors, canvas backing store is CSS size x DPR', async () => {
      const { page, errors } = ctx;
      const m = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        const r = c.getBoundingClientRect();
        return { w: c.width, h: c.height, cw: r.width, ch: r.height, dpr: window.devicePixelRatio };
      });
      assert.equal(m.dpr, VIEWPORTS[kind].deviceScaleFactor);
      assert.equal(m.w, Math.round(m.cw * m.dpr));
      assert.equal(m.h, Math.round(m.ch * m.dpr));
      assert.equal(m.cw, VIEWPORTS[kind].viewport.width);
      assert.deepEqual(errors, []);
      await page.screenshot({ path: path.join(ARTIFACTS, `settings-${kind}.png`) });
    });

    test('touch targets are at least 44 CSS px tall on touch screens', async () => {
      if (!VIEWPORTS[kind].hasTouch) return;
      const heights = await ctx.page.$$eval('#a11y > :not([role=status]):not([role=paragraph])', (els) => els.map((e) => e.getBoundingClientRect().height));
      assert.ok(heights.length > 3);
      for (const h of heights) assert.ok(h >= 44, `item only ${h}px tall`);
    });

    test('text typed with keyboard events arrives byte for byte in the ImGui field', async () => {
      const { page } = ctx;
      const field = page.getByRole('textbox', { name: 'Adresse du serveur' });
      await press(field, kind);
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(TYPED);
      assert.equal(await page.evaluate(() => window.relais.field('Adresse du serveur')), TYPED);
      // Input events alone (as phones' keyboards and IMEs send them) arrive too.
      await page.keyboard.insertText(' œ');
      assert.equal(await page.evaluate(() => window.relais.field('Adresse du serveur')), TYPED + ' œ');
      // Backspace edits in the app as well.
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      assert.equal(await page.evaluate(() => window.relais.field('Adresse du serveur')), TYPED);
    });

    test('a button found by role has its effect; the setting survives a reload', async () => {
      const { page } = ctx;
      const field = page.getByRole('textbox', { name: 'Adresse du serveur' });
      await field.fill('https://relais.example.org');
      await press(page.getByRole('button', { name: 'Enregistrer' }), kind);
      assert.equal(await page.evaluate(() => localStorage.getItem('relais.server')), 'https://relais.example.org');
      await press(page.getByRole('radio', { name: 'English' }), kind);
      await page.getByRole('tab', { name: 'Settings' }).waitFor();
      assert.equal(await page.getByRole('radio', { name: 'English' }).getAttribute('aria-checked'), 'true');
      await page.reload();
      await waitStarted(page);
      assert.equal(await page.evaluate(() => window.relais.field('Server address')), 'https://relais.example.org');
      await press(page.getByRole('radio', { name: 'Français' }), kind);
      await page.getByRole('tab', { name: 'Réglages' }).waitFor();
    });

    test('five taps on a button are exactly five activations', async () => {
      const { page } = ctx;
      const tab = page.getByRole('tab', { name: 'Réglages' });
      const before = await page.evaluate(() => window.relais.activations('Réglages'));
      for (let i = 0; i < 5; i++) await press(tab, kind);
      await waitIdle(page);
      assert.equal(await page.evaluate(() => window.relais.activations('Réglages')) - before, 5);
    });

    test('the app stops drawing when idle (at most 1 frame per second)', async () => {
      const { page } = ctx;
      await waitIdle(page);
      const f0 = await page.evaluate(() => window.relais.frames());
      await page.waitForTimeout(3000);
      const f1 = await page.evaluate(() => window.relais.frames());
      assert.ok(f1 - f0 <= 3, `${f1 - f0} frames in 3 s while idle`);
    });

    test('moving between screens pushes history; the back button returns', async () => {
      const { page } = ctx;
      await press(page.getByRole('tab', { name: 'À propos' }), kind);
      await page.waitForURL('**/about');
      assert.equal(await page.getByRole('tab', { name: 'À propos' }).getAttribute('aria-selected'), 'true');
      await page.screenshot({ path: path.join(ARTIFACTS, `about-${kind}.png`) });
      await page.goBack();
      await page.waitForURL('**/settings');
      await page.getByRole('textbox', { name: 'Adresse du serveur' }).waitFor();
      assert.equal(await page.getByRole('tab', { name: 'Réglages' }).getAttribute('aria-selected'), 'true');
    });

    test('a drag scrolls the content without activating what it started on', async () => {
      const { page } = ctx;
      await press(page.getByRole('tab', { name: 'À propos' }), kind);
      const name = 'Afficher la licence : SQLite 3.46';
      const button = page.getByRole('button', { name });
      await button.waitFor();
      const box0 = await button.boundingBox();
      if (VIEWPORTS[kind].hasTouch) {
        await touchDrag(page, box0.x + box0.width / 2, box0.y + box0.height / 2, -200);
      } else {
        await page.mouse.move(box0.x + box0.width / 2, box0.y + box0.height / 2);
        await page.mouse.wheel(0, 200);
      }
      await waitIdle(page);
      const box1 = await button.boundingBox();
      assert.equal(await page.evaluate((n) => window.relais.activations(n), name), 0);
      assert.ok(box1 === null || box0.y - box1.y >= 150, `moved ${box1 && box0.y - box1.y}px`);
      await page.goBack();
    });

    test('a screen reader or keyboard activates the mirrored items', async () => {
      const { page } = ctx;
      await page.getByRole('tab', { name: 'À propos' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL('**/about');
      await page.goBack();
      await page.waitForURL('**/settings');
    });

    test('long press and pinch belong to the app: no page zoom, selection or context menu', async () => {
      const { page } = ctx;
      const r = await page.evaluate(() => {
        const ev = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
        document.getElementById('canvas').dispatchEvent(ev);
        return {
          menuPrevented: ev.defaultPrevented,
          touchAction: getComputedStyle(document.body).touchAction,
          userSelect: getComputedStyle(document.body).userSelect,
          viewport: document.querySelector('meta[name=viewport]').content,
        };
      });
      assert.ok(r.menuPrevented);
      assert.equal(r.touchAction, 'none');
      assert.equal(r.userSelect, 'none');
      assert.match(r.viewport, /user-scalable=no/);
    });

    test('after one online visit, a reload with the network off starts the app', async () => {
      const { page, context } = ctx;
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.waitForFunction(() => !!navigator.serviceWorker.controller);
      await context.setOffline(true);
      try {
        await page.reload();
        await waitStarted(page);
        await page.getByRole('textbox', { name: 'Adresse du serveur' }).waitFor();
        await page.screenshot({ path: path.join(ARTIFACTS, `offline-${kind}.png`) });
      } finally {
        await context.setOffline(false);
      }
    });
  });
}

describe('phone details', () => {
  let ctx;
  before(async () => { ctx = await openApp(browser, server.url, 'phone', '/settings'); });
  after(async () => { await ctx?.context.close(); });

  test('IME composition (dead keys, accents) reaches the field', async () => {
    const { page } = ctx;
    const field = page.getByRole('textbox', { name: 'Adresse du serveur' });
    await field.tap();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    const cdp = await page.context().newCDPSession(page);
    // "ê" typed as a dead key then a letter, "œ" through a composition.
    await cdp.send('Input.imeSetComposition', { text: '^', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: 'ê', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: 'ê' });
    await cdp.send('Input.imeSetComposition', { text: 'oe', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: 'œ' });
    await cdp.detach();
    assert.equal(await page.evaluate(() => window.relais.field('Adresse du serveur')), 'êœ');
  });

  test('copy goes to the system clipboard; paste from it reaches the field', async () => {
    const { page, context } = ctx;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const copy = page.getByRole('button', { name: 'Copier les informations techniques' });
    // The button is below the fold on a phone: scroll the content to it.
    for (let i = 0; i < 5 && !(await copy.count()); i++) {
      await touchDrag(page, 200, 600, -300);
      await waitIdle(page);
    }
    await copy.tap();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^Relais 0\.1\.0/);
    assert.match(copied, /devicePixelRatio 3\.00/);

    await page.evaluate(() => navigator.clipboard.writeText('Œuvre « collée »'));
    for (let i = 0; i < 5; i++) { await touchDrag(page, 200, 300, 300); await waitIdle(page); }
    const field = page.getByRole('textbox', { name: 'Adresse du serveur' });
    await field.tap();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    assert.equal(await page.evaluate(() => window.relais.field('Adresse du serveur')), 'Œuvre « collée »');
  });

  test('turning the phone re-lays out crisply: side navigation in landscape', async () => {
    const { page } = ctx;
    await page.setViewportSize({ width: 844, height: 390 });
    await page.waitForFunction(() => document.getElementById('canvas').width === 844 * 3);
    await waitIdle(page);
    const tab = await page.getByRole('tab', { name: 'À propos' }).boundingBox();
    assert.ok(tab.x < 240 && tab.y < 200, `tab at ${tab.x},${tab.y}`);
    const h = await page.evaluate(() => document.getElementById('canvas').height);
    assert.equal(h, 390 * 3);
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-phone-landscape.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => document.getElementById('canvas').width === 390 * 3);
  });
});
