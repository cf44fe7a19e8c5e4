#!/usr/bin/env python3
"""The warehouse path (spec §10) against the raw-file path, on DuckDB.

For each data set — the spec fixtures (deal-level and with touches), the
public Fivetran sample exports in ../shared/real (skipped with a message
when that folder is absent), a file of messy
cells and generated sets — this loads the CSV files into DuckDB tables the way a
warehouse holds them (typed columns; touches numbered in file order as
`touch_seq`), runs the script of `partner-attribution sql --dialect duckdb`,
unloads every pa_ table to CSV, and checks that `export --aggregates` on
those files writes the same attribution.csv and value_model.csv as `export`
on the raw files, byte for byte: rounding ties go to the smaller key on
both paths (spec §2), whatever order the credits were summed in.

Every other dialect's script is parsed by sqlglot for that dialect (no
statement left unread), and also translated by sqlglot into DuckDB and run
on the fixtures, which checks what the SQL means, not only its grammar.
The result tables are checked to hold no deal-level column, and folding
rare patterns (--min-deals) to leave every total and the value model as
they were.

The pa_ files committed for the browser test are checked to be what the
script gives on the spec fixtures.

Usage: warehouse_check.py BIN [GENERATED_SETS] [--write]
"""

import csv
import pathlib
import shutil
import subprocess
import sys
import tempfile

import duckdb
import sqlglot

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
DIALECTS = ["duckdb", "snowflake", "bigquery", "databricks", "postgres"]


def run(args, **kw):
    done = subprocess.run(args, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def load(con, deals, touches):
    """The files as warehouse tables: types detected as a load job would."""
    con.execute("SET threads = 1")  # insertion order = file order, for touch_seq
    con.execute(f"CREATE TABLE deals AS SELECT * FROM read_csv('{deals}', header = true)")
    if touches:
        con.execute(
            f"CREATE TABLE touches AS SELECT *, ROW_NUMBER() OVER () AS touch_seq "
            f"FROM read_csv('{touches}', header = true)"
        )
    con.execute("RESET threads")


def unload(con, folder):
    folder.mkdir(parents=True, exist_ok=True)
    names = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND table_name LIKE 'pa\\_%' ESCAPE '\\'"
    ).fetchall()]
    for name in names:
        con.execute(f"COPY {name} TO '{folder / (name + '.csv')}' (HEADER, DELIMITER ',')")
    return sorted(names)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def cents(text):
    return round(float(text) * 100)


def compare(raw_dir, agg_dir, label):
    """Equal byte for byte: a largest-remainder tie goes to the smaller key
    on both paths (spec §2), whatever order the credits were summed in."""
    problems = []
    a, b = rows(raw_dir / "attribution.csv"), rows(agg_dir / "attribution.csv")
    if len(a) != len(b) or a[:1] != b[:1]:
        problems.append(f"attribution.csv: {len(a)} rows from the files, {len(b)} from the warehouse")
    for x, y in zip(a[1:], b[1:]):
        if x != y:
            problems.append(f"attribution.csv: {x} != {y}")
    va, vb = rows(raw_dir / "value_model.csv"), rows(agg_dir / "value_model.csv")
    if va != vb:
        problems.append(f"value_model.csv:\n  files:     {va}\n  warehouse: {vb}")
    if problems:
        print(f"FAIL {label}")
        for p in problems[:20]:
            print("  " + p)
        return False
    same = (raw_dir / "attribution.csv").read_bytes() == (agg_dir / "attribution.csv").read_bytes()
    if not same:
        print(f"FAIL {label}: attribution.csv differs in its bytes (line endings or quoting)")
        return False
    print(f"ok   {label}: {len(a) - 1} attribution rows and the value model equal, byte for byte")
    return True


def execute(con, script, dialect):
    """Run a script in DuckDB: DuckDB's own as it is; another dialect's
    through sqlglot's translation into DuckDB, statement by statement."""
    if dialect == "duckdb":
        con.execute(script)
        return
    for statement in sqlglot.transpile(script, read=dialect, write="duckdb"):
        con.execute(statement)


def case(bin_, work, label, deals, touches, extra=(), dialect="duckdb"):
    work.mkdir(parents=True)
    like = ["--like", str(deals)] + (["--like", str(touches), "--map", "touch.touch_seq=touch_seq"] if touches else [])
    script = run([bin_, "sql", "--dialect", dialect, *like, *extra])
    con = duckdb.connect()
    load(con, deals, touches)
    execute(con, script, dialect)
    names = unload(con, work / "pa")
    leaked = [f"{t}.{c}" for (t, c) in con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name <> 'temp' "
        "AND table_name LIKE 'pa\\_%' ESCAPE '\\'"
    ).fetchall() if c.lower() in ("deal_id", "account", "amount", "close_date", "created_date")]
    con.close()
    if leaked:
        print(f"FAIL {label}: result tables hold deal-level columns {leaked}")
        return False
    raw = [bin_, "export", "--deals", str(deals)] + (["--touches", str(touches)] if touches else [])
    run(raw + ["--out", str(work / "raw")])
    run([bin_, "export", "--aggregates", str(work / "pa"), "--out", str(work / "agg")])
    print(f"     {label}: tables {', '.join(names)}")
    return compare(work / "raw", work / "agg", label)


def folded_case(bin_, work, label, deals, touches, min_deals):
    """With rare patterns folded, no row of fewer than K deals names a
    partner, every additive model still adds up to the same base, the value
    model is unchanged, and the folded credit sits on "(rare journeys)"."""
    work.mkdir(parents=True)
    like = ["--like", str(deals)] + (["--like", str(touches), "--map", "touch.touch_seq=touch_seq"] if touches else [])
    script = run([bin_, "sql", "--dialect", "duckdb", *like, "--min-deals", str(min_deals)])
    con = duckdb.connect()
    load(con, deals, touches)
    con.execute(script)
    unload(con, work / "pa")
    rare = "'(rare journeys)'"
    named = con.execute(
        f"SELECT COUNT(*) FROM pa_journeys WHERE deals < {min_deals} AND ("
        f"COALESCE(sourcing, {rare}) <> {rare} OR COALESCE(influencing, {rare}) <> {rare} "
        f"OR COALESCE(journey, {rare}) <> {rare})").fetchone()[0]
    con.close()
    raw = [bin_, "export", "--deals", str(deals)] + (["--touches", str(touches)] if touches else [])
    run(raw + ["--out", str(work / "raw")])
    run([bin_, "export", "--aggregates", str(work / "pa"), "--out", str(work / "agg")])
    a, b = rows(work / "raw" / "attribution.csv")[1:], rows(work / "agg" / "attribution.csv")[1:]
    problems = []
    for model in sorted({r[0] for r in a} - {"influenced"}):
        ta = sum(cents(r[3]) for r in a if r[0] == model)
        tb = sum(cents(r[3]) for r in b if r[0] == model)
        if ta != tb:
            problems.append(f"{model}: total {ta} cents from the files, {tb} folded")
    if not any(r[2] == "(rare journeys)" for r in b):
        problems.append("no credit on (rare journeys)")
    if named:
        problems.append(f"{named} row(s) of fewer than {min_deals} deals still name a partner")
    if rows(work / "raw" / "value_model.csv") != rows(work / "agg" / "value_model.csv"):
        problems.append("the value model changed")
    if problems:
        print(f"FAIL {label}: " + "; ".join(problems))
        return False
    print(f"ok   {label}: totals and the value model unchanged, rare patterns on (rare journeys)")
    return True


def pa_fixtures(bin_, work, write):
    """The committed pa_ files the browser test drops (tests/fixtures/warehouse/
    pa_touch and pa_deal) are what the DuckDB script gives on the spec
    fixtures: regenerated here and compared (or written with --write)."""
    ok = True
    for name, touches in (("pa_touch", FIXTURES / "touches.csv"), ("pa_deal", None)):
        out = work / name
        out.mkdir(parents=True)
        like = ["--like", str(FIXTURES / "deals.csv")]
        if touches:
            like += ["--like", str(touches), "--map", "touch.touch_seq=touch_seq"]
        con = duckdb.connect()
        load(con, FIXTURES / "deals.csv", touches)
        con.execute(run([bin_, "sql", "--dialect", "duckdb", *like]))
        unload(con, out)
        con.close()
        committed = FIXTURES / "warehouse" / name
        for f in sorted(out.iterdir()):
            # Row order of an unload is the engine's choice: compare as sets of lines.
            fresh = sorted(f.read_text(encoding="utf-8").splitlines())
            target = committed / f.name
            if write:
                committed.mkdir(parents=True, exist_ok=True)
                shutil.copy(f, target)
            elif not target.exists() or sorted(target.read_text(encoding="utf-8").splitlines()) != fresh:
                print(f"FAIL {target} is not what the script gives (run warehouse_check.py BIN --write)")
                ok = False
    if ok:
        print("ok   the committed pa_ fixtures are what the DuckDB script gives")
    return ok


def parse_dialects(bin_, deals, touches):
    ok = True
    for dialect in DIALECTS:
        for with_touches in (False, True):
            args = [bin_, "sql", "--dialect", dialect, "--like", str(deals), "--min-deals", "3"]
            if with_touches:
                args += ["--like", str(touches), "--map", "touch.touch_seq=touch_seq"]
            script = run(args)
            try:
                statements = [s for s in sqlglot.parse(script, read=dialect) if s is not None]
            except sqlglot.errors.ParseError as e:
                print(f"FAIL {dialect}: sqlglot cannot parse the script: {e}")
                ok = False
                continue
            # sqlglot keeps what it cannot read as an opaque Command: that is a failure too.
            opaque = [s.sql()[:60] for s in statements if isinstance(s, sqlglot.exp.Command)]
            if opaque:
                print(f"FAIL {dialect}: statements sqlglot could not read: {opaque}")
                ok = False
                continue
            print(f"ok   {dialect}{' with touches' if with_touches else ''}: {len(statements)} statements parse")
    return ok


def main():
    bin_ = pathlib.Path(sys.argv[1]).resolve()
    write = "--write" in sys.argv
    numbers = [a for a in sys.argv[2:] if a != "--write"]
    generated = int(numbers[0]) if numbers else 4
    work = pathlib.Path(tempfile.mkdtemp(prefix="warehouse-check-"))
    ok = True
    try:
        ok &= pa_fixtures(bin_, work / "pa-fixtures", write)
        ok &= case(bin_, work / "fixture-deals", "spec fixture, deal-level", FIXTURES / "deals.csv", None)
        ok &= case(bin_, work / "fixture-touches", "spec fixture, touches",
                   FIXTURES / "deals.csv", FIXTURES / "touches.csv")
        for seed in range(1, generated + 1):
            gen = work / f"gen-{seed}"
            run([bin_, "sample", "--deals", str(400 * seed), "--seed", str(seed), "--out", str(gen / "in")])
            ok &= case(bin_, gen / "touches", f"generated {400 * seed} deals (seed {seed}), touches",
                       gen / "in" / "deals.csv", gen / "in" / "touches.csv")
            ok &= case(bin_, gen / "deal-level", f"generated {400 * seed} deals (seed {seed}), deal-level",
                       gen / "in" / "deals.csv", None)
        # Fivetran's published HubSpot and Salesforce sample tables: warehouse
        # tables by nature (timestamps, true/false flags), mapped by --like.
        # They are third-party files, read where they are kept, never copied in.
        shared_real = pathlib.Path(__file__).resolve().parents[2].parent / "shared" / "real"
        seeds = [shared_real / name for name in ("hubspot_deal_fivetran.csv", "salesforce_opportunity_fivetran.csv")]
        if all(seed.exists() for seed in seeds):
            for real in seeds:
                ok &= case(bin_, work / f"real-{real.stem}", f"real export {real.name}", real, None)
        else:
            print(f"skip Fivetran seeds: {shared_real} is absent (third-party exports are never copied in)")
        messy = FIXTURES / "warehouse"
        ok &= case(bin_, work / "messy-deals", "messy cells, deal-level", messy / "messy_deals.csv", None)
        ok &= case(bin_, work / "messy-touches", "messy cells, touches",
                   messy / "messy_deals.csv", messy / "messy_touches.csv")
        # No partner column: partner lead sources make "(partner, unnamed)"
        # the sourcing partner (spec §1), words read as the page reads them.
        ok &= case(bin_, work / "lead-source", "lead sources, no partner column", messy / "lead_source_deals.csv", None)
        for dialect in DIALECTS[1:]:
            ok &= case(bin_, work / f"fixture-{dialect}", f"{dialect} script translated to DuckDB by sqlglot, touches",
                       FIXTURES / "deals.csv", FIXTURES / "touches.csv", dialect=dialect)
            ok &= case(bin_, work / f"fixture-{dialect}-deals",
                       f"{dialect} script translated to DuckDB by sqlglot, deal-level",
                       FIXTURES / "deals.csv", None, dialect=dialect)
        gen = work / "gen-1" / "in"
        if generated >= 1:
            ok &= folded_case(bin_, work / "folded-touches", "folded (--min-deals 5), touches",
                              gen / "deals.csv", gen / "touches.csv", 5)
            ok &= folded_case(bin_, work / "folded-deals", "folded (--min-deals 5), deal-level",
                              gen / "deals.csv", None, 5)
        ok &= parse_dialects(bin_, FIXTURES / "deals.csv", FIXTURES / "touches.csv")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not ok:
        raise SystemExit("the warehouse path differs from the file path")
    print("warehouse path: every check passed")


if __name__ == "__main__":
    main()
