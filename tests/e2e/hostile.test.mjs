// End-to-end tests of inputs built to break the page (issue 25): a link
// applies its settings to this visit only, never freezes the page, and never
// decides how a later file is read; text that XML forbids never breaks an
// export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, useApp, openApp, downloadBytes, root } from './harness.mjs';

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

test('files built to break the page end in results or a message, and the next file loads', async () => {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  const script = join(root, 'tests', 'reference', 'hostile_check.py');
  const files = execFileSync('python3', [script, '--write', dir, 'xlsx_far_cells', 'bombs', 'long_cells', 'stage_labels_100k', 'currencies'])
    .toString().trim().split('\n');
  const { context, page, pageErrors } = await openApp();
  // The longest main-thread task while each file is read and shown.
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  for (const file of files) {
    await page.evaluate(() => { window.__longest = 0; });
    const start = Date.now();
    await page.getByTestId('file-input').setInputFiles(file);
    await page.waitForFunction((name) =>
      document.querySelector('[data-testid="error"]') ||
      document.querySelector('[data-testid="mapping"]') ||
      document.querySelector('.summary-source')?.textContent.includes(name), file.split('/').pop(), { timeout: 30000 });
    const seconds = (Date.now() - start) / 1000;
    const longest = await page.evaluate(() => window.__longest);
    console.log(`${file.split('/').pop()}: answered after ${seconds.toFixed(1)} s, longest task ${Math.round(longest)} ms`);
    assert.ok(seconds < 30, `${file}: an answer`);
    assert.ok(longest < 5000, `${file}: the page never froze (${longest} ms)`);
    if (await page.getByTestId('stage-labels').count()) {
      const rows = await page.locator('[data-testid="stage-labels"] tbody tr').count();
      assert.ok(rows <= 50, `the stage editor draws at most 50 labels (${rows})`);
    }
    if (await page.getByTestId('rates-prompt').count()) {
      assert.ok(await page.getByTestId('rate-input').count() <= 12, 'at most 12 rate fields');
    }
    // The next good file loads, every section of it (so its work is not
    // counted against the next file).
    const revealed = await page.evaluate(() => performance.getEntriesByName('pa:revealed').length);
    await page.getByTestId('sample-data').click();
    await page.getByTestId('row-count').filter({ hasText: '2000' }).waitFor({ timeout: 30000 });
    await page.waitForFunction((n) => performance.getEntriesByName('pa:revealed').length > n, revealed, { timeout: 30000 });
  }
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(pageErrors, []);
  await context.close();
});
