// client_bench.mjs — the web client's budgets (platform issue), measured in
// Debian's headless Chromium against the real server on loopback:
//   - bytes transferred compressed for the app shell (wasm with its fonts + JS + page)
//   - first frame after navigation, cold (empty cache) and warm (service worker cache)
//
// "Warm" is a later visit: the first one has settled (the service worker has
// cached the files, and the page stayed 3 s, long enough for V8 to optimise
// the wasm and store its compiled code in Chrome's code cache, as for any
// visitor who stays that long). A reload straight after the first visit is
// printed too: it compiles the wasm again, as nothing is cached yet.
// Prints a Markdown section on stdout (script/bench collects it).
import { startServer, launchBrowser, VIEWPORTS } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS || 5);
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

const server = await startServer();
const browser = await launchBrowser();
try {
  // Transfer size: what a first visit downloads, as the server sends it (brotli to Chromium).
  const context = await browser.newContext(VIEWPORTS.phone);
  const page = await context.newPage();
  const sizes = new Map();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
  const urls = new Map();
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  await page.goto(server.url + '/');
  await page.waitForFunction(() => window.relais && window.relais.started());
  await page.waitForFunction(() => navigator.serviceWorker.controller);
  await page.waitForTimeout(500);
  const byKind = { wasm: 0, js: 0, html: 0, other: 0 };
  const seen = new Set();
  for (const [id, bytes] of sizes) {
    const url = urls.get(id) || '';
    if (seen.has(url)) continue;  // the service worker's install fetches the same files again
    seen.add(url);
    const k = /\.wasm$/.test(url) ? 'wasm' : /\.js$/.test(url) ? 'js' : /\/$|\.html$/.test(url) ? 'html' : 'other';
    byKind[k] += bytes;
  }
  await context.close();
  const shell = byKind.wasm + byKind.js + byKind.html;

  // First frame: cold = fresh context; warm = reload served by the service worker.
  const cold = [], early = [], warm = [], warmParts = [];
  // Where a warm start goes: module compiled and run, device database open, first frame (shell/relais.js marks).
  const parts = () => {
    const at = (n) => (performance.getEntriesByName(n)[0] || { startTime: NaN }).startTime;
    return { module: at('relais-module-ready'), storage: at('relais-storage-open'), frame: window.relais.firstFrameMs() };
  };
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext(VIEWPORTS.phone);
    const p = await ctx.newPage();
    await p.goto(server.url + '/settings');
    await p.waitForFunction(() => window.relais && window.relais.started());
    cold.push(await p.evaluate(() => window.relais.firstFrameMs()));
    await p.waitForFunction(() => navigator.serviceWorker.controller);
    await p.reload();
    await p.waitForFunction(() => window.relais && window.relais.started());
    early.push(await p.evaluate(() => window.relais.firstFrameMs()));
    await p.waitForTimeout(3000);
    await p.reload();
    await p.waitForFunction(() => window.relais && window.relais.started());
    warm.push(await p.evaluate(() => window.relais.firstFrameMs()));
    warmParts.push(await p.evaluate(parts));
    await ctx.close();
  }
  const kb = (b) => (b / 1024).toFixed(0) + ' KB';
  const ms = (v) => v.toFixed(0) + ' ms';
  console.log('## Web client (platform)\n');
  console.log(`Headless Chromium (SwiftShader WebGL2), phone viewport 390x844 DPR 3, server on loopback; median of ${RUNS} runs.\n`);
  console.log('| measure | result | budget |');
  console.log('|---|---|---|');
  console.log(`| app shell transferred, as sent (brotli; wasm with its fonts ${kb(byKind.wasm)}, JS ${kb(byKind.js)}, HTML ${kb(byKind.html)}) | ${kb(shell)} | ≤ 700 KB |`);
  console.log(`| first frame after navigation, cold | ${ms(median(cold))} (min ${ms(Math.min(...cold))}, max ${ms(Math.max(...cold))}) | ≤ 1000 ms |`);
  console.log(`| first frame after navigation, warm: a later visit (service-worker cache, V8 code cache) | ${ms(median(warm))} (min ${ms(Math.min(...warm))}, max ${ms(Math.max(...warm))}) | ≤ 500 ms |`);
  console.log(`| (reload straight after the first visit: files cached, wasm compiled again) | ${ms(median(early))} (min ${ms(Math.min(...early))}, max ${ms(Math.max(...early))}) | — |`);
  const med = (k) => median(warmParts.map((x) => x[k]));
  console.log('');
  console.log(`Warm start (later visit), medians since navigation: module compiled and run ${ms(med('module'))}, device database open ${ms(med('storage'))}, first frame ${ms(med('frame'))}.`);
  console.log('');
} finally {
  await browser.close();
  await server.stop();
}
