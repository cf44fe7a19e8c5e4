"""Cross-check the engine's §7a/§7b exports against stage_reference.py.

    python3 tests/reference/stage_cross_check.py path/to/partner-attribution [data sets]

First the reference must reproduce the spec fixtures' expected exports.
Then, per seed: deals (with accounts, open and closed, partner-involved or
not), a long stage history (repeated stages, same-day entries, lost stages,
unknown deals, unreadable dates), monthly ARR snapshots with jitter around
the window's ends (inside and outside the 15-day tolerance, several rows on
one date, accounts that leave) and, on every other seed, integration
installs; and the same history as HubSpot "Date entered" columns of the
deal file (first entry of each stage, as HubSpot keeps). `stage_days.csv`
and `retention.csv` must equal the reference's byte for byte (line ends aside).
"""
import os
import random
import subprocess
import sys
import tempfile
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import spec_reference  # noqa: E402
import stage_reference  # noqa: E402
from cross_check import write  # noqa: E402

STAGES = ["Prospecting", "Qualification", "Demo, technical", "Proposal", "Negotiation"]


def generate(seed, folder):
    rnd = random.Random(seed)
    partners = ["Acme", "Bolt", "Cora Systems", "Delta"]
    accounts = [f"Account {i}" for i in range(rnd.randint(10, 60))]
    deals, history = [], []
    for i in range(rnd.randint(20, 200)):
        deal_id = f"S-{i:04d}"
        created = date(2023, 1, 1) + timedelta(days=rnd.randint(0, 700))
        close = created + timedelta(days=rnd.randint(5, 150))
        stage = rnd.choices(["Closed Won", "Closed Lost", "Negotiation"], [5, 4, 2])[0]
        involved = rnd.sample(partners, rnd.choice([0, 0, 1, 2]))
        deals.append([deal_id, f"{rnd.randint(1000, 900000) / 100:.2f}", stage, created.isoformat(),
                      close.isoformat(), involved[0] if involved else "", "; ".join(involved[1:]),
                      rnd.choice(accounts)])
        when, path = created, STAGES[: rnd.randint(1, len(STAGES))]
        if rnd.random() < 0.2 and len(path) > 2:
            path = path + [path[1], path[2]]  # re-entered stages add up
        if stage != "Negotiation":
            path = path + [stage]
        for s in path:
            history.append([deal_id, s, when.isoformat()])
            when += timedelta(days=rnd.choice([0, 0, 1, 3, 7, 12, 30]))
    history.append(["NOPE-1", "Prospecting", "2024-01-01"])
    history.append([deals[0][0], "Demo, technical", "not a date"])
    rnd.shuffle(history)
    header = ["deal_id", "amount", "stage", "created_date", "close_date", "sourcing_partner",
              "influencing_partners", "account"]
    paths = {"deals": write(os.path.join(folder, "deals.csv"), header, deals),
             "history": write(os.path.join(folder, "history.csv"), ["deal_id", "stage", "entered_date"], history)}
    # HubSpot keeps one "Date entered" per stage: the first entry (history is
    # shuffled, so take the earliest date, file order on ties).
    firsts = {}
    for deal_id, s, when in history:
        if when != "not a date" and (deal_id, s) not in firsts:
            firsts[(deal_id, s)] = when
        elif when != "not a date" and when < firsts[(deal_id, s)]:
            firsts[(deal_id, s)] = when
    wide_stages = STAGES + ["Closed Won", "Closed Lost"]
    wide = [row + [firsts.get((row[0], s), "") for s in wide_stages] for row in deals]
    wide_header = header + [f'Date entered "{s} (Sales Pipeline)"' for s in wide_stages]
    paths["wide"] = write(os.path.join(folder, "deals_wide.csv"), wide_header, wide)
    arr = []
    end = date(2025, 6, 30)
    for a in accounts:
        base = rnd.randint(1000, 200000)
        for m in range(0, 26):
            y, mo = divmod(2023 * 12 + 5 + m, 12)
            day = date(y, mo + 1, 1) - timedelta(days=1) + timedelta(days=rnd.choice([0, 0, -3, 9, 16, -16]))
            if rnd.random() < 0.1:
                continue
            arr.append([a, day.isoformat(), f"{base * (1 + rnd.uniform(-0.3, 0.4)):.2f}"])
            if rnd.random() < 0.05:
                arr.append([a, day.isoformat(), "100.00"])  # rows on one date add up
        if rnd.random() < 0.15:
            arr = [r for r in arr if not (r[0] == a and r[1] > "2025-03-01")]  # churned
    arr.append([accounts[0], end.isoformat(), "10.00"])
    paths["arr"] = write(os.path.join(folder, "arr.csv"), ["account", "date", "arr"], arr)
    if seed % 2:
        installs = [[a, rnd.choice(partners), (date(2023, 1, 1) + timedelta(days=rnd.randint(0, 900))).isoformat()]
                    for a in accounts if rnd.random() < 0.4]
        paths["installs"] = write(os.path.join(folder, "installs.csv"), ["account", "integration", "installed_date"], installs)
    return paths


def lines(text):
    return text.replace("\r\n", "\n").rstrip("\n").split("\n")


def fixtures_reproduced():
    fx = os.path.join(HERE, "..", "fixtures")
    deals, _ = spec_reference.load(os.path.join(fx, "deals.csv"))
    rows = spec_reference.read(os.path.join(fx, "deals.csv"))
    checks = [
        (stage_reference.stage_days(deals, stage_reference.history_long(os.path.join(fx, "stage", "stage_history.csv"))),
         "stage/ref/stage_days.csv"),
        (stage_reference.retention(deals, rows, os.path.join(fx, "stage", "arr.csv")), "stage/ref/retention.csv"),
        (stage_reference.retention(deals, rows, os.path.join(fx, "stage", "arr.csv"),
                                   os.path.join(fx, "stage", "integrations.csv")), "stage/ref_int/retention.csv"),
    ]
    ok = True
    for text, name in checks:
        if lines(text) != lines(open(os.path.join(fx, name), encoding="utf-8").read()):
            print(f"reference vs {name}: MISMATCH")
            ok = False
    return ok


def main():
    binary = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    failures = 0 if fixtures_reproduced() else 1
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(count):
            seed = 5000 + n
            folder = os.path.join(tmp, str(n))
            os.makedirs(folder)
            p = generate(seed, folder)
            deals, _ = spec_reference.load(p["deals"])
            rows = spec_reference.read(p["deals"])
            expected = {
                "stage_days.csv": stage_reference.stage_days(deals, stage_reference.history_long(p["history"])),
                "retention.csv": stage_reference.retention(deals, rows, p["arr"], p.get("installs")),
            }
            out = os.path.join(folder, "out")
            flags = ["--deals", p["deals"], "--stage-history", p["history"], "--arr", p["arr"]]
            flags += ["--integrations", p["installs"]] if "installs" in p else []
            runs = [(flags, out, expected)]
            wide_expected = {"stage_days.csv": stage_reference.stage_days(deals, stage_reference.history_wide(p["wide"]))}
            runs.append((["--deals", p["wide"]], out + "_wide", wide_expected))
            for args, where, want in runs:
                run = subprocess.run([binary, "export", *args, "--out", where], capture_output=True, text=True)
                if run.returncode != 0:
                    print(f"seed {seed}: engine failed: {run.stderr.strip()}")
                    failures += 1
                    continue
                for name, text in want.items():
                    got = open(os.path.join(where, name), encoding="utf-8").read()
                    if lines(got) != lines(text):
                        shape = "wide" if where.endswith("_wide") else "long"
                        print(f"seed {seed} ({shape}) {name}: MISMATCH\n  engine:    {lines(got)}\n  reference: {lines(text)}")
                        failures += 1
    print(f"{count} stage/retention data sets cross-checked, {failures} with differences")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
