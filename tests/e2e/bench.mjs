// Browser benchmark (not a test): recompute times on a large generated file.
//   cargo run --profile cli-release -p partner-attribution -- sample --deals 100000 --out /tmp/bench
//   node tests/e2e/bench.mjs /tmp/bench [DIST]   (DIST: another release build, default dist/)
// Prints the time to load the files and the app's own recompute times
// (performance.now() around each recompute) for a half-life move, a
// revenue-base switch (every model) and a dimension switch.
import { launch } from './browser.mjs';
import { serve } from './serve.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] || '/tmp/bench';
const server = await serve(process.argv[3] || join(here, '..', '..', 'dist'), '/');
const browser = await launch();
const page = await browser.newPage();
await page.goto(server.url);
await page.getByTestId('file-input').waitFor({ state: 'attached' });
const computeMs = async () => Number((await page.locator('.compute-time').textContent()).match(/[\d.]+/)[0]);
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let t = Date.now();
await page.getByTestId('file-input').setInputFiles([join(dir, 'deals.csv'), join(dir, 'touches.csv')]);
await page.getByTestId('attribution-table').waitFor({ timeout: 600_000 });
const deals = await page.getByTestId('row-count').textContent();
console.log(`load + first compute of ${deals} deals: ${Date.now() - t} ms`);

const halfLife = [];
const halfLifeWall = [];
for (const v of [7, 14, 45, 60, 90, 30, 21]) {
  const wall = await page.evaluate(async (value) => {
    const input = document.querySelector('[data-testid=half-life]');
    const start = performance.now();
    input.value = String(value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => r()));
    return performance.now() - start;
  }, v);
  halfLifeWall.push(wall);
  halfLife.push(await computeMs());
}
console.log(`half-life move: recompute ${median(halfLife).toFixed(1)} ms (median), input to next frame ${median(halfLifeWall).toFixed(1)} ms`);

const base = [];
for (const v of ['open', 'won', 'open', 'won', 'open']) {
  await page.getByTestId('revenue-base').selectOption(v);
  await page.waitForTimeout(50);
  base.push(await computeMs());
}
console.log(`revenue-base switch (all models but time decay): recompute ${median(base).toFixed(1)} ms (median)`);

t = Date.now();
await page.getByTestId('dimension').selectOption('team');
await page.getByTestId('attribution-table').locator('thead th').first().filter({ hasText: 'Internal team' }).waitFor();
console.log(`dimension switch to team (new journeys + every model): ${Date.now() - t} ms wall`);
await browser.close();
await server.close();
