// Take screenshots of the release build for a human look:
//   node tests/e2e/screenshot.mjs [outdir]
import { launch } from './browser.mjs';
import { serve } from './serve.mjs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, 'artifacts');
await mkdir(out, { recursive: true });
const server = await serve(join(here, '..', '..', 'dist'), '/app/');
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('console', (m) => console.log('console:', m.type(), m.text()));
await page.goto(server.url);
await page.getByTestId('sample-data').waitFor();
await page.screenshot({ path: join(out, 'landing.png'), fullPage: true });
await page.getByTestId('sample-data').click();
await page.getByTestId('attribution-table').waitFor();
await page.screenshot({ path: join(out, 'results.png'), fullPage: true });
for (const id of ['overview', 'attribution', 'partner-vs-direct', 'leaderboard', 'scenario']) {
  await page.locator(`#${id}`).screenshot({ path: join(out, `${id}.png`) });
}
await browser.close();
await server.close();
console.log('screenshots in', out);
