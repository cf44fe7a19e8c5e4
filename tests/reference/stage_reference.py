"""A plain implementation of spec §7a (days in stage) and §7b (retention),
written from the specification's text, for the canonical long stage
history (`deal_id,stage,entered_date`), HubSpot's wide "Date entered
<stage>" columns of a deal file, an ARR file (`account,date,arr`) and an
integration file (`account,integration,installed_date`). The cross-check
compares it with the engine's `stage_days.csv` and `retention.csv`.
"""
import calendar
import csv
import re
import statistics
from datetime import date, timedelta

from spec_reference import DIRECT, amount_cents, d, load, read

LOST = "closed lost"


def history_long(path):
    return [(r["deal_id"], r["stage"], d(r["entered_date"])) for r in read(path)]


def history_wide(path):
    """HubSpot: one `Date entered "<stage> (<pipeline>)"` column per stage."""
    rows = read(path)
    out = []
    for header in rows[0].keys() if rows else []:
        m = re.match(r'\s*date entered\s*"?(.*?)(?: \([^)]*\))?"?\s*$', header, re.IGNORECASE)
        if not m:
            continue
        for r in rows:
            when = d(r[header])
            if when is not None:
                out.append((r["deal_id"], m.group(1).strip(), when, header))
    # File order: row by row, columns left to right.
    order = {h: i for i, h in enumerate(rows[0].keys())} if rows else {}
    index = {r["deal_id"]: i for i, r in enumerate(rows)}
    out.sort(key=lambda e: (index[e[0]], order[e[3]]))
    return [(i, s, w) for i, s, w, _ in out]


def involved(deal):
    return any(k != DIRECT for k, _ in deal["j"])


def stage_days(deals, history):
    by_id = {x["id"]: x for x in deals}
    entries = {}
    first_seen = []
    for n, (deal_id, stage, when) in enumerate(history):
        if deal_id not in by_id or when is None:
            continue
        if stage not in first_seen:
            first_seen.append(stage)
        entries.setdefault(deal_id, []).append((when, n, stage))
    for lst in entries.values():
        lst.sort()  # by date, ties in file order (n)
    positions = {s: [] for s in first_seen}
    for lst in entries.values():
        for k, (_, _, stage) in enumerate(lst):
            positions[stage].append(k)
    order = sorted(first_seen, key=lambda s: (statistics.median(positions[s]), first_seen.index(s)))
    rank = {s: i for i, s in enumerate(order)}
    rows = []
    for segment in ("partner", "direct"):
        for stage in order:
            values, entered, advanced = [], 0, 0
            for deal_id, lst in entries.items():
                deal = by_id[deal_id]
                if involved(deal) != (segment == "partner"):
                    continue
                total = None
                for k, (when, _, s) in enumerate(lst[:-1]):
                    if s == stage:
                        total = (total or 0) + (lst[k + 1][0] - when).days
                if total is not None:
                    values.append(total)
                firsts = [k for k, (_, _, s) in enumerate(lst) if s == stage]
                if firsts:
                    entered += 1
                    later = lst[firsts[0] + 1:]
                    if deal["won"] or any(rank[s] > rank[stage] and s.lower() != LOST for _, _, s in later):
                        advanced += 1
            med = f"{statistics.median(values):.2f}" if values else ""
            mean = f"{sum(values) / len(values):.2f}" if values else ""
            adv = f"{advanced / entered:.4f}" if entered else ""
            name = f'"{stage}"' if ("," in stage or '"' in stage) else stage
            rows.append(f"{segment},any_partner,{name},{len(values)},{med},{mean},{adv}")
    return "segment,definition,stage,deals,median_days,mean_days,advanced\n" + "\n".join(rows) + "\n"


def months_before(day, months):
    index = day.year * 12 + day.month - 1 - months
    y, m = divmod(index, 12)
    return date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def norm(name):
    """Accounts are matched on a normalised name (case and spacing)."""
    return " ".join(name.lower().split())


def retention(deals, deal_rows, arr_path, installs_path=None):
    snaps = {}
    for r in read(arr_path):
        when = d(r["date"])
        if when is None:
            continue
        per = snaps.setdefault(norm(r["account"]), {})
        per[when] = per.get(when, 0) + amount_cents(r["arr"])
    t1 = max(day for per in snaps.values() for day in per)
    t0 = months_before(t1, 12)

    def at(per, t):
        near = [(abs((day - t).days), day) for day in per if abs((day - t).days) <= 15]
        return per[min(near)[1]] if near else 0

    if installs_path:
        partner = {norm(r["account"]) for r in read(installs_path) if d(r["installed_date"]) and d(r["installed_date"]) <= t0}
        definition = "integration"
    else:
        account_of = {r["deal_id"]: r.get("account", "") for r in deal_rows}
        partner = {norm(account_of[x["id"]]) for x in deals
                   if x["won"] and x["close"] is not None and x["close"] <= t0 and involved(x) and account_of.get(x["id"])}
        definition = "any_partner"
    sums = {"partner": [0, 0, 0, 0], "direct": [0, 0, 0, 0]}
    for account, per in snaps.items():
        start = at(per, t0)
        if start <= 0:
            continue
        end = at(per, t1)
        s = sums["partner" if account in partner else "direct"]
        s[0] += 1
        s[1] += start
        s[2] += end
        s[3] += min(start, end)
    lines = ["segment,definition,accounts,start_arr,end_arr,grr,nrr"]
    for seg in ("partner", "direct"):
        n, start, end, kept = sums[seg]
        grr = f"{kept / start:.4f}" if start else ""
        nrr = f"{end / start:.4f}" if start else ""
        lines.append(f"{seg},{definition},{n},{start // 100}.{start % 100:02d},{end // 100}.{end % 100:02d},{grr},{nrr}")
    return "\n".join(lines) + "\n"
