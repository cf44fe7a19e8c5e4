// End-to-end tests of inputs built to break the page (issue 25): a link
// applies its settings to this visit only, never freezes the page, and never
// decides how a later file is read; text that XML forbids never breaks an
// export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, useApp, openApp, downloadBytes } from './harness.mjs';

useApp();

/** The header signature the app remembers a mapping under (FNV-1a of the normalised headers). */
function signature(headers) {
  const text = headers.map((h) => [...h].filter((c) => /[\p{L}\p{N}]/u.test(c)).join('').toLowerCase()).join('|');
  let hash = 0xcbf29ce484222325n;
  for (const b of Buffer.from(text, 'utf8')) hash = ((hash ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
}

const headers = ['Ref', 'Money', 'Outcome', 'Opened', 'Finished', 'Who brought it', 'Rep'];
const csv = `${headers.join(',')}\nX1,1000,Closed Won,2025-01-02,2025-02-01,Acme,Ann\nX2,500,Closed Lost,2025-01-05,2025-03-01,,Bob\n`;

/** A settings link as the app makes it, with what an attacker would put in. */
function settingsLink() {
  const settings = {
    hl: 90, b: 'won', w: [0.4, 0.2, 0.4], d: 'partner', m: 'linear', pd: 'any_partner', sp: 'partner', cs: 'mid',
    sc: 'opp=1e308&pds=1e308&dds=1e308&ap=1e308&cost=1e308&yrs=3',
    sl: Array(20).fill('summary'),
    // The owner column as the partner: a sales rep would lead the board.
    mp: [[signature(headers), 'deal_id\tRef\namount\tMoney\nstage\tOutcome\ncreated_date\tOpened\nclose_date\tFinished\nsourcing_partner\tRep\n']],
  };
  return '#s1.' + Buffer.from(JSON.stringify(settings)).toString('base64url');
}

test('a link applies to this visit only: nothing stored, no freeze, and a later file is read as without it', async () => {
  const { context, page: first, pageErrors } = await openApp();
  await first.close();
  // The link opened as a new visit.
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(env.server.url + settingsLink());
  await page.getByTestId('sample-data').waitFor();
  assert.equal(await page.getByTestId('error').count(), 0, 'the link is accepted');
  await page.getByTestId('notice').waitFor();
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('partner-attribution.')));
  assert.deepEqual(stored, [], 'nothing from the link is stored');
  // The sample under the link's scenario: bounded inputs, the page answers.
  await page.getByTestId('sample-data').click();
  await page.getByTestId('scenario').waitFor({ timeout: 20000 });
  const start = Date.now();
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  assert.ok(Date.now() - start < 5000, 'the page answers');
  // A file with the link's headers: the panel opens with the link's choice, never the results unseen.
  await page.getByTestId('file-input').setInputFiles({ name: 'odd.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const panel = page.getByTestId('mapping');
  await panel.waitFor();
  assert.match(await page.getByTestId('notice').textContent(), /chosen in the link you opened/);
  const partner = panel.locator('label.role', { hasText: /^sourcing partner/i }).locator('select');
  assert.equal(await partner.locator('option:checked').textContent(), 'Rep', 'the proposal is shown');
  await panel.getByRole('button', { name: 'Cancel' }).click();
  // A fresh visit to the plain address: no link, nothing left behind.
  const fresh = await context.newPage();
  await fresh.goto(env.server.url);
  await fresh.getByTestId('sample-data').click();
  await fresh.getByTestId('attribution-table').waitFor();
  await fresh.getByTestId('file-input').setInputFiles({ name: 'odd.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const freshPanel = fresh.getByTestId('mapping');
  await freshPanel.waitFor();
  const freshPartner = freshPanel.locator('label.role', { hasText: /^sourcing partner/i }).locator('select');
  assert.notEqual(await freshPartner.locator('option:checked').textContent(), 'Rep', 'read as without the link');
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('a name with control characters still exports as SVG, PNG and PowerPoint', async () => {
  const { context, page, pageErrors } = await openApp();
  const deals = 'deal_id,amount,stage,created_date,close_date,sourcing_partner\n' +
    'D1,1000,Closed Won,2025-01-02,2025-02-01,Acme\u0001Corp\n' +
    'D2,500,Closed Won,2025-01-05,2025-03-01,Beta\u0008Labs\n' +
    'D3,700,Closed Lost,2025-01-07,2025-04-01,\n';
  await page.getByTestId('file-input').setInputFiles({ name: 'ctrl.csv', mimeType: 'text/csv', buffer: Buffer.from(deals) });
  await page.getByTestId('attribution-table').waitFor();
  const svg = await page.locator('#attribution svg').first().evaluate((el) => el.outerHTML);
  assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(svg), 'the chart is XML 1.0');
  assert.match(svg, /Acme\uFFFDCorp/, 'the replaced character shows');
  const png = await downloadBytes(page, 'export-chart-png');
  assert.equal(png.bytes.subarray(1, 4).toString('latin1'), 'PNG', 'the PNG renders');
  await page.getByTestId('board-view').click();
  await page.getByTestId('board').waitFor();
  const deck = await downloadBytes(page, 'board-pptx');
  assert.equal(deck.bytes.subarray(0, 2).toString('latin1'), 'PK', 'the deck is written');
  assert.deepEqual(pageErrors, []);
  await context.close();
});
