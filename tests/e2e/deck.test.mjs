// End-to-end test of the PowerPoint deck (issue 17): downloaded from the
// release build with the sample, a brand colour and a logo, then opened
// with python-pptx (tests/reference/check_pptx.py), a reader written apart
// from ours: every slide's title, a PNG and SVG per chart, tables, notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, openApp, downloadBytes, fixture, root } from './harness.mjs';

useApp();

const python = [join(root, 'tools', '.venv', 'bin', 'python'), 'python3'].find((p) => p === 'python3' || existsSync(p));

test('the board downloads as a .pptx a real reader opens: titles, charts, tables and notes, in the chosen order', async () => {
  const { context, page, pageErrors } = await openApp();
  await page.getByTestId('sample-data').click();
  await page.getByTestId('attribution-table').waitFor();
  // Brand: an accent colour and a logo, kept in this browser only.
  await page.getByTestId('brand-accent').fill('#d55e00');
  await page.getByTestId('brand-logo').setInputFiles(fixture('logo.png'));
  await page.locator('img.brand-logo-preview').waitFor();
  // Leave the scenario out; the board's titles are the deck's.
  await page.getByTestId('slide-scenario').click();
  await page.getByTestId('board-view').click();
  const board = page.getByTestId('board');
  await board.waitFor();
  assert.equal(await board.locator('section.slide.active img.slide-logo').count(), 1, 'the logo on the slides');
  const slides = await board.locator('section.slide').evaluateAll((s) => s.map((x) => x.dataset.slide));
  const titles = await board.locator('[data-testid="slide-title"]').allTextContents();
  const deck = await downloadBytes(page, 'board-pptx');
  assert.equal(deck.name, 'Partner program review.pptx');
  assert.equal(deck.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip package');
  const dir = await mkdtemp(join(tmpdir(), 'deck-'));
  await writeFile(join(dir, 'deck.pptx'), deck.bytes);
  const charts = slides.filter((s) => ['attribution', 'waterfall', 'retention', 'scenario'].includes(s));
  await writeFile(join(dir, 'expected.json'), JSON.stringify({ titles, slides, charts, notes: 'Win rate' }));
  const out = execFileSync(python, [join(root, 'tests', 'reference', 'check_pptx.py'), join(dir, 'deck.pptx'), join(dir, 'expected.json')], { encoding: 'utf8' });
  assert.match(out, /pptx: \d+ passed, 0 failed/);
  // The accent is the deck theme's first accent colour.
  const theme = execFileSync(python, ['-c', `import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read('ppt/theme/theme1.xml').decode())`, join(dir, 'deck.pptx')], { encoding: 'utf8' });
  assert.match(theme, /<a:accent1><a:srgbClr val="D55E00"\/>/);
  assert.deepEqual(pageErrors, []);
  await context.close();
});
