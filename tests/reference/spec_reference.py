"""An independent, deliberately plain implementation of the specification
(§2–§8) for files in the canonical column names, written in Python without
looking at the Rust engine: the cross-check compares the two.

    python3 spec_reference.py deals.csv [touches.csv]

prints attribution.csv (partner dimension, default parameters) followed by
value_model.csv (any_partner). Every model but time decay is computed with
exact fractions, so a largest-remainder tie (two keys whose credits end in
the same fraction of a cent) is a tie, broken by key as §2 says. Time decay's
weights are not fractions: its remainders closer than 1e-6 cent plus 1e-13
of the credit count as a tie (the engine's rule, written down in
docs/methodology.md).
"""
import csv
import math
import statistics
import sys
from datetime import date
from fractions import Fraction
from itertools import combinations

DIRECT = "(direct)"


NULLS = {"#n/a", "n/a", "na", "\\n", "null", "none", "nan", "-", "--", "(blank)", "#value!", "#ref!"}


def d(s):
    """An ISO date, or None when blank, a null marker or unreadable (§2: kept)."""
    s = s.strip()
    try:
        return date.fromisoformat(s[:10]) if s and s.lower() not in NULLS else None
    except ValueError:
        return None


def amount_cents(s):
    """Blank, null marker or unreadable → 0 (spec §2)."""
    s = s.strip()
    try:
        return round(float(s) * 100) if s and s.lower() not in NULLS else 0
    except ValueError:
        return 0


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


# A partner cell that says there was no partner reads as blank.
NO_PARTNER = {"direct", "directo", "directa", "direkt", "direct sale", "direct sales", "none", "no partner", "no", "internal"}


def partner_name(cell):
    p = cell.strip()
    return "" if p.lower() in NULLS or p.lower() in NO_PARTNER else p


def split_partners(cell):
    out = []
    for part in cell.replace("|", ";").replace("\n", ";").split(";"):
        p = partner_name(part)
        if p and p not in out:
            out.append(p)
    return out


PARTNER_SOURCE_WORDS = ("partner", "channel", "reseller", "marketplace", "alliance", "distributor", "msp")


def unnamed_partner(row):
    """§1: with no partner column at all, a partner lead source makes
    "(partner, unnamed)" the sourcing partner."""
    if "sourcing_partner" in row or "influencing_partners" in row:
        return ""
    source = row.get("lead_source", "").strip().lower()
    if any(w in source for w in ("employee", "customer")):
        return ""
    words = source.replace("-", " ").split()
    partner = any(w in source for w in PARTNER_SOURCE_WORDS) or "var" in words
    return "(partner, unnamed)" if partner else ""


def load(deals_path, touches_path=None):
    deals, seen = [], set()
    for number, r in enumerate(read(deals_path), start=1):
        # §1: without a deal id column, the 1-based data row number is the id.
        r.setdefault("deal_id", str(number))
        if r["deal_id"] in seen:
            continue
        seen.add(r["deal_id"])
        if "stage" in r:
            stage = r["stage"].strip().lower()
            won = stage == "closed won"
            closed = won or stage == "closed lost"
        else:
            won = r["is_won"].strip().lower() in ("true", "yes", "1")
            closed = won or r["is_closed"].strip().lower() in ("true", "yes", "1")
        deals.append(dict(
            id=r["deal_id"], amount_c=amount_cents(r["amount"]),
            won=won, closed=closed, created=d(r.get("created_date", "")), close=d(r["close_date"]),
            sourcing=partner_name(r.get("sourcing_partner", "")) or unnamed_partner(r),
            influencing=split_partners(r.get("influencing_partners", "")),
        ))
    touches = None
    if touches_path:
        touches = {}
        for r in read(touches_path):
            touches.setdefault(r["deal_id"], []).append(r)
    for deal in deals:
        if touches is None:
            j = []  # list of (key, date or None)
            if deal["sourcing"]:
                j.append((deal["sourcing"], deal["created"]))
            for p in deal["influencing"]:
                if p not in [k for k, _ in j]:
                    j.append((p, None))
            creation = 0 if deal["sourcing"] else None
        else:
            ts = [t for t in touches.get(deal["id"], []) if t["actor_type"].strip().lower() == "partner"]
            # §3: same-day touches follow touch_seq when the file has one
            # (blank or unreadable after the numbered ones), else input order.
            def seq(t):
                try:
                    return (0, float(t.get("touch_seq", "")))
                except ValueError:
                    return (1, 0.0)
            ts = [(t["actor"].strip(), d(t["touch_date"]), seq(t)) for t in ts]
            deal["touch_partners"] = [k for k, _, _ in ts]
            ts = [t for t in ts if deal["close"] is None or t[1] <= deal["close"]]
            ts.sort(key=lambda t: (t[1], t[2]))  # stable: remaining ties keep input order
            j = [(k, when) for k, when, _ in ts]
            creation = None
            for i, (_, td) in enumerate(j):
                if deal["created"] is not None and td <= deal["created"]:
                    creation = i
        if not j:
            j = [(DIRECT, deal["created"])]
            creation = None
        deal["j"] = j
        deal["creation"] = creation
    return deals, touches is not None


def shares(model, deal, h=30):
    j, n = deal["j"], len(deal["j"])
    keys = [k for k, _ in j]
    out = {}

    def add(k, w):
        out[k] = out.get(k, 0) + w

    if model == "sourced":
        if deal["sourcing"]:
            add(deal["sourcing"], 1)
        elif deal["creation"] is not None:
            add(keys[deal["creation"]], 1)
        else:
            add(DIRECT, 1)
    elif model == "influenced":
        for k in dict.fromkeys(keys):
            add(k, 1)
    elif model == "even_split":
        ks = list(dict.fromkeys(keys))
        for k in ks:
            add(k, Fraction(1, len(ks)))
    elif model == "first_touch":
        add(keys[0], 1)
    elif model == "last_touch":
        add(keys[-1], 1)
    elif model == "pipeline_touch":
        add(keys[deal["creation"]] if deal["creation"] is not None else DIRECT, 1)
    elif model == "linear":
        for k in keys:
            add(k, Fraction(1, n))
    elif model == "time_decay":
        ws = [2 ** (-((deal["close"] - td).days) / h) for _, td in j]
        s = sum(ws)
        for k, w in zip(keys, ws):
            add(k, w / s)
    elif model == "position_based":
        if n == 1:
            add(keys[0], 1)
        elif n == 2:
            add(keys[0], Fraction(1, 2)); add(keys[1], Fraction(1, 2))
        else:
            add(keys[0], Fraction(2, 5)); add(keys[-1], Fraction(2, 5))
            for k in keys[1:-1]:
                add(k, Fraction(1, 5 * (n - 2)))
    elif model == "w_shaped":
        c = deal["creation"] if deal["creation"] is not None else 0
        roles = [0, c, n - 1]
        w = [Fraction(0)] * n
        for r in roles:
            w[r] += Fraction(3, 10)
        others = [i for i in range(n) if i not in roles]
        if others:
            for i in others:
                w[i] += Fraction(1, 10 * len(others))
        else:
            for r in roles:
                w[r] += Fraction(1, 30)
        for k, x in zip(keys, w):
            add(k, x)
    return out


def shapley_credits(deals):
    closed = [x for x in deals if x["closed"]]
    stats = {}
    for x in closed:
        s = frozenset(k for k, _ in x["j"] if k != DIRECT)
        w, c = stats.get(s, (0, 0))
        stats[s] = (w + x["won"], c + 1)
    memo = {}

    def v(t):
        if t in memo:
            return memo[t]
        if t in stats:
            r = Fraction(stats[t][0], stats[t][1])
        elif not t:
            r = Fraction(0)
        else:
            r = max(v(frozenset(u)) for size in range(len(t)) for u in combinations(sorted(t), size))
        memo[t] = r
        return r

    v0 = v(frozenset())
    per_deal = {}
    for x in deals:
        if not x["won"]:
            continue
        s = frozenset(k for k, _ in x["j"] if k != DIRECT)
        if not s:
            per_deal[x["id"]] = {DIRECT: Fraction(1)}
            continue
        players = sorted(s)
        m = len(players)
        g = lambda t: max(Fraction(0), v(frozenset(t)) - v0)
        phi = {}
        for k in players:
            rest = [p for p in players if p != k]
            tot = Fraction(0)
            for size in range(m):
                wgt = Fraction(math.factorial(size) * math.factorial(m - size - 1), math.factorial(m))
                for u in combinations(rest, size):
                    tot += wgt * (g(u + (k,)) - g(u))
            phi[k] = tot
        vs = v(s)
        sh = {k: phi[k] / vs for k in players}
        sh[DIRECT] = 1 - sum(phi.values()) / vs
        per_deal[x["id"]] = sh
    return per_deal


def markov_shares(deals):
    closed = [x for x in deals if x["closed"]]
    trans = {}
    def t(a, b):
        trans.setdefault(a, {}); trans[a][b] = trans[a].get(b, 0) + 1
    for x in closed:
        path = ["<start>"] + [k for k, _ in x["j"]] + ["<conv>" if x["won"] else "<null>"]
        for a, b in zip(path, path[1:]):
            t(a, b)
    states = sorted(s for s in trans if s != "<start>")

    def reach(removed):
        # unknowns: start + states (except removed, which is 0)
        unk = ["<start>"] + [s for s in states if s != removed]
        idx = {s: i for i, s in enumerate(unk)}
        n = len(unk)
        a = [[Fraction(0)] * (n + 1) for _ in range(n)]
        for s in unk:
            i = idx[s]
            a[i][i] += 1
            out = trans.get(s, {})
            tot = sum(out.values())
            for b, c in out.items():
                p = Fraction(c, tot)
                if b == "<conv>":
                    a[i][n] += p
                elif b == "<null>" or b == removed:
                    pass
                else:
                    a[i][idx[b]] -= p
        # gaussian elimination
        for col in range(n):
            piv = next(r for r in range(col, n) if a[r][col] != 0)
            a[col], a[piv] = a[piv], a[col]
            pv = a[col][col]
            a[col] = [v / pv for v in a[col]]
            for r in range(n):
                if r != col and a[r][col] != 0:
                    f = a[r][col]
                    a[r] = [rv - f * cv for rv, cv in zip(a[r], a[col])]
        return a[idx["<start>"]][n]

    p = reach(None)
    re = {s: (p - reach(s)) / p for s in states} if p else {}
    tot = sum(re.values())
    return {s: r / tot for s, r in re.items()} if tot else {}


TIE_CENTS, TIE_RELATIVE = 1e-6, 1e-13


def largest_remainder(exact, total_units):
    """exact: key -> amount in units (cents), a Fraction, or a float for time
    decay; returns key -> int units adding up to total_units. Largest
    remainders first, ties to the smaller key (spec §2)."""
    floors = {k: math.floor(v) for k, v in exact.items()}
    rems = {k: v - floors[k] for k, v in exact.items()}
    floating = any(isinstance(v, float) for v in exact.values())
    tol = {k: TIE_CENTS + TIE_RELATIVE * abs(v) for k, v in exact.items()} if floating else {}
    if floating:
        # A float within the tolerance of a whole cent is that cent.
        for k in exact:
            if rems[k] <= tol[k]:
                rems[k] = 0.0
            elif 1 - rems[k] <= tol[k]:
                floors[k] += 1
                rems[k] = 0.0
    keys = sorted(exact)
    order = sorted(keys, key=lambda k: -rems[k])  # stable: ties in key order
    if floating:
        # Remainders closer than the tolerance are one tie, taken in key order.
        groups, group = [], [order[0]] if order else []
        for a, b in zip(order, order[1:]):
            if rems[a] - rems[b] > max(tol[a], tol[b]):
                groups.append(group)
                group = []
            group.append(b)
        groups.append(group)
        order = [k for g in groups for k in sorted(g)]
    left = total_units - sum(floors.values())
    each, extra = divmod(left, len(order)) if order else (0, 0)
    for k in order:
        floors[k] += each
    for k in order[:extra]:
        floors[k] += 1
    return floors


def attribution(deals, dated):
    won = [x for x in deals if x["won"]]
    base_c = sum(x["amount_c"] for x in won)
    models = ["sourced", "influenced", "even_split", "first_touch", "last_touch", "pipeline_touch", "linear"]
    if dated:
        models.append("time_decay")
    models += ["position_based", "w_shaped", "shapley", "markov"]
    rows = []
    sh_deal = shapley_credits(deals)
    mk = markov_shares(deals)
    # Spec §8: every key that appears in the data gets a row under every
    # model, zero included: journey keys, partner columns, partner touches.
    keys = set()
    for x in deals:
        keys.update(k for k, _ in x["j"])
        keys.update(p for p in [x["sourcing"], *x["influencing"], *x.get("touch_partners", [])] if p)
    for m in models:
        zero = 0.0 if m == "time_decay" else Fraction(0)
        rev, cnt = {k: zero for k in keys}, {k: 0.0 for k in keys}
        if m == "markov":
            for k, s in mk.items():
                rev[k] = s * base_c
                cnt[k] = float(s) * len(won) * 10000
        else:
            for x in won:
                s = sh_deal[x["id"]] if m == "shapley" else shares(m, x)
                for k, w in s.items():
                    rev[k] = rev.get(k, zero) + w * x["amount_c"]
                    cnt[k] = cnt.get(k, 0) + float(w) * 10000
        # Only additive models are rounded to add up to the base; deal counts per key.
        r = {k: round(v) for k, v in rev.items()} if m == "influenced" else largest_remainder(rev, base_c)
        c = {k: round(v) for k, v in cnt.items()}
        for k in sorted(rev):
            rows.append((m, k, r[k], c[k], float(rev[k] - math.floor(rev[k]))))
    return rows


def value_model(deals, definition="any_partner"):
    out = []
    for seg in ("partner", "direct"):
        ds = [x for x in deals if any(k != DIRECT for k, _ in x["j"]) == (seg == "partner")]
        closed = [x for x in ds if x["closed"]]
        won = [x for x in ds if x["won"]]
        # Undefined ratios (nothing closed, nothing won, zero-day cycles) are None: blank in the CSV.
        wr = len(won) / len(closed) if closed else None
        rev = sum(x["amount_c"] for x in won)
        avg = rev / 100 / len(won) if won else None
        # §2: no cycle from a missing date or a close before the creation.
        cyc = [(x["close"] - x["created"]).days for x in won
               if x["created"] is not None and x["close"] is not None and x["close"] >= x["created"]]
        med = statistics.median(cyc) if cyc else None
        mean = sum(cyc) / len(cyc) if cyc else None
        vel = len(ds) * wr * avg / mean if won and mean else None
        out.append((seg, definition, len(ds), len(closed), len(won), wr, avg, med, mean, rev, vel))
    return out


def fx(units, places):
    sign = "-" if units < 0 else ""
    q, r = divmod(abs(units), 10 ** places)
    return f"{sign}{q}.{r:0{places}d}"


def num(value, places):
    return "" if value is None else f"{value:.{places}f}"


def exports(paths):
    """Both exports for the canonical files at `paths` (deals first) as CSV
    text, and the unrounded cent remainder of every (model, key)."""
    deals, dated = load(*paths[:2])
    lines = ["model,dimension,key,credited_revenue,credited_deals"]
    remainders = {}
    for m, k, r, c, rem in attribution(deals, dated):
        key = f'"{k}"' if ("," in k or '"' in k) else k
        lines.append(f"{m},partner,{key},{fx(r, 2)},{fx(c, 4)}")
        remainders[(m, k)] = rem
    lines.append("segment,definition,deals,closed_deals,won_deals,win_rate,avg_won_amount,"
                 "median_cycle_days,mean_cycle_days,won_revenue,velocity_per_day")
    for seg, de, n, c, w, wr, avg, med, mean, rev, vel in value_model(deals):
        cells = [num(wr, 6), num(avg, 2), num(med, 1), num(mean, 2), fx(rev, 2), num(vel, 2)]
        lines.append(f"{seg},{de},{n},{c},{w}," + ",".join(cells))
    return "\n".join(lines) + "\n", remainders


if __name__ == "__main__":
    print(exports(sys.argv[1:3])[0], end="")
