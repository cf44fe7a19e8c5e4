#!/usr/bin/env python3
"""The warehouse scripts on the engines themselves (spec §10): PostgreSQL
and Spark, beside DuckDB.

    warehouse_engines.py BIN [--engines duckdb,postgres,spark,dbt,dbt-postgres] [--deals N ...] [--bench]

For each data set — the spec fixtures (deal-level and with touches), the
file of messy cells, Fivetran's published HubSpot and Salesforce sample
tables (read in place from ../shared/real, skipped when it is absent), and
generated sets of N deals (`partner-attribution
sample`) — the CSV files are read by DuckDB as a warehouse load job would
(typed columns, touches numbered in file order as `touch_seq`), copied
into each engine with those types, and each engine runs the script of
`partner-attribution sql --dialect <its dialect>` as written. Every `pa_`
table is unloaded to CSV, and `export --aggregates` on those files must
write attribution.csv and value_model.csv byte-identical to `export` on the
raw files.

- **PostgreSQL**: Debian's server binaries (`/usr/lib/postgresql/*/bin`),
  a throwaway cluster made by `initdb` in a temporary folder, listening on
  a Unix socket there only, stopped and removed at the end (run as the
  `postgres` user when this runs as root, since the server refuses root).
  Tables are loaded and unloaded with `psql`'s `\\copy`.
- **Spark** (the engine under Databricks): PyPI `pyspark` in local mode on
  Java 17, with a catalog in a temporary folder; the `databricks` script's
  statements run one by one through `spark.sql`.

- **dbt**: `partner-attribution sql --dbt` writes a dbt package; PyPI
  `dbt-duckdb` builds it (`dbt run`) on the same DuckDB tables and tests
  it (`dbt test`: no pa_ table holds a deal-level column, a test shown to
  fail when one does), and its pa_ tables give the same exports;
  `dbt-postgres` builds and tests the same package on the PostgreSQL
  cluster.

An engine that is not installed is skipped with a message. `--bench`
prints each engine's time to run the script per data set.
"""

import csv
import datetime
import decimal
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import duckdb

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import warehouse_check as wc  # noqa: E402

FIXTURES = wc.FIXTURES


# ---------------------------------------------------------------- DuckDB

class DuckDb:
    """The reference engine: the script as written."""

    name, dialect = "duckdb", "duckdb"

    def __init__(self, work):
        self.con = None

    def load(self, source, tables):
        self.con = source  # the loaded tables are DuckDB tables already

    def run(self, script):
        self.con.execute(script)

    def unload(self, folder):
        return wc.unload(self.con, folder)

    def reset(self):
        self.con = None

    def close(self):
        pass


# ------------------------------------------------------------ PostgreSQL

PG_TYPES = {
    "VARCHAR": "TEXT", "BIGINT": "BIGINT", "INTEGER": "INTEGER", "HUGEINT": "NUMERIC",
    "DOUBLE": "DOUBLE PRECISION", "FLOAT": "REAL", "DATE": "DATE", "TIMESTAMP": "TIMESTAMP",
    "TIMESTAMP WITH TIME ZONE": "TIMESTAMPTZ", "BOOLEAN": "BOOLEAN", "TIME": "TIME",
    "SMALLINT": "SMALLINT", "TINYINT": "SMALLINT", "UBIGINT": "NUMERIC", "UINTEGER": "BIGINT",
}


def postgres_bin():
    found = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


class Postgres:
    """A throwaway PostgreSQL cluster on a socket in a temporary folder."""

    name, dialect = "postgres", "postgres"

    def __init__(self, work):
        self.bin = postgres_bin()
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="pa-pg-"))
        self.data, self.sock = self.dir / "data", self.dir / "sock"
        self.sock.mkdir()
        self.as_user = []
        if os.geteuid() == 0:
            # The server refuses to run as root: the cluster belongs to `postgres`.
            shutil.chown(self.dir, "postgres")
            shutil.chown(self.sock, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.quiet([*self.as_user, str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust",
                    "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale", "C"])
        options = f"-k {self.sock} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        self.quiet([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
                    "-l", str(self.dir / "log"), "-w", "start"])
        self.started = True

    @staticmethod
    def quiet(args):
        done = subprocess.run(args, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def psql(self, *args, stdin=None):
        cmd = [str(self.bin / "psql"), "-h", str(self.sock), "-U", "postgres", "-d", "postgres",
               "-X", "-q", "-v", "ON_ERROR_STOP=1", *args]
        done = subprocess.run(cmd, capture_output=True, text=True, input=stdin)
        if done.returncode != 0:
            raise RuntimeError("psql failed: " + " | ".join(l for l in done.stderr.splitlines() if "NOTICE" not in l)[:2000])
        return done.stdout

    def load(self, source, tables):
        for name in tables:
            columns = source.execute(f"DESCRIBE source.{name}").fetchall()
            spec = ", ".join(f'"{c[0]}" {pg_type(c[1])}' for c in columns)
            path = self.dir / f"{name}.csv"
            source.execute(f"COPY source.{name} TO '{path}' (HEADER, DELIMITER ',')")
            self.psql("-c", f'CREATE TABLE "{name}" ({spec})')
            self.psql("-c", f"\\copy \"{name}\" FROM '{path}' WITH (FORMAT csv, HEADER true)")
            path.unlink()

    def run(self, script):
        path = self.dir / "script.sql"
        path.write_text(script, encoding="utf-8")
        self.psql("-f", str(path))

    def unload(self, folder):
        folder.mkdir(parents=True, exist_ok=True)
        names = self.psql("-At", "-c", "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                                       "AND tablename LIKE 'pa\\_%' ORDER BY 1").split()
        for name in names:
            self.psql("-c", f"\\copy (SELECT * FROM \"{name}\") TO '{folder / (name + '.csv')}' "
                            "WITH (FORMAT csv, HEADER true)")
        return names

    def reset(self):
        self.psql("-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;")

    def close(self):
        if getattr(self, "started", False):
            subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                            "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


def pg_type(duck):
    if duck.startswith("DECIMAL"):
        return duck.replace("DECIMAL", "NUMERIC")
    return PG_TYPES.get(duck, "TEXT")


# ----------------------------------------------------------------- Spark

def split_statements(script):
    """Statements of a script, split at semicolons outside quotes and
    comments (the script's literals hold ';' and backslash escapes)."""
    out, current, i, n = [], [], 0, len(script)
    while i < n:
        c = script[i]
        if c == "-" and script.startswith("--", i):
            end = script.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c in "'`\"":
            j = i + 1
            while j < n:
                if script[j] == "\\" and c == "'":
                    j += 2
                    continue
                if script[j] == c:
                    if j + 1 < n and script[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            current.append(script[i:j + 1])
            i = j + 1
            continue
        if c == ";":
            text = "".join(current).strip()
            if text:
                out.append(text)
            current = []
        else:
            current.append(c)
        i += 1
    text = "".join(current).strip()
    if text:
        out.append(text)
    return out


def spark_cell(value):
    """A Spark value as a warehouse unload writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return str(value)


class Spark:
    """Spark in local mode, the databricks script as written."""

    name, dialect = "spark", "databricks"

    def __init__(self, work):
        from pyspark.sql import SparkSession  # noqa: PLC0415 (optional dependency)

        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="pa-spark-"))
        self.spark = (
            SparkSession.builder.master("local[2]")
            .appName("partner-attribution-check")
            .config("spark.sql.warehouse.dir", str(self.dir / "warehouse"))
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.memory", "2g")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
        self.spark.sparkContext.setLogLevel("ERROR")

    def load(self, source, tables):
        for name in tables:
            path = self.dir / f"{name}.parquet"
            source.execute(f"COPY source.{name} TO '{path}' (FORMAT parquet)")
            self.spark.read.parquet(str(path)).createOrReplaceTempView(name)

    def run(self, script):
        for statement in split_statements(script):
            self.spark.sql(statement)

    def unload(self, folder):
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(t.name for t in self.spark.catalog.listTables() if t.name.startswith("pa_")
                       and not t.isTemporary)
        for name in names:
            df = self.spark.table(name)
            with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
                out = csv.writer(f)
                out.writerow(df.columns)
                for row in df.collect():
                    out.writerow([spark_cell(v) for v in row])
        return names

    def reset(self):
        for t in self.spark.catalog.listTables():
            if t.isTemporary:
                self.spark.catalog.dropTempView(t.name)
            else:
                self.spark.sql(f"DROP TABLE IF EXISTS {t.name}")

    def close(self):
        self.spark.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------- shared

def like_args(deals, touches):
    """`sql` options mapping the columns as the page maps these files."""
    return ["--like", str(deals)] + (["--like", str(touches), "--map", "touch.touch_seq=touch_seq"] if touches else [])


def same_exports(bin_, work, deals, touches, label):
    """`export --aggregates` on the unloaded `work/pa` files against `export`
    on the raw files: equal byte for byte."""
    raw = [bin_, "export", "--deals", str(deals)] + (["--touches", str(touches)] if touches else [])
    wc.run(raw + ["--out", str(work / "raw")])
    wc.run([bin_, "export", "--aggregates", str(work / "pa"), "--out", str(work / "agg")])
    return wc.compare(work / "raw", work / "agg", label)


# ------------------------------------------------------------------- dbt

DBT = pathlib.Path(sys.executable).parent / "dbt"


def dbt_check(bin_, work, label, deals, touches, timings, leak_test):
    """`sql --dbt` writes a package; dbt-duckdb builds it on the loaded
    tables and tests it; the unloaded pa_ tables give the file path's
    exports byte for byte. Then a deal id slipped into a pa_ table must make
    `dbt test` fail."""
    work.mkdir(parents=True)
    package, database = work / "package", work / "warehouse.duckdb"
    like = like_args(deals, touches)
    wc.run([bin_, "sql", "--dbt", str(package), *like])
    (package / "profiles.yml").write_text(
        "partner_attribution:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n"
        f"      path: \"{database}\"\n      threads: 1\n", encoding="utf-8")
    con = duckdb.connect(str(database))
    wc.load(con, deals, touches)
    con.close()
    dbt = [str(DBT), "--no-use-colors", "--log-path", str(work / "logs")]
    where = ["--project-dir", str(package), "--profiles-dir", str(package), "--target-path", str(work / "target")]
    started = time.monotonic()
    built = subprocess.run([*dbt, "run", *where], capture_output=True, text=True)
    timings.append(("dbt", label, time.monotonic() - started))
    tested = built.returncode == 0 and subprocess.run([*dbt, "test", *where], capture_output=True, text=True)
    if built.returncode != 0 or tested.returncode != 0:
        out = built if built.returncode != 0 else tested
        print(f"FAIL dbt-duckdb, {label}: dbt {'run' if out is built else 'test'} failed:\n{out.stdout[-3000:]}")
        return False
    con = duckdb.connect(str(database))
    names = wc.unload(con, work / "pa")
    if leak_test:
        con.execute("ALTER TABLE pa_journeys ADD COLUMN deal_id VARCHAR")
    con.close()
    leak = leak_test and subprocess.run([*dbt, "test", *where], capture_output=True, text=True)
    if leak and leak.returncode == 0:
        print(f"FAIL dbt-duckdb, {label}: dbt test passed with a deal_id column in pa_journeys")
        return False
    failed = ", and fails on a deal_id column" if leak_test else ""
    print(f"     dbt-duckdb, {label}: models {', '.join(names)}; dbt test passes{failed}")
    return same_exports(bin_, work, deals, touches, f"dbt-duckdb, {label}")


def dbt_postgres_check(bin_, pg, work, label, deals, touches, timings):
    """The same package built by dbt-postgres on the throwaway cluster: the
    PostgreSQL branch of every model, and the macro's quoting of names with
    capitals, run by dbt itself."""
    work.mkdir(parents=True)
    package = work / "package"
    like = like_args(deals, touches)
    wc.run([bin_, "sql", "--dbt", str(package), *like])
    (package / "profiles.yml").write_text(
        "partner_attribution:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n"
        f"      host: \"{pg.sock}\"\n      port: 5432\n      user: postgres\n      password: ''\n"
        "      dbname: postgres\n      schema: public\n      threads: 1\n", encoding="utf-8")
    source, tables = source_tables(deals, touches)
    try:
        pg.load(source, tables)
    finally:
        source.close()
    dbt = [str(DBT), "--no-use-colors", "--log-path", str(work / "logs")]
    where = ["--project-dir", str(package), "--profiles-dir", str(package), "--target-path", str(work / "target")]
    try:
        started = time.monotonic()
        for command in ("run", "test"):
            done = subprocess.run([*dbt, command, *where], capture_output=True, text=True)
            if command == "run":
                timings.append(("dbt-pg", label, time.monotonic() - started))
            if done.returncode != 0:
                print(f"FAIL dbt-postgres, {label}: dbt {command} failed:\n{done.stdout[-3000:]}")
                return False
        names = [n for n in pg.unload(work / "pa") if n.startswith("pa_")]
    finally:
        pg.reset()
    print(f"     dbt-postgres, {label}: models {', '.join(names)}; dbt test passes")
    return same_exports(bin_, work, deals, touches, f"dbt-postgres, {label}")


# ------------------------------------------------------------- the check

def available(name):
    """Why an engine cannot run here (None when it can)."""
    if name == "dbt" and not DBT.exists():
        return "dbt is not installed (tools/requirements-test.txt: dbt-core, dbt-duckdb)"
    if name == "dbt-postgres":
        try:
            import dbt.adapters.postgres  # noqa: F401, PLC0415
        except ImportError:
            return "dbt-postgres is not installed (tools/requirements-test.txt)"
        if postgres_bin() is None:
            return "PostgreSQL server binaries are absent (Debian package postgresql)"
    if name == "postgres" and postgres_bin() is None:
        return "PostgreSQL server binaries are absent (Debian package postgresql)"
    if name == "spark":
        if shutil.which("java") is None:
            return "Java is absent (Spark needs Java 17)"
        try:
            import pyspark  # noqa: F401, PLC0415
        except ImportError:
            return "pyspark is not installed (tools/requirements-spark.txt)"
    return None


def source_tables(deals, touches):
    """The raw files as typed warehouse tables, in an in-memory DuckDB."""
    con = duckdb.connect()
    con.execute("ATTACH ':memory:' AS source")
    con.execute("USE source")
    wc.load(con, deals, touches)
    return con, ["deals"] + (["touches"] if touches else [])


def check(bin_, engine, work, label, deals, touches, timings):
    work.mkdir(parents=True)
    like = like_args(deals, touches)
    script = wc.run([bin_, "sql", "--dialect", engine.dialect, *like])
    source, tables = source_tables(deals, touches)
    try:
        engine.load(source, tables)
        started = time.monotonic()
        engine.run(script)
        timings.append((engine.name, label, time.monotonic() - started))
        names = engine.unload(work / "pa")
    except Exception as e:  # noqa: BLE001 (any engine error is a failed check)
        print(f"FAIL {engine.name}, {label}: {str(e)[:1500]}")
        return False
    finally:
        source.close()
        engine.reset()
    print(f"     {engine.name}, {label}: tables {', '.join(names)}")
    return same_exports(bin_, work, deals, touches, f"{engine.name}, {label}")


def main():
    args = sys.argv[1:]
    bin_ = pathlib.Path(args[0]).resolve()
    engines = ["duckdb", "postgres", "spark", "dbt", "dbt-postgres"]
    sizes = [3000]
    bench = "--bench" in args
    if "--engines" in args:
        engines = args[args.index("--engines") + 1].split(",")
    if "--deals" in args:
        i = args.index("--deals") + 1
        sizes = []
        while i < len(args) and args[i].isdigit():
            sizes.append(int(args[i]))
            i += 1
    work = pathlib.Path(tempfile.mkdtemp(prefix="warehouse-engines-"))
    ok, timings, ran = True, [], []
    try:
        sets = [] if bench else [
            ("spec fixture, deal-level", FIXTURES / "deals.csv", None),
            ("spec fixture, touches", FIXTURES / "deals.csv", FIXTURES / "touches.csv"),
            ("messy cells, deal-level", FIXTURES / "warehouse" / "messy_deals.csv", None),
            ("messy cells, touches", FIXTURES / "warehouse" / "messy_deals.csv",
             FIXTURES / "warehouse" / "messy_touches.csv"),
            ("lead sources, no partner column", FIXTURES / "warehouse" / "lead_source_deals.csv", None),
        ]
        # Fivetran's published HubSpot and Salesforce sample tables (third-party,
        # read where they are kept, never copied in; skipped when absent).
        shared_real = HERE.parents[1].parent / "shared" / "real"
        real = [shared_real / n for n in ("hubspot_deal_fivetran.csv", "salesforce_opportunity_fivetran.csv")]
        if bench:
            pass
        elif all(r.exists() for r in real):
            sets += [(f"real export {r.name}", r, None) for r in real]
        else:
            print(f"skip Fivetran sample tables: {shared_real} is absent (third-party exports are never copied in)")
        for n in sizes:
            gen = work / f"gen-{n}"
            wc.run([bin_, "sample", "--deals", str(n), "--seed", "7", "--out", str(gen)])
            sets.append((f"generated {n:,} deals, touches", gen / "deals.csv", gen / "touches.csv"))
        for name in engines:
            why = available(name)
            if why:
                print(f"skip {name}: {why}")
                continue
            ran.append(name)
            if name == "dbt":
                for i, (label, deals, touches) in enumerate(sets):
                    ok &= dbt_check(bin_, work / f"dbt-{i}", label, deals, touches, timings, leak_test=i == 0)
                continue
            if name == "dbt-postgres":
                pg = Postgres(work)
                try:
                    for i, (label, deals, touches) in enumerate(sets):
                        ok &= dbt_postgres_check(bin_, pg, work / f"dbt-pg-{i}", label, deals, touches, timings)
                finally:
                    pg.close()
                continue
            engine = {"duckdb": DuckDb, "postgres": Postgres, "spark": Spark}[name](work)
            try:
                for i, (label, deals, touches) in enumerate(sets):
                    ok &= check(bin_, engine, work / f"{name}-{i}", label, deals, touches, timings)
            finally:
                engine.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name, label, seconds in timings:
        print(f"time {name:8} {label}: script {seconds:.1f} s")
    if not ok:
        raise SystemExit("an engine's exports differ from the file path")
    print(f"warehouse engines ({', '.join(ran) or 'none'}): every check passed")


if __name__ == "__main__":
    main()
