// End-to-end tests of results computed in a warehouse (spec §10): the pa_
// tables the SQL script writes, unloaded to CSV and dropped on the page,
// give the same exports as the deal rows they count — and no deal row
// ever reaches the page. The pa_ files are checked by the DuckDB tier to be
// what the script gives on the spec fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { useApp, openApp, download, fixture, withoutZeroRows, expectedAttribution } from './harness.mjs';

useApp();

const paFiles = async (dir) =>
  (await readdir(fixture(`warehouse/${dir}`))).sort().map((f) => fixture(`warehouse/${dir}/${f}`));

for (const [label, dir, expectedDir] of [
  ['touch journeys', 'pa_touch', 'expected_touch'],
  ['deal-level journeys', 'pa_deal', 'expected_deal'],
]) {
  test(`warehouse aggregates (${label}) give the reference exports, marked as computed in the warehouse`, async () => {
    const { context, page, pageErrors } = await openApp();
    await page.getByTestId('file-input').setInputFiles(await paFiles(dir));
    await page.getByTestId('attribution-table').waitFor();
    const notice = page.getByTestId('warehouse-results');
    assert.match(await notice.textContent(), /Computed in your warehouse/);
    assert.match(await notice.textContent(), /counting 400 deals/);
    assert.match(await notice.textContent(), /drill-down to single deals/, 'says which views need deal rows');
    assert.equal((await page.getByTestId('row-count').textContent()).trim(), '400');
    const attribution = await download(page, 'export-attribution');
    assert.equal(withoutZeroRows(attribution.text), await expectedAttribution(expectedDir));
    const value = await download(page, 'export-value');
    assert.equal(value.text, await readFile(fixture(`${expectedDir}/value_model.csv`), 'utf8'));
    // Views that need deal rows are not offered; neither are other dimensions.
    assert.equal(await page.locator('#stages').count(), 0);
    assert.deepEqual(await page.getByTestId('dimension').locator('option').allTextContents(), ['Partner', 'Partner type']);
    assert.equal(await page.getByTestId('half-life').isDisabled(), true);
    assert.match(await page.getByTestId('incremental-revenue').textContent(), /^\$[\d,]+$/);
    // No deal id of the fixture is anywhere on the page.
    const body = await page.locator('body').textContent();
    assert.doesNotMatch(body, /D-1000\d\d/);
    assert.deepEqual(pageErrors, []);
    await context.close();
  });
}

test('pa_ tables mixed with a deal export are refused with a way forward', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.getByTestId('file-input').setInputFiles([...(await paFiles('pa_deal')), fixture('deals.csv')]);
  const error = page.getByTestId('error');
  await error.waitFor();
  assert.match(await error.textContent(), /deals\.csv.*not a pa_ table.*drop either/s);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('an incomplete set of pa_ tables names the missing one', async () => {
  const { context, page } = await openApp();
  const files = (await paFiles('pa_touch')).filter((f) => !f.endsWith('pa_journeys.csv'));
  await page.getByTestId('file-input').setInputFiles(files);
  const error = page.getByTestId('error');
  await error.waitFor();
  assert.match(await error.textContent(), /pa_journeys is missing/);
  await context.close();
});

test('the leaderboard counts every deal of a pattern', async () => {
  const { context, page } = await openApp();
  await page.getByTestId('file-input').setInputFiles(await paFiles('pa_touch'));
  await page.getByTestId('attribution-table').waitFor();
  const fromRows = await openApp();
  await fromRows.page.getByTestId('file-input').setInputFiles([fixture('deals.csv'), fixture('touches.csv')]);
  await fromRows.page.getByTestId('attribution-table').waitFor();
  // Name, then deals, sourced and influenced revenue, win rate, lift, average
  // won, median days and credit; the trend and the first and latest deal
  // need dates, which counts do not carry.
  const table = (p) =>
    p.getByTestId('leaderboard').locator('tbody tr').evaluateAll((rows) =>
      rows.map((r) => [r.querySelector('th').textContent.trim(),
        ...[...r.querySelectorAll('td')].slice(1, 9).map((c) => c.textContent.trim())]));
  const a = await table(page);
  const b = await table(fromRows.page);
  assert.ok(a.length > 5, `partners listed: ${a.length}`);
  assert.deepEqual(a, b);
  await context.close();
  await fromRows.context.close();
});

test('credit by partner type from counts equals the rows', async () => {
  const exportByType = async (files) => {
    const { context, page } = await openApp();
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('attribution-table').waitFor();
    await page.getByTestId('dimension').selectOption('partner_type');
    await page.getByTestId('attribution-table').locator('thead th').first().filter({ hasText: 'Partner type' }).waitFor();
    const text = (await download(page, 'export-attribution')).text;
    await context.close();
    return text.split('\r\n').filter((l) => l.includes(',partner_type,'));
  };
  const counts = await exportByType(await paFiles('pa_touch'));
  const rows = await exportByType([fixture('deals.csv'), fixture('touches.csv')]);
  assert.ok(counts.length > 10, `partner-type rows: ${counts.length}`);
  assert.deepEqual(counts, rows);
});
