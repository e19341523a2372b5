// Browser end-to-end tests of the local database's persistence (issue: data
// core, "persistence in the browser"): durable commits across a tab close, a
// browser crash and a restart; bytes written proportional to the change on a
// 50 MB database; two tabs with one writer; a full disk; a corrupt database;
// the chunked layout (shell/storage.js): a version 1 database (one record per
// page) migrates, compaction gives back identical data and survives a tab
// closed or the browser killed in the middle of it.
// Real server, real Chromium, real IndexedDB: nothing is mocked.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, launchBrowser, waitStarted } from './harness.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The flags of harness.mjs's launchBrowser (WebGL2 through SwiftShader, no
// background traffic), for the launches that need a profile on disk.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
const MB = 1024 * 1024;

// --- helpers (the hooks are shell/storage.js's RelaisStorage and the
// relais_test_* functions of src/platform/storage/local_db.cpp)
const addNote = (page, text) =>
  page.evaluate((t) => window.Module.ccall('relais_test_add_note', 'number', ['string'], [t]), text);
const countNotes = (page) => page.evaluate(() => window.Module._relais_test_count_notes());
const storageState = (page) => page.evaluate(() => window.RelaisStorage.state());
const storageStats = (page) => page.evaluate(() => window.RelaisStorage.stats());
const waitDurable = (page, seq, timeout = 30000) =>
  page.waitForFunction((s) => window.RelaisStorage.state().lastDurable >= s, seq, { timeout });
const waitState = (page, name, timeout = 30000) =>
  page.waitForFunction((n) => window.RelaisStorage.state().state === n, name, { timeout });
const waitAllDurable = (page, timeout = 120000) => page.waitForFunction(() => {
  const s = window.RelaisStorage.state();
  return s.lastDurable >= s.lastCommit;
}, null, { timeout, polling: 200 });
const compact = (page) => page.evaluate(() => window.RelaisStorage.compact());
// Reloads the page and waits for the app and its storage to reach `state`.
const reopen = async (page, state = 'ready') => {
  await page.reload();
  await waitStarted(page);
  await waitState(page, state);
};

// SHA-256 of the database file as the VFS holds it in memory: the exact bytes
// SQLite reads, to compare what two opens give back.
const fileDigest = (page) => page.evaluate(async () => {
  const M = window.Module, ps = window.RelaisStorage.stats().pageSize;
  const n = Math.ceil(window.RelaisStorage.state().fileSize / ps);
  const all = new Uint8Array(n * ps);
  for (let p = 1; p <= n; p++) {
    const ptr = M._relais_vfs_page(p);
    all.set(M.HEAPU8.subarray(ptr, ptr + ps), (p - 1) * ps);
  }
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return n + ':' + [...h].map((b) => b.toString(16).padStart(2, '0')).join('');
});

// Runs fn(db, arg, req) in the page on the app's IndexedDB database (opened
// without a version: never upgrades it); req turns a request into a promise.
const withIdb = (page, fn, arg) => page.evaluate(async ([src, a]) => {
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const db = await req(indexedDB.open('relais-local'));
  try { return await (0, eval)(src)(db, a, req); } finally { db.close(); }
}, ['(' + fn.toString() + ')', arg]);

// A page of the app in this context, started; uncaught errors are collected.
async function openPage(context, url) {
  const page = await context.newPage();
  page.pageErrors = [];
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  await page.goto(url);
  await waitStarted(page);
  return page;
}

// Random letters: IndexedDB compresses what it stores, a note of random text
// takes real room.
const randomText = (n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(97 + Math.floor(Math.random() * 26)) + (i % 7 === 6 ? ' ' : '');
  return s;
};

// Chromium started by hand with a profile on disk, driven over CDP, so the
// test can kill it like a crash (SIGKILL of the whole process group).
async function launchKillable(userDataDir) {
  const proc = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', 'about:blank'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const ws = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error('chromium did not start: ' + err)), 20000);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error('chromium exited ' + code + ': ' + err)); });
  });
  const browser = await chromium.connectOverCDP(ws);
  return {
    browser,
    context: browser.contexts()[0],
    crash() {
      const gone = new Promise((r) => proc.once('exit', r));
      process.kill(-proc.pid, 'SIGKILL');
      return gone;
    },
  };
}

// The database file as version 1 of storage.js stored it: one base64 string per page.
const pageImage = (page) => page.evaluate(() => {
  const M = window.Module, ps = window.RelaisStorage.stats().pageSize, s = window.RelaisStorage.state();
  const pages = [];
  for (let p = 1; p <= Math.ceil(s.fileSize / ps); p++) {
    const ptr = M._relais_vfs_page(p);
    let bin = '';
    for (const b of M.HEAPU8.subarray(ptr, ptr + ps)) bin += String.fromCharCode(b);
    pages.push(btoa(bin));
  }
  return { pageSize: ps, fileSize: s.fileSize, commitSeq: s.lastDurable, pages };
});

// Leaves the app for another page of its origin and replaces its IndexedDB
// database by a version 1 one (stores pages, meta, rescued) holding `image`.
async function writeV1(page, image) {
  await page.goto(server.url + '/manifest.webmanifest');
  await page.evaluate(async (img) => {
    const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    await req(indexedDB.deleteDatabase('relais-local'));
    const open = indexedDB.open('relais-local', 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('pages');
      db.createObjectStore('meta');
      db.createObjectStore('rescued', { autoIncrement: true });
    };
    const db = await req(open);
    const tx = db.transaction(['pages', 'meta'], 'readwrite');
    img.pages.forEach((b64, i) => {
      tx.objectStore('pages').put(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer, i + 1);
    });
    tx.objectStore('meta').put({ pageSize: img.pageSize, fileSize: img.fileSize, commitSeq: img.commitSeq }, 'db');
    await new Promise((res, rej) => { tx.oncomplete = res; tx.onabort = () => rej(tx.error); });
    db.close();
  }, image);
}

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('durability', () => {
  test('a durable note survives an immediate tab close', { timeout: 60000 }, async () => {
    const context = await browser.newContext();
    try {
      const page = await openPage(context, server.url + '/');
      assert.equal((await storageState(page)).state, 'ready');
      const seq = await addNote(page, 'Visite chez Dupont : « export » œuvre');
      assert.ok(seq > 0);
      await waitDurable(page, seq);
      await page.close();  // at once: no grace period for pending work
      const again = await openPage(context, server.url + '/');
      await waitState(again, 'ready');
      assert.equal(await countNotes(again), 1);
      assert.deepEqual(again.pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('a durable note survives a browser crash and restarts', { timeout: 120000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relais-profile-'));
    try {
      // 1. write, wait for "saved on this device", kill the browser at once.
      const first = await launchKillable(dir);
      const page = await openPage(first.context, server.url + '/');
      const seq = await addNote(page, 'Note écrite juste avant le plantage');
      await waitDurable(page, seq);
      await first.crash();
      // 2. a new browser on the same profile: the note is there; write another, close normally.
      let ctx = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: FLAGS });
      let p = await openPage(ctx, server.url + '/');
      await waitState(p, 'ready');
      assert.equal(await countNotes(p), 1);
      await waitDurable(p, await addNote(p, 'Deuxième note'));
      await ctx.close();
      // 3. and once more.
      ctx = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: FLAGS });
      p = await openPage(ctx, server.url + '/');
      await waitState(p, 'ready');
      assert.equal(await countNotes(p), 2);
      await ctx.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('proportional writes', () => {
  test('one note on a 50 MB database writes at most 64 KB', { timeout: 600000 }, async () => {
    const context = await browser.newContext();
    try {
      const page = await openPage(context, server.url + '/');
      const t0 = Date.now();
      const size = await page.evaluate((b) => window.Module._relais_test_fill(b), 50 * MB);
      assert.ok(size >= 50 * MB, `database only ${size} bytes`);
      // SQLite's pages are the VFS's (1 KB); a commit stores only its pages, as one log record.
      const sqlitePage = await page.evaluate(() =>
        window.Module.ccall('relais_test_query_number', 'number', ['string'], ['PRAGMA page_size']));
      assert.equal(sqlitePage, (await storageStats(page)).pageSize);
      await waitAllDurable(page);
      const filled = Date.now() - t0;

      // 20 notes one after the other, each stored on its own: B-tree splits
      // make some commits bigger than others, all must stay under 64 KB.
      const written = [], ms = [];
      for (let i = 0; i < 20; i++) {
        const seq = await addNote(page, `Appel de suivi n° ${i} : le dossier de prêt avance, à rappeler.`);
        await waitDurable(page, seq);
        const st = await storageStats(page);
        assert.equal(st.lastTx.commits, 1);
        assert.equal((await storageState(page)).bytesLastCommit, st.lastTx.bytes);
        written.push(st.lastTx.bytes);
        ms.push(st.lastTx.ms);
      }
      const sorted = [...written].sort((a, b) => a - b);
      console.log(`# database ${(size / MB).toFixed(1)} MB (filled and stored in ${filled} ms); ` +
        `bytes written per one-note commit: min ${sorted[0]}, median ${sorted[10]}, max ${sorted[19]}; ` +
        `IndexedDB transaction median ${[...ms].sort((a, b) => a - b)[10]} ms`);
      for (const b of written) assert.ok(b <= 64 * 1024, `${b} bytes written for one note`);

      // Opening it again: chunks and log read back, checked, opened.
      await reopen(page);
      const open = (await storageStats(page)).open;
      console.log(`# reopening ${(open.bytes / MB).toFixed(1)} MB: ${open.ms} ms from page start, ` +
        `of which the app waited ${open.waitMs} ms once its module was ready ` +
        `(IndexedDB read ${open.readMs} ms, overlapping the module's download; copy ${open.copyMs} ms; ` +
        `quick_check + open ${open.openMs} ms; ${open.chunks} chunks, ${open.logRecords} log records)`);
      assert.equal(open.bytes, (await storageState(page)).fileSize);
      assert.ok(await countNotes(page) > 10000);
    } finally {
      await context.close();
    }
  });
});

describe('two tabs', () => {
  test('one writer; the other tab follows, then takes over; no write lost', { timeout: 120000 }, async () => {
    const context = await browser.newContext();
    try {
      const tab1 = await openPage(context, server.url + '/');
      await waitState(tab1, 'ready');
      await waitDurable(tab1, await addNote(tab1, 'note 1 (onglet 1)'));
      const tab2 = await openPage(context, server.url + '/');
      await waitState(tab2, 'other-tab');
      const s2 = await storageState(tab2);
      assert.equal(s2.readOnly, true);
      assert.match(s2.message, /autre onglet/);
      assert.equal(await countNotes(tab2), 1);
      // The follower cannot write (refused, not lost silently).
      assert.equal(await addNote(tab2, 'refusée'), -1);

      // Writes in tab 1 show up in tab 2.
      await waitDurable(tab1, await addNote(tab1, 'note 2 (onglet 1)'));
      await tab2.waitForFunction(() => window.Module._relais_test_count_notes() === 2, null, { timeout: 10000 });
      // The writer compacts under the follower: nothing changes for it.
      assert.ok(await compact(tab1));
      // One more, and tab 1 closes as soon as it is on the disk.
      await waitDurable(tab1, await addNote(tab1, 'note 3 (onglet 1)'));
      await tab1.close();

      // Tab 2 takes over, with every note, and writes.
      await waitState(tab2, 'ready');
      assert.equal((await storageState(tab2)).readOnly, false);
      assert.equal(await countNotes(tab2), 3);
      await waitDurable(tab2, await addNote(tab2, 'note 4 (onglet 2)'));

      // A third tab follows tab 2, and reopening shows all four.
      const tab3 = await openPage(context, server.url + '/');
      await waitState(tab3, 'other-tab');
      assert.equal(await countNotes(tab3), 4);
      await tab2.close();
      await waitState(tab3, 'ready');
      assert.equal(await countNotes(tab3), 4);
      assert.deepEqual([...tab1.pageErrors, ...tab2.pageErrors, ...tab3.pageErrors], []);
    } finally {
      await context.close();
    }
  });
});

describe('storage full', () => {
  test('quota exceeded: clear status, nothing corrupted, queued pages written once space is freed',
    { timeout: 120000 }, async () => {
      const context = await browser.newContext();
      // The database in a Storage Bucket with a 4 MB quota (see storage.js):
      // the browser enforces it, so the error below is a real one.
      await context.addInitScript(() => { window.RELAIS_STORAGE_TEST = { bucket: 'relais-quota-test', quota: 4 * 1024 * 1024 }; });
      try {
        const page = await openPage(context, server.url + '/');
        await waitState(page, 'ready');
        await waitDurable(page, await addNote(page, 'avant'));

        // Something else fills the space that is left (a ballast database in the same bucket).
        const ballast = await page.evaluate(async () => {
          const bucket = await navigator.storageBuckets.open('relais-quota-test');
          const db = await new Promise((res, rej) => {
            const r = bucket.indexedDB.open('ballast', 1);
            r.onupgradeneeded = () => r.result.createObjectStore('b');
            r.onsuccess = () => res(r.result);
            r.onerror = () => rej(r.error);
          });
          let stored = 0;
          for (let size = 256 * 1024; size >= 4096;) {
            const data = new Uint8Array(size);
            for (let i = 0; i < size; i += 65536) crypto.getRandomValues(data.subarray(i, Math.min(size, i + 65536)));
            const ok = await new Promise((res) => {
              const tx = db.transaction('b', 'readwrite');
              tx.objectStore('b').put(data.buffer, stored);
              tx.oncomplete = () => res(true);
              tx.onabort = () => res(false);
            });
            if (ok) stored += size; else size /= 2;
          }
          db.close();
          return stored;
        });
        assert.ok(ballast > 0);

        // A long note: its pages no longer fit.
        const big = randomText(120000);
        const seq = await addNote(page, big);
        assert.ok(seq > 0);
        await waitState(page, 'quota');
        let s = await storageState(page);
        assert.ok(s.lastDurable < seq, 'must not look saved');
        assert.match(s.message, /Espace de stockage plein/);
        // The app goes on: the note is there in memory, and another commit queues behind it.
        assert.equal(await countNotes(page), 2);
        const seq2 = await addNote(page, 'pendant');
        assert.ok(seq2 > seq);

        // The stored copy is still the last complete commit (the failed transaction left nothing).
        const meta = await page.evaluate(async () => {
          const bucket = await navigator.storageBuckets.open('relais-quota-test');
          const db = await new Promise((res, rej) => {
            const r = bucket.indexedDB.open('relais-local');
            r.onsuccess = () => res(r.result);
            r.onerror = () => rej(r.error);
          });
          const tx = db.transaction(['meta', 'log'], 'readonly');
          const get = (req) => new Promise((res) => { req.onsuccess = () => res(req.result); });
          const [m, keys] = await Promise.all([get(tx.objectStore('meta').get('db')), get(tx.objectStore('log').getAllKeys())]);
          db.close();
          return { ...m, lastLog: keys.length ? keys[keys.length - 1] : null };
        });
        assert.equal(meta.commitSeq, s.lastDurable);
        assert.equal(meta.lastLog ?? meta.baseSeq, meta.commitSeq);  // the log ends where meta says

        // Space is freed: the queued pages are written by the automatic retry.
        await page.evaluate(async () => {
          const bucket = await navigator.storageBuckets.open('relais-quota-test');
          await new Promise((res, rej) => {
            const r = bucket.indexedDB.deleteDatabase('ballast');
            r.onsuccess = res;
            r.onerror = () => rej(r.error);
          });
        });
        await waitDurable(page, seq2, 30000);
        s = await storageState(page);
        assert.equal(s.state, 'ready');
        assert.equal(s.message, '');

        // Reopened: intact (quick_check passes, no recovery) and complete.
        await reopen(page);
        assert.equal(await countNotes(page), 3);
        assert.deepEqual(page.pageErrors, []);
      } finally {
        await context.close();
      }
    });
});

describe('corrupt database', () => {
  test('detected at start, unsynced outbox rows rescued and reported, fresh database', { timeout: 60000 }, async () => {
    const context = await browser.newContext();
    try {
      const page = await openPage(context, server.url + '/');
      const text = 'Note à ne pas perdre : rappeler M. Lefèvre';
      await waitDurable(page, await addNote(page, text));
      const root = await page.evaluate(() => window.Module.ccall('relais_test_root_page', 'number', ['string'], ['interactions']));
      assert.ok(root > 1);

      // Garbage in the stored page of the interactions table, in its chunk
      // (compacted first, so the chunk holds the page's only copy).
      assert.ok(await compact(page));
      await withIdb(page, async (db, pgno, req) => {
        const meta = await req(db.transaction('meta').objectStore('meta').get('db'));
        const k = Math.floor((pgno - 1) / meta.chunkPages);
        const tx = db.transaction('chunks', 'readwrite');
        const chunk = new Uint8Array(await req(tx.objectStore('chunks').get(k)));
        crypto.getRandomValues(chunk.subarray(((pgno - 1) % meta.chunkPages) * meta.pageSize, ((pgno - 1) % meta.chunkPages + 1) * meta.pageSize));
        await req(tx.objectStore('chunks').put(chunk.buffer, k));
      }, root);

      await reopen(page, 'recovered');
      const s = await storageState(page);
      assert.ok(s.rescuedRows >= 4, `rescued ${s.rescuedRows}`);  // organisation, member, company, note
      assert.match(s.message, /endommagées/);
      assert.match(s.message, /mises de côté/);
      const rescued = await page.evaluate(() => window.RelaisStorage.rescued());
      const note = rescued.find((r) => r.row.tbl === 'interactions');
      assert.ok(note, 'the note is among the rescued rows');
      assert.ok(JSON.parse(note.row.fields).note === text);
      // A fresh database, working and stored.
      assert.equal(await countNotes(page), 0);
      await waitDurable(page, await addNote(page, 'après réparation'));

      // Next start: healthy; the rescued rows are still reported until resent.
      await reopen(page);
      assert.equal(await countNotes(page), 1);
      assert.equal((await storageState(page)).rescuedRows, s.rescuedRows);
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await context.close();
    }
  });
});

describe('chunked layout', () => {
  test('compaction folds the log into chunks; the next open gives back identical data', { timeout: 120000 }, async () => {
    const context = await browser.newContext();
    try {
      const page = await openPage(context, server.url + '/');
      await waitState(page, 'ready');
      for (let i = 0; i < 12; i++) await addNote(page, `Note ${i} : ${randomText(400)}`);
      await waitAllDurable(page);
      const before = await fileDigest(page);
      let st = await storageStats(page);
      assert.ok(st.logRecords >= 1, 'the commits are in the log');

      const c = await compact(page);
      assert.ok(c && c.chunks >= 1, JSON.stringify(c));
      assert.equal(await fileDigest(page), before, 'compaction does not touch the file');
      const stored = await withIdb(page, async (db, _, req) => {
        const tx = db.transaction(['meta', 'chunks', 'log']);
        return {
          meta: await req(tx.objectStore('meta').get('db')),
          chunks: await req(tx.objectStore('chunks').count()),
          log: await req(tx.objectStore('log').count()),
        };
      });
      assert.equal(stored.log, 0);
      assert.equal(stored.meta.baseSeq, stored.meta.commitSeq);
      assert.equal(stored.chunks, Math.ceil(stored.meta.fileSize / stored.meta.pageSize / stored.meta.chunkPages));

      // A commit after compaction goes to the log again, on top of the chunks.
      const seq = await addNote(page, 'après le compactage');
      await waitDurable(page, seq);
      const after = await fileDigest(page);
      await reopen(page);
      st = await storageStats(page);
      assert.equal(st.open.chunks, stored.chunks);
      assert.equal(st.open.logRecords, 1);
      assert.equal(await fileDigest(page), after);
      assert.equal(await countNotes(page), 13);
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('a batch over the record limit is several chained records in one transaction; read back identical', { timeout: 120000 }, async () => {
    // IndexedDB refuses values over 127 MB; the limit is lowered here so that
    // ordinary commits are split, without writing 127 MB.
    const context = await browser.newContext();
    try {
      const page = await openPage(context, server.url + '/');
      await waitState(page, 'ready');
      await page.evaluate(() => window.RelaisStorage.setMaxRecordBytes(64 * 1024));
      await page.evaluate((b) => window.Module._relais_test_fill(b), 3 * MB);
      await waitDurable(page, await addNote(page, 'après le remplissage'));
      await waitAllDurable(page);
      const log = await withIdb(page, async (db, _, req) => {
        const tx = db.transaction(['log', 'meta']);
        return { keys: await req(tx.objectStore('log').getAllKeys()), meta: await req(tx.objectStore('meta').get('db')) };
      });
      assert.ok(log.keys.some((k) => !Number.isInteger(k)), 'split records: ' + log.keys.slice(0, 12).join(' '));
      assert.equal(log.keys[log.keys.length - 1], log.meta.commitSeq);
      const digest = await fileDigest(page);
      const notes = await countNotes(page);
      await reopen(page);  // not 'recovered': the chain is whole
      assert.equal(await fileDigest(page), digest);
      assert.equal(await countNotes(page), notes);
      assert.equal((await storageStats(page)).open.logRecords, log.keys.length);
      // Compaction folds them like any record.
      assert.ok(await compact(page));
      await reopen(page);
      assert.equal(await fileDigest(page), digest);
      assert.equal((await storageStats(page)).open.logRecords, 0);
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('a big compaction is copied in slices; a commit between them drops the copy and loses nothing', { timeout: 300000 }, async () => {
    const context = await browser.newContext();
    try {
      const page = await openPage(context, server.url + '/');
      await waitState(page, 'ready');
      await page.evaluate((b) => window.Module._relais_test_fill(b), 24 * MB);  // chunks to rewrite: over 8 MB
      await waitAllDurable(page);
      const notes = await countNotes(page);
      const compactions = (await storageStats(page)).compactions;
      // The copy's first slice is taken now; the note is committed before the next.
      const seq = await page.evaluate(() => {
        window.compactRun = window.RelaisStorage.compact();
        return window.Module.ccall('relais_test_add_note', 'number', ['string'], ['pendant le compactage']);
      });
      assert.equal(await page.evaluate(() => window.compactRun), null, 'the stale copy is dropped');
      assert.equal((await storageStats(page)).compactions, compactions, 'nothing written by it');
      await waitDurable(page, seq);
      const c = await compact(page);  // idle now: it goes through, in slices
      assert.ok(c && c.sliced && c.bytes > 8 * MB, JSON.stringify(c));
      const digest = await fileDigest(page);
      await reopen(page);  // not 'recovered'
      assert.equal(await countNotes(page), notes + 1);
      assert.equal(await fileDigest(page), digest);
      assert.equal((await storageStats(page)).open.logRecords, 0);
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('a tab closed in the middle of a compaction leaves the data intact', { timeout: 300000 }, async () => {
    const context = await browser.newContext();
    try {
      let page = await openPage(context, server.url + '/');
      await waitState(page, 'ready');
      let size = 0;
      // Closed at once, a little later, and later still: whatever the moment,
      // the stored database is the one before or the one after.
      for (const delay of [0, 15, 60, 250]) {
        size = await page.evaluate((b) => window.Module._relais_test_fill(b), size + 2 * MB);  // a big log to fold
        await waitDurable(page, await addNote(page, `avant le compactage interrompu (${delay} ms)`));
        await waitAllDurable(page);
        const digest = await fileDigest(page);
        const notes = await countNotes(page);
        const st = await storageStats(page);
        assert.ok(st.logBytes > MB);
        await page.evaluate(() => { window.RelaisStorage.compact(); });
        if (delay) await page.waitForTimeout(delay);
        await page.close();

        page = await openPage(context, server.url + '/');
        await waitState(page, 'ready');  // not 'recovered': quick_check passed
        assert.equal(await countNotes(page), notes);
        assert.equal(await fileDigest(page), digest);
        const open = (await storageStats(page)).open;
        console.log(`# tab closed ${delay} ms into a compaction of ${(st.logBytes / MB).toFixed(1)} MB of log: ` +
          (open.logRecords ? `not applied (${open.logRecords} log records read back)` : 'applied'));
        assert.deepEqual(page.pageErrors, []);
      }
      // And it goes on: a commit, a compaction, a reopen.
      await waitDurable(page, await addNote(page, 'la suite'));
      assert.ok(await compact(page));
      const digest = await fileDigest(page);
      await reopen(page);
      assert.equal(await fileDigest(page), digest);
    } finally {
      await context.close();
    }
  });

  test('a browser crash in the middle of a compaction leaves the data intact', { timeout: 300000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relais-profile-'));
    try {
      let expected = null, size = 0;
      // Killed (SIGKILL, like a power cut for the browser) at several moments
      // of a compaction; each start checks what the previous crash left.
      for (const delay of [5, 40, 150, -1]) {
        const b = await launchKillable(dir);
        const page = await openPage(b.context, server.url + '/');
        await waitState(page, 'ready');  // not 'recovered'
        if (expected) {
          assert.equal(await countNotes(page), expected.notes);
          assert.equal(await fileDigest(page), expected.digest);
          const open = (await storageStats(page)).open;
          console.log(`# browser killed ${expected.delay} ms into a compaction: ` +
            (open.logRecords ? `not applied (${open.logRecords} log records read back)` : 'applied'));
          assert.deepEqual(page.pageErrors, []);
        }
        if (delay < 0) { await b.crash(); break; }
        size = await page.evaluate((s) => window.Module._relais_test_fill(s), size + 2 * MB);
        await waitDurable(page, await addNote(page, `avant le plantage (${delay} ms)`));
        await waitAllDurable(page);
        expected = { delay, notes: await countNotes(page), digest: await fileDigest(page) };
        await page.evaluate(() => { window.RelaisStorage.compact(); });
        await new Promise((r) => setTimeout(r, delay));
        await b.crash();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a database in the old layout (one record per page) migrates once, intact', { timeout: 120000 }, async () => {
    const context = await browser.newContext();
    try {
      // 1. A real database, and its pages as version 1 stored them.
      const page = await openPage(context, server.url + '/');
      await waitState(page, 'ready');
      for (let i = 0; i < 5; i++) await addNote(page, `Note d’avant la migration n° ${i} : ${randomText(300)}`);
      await waitAllDurable(page);
      const digest = await fileDigest(page);
      const image = await pageImage(page);

      // 2. Away from the app (same origin), the database replaced by a version 1 one.
      await writeV1(page, image);

      // 3. The app opens it: migrated, the same bytes, and it goes on.
      await page.goto(server.url + '/');
      await waitStarted(page);
      await waitState(page, 'ready');
      const st = await storageStats(page);
      assert.equal(st.migrated && st.migrated.pages, image.pages.length);
      assert.equal(await fileDigest(page), digest);
      assert.equal(await countNotes(page), 5);
      const layout = await withIdb(page, async (db, _, req) => ({
        version: db.version,
        stores: [...db.objectStoreNames],
        meta: await req(db.transaction('meta').objectStore('meta').get('db')),
      }));
      assert.equal(layout.version, 2);
      assert.deepEqual(layout.stores.sort(), ['chunks', 'log', 'meta', 'rescued']);
      assert.equal(layout.meta.commitSeq, image.commitSeq);
      await waitDurable(page, await addNote(page, 'après la migration'));
      await reopen(page);
      assert.equal((await storageStats(page)).migrated, null, 'migrated once');
      assert.equal(await countNotes(page), 6);
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('a tab closed during the migration leaves the old layout intact, migrated at the next start', { timeout: 300000 }, async () => {
    const context = await browser.newContext();
    try {
      let page = await openPage(context, server.url + '/');
      await waitState(page, 'ready');
      await page.evaluate((b) => window.Module._relais_test_fill(b), 3 * MB);  // enough pages to take a while
      await waitAllDurable(page);
      const notes = await countNotes(page);
      const digest = await fileDigest(page);
      const image = await pageImage(page);
      for (const delay of [20, 100, 400]) {
        await writeV1(page, image);
        // The app starts and migrates; the tab goes away at some moment of that.
        await page.goto(server.url + '/', { waitUntil: 'commit' });
        await page.waitForTimeout(delay);
        await page.close();
        page = await openPage(context, server.url + '/');
        await waitState(page, 'ready');
        const migrated = (await storageStats(page)).migrated;
        console.log(`# tab closed ${delay} ms into the start: migration ${migrated ? 'done at this start' : 'done before the close'}`);
        assert.equal(await countNotes(page), notes);
        assert.equal(await fileDigest(page), digest);
        assert.deepEqual(page.pageErrors, []);
      }
    } finally {
      await context.close();
    }
  });
});
