// End-to-end tests against the release build in dist/, served from a
// sub-path by a plain static server and driven in Debian's Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { launch } from './browser.mjs';
import { serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dist = join(root, 'dist');
const fixture = (name) => join(root, 'tests', 'fixtures', name);

let server;
let browser;

before(async () => {
  server = await serve(dist, '/tools/partner-attribution/');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page (own context, so nothing is shared between tests) with errors collected. */
async function openApp() {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.getByTestId('sample-data').waitFor();
  return { context, page, pageErrors };
}

/** Click an export button and return the downloaded file's name and text. */
async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const stream = await file.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

test('sample data shows the comparison, the chart and the value model', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.getByTestId('sample-data').click();
  await assert.doesNotReject(page.getByTestId('attribution-table').waitFor());
  assert.equal((await page.getByTestId('row-count').textContent()).trim(), '2000');
  const rows = await page.getByTestId('attribution-table').locator('tbody tr').count();
  assert.ok(rows >= 10, `expected partner rows, got ${rows}`);
  const headers = await page.getByTestId('attribution-table').locator('thead th').allTextContents();
  for (const model of ['Sourced', 'Influenced', 'Even split', 'First touch', 'Last touch', 'Linear']) {
    assert.ok(headers.some((h) => h.startsWith(model)), `column ${model} in ${headers}`);
  }
  assert.equal(await page.locator('figure.chart svg rect').count() > 20, true, 'chart has bars');
  assert.match(await page.getByTestId('value-table').textContent(), /Win rate/);
  assert.match(await page.getByTestId('incremental-revenue').textContent(), /^\$[\d,]+$/);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('the #sample address opens straight on the sample results', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '#sample');
  await page.getByTestId('attribution-table').waitFor();
  assert.equal((await page.getByTestId('row-count').textContent()).trim(), '2000');
  await context.close();
});

for (const [label, files, expectedDir] of [
  ['deals and touches', ['deals.csv', 'touches.csv'], 'expected_touch'],
  ['deals only', ['deals.csv'], 'expected_deal'],
]) {
  test(`uploaded fixture (${label}) exports equal the reference files`, async () => {
    const { context, page, pageErrors } = await openApp();
    await page.getByTestId('file-input').setInputFiles(files.map(fixture));
    await page.getByTestId('attribution-table').waitFor();
    assert.equal((await page.getByTestId('row-count').textContent()).trim(), '400');
    const attribution = await download(page, 'export-attribution');
    assert.equal(attribution.name, 'attribution.csv');
    assert.equal(attribution.text, await readFile(fixture(`${expectedDir}/attribution.csv`), 'utf8'));
    const value = await download(page, 'export-value');
    assert.equal(value.name, 'value_model.csv');
    assert.equal(value.text, await readFile(fixture(`${expectedDir}/value_model.csv`), 'utf8'));
    // The incremental figure on screen is the §7 formula over the exported segments.
    const [header, ...rows] = value.text.trim().split(/\r?\n/).map((l) => l.split(','));
    const seg = Object.fromEntries(rows.map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    const rate = (s) => Number(s.won_deals) / Number(s.closed_deals);
    const expected = Number(seg.partner.closed_deals) *
      (rate(seg.partner) * Number(seg.partner.avg_won_amount) - rate(seg.direct) * Number(seg.direct.avg_won_amount));
    const shown = Number((await page.getByTestId('incremental-revenue').textContent()).replace(/[^\d.-]/g, ''));
    assert.ok(Math.abs(shown - expected) <= 1, `incremental ${shown} vs formula ${expected}`);
    assert.deepEqual(pageErrors, []);
    await context.close();
  });
}

test('a bad file shows the error panel with row and column; the next good file loads', async () => {
  const { context, page, pageErrors } = await openApp();
  const input = page.getByTestId('file-input');
  for (const [file, pattern] of [
    ['bad_amount.csv', /row 3, column "amount".*"twelve" is not an amount/],
    ['bad_date.csv', /row 3, column "close_date".*not a date/],
    ['missing_column.csv', /column "created_date".*required column is missing/],
    ['empty.csv', /empty/],
    ['not_a_csv.png', /PNG image/],
  ]) {
    await input.setInputFiles(fixture(file));
    const error = page.getByTestId('error');
    await error.waitFor();
    assert.match(await error.textContent(), pattern, file);
  }
  await input.setInputFiles(fixture('deals.csv'));
  await page.getByTestId('attribution-table').waitFor();
  assert.equal((await page.getByTestId('row-count').textContent()).trim(), '400');
  assert.equal(await page.getByTestId('error').count(), 0, 'error panel cleared');
  // A bad file after good results keeps the results and shows the error.
  await input.setInputFiles(fixture('bad_amount.csv'));
  await page.getByTestId('error').waitFor();
  assert.equal((await page.getByTestId('row-count').textContent()).trim(), '400');
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('file content is rendered as text, never as HTML', async () => {
  const { context, page } = await openApp();
  const csv = 'deal_id,amount,stage,created_date,close_date,sourcing_partner\n' +
    'D-1,100,Closed Won,2025-01-01,2025-02-01,<img src=x onerror=alert(1)>\n' +
    'D-2,100,Closed Won,2025-01-01,2025-02-01,<b>Bold</b> & Co\n';
  await page.getByTestId('file-input').setInputFiles({ name: 'xss.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('attribution-table').waitFor();
  assert.equal(await page.locator('main img').count(), 0, 'no element created from file content');
  assert.equal(await page.locator('main b').count(), 0);
  assert.match(await page.getByTestId('attribution-table').textContent(), /<b>Bold<\/b> & Co/);
  await context.close();
});

test('no request leaves the page after load', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const assets = new Set((await readdir(dist)).map((f) => new URL(f, server.url).href));
  assets.add(server.url);
  let loaded = false;
  const violations = [];
  const origin = new URL(server.url).origin;
  page.on('request', (request) => {
    const url = new URL(request.url());
    // blob: and data: URLs are in-memory (downloads, the empty favicon), not network requests.
    if (url.protocol === 'blob:' || url.protocol === 'data:') return;
    const own = url.origin === origin && request.method() === 'GET' && assets.has(url.href.split('#')[0]);
    if (loaded && !own) violations.push(`${request.method()} ${request.url()}`);
    if (!loaded && url.origin !== origin) violations.push(`before load: ${request.url()}`);
  });
  await page.goto(server.url, { waitUntil: 'load' });
  await page.getByTestId('sample-data').waitFor();
  loaded = true;
  await page.getByTestId('sample-data').click();
  await page.getByTestId('attribution-table').waitFor();
  await page.getByTestId('file-input').setInputFiles([fixture('deals.csv'), fixture('touches.csv')]);
  await page.getByTestId('row-count').filter({ hasText: '400' }).waitFor();
  await download(page, 'export-attribution');
  await download(page, 'export-value');
  await page.waitForTimeout(500);
  assert.deepEqual(violations, []);
  await context.close();
});

test('the bundle names no other host and ships a strict Content-Security-Policy', async () => {
  const files = await readdir(dist);
  for (const file of files.filter((f) => /\.(html|js|css|wasm)$/.test(f))) {
    const text = (await readFile(join(dist, file))).toString('latin1');
    const hosts = [...text.matchAll(/https?:\/\/([a-z0-9.-]+)/gi)].map((m) => m[1])
      .filter((h) => !['www.w3.org', '127.0.0.1', 'localhost'].includes(h));
    assert.deepEqual([...new Set(hosts)], [], `${file} references other hosts`);
  }
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const meta = html.match(/<meta[^>]*Content-Security-Policy[^>]*>/)?.[0] ?? '';
  const csp = meta.match(/content="([^"]+)"/)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'self'/);
  assert.doesNotMatch(csp, /[ ]'unsafe-eval'|\*/);
  assert.doesNotMatch(csp, /__INLINE_SCRIPT_HASHES__/);
});

test('half-life, dimension and drill-down: controls recompute and exports follow', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.getByTestId('file-input').setInputFiles([fixture('deals.csv'), fixture('touches.csv')]);
  await page.getByTestId('attribution-table').waitFor();
  const before = (await download(page, 'export-attribution')).text;
  await page.getByTestId('half-life').fill('7');
  await page.getByTestId('half-life').dispatchEvent('input');
  const after = (await download(page, 'export-attribution')).text;
  const rows = (text, model) => text.split('\r\n').filter((l) => l.startsWith(model + ','));
  assert.notDeepEqual(rows(after, 'time_decay'), rows(before, 'time_decay'), 'time decay follows the half-life');
  assert.deepEqual(rows(after, 'linear'), rows(before, 'linear'), 'other models unchanged');

  // Drill into the first partner: its deals are listed with their journeys.
  await page.getByTestId('attribution-table').locator('tbody th button').first().click();
  const drill = page.locator('section.drill');
  await drill.waitFor();
  assert.ok(await drill.locator('tbody tr').count() > 0, 'deals behind the number');
  assert.match(await drill.locator('h2').textContent(), /under Linear/);

  // Switch to the internal-team dimension: table and export follow.
  await page.getByTestId('dimension').selectOption('team');
  await page.getByTestId('attribution-table').locator('thead th').first().filter({ hasText: 'Internal team' }).waitFor();
  const teams = (await download(page, 'export-attribution')).text;
  assert.ok(teams.split('\r\n').some((l) => /^linear,team,partnerships,/.test(l)), 'team rows exported');
  assert.ok(teams.split('\r\n').some((l) => /^linear,partner,/.test(l)), 'partner rows kept');
  assert.match(await page.locator('.rank-view').textContent(), /under every rule|No key stays/);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

for (const file of ['salesforce_report.csv', 'european_cp1252.csv', 'excel_unicode_text.txt', 'hubspot_deals.csv', 'hubspot_deals.xlsx']) {
  test(`${file} loads without the mapping panel and exports the canonical numbers`, async () => {
    const { context, page, pageErrors } = await openApp();
    await page.getByTestId('file-input').setInputFiles(fixture(file));
    await page.getByTestId('attribution-table').waitFor();
    assert.equal(await page.getByTestId('mapping').count(), 0);
    assert.equal((await page.getByTestId('row-count').textContent()).trim(), '400');
    const attribution = await download(page, 'export-attribution');
    assert.equal(attribution.text, await readFile(fixture('expected_deal/attribution.csv'), 'utf8'));
    const value = await download(page, 'export-value');
    assert.equal(value.text, await readFile(fixture('expected_deal/value_model.csv'), 'utf8'));
    assert.deepEqual(pageErrors, []);
    await context.close();
  });
}

test('unusual headers open the mapping panel; the choice is remembered for the next file', async () => {
  const { context, page, pageErrors } = await openApp();
  const csv = 'Ref,Money,Outcome,Opened,Finished,Who brought it\n' +
    'X1,1000,Closed Won,2025-01-02,2025-02-01,Acme\n' +
    'X2,500,Closed Lost,2025-01-05,2025-03-01,\n';
  const upload = () => page.getByTestId('file-input').setInputFiles({ name: 'odd.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await upload();
  const panel = page.getByTestId('mapping');
  await panel.waitFor();
  assert.match(await panel.textContent(), /X1/, 'preview of the first rows');
  const choose = async (role, header) => {
    const select = panel.locator('label.role', { hasText: new RegExp(`^${role}`, 'i') }).locator('select');
    await select.selectOption({ label: header });
  };
  await choose('deal id', 'Ref');
  await choose('amount', 'Money');
  await choose('created date', 'Opened');
  await choose('close date', 'Finished');
  await choose('stage', 'Outcome');
  await choose('sourcing partner', 'Who brought it');
  await panel.getByRole('button', { name: 'Use these columns' }).click();
  await page.getByTestId('attribution-table').waitFor();
  assert.equal((await page.getByTestId('row-count').textContent()).trim(), '2');
  assert.match(await page.getByTestId('attribution-table').textContent(), /Acme/);
  // Same headers again: no panel, straight to results (the mapping was remembered).
  await page.getByTestId('sample-data').click();
  await page.getByTestId('row-count').filter({ hasText: '2000' }).waitFor();
  await upload();
  await page.getByTestId('row-count').filter({ hasText: /^2$/ }).waitFor();
  assert.equal(await page.getByTestId('mapping').count(), 0);
  const stored = await page.evaluate(() => Object.keys(localStorage).join(' '));
  assert.match(stored, /partner-attribution\.mapping\./);
  const values = await page.evaluate(() => Object.values(localStorage).join(' '));
  assert.doesNotMatch(values, /X1|Acme|1000/, 'only the mapping is stored, never data');
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('a large file is read in the worker with a progress bar; Cancel stops it and the page keeps working', async () => {
  const { context, page, pageErrors } = await openApp();
  // ~60 MB of canonical rows: large enough that reading takes over a second.
  const header = 'deal_id,amount,stage,created_date,close_date,sourcing_partner\n';
  const rows = [];
  for (let i = 0; i < 10_000; i++) rows.push(`D-${i},${1000 + i}.50,Closed Won,2025-01-02,2025-03-04,Acme Integrations Worldwide Partner Network\n`);
  const block = rows.join('');
  const path = join(tmpdir(), `large-${process.pid}.csv`);
  await writeFile(path, header + block.repeat(Math.ceil(60e6 / block.length)));
  try {
    await page.getByTestId('file-input').setInputFiles(path);
    // The bar appears at once (the worker does the reading) and names the size.
    const text = await page.getByTestId('progress-text').textContent();
    assert.match(text, /Reading large-\d+\.csv — [\d.]+ of 6\d\.\d MB · [\d,]+ rows/);
    assert.equal(await page.getByTestId('progress').locator('progress').count(), 1);
    // The main thread answers while the worker reads.
    assert.equal(await page.evaluate(() => 1 + 1), 2);
    await page.getByTestId('cancel').click();
    assert.equal(await page.getByTestId('progress').count(), 0, 'progress bar gone');
    assert.equal(await page.getByTestId('attribution-table').count(), 0, 'no results from the cancelled file');
    assert.equal(await page.getByTestId('error').count(), 0, 'cancelling is not an error');
    // A fresh worker takes the next job.
    await page.getByTestId('sample-data').click();
    await page.getByTestId('attribution-table').waitFor();
    assert.equal((await page.getByTestId('row-count').textContent()).trim(), '2000');
    assert.deepEqual(pageErrors, []);
  } finally {
    await unlink(path);
    await context.close();
  }
});

test('value model: overview cards follow company size, splits, definitions, leaderboard sort, scenario remembered', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.getByTestId('sample-data').click();
  await page.getByTestId('attribution-table').waitFor();
  const titles = () => page.getByTestId('headline-card').locator('.headline-title').allTextContents();
  assert.ok((await titles()).length >= 8);
  assert.equal((await titles())[0], 'Partner-sourced revenue');
  await page.getByTestId('company-size').selectOption('0-49');
  assert.deepEqual((await titles()).slice(0, 2), ['Partner-sourced opportunities', 'New partnerships']);
  assert.match(await page.getByTestId('kpi-guidance').textContent(), /Explorer/);

  // Intervals beside the values, and the mix-adjusted explanation.
  assert.match(await page.getByTestId('value-table').textContent(), /95%: [\d.]+% – [\d.]+%/);
  assert.match(await page.getByTestId('mix-explanation').textContent(), /mix-adjusted lift compares them within/);
  assert.deepEqual(await page.getByTestId('motions').locator('tbody th').allTextContents(), ['Renewals', 'Expansion']);
  assert.match(await page.getByTestId('touch-timing').textContent(), /first partner touch comes a median/);
  await page.getByTestId('split').selectOption('partner');
  assert.ok((await page.getByTestId('split-table').locator('tbody tr').count()) >= 10);
  await page.getByTestId('definition').selectOption('sourced');
  const value = await download(page, 'export-value');
  assert.match(value.text.split(/\r?\n/)[1], /^partner,sourced,/);

  // Leaderboard: sort by deals, descending.
  await page.getByTestId('leaderboard').locator('thead button', { hasText: /^Deals/ }).click();
  const deals = (await page.getByTestId('leaderboard').locator('tbody tr td:nth-child(3)').allTextContents()).map(Number);
  assert.deepEqual(deals, [...deals].sort((a, b) => b - a));
  assert.equal(await page.getByTestId('leaderboard').locator('tbody svg.sparkline').count(), deals.length);
  assert.match(await page.getByTestId('partners-needed').textContent(), /more active partners/);

  // Scenario: a typed target drives the projection and survives a reload.
  const target = page.getByTestId('scenario-target-rate');
  await target.fill('80');
  await target.dispatchEvent('change');
  assert.match(await page.getByTestId('scenario-table').locator('tbody tr').last().textContent(), /80\.0%/);
  await page.reload();
  await page.getByTestId('sample-data').click();
  await page.getByTestId('scenario').waitFor();
  assert.equal(await page.getByTestId('scenario-target-rate').inputValue(), '80');
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('the scenario planner works with no file at all', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.getByTestId('plan-without-file').locator('summary').first().click();
  const answer = page.getByTestId('scenario-answer');
  await answer.waitFor();
  const before = await page.getByTestId('scenario-table').textContent();
  const cost = page.getByTestId('scenario-program-cost');
  await cost.fill('5000000');
  await cost.dispatchEvent('change');
  assert.notEqual(await page.getByTestId('scenario-table').textContent(), before);
  assert.match(await answer.textContent(), /month|Does not pay back/);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('a partner roster file adds tier, days to first win, tenure and revenue per program', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.getByTestId('file-input').setInputFiles([fixture('deals.csv'), fixture('partner_roster.csv')]);
  await page.getByTestId('attribution-table').waitFor();
  assert.equal(await page.getByTestId('mapping').count(), 0, 'recognised without the mapping panel');
  const board = page.getByTestId('leaderboard');
  const headers = await board.locator('thead th').allTextContents();
  for (const h of ['Tier', 'Days to first win', 'Tenure (days)']) assert.ok(headers.some((x) => x.startsWith(h)), h);
  assert.ok(await board.locator('tbody tr', { hasText: 'Horizon Partners' }).count(), 'roster partner without deals listed');
  const programs = await page.getByTestId('programs').locator('tbody th').allTextContents();
  assert.deepEqual(programs, ['Gold', 'Platinum', 'Registered', 'Silver']);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

/** Width and height of a PNG from its IHDR chunk. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Click a download button and return the file's name and bytes. */
async function downloadBytes(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const chunks = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk);
  return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

test('charts export as SVG and 2× PNG with their titles, and show their data table', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.getByTestId('sample-data').click();
  await page.getByTestId('attribution-table').waitFor();
  const svg = await downloadBytes(page, 'export-chart-svg');
  assert.equal(svg.name, 'attribution-chart.svg');
  assert.match(svg.bytes.toString('utf8'), /^<svg[\s\S]*Top 10 by credited revenue[\s\S]*Six attribution models/);
  const png = await downloadBytes(page, 'export-chart-png');
  assert.equal(png.name, 'attribution-chart.png');
  assert.deepEqual(pngSize(png.bytes), [1920, 1120], 'twice the 960×560 chart');
  const details = page.locator('#attribution details.chart-data');
  await details.locator('summary').click();
  assert.ok((await details.locator('tbody tr').count()) >= 10, 'data table behind the chart');
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('board view: chosen slides in order, arrow keys and Esc, slide chart exports', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.getByTestId('sample-data').click();
  await page.getByTestId('attribution-table').waitFor();
  await page.getByTestId('slide-scenario').uncheck();
  await page.getByRole('button', { name: 'Move Leaderboard top 10 earlier' }).click();
  await page.getByTestId('board-view').click();
  const board = page.getByTestId('board');
  await board.waitFor();
  const order = await board.locator('section.slide').evaluateAll((s) => s.map((x) => x.dataset.slide));
  assert.deepEqual(order, ['overview', 'attribution', 'leaderboard', 'waterfall']);
  assert.equal(await page.getByTestId('slide-number').textContent(), '1 / 4');
  assert.equal(await board.locator('section.slide.active .headline').count() >= 8, true, 'overview cards');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByTestId('slide-number').textContent(), '2 / 4');
  const svg = await downloadBytes(page, 'export-chart-svg');
  assert.equal(svg.name, 'board-attribution.svg');
  assert.match(svg.bytes.toString('utf8'), /Credit by partner under six attribution rules/);
  const png = await downloadBytes(page, 'export-chart-png');
  assert.deepEqual(pngSize(png.bytes), [2400, 1200]);
  await page.keyboard.press('ArrowRight');
  assert.ok((await board.locator('section.slide.active tbody tr').count()) === 10, 'top 10 partners');
  // Printing (PDF) lays out every chosen slide, one per page, without the page behind.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await board.locator('section.slide:visible').count(), 4);
  assert.equal(await page.locator('main.page').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('board').count(), 0);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('a share link carries settings, never data, and restores them in a fresh profile', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.getByTestId('file-input').setInputFiles([fixture('deals.csv'), fixture('touches.csv')]);
  await page.getByTestId('attribution-table').waitFor();
  await page.getByTestId('half-life').fill('45');
  await page.getByTestId('half-life').dispatchEvent('input');
  await page.getByTestId('definition').selectOption('sourced');
  await page.getByTestId('company-size').selectOption('1000+');
  const target = page.getByTestId('scenario-target-rate');
  await target.fill('66');
  await target.dispatchEvent('change');
  await page.getByTestId('slide-scenario').uncheck();
  const link = await page.getByTestId('share-url').inputValue();
  assert.ok(link.startsWith(server.url), link);
  const fragment = new URL(link).hash;
  assert.match(fragment, /^#s1\.[A-Za-z0-9_-]+$/);
  const payload = Buffer.from(fragment.slice(4), 'base64url').toString('utf8');
  for (const secret of ['D-10', 'Account ', 'Northwind']) assert.ok(!payload.includes(secret), `no ${secret} in ${payload}`);
  await context.close();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await other.getByTestId('notice').waitFor();
  assert.match(await other.getByTestId('notice').textContent(), /Drop your export/);
  await other.getByTestId('sample-data').click();
  await other.getByTestId('attribution-table').waitFor();
  assert.equal(await other.getByTestId('half-life').inputValue(), '45');
  assert.equal(await other.getByTestId('definition').inputValue(), 'sourced');
  assert.equal(await other.getByTestId('company-size').inputValue(), '1000+');
  assert.equal(await other.getByTestId('scenario-target-rate').inputValue(), '66');
  assert.equal(await other.getByTestId('slide-scenario').isChecked(), false);
  assert.deepEqual(pageErrors, []);
  await fresh.close();
});

test('a snapshot link opens the board without the file and holds aggregates only', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.getByTestId('file-input').setInputFiles([fixture('deals.csv'), fixture('touches.csv')]);
  await page.getByTestId('attribution-table').waitFor();
  await page.getByTestId('share-snapshot').click();
  const preview = await page.getByTestId('snapshot-preview').textContent();
  assert.match(preview, /holds exactly the following/);
  assert.match(preview, /Partner: /);
  const link = await page.getByTestId('snapshot-url').inputValue();
  const payload = Buffer.from(new URL(link).hash.slice(4), 'base64url').toString('utf8');
  const deals = await readFile(fixture('deals.csv'), 'utf8');
  const ids = deals.split('\n').slice(1).map((l) => l.split(',')[0]).filter(Boolean);
  const accounts = [...new Set(deals.split('\n').slice(1).map((l) => l.split(',')[2]).filter(Boolean))];
  for (const secret of [...ids, ...accounts]) assert.ok(!payload.includes(`"${secret}"`) && !payload.includes(`${secret} `), secret);
  await context.close();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  const board = other.getByTestId('board');
  await board.waitFor();
  assert.equal(await other.getByTestId('slide-number').textContent(), '1 / 5');
  assert.equal(await other.getByTestId('row-count').count(), 0, 'no data loaded');
  await other.keyboard.press('End');
  assert.match(await board.locator('section.slide.active').textContent(), /Scenario/);
  await other.keyboard.press('Escape');
  await other.getByTestId('sample-data').waitFor();
  assert.deepEqual(pageErrors, []);
  await fresh.close();
});

test('a damaged or tampered link gets a message, and the page keeps working', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  for (const fragment of ['#s1.eyJobCI6', '#b1.!!!!', '#s9.abc']) {
    await page.goto(server.url + fragment);
    await page.reload();
    const error = page.getByTestId('error');
    await error.waitFor();
    assert.match(await error.textContent(), /damaged|newer version/);
  }
  await page.getByTestId('sample-data').click();
  await page.getByTestId('attribution-table').waitFor();
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('after the first load the app works offline; Forget clears stored settings', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  assert.match(await page.evaluate(() => document.querySelector('link[rel=manifest]').href), /manifest\.webmanifest$/);
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('sample-data').click();
  await page.getByTestId('attribution-table').waitFor();
  assert.equal((await page.getByTestId('row-count').textContent()).trim(), '2000');
  // Settings are stored; Forget removes every one of them.
  await page.getByTestId('company-size').selectOption('50-99');
  const stored = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('partner-attribution.')).length);
  assert.ok((await stored()) > 0);
  await page.getByTestId('forget').click();
  assert.equal(await stored(), 0);
  await context.setOffline(false);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('numbers and dates follow the browser locale; exports stay in the spec format', async () => {
  const context = await browser.newContext({ locale: 'de-DE', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('file-input').setInputFiles([fixture('deals.csv')]);
  await page.getByTestId('attribution-table').waitFor();
  // German grouping and the currency after the number: "1.234.567 $".
  assert.match(await page.getByTestId('incremental-revenue').textContent(), /^-?[\d.]+\s\$$/);
  assert.match(await page.getByTestId('value-table').textContent(), /\d+,\d\s%/, 'decimal comma in percentages');
  const value = await download(page, 'export-value');
  assert.equal(value.text, await readFile(fixture('expected_deal/value_model.csv'), 'utf8'));
  await context.close();
});
