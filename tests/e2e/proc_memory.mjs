// Memory of the browser under test, for the benchmarks (Linux /proc).

import { readFileSync, readdirSync } from 'node:fs';

/** Resident memory (bytes) of every Chromium renderer process (the page and its workers). */
export function rendererRss() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium') || !cmd.includes('--type=renderer')) continue;
      const rss = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
      if (rss) total += Number(rss[1]) * 1024;
    } catch { /* the process ended */ }
  }
  return total;
}
