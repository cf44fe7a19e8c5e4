"""Cross-check the engine's exports against spec_reference.py on generated data.

    python3 tests/reference/cross_check.py path/to/partner-attribution [data sets]

Generates seeded data sets (deal-level and with touch files; stage labels or
is_won/is_closed flags; duplicate ids, blank amounts, open deals without a
close date, partner names with commas, touches after the close date and on
the same day), runs `partner-attribution export` on each and compares every
row with the reference. Credits must agree to the cent: a largest-remainder
tie (two keys whose credits end in the same fraction of a cent) goes to the
smaller key in both, never to floating-point noise. The value model must
agree exactly. Exits non-zero on any difference.
"""
import csv
import io
import os
import random
import subprocess
import sys
import tempfile
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import spec_reference  # noqa: E402

PARTNERS = ["Acme", "Beta Labs", "Gamma, Inc.", "Delta GmbH", "Épsilon SA", "Zeta", "Eta Partners",
            "Theta", "Iota Cloud", "Kappa", "Lambda", "Mu", "Nu Group", "Xi", "Omicron", "Pi Co", "Rho"]


def generate(seed, folder, with_touches):
    """Write deals.csv (and touches.csv) for one seed; return the file paths."""
    rnd = random.Random(seed)
    partners = PARTNERS[:rnd.randint(2, len(PARTNERS))]
    flags = seed % 3 == 0
    deals, touches = [], []
    for i in range(rnd.randint(20, 400)):
        deal_id = f"X-{i:05d}"
        if i > 3 and rnd.random() < 0.02:
            deal_id = deals[rnd.randrange(len(deals))][0]
        created = date(2024, 1, 1) + timedelta(days=rnd.randint(0, 600))
        close = created + timedelta(days=rnd.randint(0, 200))
        stage = rnd.choices(["Closed Won", "Closed Lost", "Proposal"], [4, 5, 1])[0]
        won, closed = stage == "Closed Won", stage != "Proposal"
        amount = "" if rnd.random() < 0.02 else f"{rnd.randint(100, 50_000_000) / 100:.2f}"
        involved = rnd.sample(partners, min(rnd.choices([0, 1, 2, 3, 5, 9], [40, 20, 15, 10, 10, 5])[0], len(partners)))
        sourcing = involved[0] if involved and rnd.random() < 0.5 else ""
        influencing = "; ".join(p for p in involved if p != sourcing)
        close_text = close.isoformat() if closed or rnd.random() < 0.5 else ""
        outcome = ["false", "true"][won] if flags else stage
        row = [deal_id, amount, outcome, created.isoformat(), close_text, sourcing, influencing]
        deals.append(row + ([["no", "yes"][closed]] if flags else []))
        for _ in range(rnd.choice([0, 1, 2, 3, 4, 6, 10]) if with_touches else 0):
            actor_type = rnd.choice(["partner", "partner", "Partner", "sales", "marketing", "partnerships"])
            actor = rnd.choice(partners if actor_type.lower() == "partner" else ["Ann", "Bob"])
            when = created + timedelta(days=rnd.randint(-30, (close - created).days + 20))
            if rnd.random() < 0.3:
                when = created
            elif rnd.random() < 0.2 and touches:
                when = date.fromisoformat(touches[-1][1])
            touches.append([deal_id, when.isoformat(), actor, actor_type, rnd.choice(["intro", "co-sell", ""])])
    header = ["deal_id", "amount", "is_won" if flags else "stage", "created_date", "close_date",
              "sourcing_partner", "influencing_partners"] + (["is_closed"] if flags else [])
    paths = [write(os.path.join(folder, "deals.csv"), header, deals)]
    if with_touches:
        touch_header = ["deal_id", "touch_date", "actor", "actor_type", "touch_type"]
        if seed % 4 == 1:
            # §3: a touch_seq column orders same-day touches; the file's rows
            # are shuffled so input order and sequence disagree.
            touches = [t + [str(k * 10)] for k, t in enumerate(touches)]
            rnd.shuffle(touches)
            touch_header.append("touch_seq")
        paths.append(write(os.path.join(folder, "touches.csv"), touch_header, touches))
    return paths


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def split_exports(text):
    """(attribution rows keyed by (model, dimension, key), value-model rows)."""
    text = text.replace("\r\n", "\n")
    cut = text.index("segment,definition")
    attribution = {(r["model"], r["dimension"], r["key"]): (r["credited_revenue"], r["credited_deals"])
                   for r in csv.DictReader(io.StringIO(text[:cut]))}
    return attribution, list(csv.reader(io.StringIO(text[cut:])))


def compare(engine_text, reference_text):
    """Problems (strings) between two exports: every row equal to the cent."""
    engine, engine_vm = split_exports(engine_text)
    reference, reference_vm = split_exports(reference_text)
    problems = []
    for key in sorted(set(engine) ^ set(reference)):
        side = "engine" if key in engine else "reference"
        problems.append(f"{key}: a row only in the {side}'s export (spec §8 lists every key under every model)")
    for key in sorted(set(engine) & set(reference)):
        (er, ed), (rr, rd) = engine[key], reference[key]
        if er != rr or abs(float(ed) - float(rd)) > 0.00011:
            problems.append(f"{key}: engine {er}/{ed}, reference {rr}/{rd}")
    if engine_vm != reference_vm:
        problems.append(f"value model: engine {engine_vm}, reference {reference_vm}")
    return problems


def with_spec_ties(expected, name):
    """A fixture's expected export with the ties it broke by float noise
    given to the smaller key (tests/fixtures/spec_ties.csv)."""
    lines = expected.splitlines(True)
    with open(os.path.join(HERE, "..", "fixtures", "spec_ties.csv"), encoding="utf-8") as f:
        ties = list(csv.reader(f))[1:]
    for fixture, model, to, frm in ties:
        if fixture != name:
            continue
        for key, cents in ((to, 1), (frm, -1)):
            i = next(i for i, l in enumerate(lines) if l.startswith(f"{model},partner,{key},"))
            cells = lines[i].rstrip("\r\n").split(",")
            units = int(cells[3].replace(".", "")) + cents
            cells[3] = spec_reference.fx(units, 2)
            lines[i] = ",".join(cells) + lines[i][len(lines[i].rstrip("\r\n")):]
    return "".join(lines)


def reference_matches_the_spec_fixtures():
    """The reference itself must reproduce the specification's fixture exports."""
    fixtures = os.path.join(HERE, "..", "fixtures")
    ok = True
    for name, files in (("expected_deal", ["deals.csv"]), ("expected_touch", ["deals.csv", "touches.csv"])):
        expected = "".join(open(os.path.join(fixtures, name, f), encoding="utf-8").read()
                           for f in ("attribution.csv", "value_model.csv"))
        expected = with_spec_ties(expected, name)
        reference, _ = spec_reference.exports([os.path.join(fixtures, f) for f in files])
        # The fixture files predate the §8 amendment that lists zero-credit keys.
        reference = "".join(l for l in reference.splitlines(True) if not l.endswith(",0.00,0.0000\n"))
        problems = compare(expected, reference)
        for p in problems:
            print(f"reference vs {name}: MISMATCH {p}")
        ok &= not problems
    return ok


def main():
    binary = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    failures = 0 if reference_matches_the_spec_fixtures() else 1
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(count):
            seed, with_touches = 1000 + n // 2, n % 2 == 1
            folder = os.path.join(tmp, str(n))
            os.makedirs(folder)
            paths = generate(seed, folder, with_touches)
            out = os.path.join(folder, "out")
            flags = ["--deals", paths[0]] + (["--touches", paths[1]] if len(paths) > 1 else [])
            engine = subprocess.run([binary, "export", *flags, "--out", out], capture_output=True, text=True)
            if engine.returncode != 0:
                print(f"seed {seed} touches={with_touches}: engine failed: {engine.stderr.strip()}")
                failures += 1
                continue
            engine_text = "".join(open(os.path.join(out, f), newline="").read()
                                  for f in ("attribution.csv", "value_model.csv"))
            reference, _ = spec_reference.exports(paths)
            problems = compare(engine_text, reference)
            label = f"seed {seed} {'deals+touches' if with_touches else 'deals only'}"
            for p in problems:
                print(f"{label}: MISMATCH {p}")
            failures += bool(problems)
    print(f"{count} data sets cross-checked, {failures} with differences")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
