// Ingest benchmark beside the JavaScript parsers a user would pick instead
// (issue 13; a benchmark, not a test):
//   node tests/e2e/bench_parsers.mjs [deals=1000000] [rounds=3] [--huge] [--before DIST] [--readers 1,4,8]
// (--huge also drops a 1 GB deal file on the app and reports what happens;
// --before DIST runs another release build of the app, for example the
// previous commit's dist/, as a fourth contestant in the same session;
// --readers 1,4,8 adds runs of the app with each file split across that
// many readers, `?readers=N`, beside the default of one per core.)
// It generates the deal file with the command-line program (kept under
// /tmp/pa-bench/<deals>/), serves the release build (dist/) and PapaParse 5
// and uDSV from npm from one origin, and in one Chromium session — a fresh
// context per run, one warm-up run of each first — times:
//   - PapaParse (its fastest mode: chunked, worker: false),
//   - uDSV (streamed chunks, a per-row callback),
//   - the app (file chosen → results on screen),
// each computing the same check artifact (rows, amount sum, won deals, rows
// per sourcing partner; the app computes far more). It also samples the
// renderer processes' resident memory from /proc and records the longest
// main-thread task (PerformanceObserver "longtask"). Medians are printed
// with the ratios issue 13 sets goals for.
import { launch } from './browser.mjs';
import { serve } from './serve.mjs';
import { rendererRss } from './proc_memory.mjs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--before' && all[i - 1] !== '--readers');
const readersAt = process.argv.indexOf('--readers');
const forcedReaders = readersAt > 0 ? process.argv[readersAt + 1].split(',').map(Number).filter((n) => n >= 1) : [];
const deals = Number(positional[0] || 1_000_000);
const rounds = Number(positional[1] || 3);
const beforeAt = process.argv.indexOf('--before');
const before = beforeAt > 0 ? process.argv[beforeAt + 1] : null;

// The file: the CLI's sample generator (the same shape as the built-in sample).
const dir = `/tmp/pa-bench/${deals}`;
const file = join(dir, 'deals.csv');
if (!existsSync(file)) {
  mkdirSync(dir, { recursive: true });
  execFileSync('cargo', ['run', '-q', '--profile', 'cli-release', '-p', 'partner-attribution', '--', 'sample', '--deals', String(deals), '--out', dir], { cwd: root, stdio: 'inherit' });
}
const mb = statSync(file).size / 1e6;

// One origin: the app under /app/, the parsers under /vendor/, the harness under /bench/.
const site = '/tmp/pa-bench/site';
mkdirSync(join(site, 'vendor'), { recursive: true });
mkdirSync(join(site, 'bench'), { recursive: true });
if (!existsSync(join(site, 'app'))) symlinkSync(join(root, 'dist'), join(site, 'app'));
if (before) {
  rmSync(join(site, 'before'), { force: true });
  symlinkSync(before, join(site, 'before'));
}
copyFileSync(join(here, 'node_modules/papaparse/papaparse.min.js'), join(site, 'vendor/papaparse.min.js'));
copyFileSync(join(here, 'node_modules/udsv/dist/uDSV.iife.min.js'), join(site, 'vendor/uDSV.iife.min.js'));
writeFileSync(join(site, 'bench/index.html'), `<!doctype html><meta charset="utf-8"><title>parsers</title>
<input type="file" id="f">
<script src="../vendor/papaparse.min.js"></script>
<script src="../vendor/uDSV.iife.min.js"></script>
<script>
// The check artifact: rows, amount sum, won deals, rows per sourcing partner.
function artifact() { return { rows: 0, sum: 0, won: 0, partners: new Map() }; }
function add(a, row) {
  a.rows++; a.sum += +row[3] || 0;
  if (row[5] === 'Closed Won') a.won++;
  const p = row[8] || '';
  a.partners.set(p, (a.partners.get(p) || 0) + 1);
}
function done(a, t0) { return { ms: performance.now() - t0, rows: a.rows, sum: Math.round(a.sum), won: a.won, partners: a.partners.size }; }
window.runPapa = (file) => new Promise((resolve, reject) => {
  const a = artifact(); const t0 = performance.now(); let header = true;
  Papa.parse(file, {
    worker: false, skipEmptyLines: true,
    chunk: (res) => { for (const row of res.data) { if (header) { header = false; continue; } add(a, row); } },
    complete: () => resolve(done(a, t0)), error: reject,
  });
});
window.runUdsv = async (file) => {
  const a = artifact(); const t0 = performance.now(); let parser = null;
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    parser ??= uDSV.initParser(uDSV.inferSchema(value));
    parser.chunk(value, parser.stringArrs, (row) => add(a, row));
  }
  parser.end();
  return done(a, t0);
};
</script>`);


/** The longest main-thread task since the page loaded (ms). */
const LONG_TASKS = `window.__longest = 0; window.__tasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) { window.__longest = Math.max(window.__longest, e.duration); window.__tasks.push([e.startTime, e.duration]); } }).observe({ type: 'longtask', buffered: true });`;

const server = await serve(site, '/');
const browser = await launch();

/** One run in a fresh context: { ms, growth, longest, check }. */
async function run(kind) {
  const context = await browser.newContext();
  await context.addInitScript(LONG_TASKS);
  const page = await context.newPage();
  const app = kind.startsWith('app') || kind === 'before';
  // "app, N readers": the app with every file split across N readers.
  const readers = kind.match(/^app, (\d+) readers?$/)?.[1];
  await page.goto(server.url + (app ? `${readers ? 'app' : kind}/${readers ? `?readers=${readers}` : ''}` : 'bench/'));
  const before = rendererRss();
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, rendererRss()); }, 50);
  let ms, all, check, phases;
  if (app) {
    await page.getByTestId('file-input').waitFor({ state: 'attached' });
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles(file);
    // The first frame that shows the results, timed inside the page.
    const shown = await (await page.waitForFunction(() => document.querySelector('[data-testid="row-count"]') && performance.now(), null, { polling: 'raf', timeout: 600_000 })).jsonValue();
    ms = Date.now() - t0;
    // Every result: the attribution table too (the worker computes a fresh load's models).
    // (and, in builds that leave the mark, every section after the one-a-task reveal).
    await page.waitForFunction(() => document.querySelector('[data-testid="attribution-table"]') && (performance.getEntriesByName('pa:revealed').length > 0 || !performance.getEntriesByName('pa:models').length), null, { polling: 'raf', timeout: 600_000 });
    all = Date.now() - t0;
    check = await page.getByTestId('row-count').textContent();
    // The app's User Timing marks split the load into its phases.
    const marks = Object.fromEntries(await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
    const order = ['pa:file', 'pa:parsed', 'pa:received', 'pa:decoded', 'pa:journeys', 'pa:shown'];
    if (order.every((m) => m in marks)) {
      phases = {};
      for (let i = 1; i < order.length; i++) phases[order[i]] = marks[order[i]] - marks[order[i - 1]];
      phases['first frame'] = shown - marks['pa:shown'];
      if ('pa:models' in marks) phases['pa:models'] = marks['pa:models'] - marks['pa:received'];
      if ('pa:revealed' in marks) phases['pa:revealed'] = marks['pa:revealed'] - shown;
    }
  } else {
    await page.locator('#f').setInputFiles(file);
    const result = await page.evaluate((k) => window[k](document.getElementById('f').files[0]), kind === 'papaparse' ? 'runPapa' : 'runUdsv');
    ms = result.ms;
    check = `${result.rows} rows, ${result.won} won, ${result.partners} sourcing keys, amount ${result.sum}`;
  }
  clearInterval(sampler);
  peak = Math.max(peak, rendererRss());
  // What the tab keeps once the load is over (the app releases its ingest worker then).
  let settled = null;
  if (app) {
    await page.waitForTimeout(1500);
    settled = rendererRss() - before;
  }
  const longest = await page.evaluate(() => window.__longest);
  // The app's long tasks, each named by the last User Timing mark before it ended.
  const tasks = app ? await page.evaluate(() => window.__tasks.map(([start, d]) => {
    const before = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('pa:') && m.startTime <= start + d).pop();
    return `${Math.round(d)} ms after ${before ? before.name : 'load'}`;
  })) : [];
  await context.close();
  return { ms, all: all ?? ms, growth: peak - before, settled, longest, check, phases, tasks };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const results = {};
const kinds = ['papaparse', 'udsv', 'app', ...forcedReaders.map((n) => `app, ${n} reader${n > 1 ? 's' : ''}`), ...(before ? ['before'] : [])];
for (const kind of kinds) await run(kind); // warm-up
for (let r = 0; r < rounds; r++) {
  for (const kind of kinds) (results[kind] ??= []).push(await run(kind));
}
// A 1 GB export (the 1M-row file's rows repeated, ids made unique): what the app does with it.
let huge = null;
if (process.argv.includes('--huge')) {
  const path = '/tmp/pa-bench/huge/deals.csv';
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const { readFileSync, openSync, writeSync, closeSync } = await import('node:fs');
    const [head, ...rows] = readFileSync(file, 'utf8').split('\n').filter((l) => l);
    const fd = openSync(path, 'w');
    writeSync(fd, head + '\n');
    let written = head.length + 1;
    for (let copy = 0; written < 1e9; copy++) {
      const block = rows.map((r) => `C${copy}-` + r).join('\n') + '\n';
      writeSync(fd, block);
      written += Buffer.byteLength(block);
    }
    closeSync(fd);
  }
  const context = await browser.newContext();
  await context.addInitScript(LONG_TASKS);
  const page = await context.newPage();
  await page.goto(server.url + 'app/');
  await page.getByTestId('file-input').waitFor({ state: 'attached' });
  const start = rendererRss();
  let top = start;
  const sampler = setInterval(() => { top = Math.max(top, rendererRss()); }, 50);
  const t0 = Date.now();
  await page.getByTestId('file-input').setInputFiles(path);
  const outcome = page.getByTestId('error').or(page.getByTestId('row-count'));
  await outcome.first().waitFor({ timeout: 600_000 });
  const ms = Date.now() - t0;
  // Loaded: wait for every result too, then what the tab keeps.
  if (await page.getByTestId('row-count').count()) await page.getByTestId('attribution-table').waitFor({ timeout: 600_000 });
  const allMs = Date.now() - t0;
  await page.waitForTimeout(1500);
  clearInterval(sampler);
  huge = { mb: statSync(path).size / 1e6, ms, allMs, peak: Math.max(top, rendererRss()) - start, kept: rendererRss() - start, text: (await outcome.first().textContent()).trim().replace(/\s+/g, ' '), longest: await page.evaluate(() => window.__longest) };
  await context.close();
}
await browser.close();
await server.close();

console.log(`file: ${file} (${mb.toFixed(1)} MB, ${deals} deals), ${rounds} rounds after a warm-up, median`);
console.log('| | time (first results) | every result | MB/s | renderer growth | × file | longest main-thread task | check |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [kind, runs] of Object.entries(results)) {
  const ms = median(runs.map((x) => x.ms));
  const all = median(runs.map((x) => x.all));
  const growth = median(runs.map((x) => x.growth));
  console.log(`| ${kind} | ${(ms / 1000).toFixed(2)} s | ${(all / 1000).toFixed(2)} s | ${(mb / (ms / 1000)).toFixed(0)} | ${(growth / 1e6).toFixed(0)} MB | ${(growth / 1e6 / mb).toFixed(1)} | ${median(runs.map((x) => x.longest)).toFixed(0)} ms | ${runs[0].check} |`);
}
const t = (k) => median(results[k].map((x) => x.ms));
const tAll = (k) => median(results[k].map((x) => x.all));
// Phases of the app's load (median of each), from its User Timing marks.
const names = { 'pa:parsed': 'worker: read and split records, propose mapping', 'pa:received': 'worker: build the data set, encode, hand over', 'pa:decoded': 'page: decode the data set', 'pa:journeys': 'page: journeys', 'pa:shown': 'page: scenario prefill (before: value model, leaderboard; now later)', 'first frame': 'page: the first frame (now: the summary)', 'pa:revealed': 'page: every other section, one a task', 'pa:models': 'worker: every model, from the hand-over on (beside the page\'s work)' };
if (results.app.every((r) => r.phases)) {
  console.log('| app phase | median |');
  console.log('|---|---|');
  for (const key of Object.keys(names)) if (results.app.every((r) => key in r.phases)) console.log(`| ${names[key]} | ${(median(results.app.map((r) => r.phases[key])) / 1000).toFixed(2)} s |`);
}
// The worker's reading (file chosen → records split and the mapping proposed), per app run.
for (const kind of kinds.filter((k) => results[k].every((r) => r.phases))) {
  const read = median(results[kind].map((r) => r.phases['pa:parsed']));
  console.log(`${kind}: worker reading ${(read / 1000).toFixed(2)} s = ${(mb / (read / 1000)).toFixed(0)} MB/s`);
}
for (const kind of kinds.filter((k) => results[k][0].settled !== null)) {
  const settled = median(results[kind].map((x) => x.settled));
  console.log(`${kind}: renderer memory kept 1.5 s after every result is shown: ${(settled / 1e6).toFixed(0)} MB (${(settled / 1e6 / mb).toFixed(1)} × the file)`);
}
console.log(`app's long tasks, last round: ${results.app.at(-1).tasks.join('; ')}`);
console.log(`app ÷ PapaParse: ${(t('app') / t('papaparse')).toFixed(2)} first results, ${(tAll('app') / t('papaparse')).toFixed(2)} every result (goal ≤ 0.33); app ÷ uDSV: ${(t('app') / t('udsv')).toFixed(2)}, ${(tAll('app') / t('udsv')).toFixed(2)} (goal ≤ 0.67)`);
if (before) console.log(`before ÷ PapaParse: ${(t('before') / t('papaparse')).toFixed(2)}; app ÷ before: ${(t('app') / t('before')).toFixed(2)}`);
if (huge) console.log(`1 GB try: ${huge.mb.toFixed(0)} MB file → after ${(huge.ms / 1000).toFixed(2)} s (every result ${(huge.allMs / 1000).toFixed(2)} s; renderer peak growth ${(huge.peak / 1e6).toFixed(0)} MB = ${(huge.peak / 1e6 / huge.mb).toFixed(1)}×, kept ${(huge.kept / 1e6).toFixed(0)} MB; longest main-thread task ${huge.longest.toFixed(0)} ms): "${huge.text.slice(0, 300)}"`);
