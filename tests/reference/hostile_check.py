#!/usr/bin/env python3
"""Inputs built to break the program (issue 25), one generator per family,
run through `partner-attribution export` under a memory limit: each must
end with exit status 0 or 1 (results, or a message naming what is wrong),
never a signal, a hang or a crash.

    python3 hostile_check.py BIN [WORK_DIR]
    python3 hostile_check.py --write DIR FAMILY...   (only write the inputs, for the page's tests)

The families, at the sizes that once hung, aborted or misled:
money at the largest readable amounts; a workbook whose two cells sit far
apart; zip bombs (honest, with bytes before the archive, with a forged end
record in the comment); one deal on 200,000 rows with different partners;
Shapley over 100,000 distinct partner sets and over 500,000 partners;
250,000 look-alike pairs; 131,072 spellings of one partner; a 60 MB header
cell; a quote never closed in a 70 MB file; a million distinct stage labels;
300,000 currency codes; control characters in names; a stray byte in a
UTF-8 file. The time and peak memory of each run are printed (the README's
table); a run over the hard limits (60 s, 1.5 GB of address space) fails.
Inputs that ever failed are kept in tests/fixtures/fuzz/ and replayed by the
native tier's fuzz pass.
"""
import io
import os
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib

HARD_SECONDS = 60
ADDRESS_SPACE = 1536 << 20
GOAL_SECONDS = 10
H = "deal_id,amount,stage,created_date,close_date,sourcing_partner,influencing_partners\n"


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def rows(n, make):
    return H + "".join(make(i) for i in range(n))


def deal_rows(d, name, n, make):
    """Write the header and `n` rows made by `make` to `d/name`; its path."""
    path = os.path.join(d, name)
    write(path, rows(n, make))
    return path


def money(d):
    # Past the per-deal limit (read as unreadable, counted as 0), and at it
    # (93 such deals pass 2^53 cents: the file is refused with a message).
    past = deal_rows(d, "money_93_past_limit.csv", 93, lambda i: f"D{i},999999999999999.99,Closed Won,2025-01-01,2025-02-01,P{i % 3},\n")
    at = deal_rows(d, "money_93_at_limit.csv", 93, lambda i: f"D{i},9999999999999.99,Closed Won,2025-01-01,2025-02-01,P{i % 3},\n")
    return [past, at]


def xlsx_far_cells(d):
    p = os.path.join(d, "far_cells.xlsx")
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>deal_id</t></is></c></row>'
             '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')
    write_xlsx(p, sheet)
    return p


def write_xlsx(path, sheet_xml, prefix=b"", comment=b""):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        if isinstance(sheet_xml, str):
            z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        else:
            sheet_xml(z)
        z.comment = comment
    with open(path, "wb") as f:
        f.write(prefix + buf.getvalue())


def bomb_entry(z):
    """1.1 GB of spaces inside the sheet, written as a stream (a few MB on disk)."""
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        block = b" " * (16 << 20)
        for _ in range(70):
            f.write(block)
        f.write(b"</sheetData></worksheet>")


def bombs(d):
    honest = os.path.join(d, "bomb.xlsx")
    write_xlsx(honest, bomb_entry)
    prefixed = os.path.join(d, "bomb_prefixed.xlsx")
    write_xlsx(prefixed, bomb_entry, prefix=b"\0" * 64)
    # A forged end-of-central-directory record in the comment, pointing at nothing.
    forged_eocd = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 1, 1, 46, 0, 0)
    forged = os.path.join(d, "bomb_forged_comment.xlsx")
    write_xlsx(forged, bomb_entry, comment=forged_eocd)
    return [honest, prefixed, forged]


def merge(d):
    return deal_rows(d, "one_deal_200k_rows.csv", 200_000, lambda i: f"D1,1000,Closed Won,2025-01-01,2025-02-01,P{i},\n")


def shapley(d):
    sets = deal_rows(d, "shapley_100k_sets.csv", 100_000, lambda i: f"D{i},1000,Closed Won,2025-01-01,2025-02-01,P{i},Q{i};R{i}\n")
    many = deal_rows(d, "shapley_500k_partners.csv", 500_000, lambda i: f"D{i},1000,{'Closed Won' if i % 2 else 'Closed Lost'},2025-01-01,2025-02-01,P{i},\n")
    return [sets, many]


def lookalike(d):
    return deal_rows(d, "lookalike_250k.csv", 250_000, lambda i: f"D{i},1000,Closed Won,2025-01-01,2025-02-01,Partner {i} Inc,\"Partner {i}, Inc.\"\n")


def spellings(d):
    p = os.path.join(d, "spellings_131k.csv")
    base = "acmepartners"  # 12 letters + 5 spaces' positions: 2^17 spellings

    def spelling(i):
        word = "".join(c.upper() if i >> k & 1 else c for k, c in enumerate(base))
        return word + " " * (i >> 12)

    write(p, rows(131_072, lambda i: f"D{i},1000,Closed Won,2025-01-01,2025-02-01,{spelling(i)},\n"))
    return p


def long_cells(d):
    header = os.path.join(d, "header_60mb.csv")
    write(header, "deal_id,amount," + "x" * 60_000_000 + "\nD1,100\n")
    quote = os.path.join(d, "open_quote_70mb.csv")
    write(quote, 'deal_id,amount,stage,close_date\nD1,"100,Closed Won,2025-01-01\n' + "D2,200,Closed Won,2025-01-01\n" * 2_500_000)
    return [header, quote]


def stage_labels(d, n=1_000_000):
    p = os.path.join(d, f"stages_{n // 1000}k.csv")
    write(p, rows(n, lambda i: f"D{i},10,Stage {i},2025-01-01,2025-02-01,,\n"))
    return p


def stage_labels_100k(d):
    return stage_labels(d, 100_000)


def currencies(d):
    p = os.path.join(d, "currencies_300k.csv")
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def code(i):
        return letters[i % 26] + letters[i // 26 % 26] + letters[i // 676 % 26] + str(i // 17576)

    write(p, "deal_id,amount,currency,stage,close_date\n" + "".join(
        f"D{i},100,{code(i)},Closed Won,2025-01-01\n" for i in range(300_000)))
    return p


def text(d):
    ctrl = deal_rows(d, "control_chars.csv", 3, lambda i: f"D{i},100,Closed Won,2025-01-01,2025-02-01,Acme\x01{i}\x08,\n")
    stray = os.path.join(d, "stray_byte.csv")
    with open(stray, "wb") as f:
        f.write(H.encode())
        for i in range(50):
            f.write(f"D{i},100,Closed Won,2025-01-01,2025-02-01,Müller GmbH,\n".encode())
        f.write(b"D99,100,Closed Won,2025-01-01,2025-02-01,Bad \xff byte,\n")
    return [ctrl, stray]


def limit():
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run(binary, path, out):
    """Exit status (None: killed at the hard limit), seconds, peak resident KB of this run, last line said."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([binary, "export", "--deals", path, "--out", out], stdout=subprocess.DEVNULL,
                                stderr=err, preexec_fn=limit)
        watchdog = threading.Timer(HARD_SECONDS, proc.kill)
        watchdog.start()
        _, status, usage = os.wait4(proc.pid, 0)
        watchdog.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        err.seek(0)
        said = (err.read().decode("utf-8", "replace").strip().splitlines() or [""])[-1]
    code = None if seconds >= HARD_SECONDS else proc.returncode
    return code, seconds, usage.ru_maxrss, said


def main():
    if sys.argv[1] == "--write":
        os.makedirs(sys.argv[2], exist_ok=True)
        for name in sys.argv[3:]:
            made = globals()[name](sys.argv[2])
            print("\n".join(made if isinstance(made, list) else [made]))
        return
    binary = sys.argv[1]
    made_here = len(sys.argv) <= 2
    work = sys.argv[2] if not made_here else tempfile.mkdtemp(prefix="hostile-")
    os.makedirs(work, exist_ok=True)
    families = [money, xlsx_far_cells, bombs, merge, shapley, lookalike, spellings, long_cells, stage_labels,
                currencies, text]
    ok = True
    print(f"{'input':<34} {'exit':>4} {'seconds':>8} {'peak MB':>8}  last line")
    for family in families:
        made = family(work)
        for path in made if isinstance(made, list) else [made]:
            code, seconds, peak_kb, said = run(binary, path, os.path.join(work, "out"))
            name = os.path.basename(path)
            print(f"{name:<34} {str(code):>4} {seconds:8.2f} {peak_kb / 1024:8.0f}  {said[:110]}")
            if code not in (0, 1):
                ok = False
                print(f"FAIL {name}: ended with {code} (a signal, a crash or a hang)")
            elif seconds > GOAL_SECONDS:
                print(f"note {name}: {seconds:.1f} s, over the {GOAL_SECONDS} s goal on this machine")
            os.remove(path)
    if made_here:
        shutil.rmtree(work, ignore_errors=True)
    print("hostile inputs: every run ended with results or a message" if ok else "hostile inputs: FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
