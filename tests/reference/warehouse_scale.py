#!/usr/bin/env python3
"""The warehouse path at scale (spec §10), for the README's figure.

Generates DEALS deals with TOUCHES_PER_DEAL touches each straight into a
DuckDB database on disk (deterministic: every value is a hash of the row
number), runs the script of `partner-attribution sql --dialect duckdb`,
unloads the pa_ tables to CSV and finishes them with `export --aggregates`,
timing each step. With --compare, also unloads the raw tables to CSV and
runs `export` on them, and checks the two exports agree (as the test tier
does); only sensible up to a few million deals.

Usage: warehouse_scale.py BIN DEALS TOUCHES_PER_DEAL [--compare] [--keep DIR]
"""

import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import duckdb

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import warehouse_check  # noqa: E402


def generate(con, deals, per_deal):
    # One deal in ten has no partner touch at all among sales touches, six in
    # ten have none either; three in ten one partner (1–4 touches), one in
    # ten two partners. 40 partners, the low numbers far more active.
    con.execute(f"""
        CREATE TABLE deals AS
        SELECT 'D-' || i AS deal_id,
               ROUND(500 + (hash(i * 3) % 20000000) / 100.0, 2) AS amount,
               'USD' AS currency,
               CASE WHEN hash(i * 5) % 100 < 30 THEN 'Closed Won'
                    WHEN hash(i * 5) % 100 < 70 THEN 'Closed Lost'
                    WHEN hash(i * 5) % 100 < 85 THEN 'Proposal' ELSE 'Qualification' END AS stage,
               DATE '2021-01-01' + CAST(hash(i * 7) % 1400 AS INTEGER) AS created_date,
               DATE '2021-01-01' + CAST(hash(i * 7) % 1400 AS INTEGER) + 7 + CAST(hash(i * 11) % 240 AS INTEGER)
                   AS close_date,
               CASE WHEN hash(i * 13) % 100 < 25
                    THEN 'Partner ' || CAST(FLOOR(SQRT(hash(i * 17) % 1600)) AS INTEGER) END AS sourcing_partner,
               CAST(NULL AS VARCHAR) AS influencing_partners
        FROM range({deals}) t(i)
    """)
    con.execute(f"""
        CREATE TABLE touches AS
        SELECT 'D-' || d AS deal_id,
               DATE '2021-01-01' + CAST(hash(d * 7) % 1400 AS INTEGER) - 30 + CAST(hash(i * 19) % 200 AS INTEGER)
                   AS touch_date,
               CASE WHEN kind = 1 AND j < 1 + hash(d * 41) % 4 THEN a
                    WHEN kind = 2 AND j < 2 THEN a
                    WHEN kind = 2 AND j < 4 THEN b
                    ELSE 'Rep ' || (hash(i * 23) % 50) END AS actor,
               CASE WHEN (kind = 1 AND j < 1 + hash(d * 41) % 4) OR (kind = 2 AND j < 4)
                    THEN 'partner' ELSE 'sales' END AS actor_type,
               i + 1 AS touch_seq
        FROM (
          SELECT i, i // {per_deal} AS d, i % {per_deal} AS j,
                 CASE WHEN hash((i // {per_deal}) * 29) % 10 < 6 THEN 0
                      WHEN hash((i // {per_deal}) * 29) % 10 < 9 THEN 1 ELSE 2 END AS kind,
                 'Partner ' || CAST(FLOOR(SQRT(hash((i // {per_deal}) * 31) % 1600)) AS INTEGER) AS a,
                 'Partner ' || CAST(FLOOR(SQRT(hash((i // {per_deal}) * 37) % 1600)) AS INTEGER) AS b
          FROM range({deals * per_deal}) t(i)
        )
    """)


def size(folder):
    return sum(f.stat().st_size for f in folder.iterdir())


def main():
    bin_ = pathlib.Path(sys.argv[1]).resolve()
    deals, per_deal = int(sys.argv[2]), int(sys.argv[3])
    compare = "--compare" in sys.argv
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    work = pathlib.Path(keep or tempfile.mkdtemp(prefix="warehouse-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(work / "scale.duckdb"))
        t = time.perf_counter()
        generate(con, deals, per_deal)
        print(f"generated {deals:,} deals and {deals * per_deal:,} touches in DuckDB: {time.perf_counter() - t:.1f} s")
        script = warehouse_check.run([bin_, "sql", "--dialect", "duckdb", "--touches-table", "touches",
                                      "--map", "touch.touch_seq=touch_seq"])
        t = time.perf_counter()
        con.execute(script)
        sql_s = time.perf_counter() - t
        print(f"warehouse script (DuckDB {duckdb.__version__}, 2 cores): {sql_s:.1f} s")
        for (name, rows) in con.execute(
            "SELECT table_name, estimated_size FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name"
        ).fetchall():
            if name.startswith("pa_"):
                exact = con.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]
                print(f"  {name}: {exact:,} rows")
        pa = work / "pa"
        if pa.exists():
            shutil.rmtree(pa)
        t = time.perf_counter()
        warehouse_check.unload(con, pa)
        print(f"unloaded the pa_ tables: {size(pa) / 1e6:.1f} MB of CSV in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        warehouse_check.run([bin_, "export", "--aggregates", str(pa), "--out", str(work / "agg")])
        print(f"export --aggregates: {time.perf_counter() - t:.1f} s")
        if compare:
            raw = work / "raw-in"
            raw.mkdir(exist_ok=True)
            con.execute(f"COPY deals TO '{raw / 'deals.csv'}' (HEADER)")
            con.execute(f"COPY (SELECT deal_id, touch_date, actor, actor_type FROM touches ORDER BY touch_seq) "
                        f"TO '{raw / 'touches.csv'}' (HEADER)")
            t = time.perf_counter()
            warehouse_check.run([bin_, "export", "--deals", str(raw / "deals.csv"), "--touches",
                                 str(raw / "touches.csv"), "--out", str(work / "raw")])
            print(f"export on the raw rows ({size(raw) / 1e6:.0f} MB of CSV): {time.perf_counter() - t:.1f} s")
            if not warehouse_check.compare(work / "raw", work / "agg", f"{deals:,} deals at scale"):
                raise SystemExit("the warehouse path differs from the file path")
        con.close()
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
