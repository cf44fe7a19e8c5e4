// Browser ingest benchmark (not a test): a 1,000,000-row export through the
// worker, with throughput, the tab's peak memory and main-thread stalls.
//   cargo run --profile cli-release -p partner-attribution -- sample --deals 1000000 --out /tmp/big
//   node tests/e2e/bench_ingest.mjs /tmp/big/deals.csv [more files…]
// Memory is the peak resident set of Chromium's renderer processes (the
// page and its worker live there), sampled every 100 ms from /proc (Linux).
import { launch } from './browser.mjs';
import { serve } from './serve.mjs';
import { rendererRss } from './proc_memory.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { statSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.slice(2);
if (files.length === 0) files.push('/tmp/big/deals.csv');
const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);


const server = await serve(join(here, '..', '..', 'dist'), '/');
const browser = await launch();
const page = await browser.newPage();
await page.goto(server.url);
await page.getByTestId('file-input').waitFor({ state: 'attached' });
const before = rendererRss();
let peak = before;
const sampler = setInterval(() => { peak = Math.max(peak, rendererRss()); }, 100);

// The longest gap between animation frames on the page while the file loads:
// how long the tab was unresponsive at worst.
await page.evaluate(() => {
  window.__gaps = { last: performance.now(), max: 0, run: true };
  const tick = (t) => {
    window.__gaps.max = Math.max(window.__gaps.max, t - window.__gaps.last);
    window.__gaps.last = t;
    if (window.__gaps.run) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});

const start = Date.now();
await page.getByTestId('file-input').setInputFiles(files);
let readMs = null;
let progressSeen = '';
while (!(await page.getByTestId('row-count').count())) {
  const text = (await page.getByTestId('progress-text').textContent({ timeout: 1000 }).catch(() => '')) || '';
  if (text && text !== progressSeen && process.env.TRACE) console.log(`${Date.now() - start} ms: ${text}`);
  if (text) progressSeen = text;
  if (readMs === null && /building the data set|Preparing/.test(text)) readMs = Date.now() - start;
  if (await page.getByTestId('error').count()) throw new Error(await page.getByTestId('error').textContent());
  await new Promise((r) => setTimeout(r, 100));
}
const totalMs = Date.now() - start;
const gaps = await page.evaluate(() => { window.__gaps.run = false; return window.__gaps.max; });
clearInterval(sampler);
peak = Math.max(peak, rendererRss());
const deals = await page.getByTestId('row-count').textContent();
const mb = bytes / 1e6;
console.log(`files: ${files.join(', ')} (${mb.toFixed(1)} MB)`);
console.log(`last progress line: ${progressSeen}`);
if (readMs !== null) console.log(`read and parsed in the worker: ${(readMs / 1000).toFixed(1)} s = ${(mb / (readMs / 1000)).toFixed(1)} MB/s`);
console.log(`to results on screen (${deals} deals): ${(totalMs / 1000).toFixed(1)} s = ${(mb / (totalMs / 1000)).toFixed(1)} MB/s`);
console.log(`renderer memory: ${(before / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB`);
console.log(`longest main-thread frame gap while loading: ${gaps.toFixed(0)} ms`);
await browser.close();
await server.close();
