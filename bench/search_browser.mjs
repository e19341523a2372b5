// search_browser.mjs — search_bench (bench/search_bench.cpp) in the browser
// the web client runs in: Debian's headless Chromium, the wasm build linked
// like the client (build/wasm/bench/search_bench_web.js). Node's V8 is older
// than Chromium's and compiles wasm with fewer optimisations, so the node run
// alone does not tell what a user's search costs.
//
//   node bench/search_browser.mjs [scale ...]        (default: 1 and 10)
//   JS_FLAGS='--no-wasm-inlining' node bench/search_browser.mjs 1   (V8 flags, for A/B runs)
//
// Prints the bench's own lines on stdout; exits non-zero if it failed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/e2e/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'build/wasm/bench');
const scales = process.argv.slice(2);
// localhost is a secure context, so with the two headers below the page is
// cross-origin isolated and its clock ticks every 5 µs, not every 100 µs.
// Nothing listens there: every request is answered by the route below.
const origin = 'http://localhost:9';
const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
// The bench's own page: its lines go to the console, its exit code to the window.
const page_html = `<!doctype html><meta charset="utf-8"><script>
var Module = { arguments: ${JSON.stringify(scales.length ? scales : ['1', '10'])},
  print: (t) => console.log(t), printErr: (t) => console.error(t),
  onExit: (code) => { window.benchExit = code; } };
</script><script src="search_bench_web.js"></script>`;

const browser = await launchBrowser(process.env.JS_FLAGS ? ['--js-flags=' + process.env.JS_FLAGS] : []);
let code = 1;
try {
  const page = await browser.newPage();
  // Served from memory: no server process needed for a page and two files.
  await page.route(origin + '/**', (route) => {
    const name = new URL(route.request().url()).pathname.slice(1) || 'index.html';
    if (name === 'index.html') return route.fulfill({ contentType: 'text/html', headers, body: page_html });
    const type = name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    try {
      return route.fulfill({ contentType: type, headers, body: readFileSync(path.join(dir, path.basename(name))) });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
  page.on('console', (m) => (m.type() === 'error' ? console.error : console.log)(m.text()));
  page.on('pageerror', (e) => console.error('page error: ' + e));
  await page.goto(origin + '/');
  if (!(await page.evaluate(() => self.crossOriginIsolated))) console.error('warning: not cross-origin isolated, the clock ticks every 100 µs');
  await page.waitForFunction(() => window.benchExit !== undefined, null, { timeout: 30 * 60 * 1000, polling: 500 });
  code = await page.evaluate(() => window.benchExit);
} finally {
  await browser.close();
}
process.exit(code);
