// Accessibility (WCAG 2.2 AA, issue 16): axe-core on every screen — landing,
// results, mapping panel, error panel and board view — with zero violations,
// one <h1> per screen, and the board as a real modal for the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { env, useApp, fixture } from './harness.mjs';

useApp();
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** A page whose context lets the test inject axe (the app's CSP forbids other scripts). */
async function openForAudit(colorScheme = 'light') {
  const context = await env.browser.newContext({ bypassCSP: true, colorScheme });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.getByTestId('sample-data').waitFor();
  return { context, page };
}

async function violations(page, scope = 'body') {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async (selector) => {
    const result = await window.axe.run(document.querySelector(selector), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }, scope);
}

const h1s = (page) => page.locator('h1:visible').count();

test('every screen passes axe with zero violations and has one h1', async () => {
  const { context, page } = await openForAudit();
  assert.deepEqual(await violations(page), [], 'landing');
  assert.equal(await h1s(page), 1, 'landing h1');
  await page.getByTestId('sample-data').click();
  await page.getByTestId('attribution-table').waitFor();
  assert.deepEqual(await violations(page), [], 'results');
  assert.equal(await h1s(page), 1, 'results h1');
  await page.getByTestId('file-input').setInputFiles(fixture('missing_roles.csv'));
  await page.getByTestId('mapping').waitFor();
  await page.getByTestId('error').waitFor();
  assert.deepEqual(await violations(page), [], 'mapping and error panels');
  await page.getByTestId('file-input').setInputFiles(fixture('deals.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid="row-count"]')?.textContent.trim() === '400');
  await page.getByTestId('board-view').click();
  await page.getByTestId('board').waitFor();
  assert.deepEqual(await violations(page, '[data-testid="board"]'), [], 'board view');
  await context.close();
});

test('the board is a modal: focus moves in, stays inside on Tab, and returns to the button on Esc', async () => {
  const { context, page } = await openForAudit();
  await page.getByTestId('sample-data').click();
  await page.getByTestId('attribution-table').waitFor();
  await page.getByTestId('board-view').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('board').waitFor();
  const inBoard = () => page.evaluate(() => document.querySelector('[data-testid="board"]').contains(document.activeElement));
  assert.ok(await inBoard(), 'focus moves into the board');
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await inBoard(), `Tab ${i + 1} stays inside`);
  }
  await page.keyboard.press('Escape');
  await page.getByTestId('board').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'board-view', 'focus returns to the button');
  await context.close();
});

test('the dark theme passes axe too: landing, results and the board', async () => {
  const { context, page } = await openForAudit('dark');
  assert.deepEqual(await violations(page), [], 'landing, dark');
  await page.getByTestId('sample-data').click();
  await page.getByTestId('attribution-table').waitFor();
  assert.deepEqual(await violations(page), [], 'results, dark');
  await page.getByTestId('board-view').click();
  await page.getByTestId('board').waitFor();
  assert.deepEqual(await violations(page, '[data-testid="board"]'), [], 'board, dark');
  await context.close();
});
