#!/usr/bin/env python3
"""The native engine beside the readers a data person would use instead
(issue 26, "Native too"): a benchmark, not a test.

    bench_native.py BIN [DEALS] [--rounds N] [--before OLD_BIN]

Generates DEALS deals (default 1,000,000) with `BIN sample`, then in one
run, alternating, `--rounds` times (default 3), medians:

- `BIN export --deals deals.csv --out DIR` (read, map, build every export),
  with the file read by one reader (`PA_READERS=1`) and by one per core
  (the default);
- `BIN inspect deals.csv` (read, find the table, map the columns, build);
- DuckDB's CSV reader, `SELECT count(*), sum(amount) FROM read_csv(...)`,
  on one thread and on every core;
- Python's `csv` module summing the amount column;
- with `--before`, another build's `export`, for a before/after in one run.
"""

import csv
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import duckdb


def timed(fn):
    started = time.monotonic()
    fn()
    return time.monotonic() - started


def main():
    args = sys.argv[1:]
    bin_ = pathlib.Path(args[0]).resolve()
    deals = int(args[1]) if len(args) > 1 and args[1].isdigit() else 1_000_000
    rounds = int(args[args.index("--rounds") + 1]) if "--rounds" in args else 3
    before = pathlib.Path(args[args.index("--before") + 1]).resolve() if "--before" in args else None
    work = pathlib.Path(tempfile.mkdtemp(prefix="bench-native-"))
    subprocess.run([bin_, "sample", "--deals", str(deals), "--out", str(work)], check=True, capture_output=True)
    path = work / "deals.csv"
    size = path.stat().st_size / 1e6

    def export(binary, readers=None):
        env = dict(os.environ, **({"PA_READERS": str(readers)} if readers else {}))

        def run():
            subprocess.run([binary, "export", "--deals", str(path), "--out", str(work / "out")], check=True,
                           capture_output=True, env=env)
        return run

    def duck(threads):
        def run():
            con = duckdb.connect()
            con.execute(f"SET threads = {threads}")
            con.execute(f"SELECT count(*), sum(amount) FROM read_csv('{path}')").fetchall()
            con.close()
        return run

    def python_csv():
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            col = header.index("amount")
            total = 0.0
            for row in reader:
                try:
                    total += float(row[col])
                except ValueError:
                    pass

    runs = [
        ("partner-attribution export, 1 reader", export(bin_, 1)),
        (f"partner-attribution export, {os.cpu_count()} readers", export(bin_)),
    ]
    if before:
        runs.append(("export, before", export(before)))
    runs += [
        ("DuckDB read_csv, 1 thread", duck(1)),
        (f"DuckDB read_csv, {os.cpu_count()} threads", duck(os.cpu_count())),
        ("Python csv module", python_csv),
    ]
    times = {label: [] for label, _ in runs}
    for _ in range(rounds):
        for label, fn in runs:
            times[label].append(timed(fn))
    base = statistics.median(times["DuckDB read_csv, 1 thread"])
    print(f"{deals:,} deals, {size:.1f} MB, {rounds} rounds, medians:")
    for label, _ in runs:
        t = statistics.median(times[label])
        print(f"  {label:<32} {t:6.2f} s  {size / t:6.1f} MB/s  {t / base:5.2f}x DuckDB on one thread")
    subprocess.run(["rm", "-rf", str(work)])


if __name__ == "__main__":
    main()
