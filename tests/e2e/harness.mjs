// Shared by the end-to-end test files: the release build in dist/ served
// from a sub-path by a plain static server, one Chromium per file, and the
// helpers every test uses.
import { before, after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { launch } from './browser.mjs';
import { serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');
export const dist = join(root, 'dist');
export const fixture = (name) => join(root, 'tests', 'fixtures', name);

/** The server and the browser of the test file under way. */
export const env = { server: null, browser: null };

/** Start the server and the browser before the file's tests, stop them after. */
export function useApp() {
  before(async () => {
    env.server = await serve(dist, '/tools/partner-attribution/');
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
}

/** Readers a large file is split across (`?readers=N`): `PA_E2E_READERS`
 * runs every test with that many (the page's tests pass with 1, 2 and 4). */
const readers = process.env.PA_E2E_READERS;

/** A fresh page (own context, so nothing is shared between tests) with
 * errors collected; `options.readers` splits every file across that many readers. */
export async function openApp(options = {}) {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A Content-Security-Policy violation is a failure like any page error.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
  });
  const split = options.readers ?? readers;
  await page.goto(env.server.url + (split ? `?readers=${split}` : ''));
  await page.getByTestId('sample-data').waitFor();
  return { context, page, pageErrors };
}

/** Click an export button and return the downloaded file's name and text. */
export async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const stream = await file.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

/** An attribution export without the zero-credit rows (spec §8 lists them;
 * the fixtures' expected files predate that amendment). */
export const withoutZeroRows = (text) =>
  text.split(/(?<=\r\n)/).filter((l) => !l.endsWith(',0.00,0.0000\r\n')).join('');

/** A fixture's expected attribution.csv with its largest-remainder ties
 * given to the smaller key, as spec §2 says (the expected files broke some
 * by floating-point noise: `tests/fixtures/spec_ties.csv` lists them). */
export async function expectedAttribution(dir) {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(fixture(`${dir}/attribution.csv`), 'utf8');
  const ties = (await readFile(fixture('spec_ties.csv'), 'utf8')).trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  const lines = text.split(/(?<=\r\n)/);
  for (const [fixtureDir, model, to, from] of ties) {
    if (fixtureDir !== dir) continue;
    for (const [key, cents] of [[to, 1], [from, -1]]) {
      const i = lines.findIndex((l) => l.startsWith(`${model},partner,${key},`));
      if (i < 0) throw new Error(`spec_ties.csv: no ${model} line for ${key}`);
      const cells = lines[i].trimEnd().split(',');
      const value = BigInt(cells[3].replace('.', '')) + BigInt(cents);
      const digits = value.toString().padStart(3, '0');
      cells[3] = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
      lines[i] = cells.join(',') + '\r\n';
    }
  }
  return lines.join('');
}

/** Click a download button and return the file's name and bytes. */
export async function downloadBytes(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const chunks = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk);
  return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
}
