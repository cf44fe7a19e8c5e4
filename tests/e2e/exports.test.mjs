// End-to-end tests of reading exports the way their authors meant them
// (issue 24): third-party exports from ../shared/real give their hand
// counts with no click; guessed optional columns show the results with a
// bar that opens the mapping panel with a reason per role; the encoding can
// be changed in the panel; deals in a currency without a rate wait in one
// prompt while the rest is shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { useApp, openApp, root } from './harness.mjs';

useApp();

const shared = process.env.PA_SHARED_REAL ?? join(root, '..', 'shared', 'real');

// The hand counts of ../shared/real/README.md (deals kept: the SAP file
// reports its 232 closed rows without a close date).
const NO_CLICK = [
  ['salesforce_wave_sales_demo_opportunity_reseller.csv', 5197, '81,674,862'],
  ['dynamics365_contoso_coffee_opportunities_demo.csv', 5229, '72,459,852'],
  ['zoho_crm_analytics_sample_potentials.csv', 3632, null],
  ['sap_b1_partner_pipeline_anonymized_yyyymmdd_multicurrency.csv', 23454 - 232, null],
  ['handmade_sales_pipeline_workbook_header_row2_leadsource.xlsx', 5009, null],
  ['hubspot_shaped_deals_faker_two_pipelines.csv', 500, '8,934,361'],
  ['insurance_broker_gcrm_opportunity_pivot_sheets_first.xlsx', 49, null],
];

const rowCount = (page, n) =>
  page.waitForFunction((want) => document.querySelector('[data-testid="row-count"]')?.textContent.trim() === String(want), n);

test('third-party exports give their hand counts with no click', async (t) => {
  if (!existsSync(shared)) {
    t.skip(`${shared} is absent: third-party exports are read in place, never copied into the repository`);
    return;
  }
  const { context, page, pageErrors } = await openApp();
  for (const [name, deals, won] of NO_CLICK) {
    await page.getByTestId('file-input').setInputFiles(join(shared, name));
    await page.waitForFunction((file) => document.querySelector('.summary-source')?.textContent.includes(file), name);
    await rowCount(page, deals);
    assert.equal(await page.getByTestId('mapping').count(), 0, `${name}: no click`);
    assert.equal(await page.getByTestId('error').count(), 0, `${name}: no error`);
    assert.equal(await page.getByTestId('rates-prompt').count(), 0, `${name}: every currency converted`);
    if (won) assert.match(await page.locator('.summary').textContent(), new RegExp(won), `${name}: won revenue`);
  }
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('optional columns guessed: the results show with a bar that opens the panel with a reason per role', async () => {
  const { context, page, pageErrors } = await openApp();
  const csv = 'Opportunity Name,Amount,Stage,Close Date,Created\n' +
    'Acme renewal,1000,Closed Won,2025-02-01,2025-01-02\n' +
    'Beta expansion,500,Closed Lost,2025-03-01,2025-01-05\n' +
    'Gamma new logo,700,Negotiation,2025-04-01,2025-01-07\n';
  await page.getByTestId('file-input').setInputFiles({ name: 'names.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await rowCount(page, 3);
  const bar = page.getByTestId('check-columns');
  await bar.waitFor();
  assert.match(await bar.textContent(), /deal id ← “Opportunity Name”/);
  await page.getByTestId('check-columns-open').click();
  const panel = page.getByTestId('mapping');
  await panel.waitFor();
  const reasons = (await panel.getByTestId('role-reason').allTextContents()).join('\n');
  assert.match(reasons, /unique in 3 rows/, 'why the deal id');
  assert.match(reasons, /numbers in 100% of 3 sampled rows/, 'why the amount');
  assert.match(reasons, /won or lost on 67% of sampled rows/, 'why the stage');
  await panel.getByRole('button', { name: 'Use these columns' }).click();
  await page.getByTestId('attribution-table').waitFor();
  await rowCount(page, 3);
  // Confirmed in the panel: the bar does not come back for this file.
  assert.equal(await page.getByTestId('check-columns').count(), 0);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('the encoding is named and can be changed in the panel', async () => {
  const { context, page, pageErrors } = await openApp();
  // Latin-1 bytes (ü = 0xFC) and headers that need the panel.
  const text = 'Ref,Money,Outcome,Opened,Finished,Who\nX1,1000,Closed Won,2025-01-02,2025-02-01,M\u00fcller GmbH\nX2,500,Closed Lost,2025-01-05,2025-03-01,\n';
  await page.getByTestId('file-input').setInputFiles({ name: 'latin1.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'latin1') });
  const panel = page.getByTestId('mapping');
  await panel.waitFor();
  assert.equal(await panel.getByTestId('encoding').inputValue(), 'windows-1252');
  assert.match(await panel.locator('.preview').textContent(), /Müller GmbH/);
  await panel.getByTestId('encoding').selectOption('utf-8');
  await page.waitForFunction(() => /M\uFFFDller/.test(document.querySelector('[data-testid="mapping"] .preview')?.textContent ?? ''));
  assert.equal(await panel.getByTestId('encoding').inputValue(), 'utf-8');
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('deals in a currency without a rate: results for the rest, one prompt for every missing currency', async () => {
  const { context, page, pageErrors } = await openApp();
  let csv = 'deal_id,amount,currency,stage,created_date,close_date\n';
  for (let i = 0; i < 6; i++) csv += `E${i},1000,EUR,Closed Won,2025-01-0${i + 1},2025-02-01\n`;
  for (let i = 0; i < 3; i++) csv += `U${i},2000,USD,Closed Won,2025-01-0${i + 1},2025-02-01\n`;
  csv += 'Y1,100000,JPY,Closed Won,2025-01-01,2025-02-01\n';
  await page.getByTestId('file-input').setInputFiles({ name: 'fx.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await rowCount(page, 6);
  const prompt = page.getByTestId('rates-prompt');
  await prompt.waitFor();
  const text = await prompt.textContent();
  assert.match(text, /4 deals in other currencies are not counted yet/);
  assert.match(text, /1 USD = \? EUR \(3 deals\)/);
  assert.match(text, /1 JPY = \? EUR \(1 deals\)/);
  await prompt.getByTestId('rate-input').first().fill('0.9');
  await prompt.getByTestId('rate-input').first().dispatchEvent('change');
  await rowCount(page, 9);
  assert.match(await page.getByTestId('rates-prompt').textContent(), /1 deals in other currencies/);
  assert.deepEqual(pageErrors, []);
  await context.close();
});
