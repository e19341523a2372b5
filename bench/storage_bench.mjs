// storage_bench.mjs — the device database's budgets (data-core issue), in
// Debian's headless Chromium with real IndexedDB:
//   - bytes written to browser storage per one-note commit on a 50 MB database (≤ 64 KB)
//   - time to open that database at app start (≤ 1.5 s): page load to first frame
// Prints a Markdown section on stdout (script/bench collects it).
import { startServer, launchBrowser, waitStarted } from '../tests/e2e/harness.mjs';

const MB = 1024 * 1024;
const NOTES = Number(process.env.NOTES || 50);
const OPENS = Number(process.env.OPENS || 3);
const pct = (a, p) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * p))];

const server = await startServer();
const browser = await launchBrowser();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await waitStarted(page);
  const size = await page.evaluate((b) => window.Module._relais_test_fill(b), 50 * MB);
  await page.waitForFunction(() => { const s = window.RelaisStorage.state(); return s.lastDurable >= s.lastCommit; },
    null, { timeout: 300000, polling: 200 });
  const bytes = [];
  for (let i = 0; i < NOTES; i++) {
    const seq = await page.evaluate((t) => window.Module.ccall('relais_test_add_note', 'number', ['string'], [t]),
      `Visite n° ${i} : besoin de financement pour l’export, à rappeler en décembre.`);
    await page.waitForFunction((s) => window.RelaisStorage.state().lastDurable >= s, seq);
    bytes.push(await page.evaluate(() => window.RelaisStorage.stats().lastTx.bytes));
  }
  const opens = [];
  for (let i = 0; i < OPENS; i++) {
    await page.reload();
    await waitStarted(page);
    opens.push(await page.evaluate(() => window.relais.firstFrameMs()));
  }
  await context.close();
  const kb = (b) => (b / 1024).toFixed(1) + ' KB';
  console.log('## Device database (persistence in the browser)\n');
  console.log(`Headless Chromium, IndexedDB, database filled to ${(size / MB).toFixed(1)} MB by realistic rows; ${NOTES} one-note commits, ${OPENS} reloads.\n`);
  console.log('| measure | result | budget |');
  console.log('|---|---|---|');
  console.log(`| bytes written per one-note commit | median ${kb(pct(bytes, 0.5))}, p95 ${kb(pct(bytes, 0.95))}, max ${kb(Math.max(...bytes))} | ≤ 64 KB |`);
  console.log(`| open the 50 MB database at app start (navigation to first frame) | median ${(pct(opens, 0.5) / 1000).toFixed(2)} s | ≤ 1.5 s |`);
  console.log('');
} finally {
  await browser.close();
  await server.stop();
}
