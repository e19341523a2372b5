// storage_bench.mjs — the device database's budgets (data-core issue), in
// Debian's headless Chromium with real IndexedDB:
//   - bytes written to browser storage per one-note commit on a 50 MB database (≤ 64 KB)
//   - time to open that database at app start (≤ 1.5 s): page load to first frame
// The database is filled, compacted into chunks (as the idle writer does), then
// the one-note commits stay in the log: the reloads read chunks + log, as a real
// start does. Prints a Markdown section on stdout (script/bench collects it).
// CHUNK_BYTES=65536 (say) measures another chunk size for a new database.
import { startServer, launchBrowser, waitStarted } from '../tests/e2e/harness.mjs';

const MB = 1024 * 1024;
const NOTES = Number(process.env.NOTES || 50);
const OPENS = Number(process.env.OPENS || 5);
const CHUNK_BYTES = Number(process.env.CHUNK_BYTES || 0);
const pct = (a, p) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * p))];
const median = (a) => pct(a, 0.5);

const server = await startServer();
const browser = await launchBrowser();
try {
  const context = await browser.newContext();
  if (CHUNK_BYTES) await context.addInitScript((b) => { window.RELAIS_STORAGE_TEST = { chunkBytes: b }; }, CHUNK_BYTES);
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await waitStarted(page);
  const size = await page.evaluate((b) => window.Module._relais_test_fill(b), 50 * MB);
  await page.waitForFunction(() => { const s = window.RelaisStorage.state(); return s.lastDurable >= s.lastCommit; },
    null, { timeout: 300000, polling: 200 });
  // The writer compacts on its own once the log is big; whatever is left is compacted now.
  const compaction = await page.evaluate(async () => {
    const R = window.RelaisStorage;
    if (!R.compact) return null;  // the old layout
    const last = await R.compact();
    return { ...last, count: R.stats().compactions, total: R.stats().compactBytes };
  });
  const bytes = [];
  for (let i = 0; i < NOTES; i++) {
    const seq = await page.evaluate((t) => window.Module.ccall('relais_test_add_note', 'number', ['string'], [t]),
      `Visite n° ${i} : besoin de financement pour l’export, à rappeler en décembre.`);
    await page.waitForFunction((s) => window.RelaisStorage.state().lastDurable >= s, seq);
    bytes.push(await page.evaluate(() => window.RelaisStorage.stats().lastTx.bytes));
  }
  const opens = [], parts = [];
  for (let i = 0; i < OPENS; i++) {
    await page.reload();
    await waitStarted(page);
    opens.push(await page.evaluate(() => window.relais.firstFrameMs()));
    parts.push(await page.evaluate(() => window.RelaisStorage.stats().open));
  }
  const chunkPages = await page.evaluate(() => window.RelaisStorage.stats().chunkPages);
  await context.close();
  const kb = (b) => (b / 1024).toFixed(1) + ' KB';
  const part = (k) => median(parts.map((p) => p[k] || 0));
  console.log('## Device database (persistence in the browser)\n');
  console.log(`Headless Chromium, IndexedDB, database filled to ${(size / MB).toFixed(1)} MB by realistic rows and compacted ` +
    `into ${parts[0].chunks} chunks of ${chunkPages} pages; ${NOTES} one-note commits (left in the log), ${OPENS} reloads.\n`);
  console.log('| measure | result | budget |');
  console.log('|---|---|---|');
  console.log(`| bytes written per one-note commit | median ${kb(median(bytes))}, p95 ${kb(pct(bytes, 0.95))}, max ${kb(Math.max(...bytes))} | ≤ 64 KB |`);
  console.log(`| open the 50 MB database at app start (navigation to first frame) | median ${(median(opens) / 1000).toFixed(2)} s ` +
    `(min ${(Math.min(...opens) / 1000).toFixed(2)}, max ${(Math.max(...opens) / 1000).toFixed(2)}) | ≤ 1.5 s |`);
  console.log('');
  console.log(`Open, medians: IndexedDB read ${part('readMs')} ms (from the page's start, overlapping the module's download), ` +
    `copy into the VFS ${part('copyMs')} ms, quick_check + open ${part('openMs')} ms; the app waited ${part('waitMs')} ms ` +
    `for its data once the module was ready. Compaction after the fill: ` +
    (compaction ? `${compaction.count} compactions (the writer's own during the fill, then the bench's) ` +
      `rewrote ${kb(compaction.total)} in all; the last: ${compaction.chunks} chunks, ${kb(compaction.bytes)}, ${compaction.ms} ms.` : 'none.'));
  console.log('');
} finally {
  await browser.close();
  await server.stop();
}
