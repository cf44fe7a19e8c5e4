// End-to-end tests of what is shown and shared: the value model, scenario,
// roster, chart exports, the board view, share and snapshot links, offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { env, useApp, openApp, download, downloadBytes, fixture } from './harness.mjs';

useApp();

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

test('charts export as SVG and 2× PNG with their titles, and show their data table', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.getByTestId('sample-data').click();
  await page.getByTestId('attribution-table').waitFor();
  const svg = await downloadBytes(page, 'export-chart-svg');
  assert.equal(svg.name, 'attribution-chart.svg');
  assert.match(svg.bytes.toString('utf8'), /^<svg[\s\S]*Top 10 by credited revenue[\s\S]*\d+ attribution models/);
  const png = await downloadBytes(page, 'export-chart-png');
  assert.equal(png.name, 'attribution-chart.png');
  assert.deepEqual(pngSize(png.bytes), [1920, 1120], 'twice the 960×560 chart');
  const details = page.locator('#attribution details.chart-data').first();
  await details.locator('summary').click();
  assert.ok((await details.locator('tbody tr').count()) >= 10, 'data table behind the chart');
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('board view: chosen slides in order, arrow keys and Esc, slide chart exports', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.getByTestId('sample-data').click();
  await page.getByTestId('attribution-table').waitFor();
  // An unchosen slide moves below the chosen ones (a new row), so click, then check.
  await page.getByTestId('slide-scenario').click();
  assert.equal(await page.getByTestId('slide-scenario').isChecked(), false);
  await page.getByRole('button', { name: 'Move Leaderboard top 10 earlier' }).click();
  await page.getByRole('button', { name: 'Move Leaderboard top 10 earlier' }).click();
  await page.getByTestId('board-view').click();
  const board = page.getByTestId('board');
  await board.waitFor();
  const order = await board.locator('section.slide').evaluateAll((s) => s.map((x) => x.dataset.slide));
  assert.deepEqual(order, ['summary', 'overview', 'attribution', 'leaderboard', 'waterfall', 'retention', 'definitions']);
  assert.equal(await page.getByTestId('slide-number').textContent(), '1 / 7');
  // The executive summary: three findings with their numbers, the data, what was left out.
  const findings = await board.getByTestId('summary-findings').locator('li').allTextContents();
  assert.equal(findings.length, 3);
  for (const f of findings) assert.match(f, /\d/);
  assert.match(await board.getByTestId('summary-facts').textContent(), /Data: Deals created .*Sample data.*(No deal was left out|left out)/s);
  // Takeaway titles: each slide states its finding with its number.
  const titles = await board.locator('[data-testid="slide-title"]').allTextContents();
  assert.equal(titles[0], findings[0]);
  assert.match(titles[1], /^Partner-involved deals win [\d.]+% vs [\d.]+% for direct(, a difference this data cannot tell from zero)? \(95%/);
  assert.equal(await board.locator('section.slide[data-slide="overview"] .headline').count() >= 8, true, 'overview cards');
  assert.match(titles[2], /lead under all \d+ additive rules|The rule decides the ranking/);
  assert.match(titles[3], /^\S.* leads the partners with \$[\d,]+ of partner revenue over \d+ deals$/);
  assert.match(titles[4], /^Partner-involved deals won \$[\d,]+/);
  assert.match(titles[5], /^Accounts using a partner integration kept [\d.]+% of their revenue vs [\d.]+%/);
  assert.equal(titles[6], 'Appendix: what each rule and figure means');
  assert.match(await board.getByTestId('definitions').textContent(), /Shapley.*Markov.*Win rate/s);
  assert.match(await board.locator('section.slide[data-slide="retention"]').textContent(), /Net revenue retention.*Other accounts/s);
  assert.equal(await board.locator('section.slide[data-slide="retention"] svg').count(), 1, 'days in stage chart');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByTestId('slide-number').textContent(), '3 / 7');
  const svg = await downloadBytes(page, 'export-chart-svg');
  assert.equal(svg.name, 'board-attribution.svg');
  assert.match(svg.bytes.toString('utf8'), /Credit by partner under \d+ additive rules[\s\S]*Influenced[\s\S]*not additive/);
  const png = await downloadBytes(page, 'export-chart-png');
  assert.deepEqual(pngSize(png.bytes), [2400, 1200]);
  await page.keyboard.press('ArrowRight');
  assert.ok((await board.locator('section.slide.active tbody tr').count()) === 10, 'top 10 partners');
  // A title is edited in place; the arrow keys type into it rather than move.
  const title = board.locator('section.slide.active [data-testid="slide-title"]');
  await title.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Our partners lead the way');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  assert.equal(await page.getByTestId('slide-number').textContent(), '4 / 7');
  assert.equal(await board.locator('section.slide.active [data-testid="slide-title"]').textContent(), 'Our partners lead the way');
  // Printing (PDF) lays out every chosen slide, one per page, without the page behind.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await board.locator('section.slide:visible').count(), 7);
  assert.equal(await page.locator('main.page').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('board').count(), 0);
  // The edited title travels in the settings link and in a snapshot link.
  const settings = Buffer.from(new URL(await page.getByTestId('share-url').inputValue()).hash.slice(4), 'base64url').toString('utf8');
  assert.match(settings, /"tt":\[\["leaderboard","Our partners lead the way"\]\]/);
  await page.getByTestId('share-snapshot').click();
  const snap = Buffer.from(new URL(await page.getByTestId('snapshot-url').inputValue()).hash.slice(4), 'base64url').toString('utf8');
  assert.match(snap, /"titles":\[\["leaderboard","Our partners lead the way"\]\]/);
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
  // An unchosen slide moves below the chosen ones (a new row), so click, then check.
  await page.getByTestId('slide-scenario').click();
  assert.equal(await page.getByTestId('slide-scenario').isChecked(), false);
  const link = await page.getByTestId('share-url').inputValue();
  assert.ok(link.startsWith(env.server.url), link);
  const fragment = new URL(link).hash;
  assert.match(fragment, /^#s1\.[A-Za-z0-9_-]+$/);
  const payload = Buffer.from(fragment.slice(4), 'base64url').toString('utf8');
  for (const secret of ['D-10', 'Account ', 'Northwind']) assert.ok(!payload.includes(secret), `no ${secret} in ${payload}`);
  await context.close();

  const fresh = await env.browser.newContext();
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

  const fresh = await env.browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  const board = other.getByTestId('board');
  await board.waitFor();
  assert.equal(await other.getByTestId('slide-number').textContent(), '1 / 7');
  assert.equal(await other.getByTestId('row-count').count(), 0, 'no data loaded');
  await other.keyboard.press('End');
  assert.match(await board.locator('section.slide.active').textContent(), /Appendix: what each rule and figure means/);
  await other.keyboard.press('ArrowLeft');
  assert.match(await board.locator('section.slide.active').textContent(), /Scenario/);
  await other.keyboard.press('Escape');
  await other.getByTestId('sample-data').waitFor();
  assert.deepEqual(pageErrors, []);
  await fresh.close();
});

test('a damaged or tampered link gets a message, and the page keeps working', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A snapshot whose figures are finite but absurd (their sums overflow) must not freeze the page.
  const absurd = Buffer.from(JSON.stringify({
    title: 'x', subtitle: '', currency: 'USD', model: 'Linear', definition: 'any', cards: [],
    attribution: { keys: ['A'], series: [['Linear', [1e308]]] }, waterfall: [1e308, 1e308, 1e308, 1e308],
    partners: [], scenario: '', slides: ['attribution'],
  })).toString('base64url');
  for (const fragment of ['#s1.eyJobCI6', '#b1.!!!!', '#s9.abc', '#S1.abc', '#b10.abc', `#b1.${absurd}`]) {
    await page.goto(env.server.url + fragment);
    await page.reload();
    const error = page.getByTestId('error');
    await error.waitFor();
    const text = await error.textContent();
    assert.match(text, /damaged|newer version|not one this app made|out of range/, fragment);
    assert.match(text, /That link could not be opened/, 'a heading about the link, not a file');
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
  const context = await env.browser.newContext({ locale: 'de-DE', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.getByTestId('file-input').setInputFiles([fixture('deals.csv')]);
  await page.getByTestId('attribution-table').waitFor();
  // German grouping and the currency after the number: "1.234.567 $".
  assert.match(await page.getByTestId('incremental-revenue').textContent(), /^-?[\d.]+\s\$$/);
  assert.match(await page.getByTestId('value-table').textContent(), /\d+,\d\s%/, 'decimal comma in percentages');
  const value = await download(page, 'export-value');
  assert.equal(value.text, await readFile(fixture('expected_deal/value_model.csv'), 'utf8'));
  await context.close();
});

test('a stage history and ARR files dropped with the deals give days in stage and retention, exported per §7a/§7b', async () => {
  const { context, page, pageErrors } = await openApp();
  const lines = (text) => text.replace(/\r\n/g, '\n').trimEnd();
  for (const [history, installs, expectedRetention] of [
    ['stage/stage_history.csv', null, 'stage/ref/retention.csv'],
    ['stage/salesforce_opportunity_history.csv', 'stage/integrations.csv', 'stage/ref_int/retention.csv'],
  ]) {
    const files = ['deals.csv', history, 'stage/arr.csv', ...(installs ? [installs] : [])].map(fixture);
    await page.getByTestId('file-input').setInputFiles(files);
    // This load's results, not the previous one's still on screen.
    await page.locator('.summary-title', { hasText: history.split('/').pop() }).waitFor();
    await page.getByTestId('stage-days-table').waitFor();
    await page.getByTestId('retention-table').waitFor();
    const stages = await download(page, 'export-stage-days');
    assert.equal(stages.name, 'stage_days.csv');
    assert.equal(lines(stages.text), lines(await readFile(fixture('stage/ref/stage_days.csv'), 'utf8')), history);
    const retention = await download(page, 'export-retention');
    assert.equal(lines(retention.text), lines(await readFile(fixture(expectedRetention), 'utf8')), expectedRetention);
    assert.match(await page.getByTestId('stage-days-table').textContent(), /Negotiation/);
    assert.match(await page.getByTestId('stage-days-table').textContent(), /95%: \d/, 'bootstrap intervals on days');
    assert.match(await page.getByTestId('retention-table').textContent(), /95%: \d+% – \d+%/, 'intervals on GRR/NRR');
    assert.match(await page.getByTestId('retention-story').textContent(), /kept \d+% of their revenue vs \d+%|Not enough accounts/);
  }
  // A HubSpot deal export with "Date entered <stage>" columns: the history is in the deal file.
  await page.getByTestId('file-input').setInputFiles(fixture('stage/hubspot_deals_date_entered.csv'));
  await page.waitForFunction(() => /Qualified to buy/.test(document.querySelector('[data-testid="stage-days-table"]')?.textContent ?? ''));
  assert.equal(await page.getByTestId('problem-rows').count(), 0, 'no row left out');
  const hubspot = await download(page, 'export-stage-days');
  assert.match(hubspot.text, /^partner,any_partner,Appointment scheduled,\d+,/m);
  assert.match(await page.getByTestId('stages-unlock').textContent(), /revenue retention/);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('without those files the section says which file unlocks it; the sample shows both views at once', async () => {
  const { context, page } = await openApp();
  await page.getByTestId('file-input').setInputFiles(fixture('deals.csv'));
  await page.getByTestId('stages-unlock').waitFor();
  assert.match(await page.getByTestId('stages-unlock').textContent(), /stage history.*ARR/);
  await page.getByTestId('sample-data').click();
  await page.getByTestId('stage-days-table').waitFor();
  await page.getByTestId('retention-table').waitFor();
  assert.match(await page.getByTestId('retention-story').textContent(), /Accounts using a partner integration kept \d+%/);
  assert.equal(await page.getByTestId('stages-unlock').count(), 0);
  // The overview (and so the board and snapshot) gains the §7a/§7b figures.
  const overview = await page.locator('#overview').textContent();
  assert.match(overview, /Net revenue retention\s*[\d.]+% vs [\d.]+%/);
  assert.match(overview, /Time in open stages\s*\d+ vs \d+ days/);
  assert.equal(await page.getByTestId('cards-unlock').textContent(), '', 'the sample unlocks every card');

  // Breakdowns by partner type and program, the retention window, the NRR cohorts.
  await page.getByTestId('stage-breakdown').selectOption('partner_type');
  await page.getByTestId('stage-groups').waitFor();
  const typeHead = await page.getByTestId('stage-groups').locator('thead th').allTextContents();
  assert.ok(typeHead.some((h) => /^Technology \(\d+ deals\)$/.test(h)), typeHead.join(' | '));
  assert.equal(typeHead.at(-1), 'Direct');
  await page.getByTestId('retention-breakdown').selectOption('program');
  await page.getByTestId('retention-groups').waitFor();
  const programs = await page.getByTestId('retention-groups').locator('tbody th').allTextContents();
  assert.ok(programs.includes('Gold'), programs.join(', '));
  const window12 = await page.getByTestId('retention-end').inputValue();
  await page.getByTestId('retention-months').selectOption('6');
  await page.waitForFunction(() => /Window \d{4}-\d{2}-\d{2} to/.test(document.body.textContent));
  assert.match(await page.locator('#stages').textContent(), new RegExp(`Window \\d{4}-\\d{2}-\\d{2} to ${window12}`));
  assert.equal(await page.getByTestId('retention-months').inputValue(), '6');
  const cohorts = page.locator('figure[aria-label="Net revenue retention by quarter of first partner involvement"]');
  assert.match(await cohorts.innerHTML(), /<svg[\s\S]*Other accounts/);
  // ACV beside the average won deal: the sample has contract terms.
  assert.match(await page.getByTestId('value-table').textContent(), /Average ACV/);
  assert.match(await page.getByTestId('acv-note').textContent(), /amount × 12 ÷ term months/);
  await context.close();
});
