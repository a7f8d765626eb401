#!/usr/bin/python3
"""Verify the RFC example messages with dkimpy (and Mail::DKIM, when available).

    /usr/bin/python3 tests/data/rfc/check.py

Keys come from rfc.zone (rfc6376_resigned.zone for rfc6376_appA_resigned.eml, as the zone
column of expected.tsv says). The clock is pinned to 2026-01-01T00:00:00Z. Prints one line per
DKIM-Signature and exits 1 if a verifier's answer differs from expected.tsv (pass rows must
verify, fail rows must not).
"""
import os
import re
import subprocess
import sys
import tempfile
from unittest import mock

import dkim

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL_T = 1767225600
MDKIM = os.path.join(HERE, "..", "fixtures", "mdkim_verify.pl")


def parse_zone(path):
    """Minimal master-file reader: TXT records, quoted strings, ( ) and ; comments."""
    text = open(path, encoding="ascii").read()
    records, tokens, depth, pos = {}, [], 0, 0

    def flush():
        if tokens:
            name = tokens[0][1].rstrip(".").lower()
            records.setdefault(name, []).append([v for k, v in tokens if k == "q"])
            tokens.clear()

    while pos < len(text):
        ch = text[pos]
        if ch == '"':
            end, buf = pos + 1, []
            while text[end] != '"':
                if text[end] == "\\":
                    end += 1
                buf.append(text[end])
                end += 1
            tokens.append(("q", "".join(buf)))
            pos = end + 1
        elif ch == ";":
            while pos < len(text) and text[pos] != "\n":
                pos += 1
        elif ch in "()":
            depth += 1 if ch == "(" else -1
            pos += 1
        elif ch == "\n":
            if depth == 0:
                flush()
            pos += 1
        elif ch in " \t\r":
            pos += 1
        else:
            end = pos
            while end < len(text) and text[end] not in " \t\r\n;()\"":
                end += 1
            tokens.append(("w", text[pos:end]))
            pos = end
    flush()
    return records


def dkimpy_verify(path, zone, idx):
    def dnsfunc(name, timeout=5):
        name = name.decode() if isinstance(name, bytes) else name
        recs = zone.get(name.rstrip(".").lower())
        return "".join(recs[0]).encode() if recs else None

    with mock.patch("time.time", return_value=float(EVAL_T)):
        try:
            ok = dkim.DKIM(open(path, "rb").read()).verify(idx=idx, dnsfunc=dnsfunc)
            return ("pass" if ok else "fail"), ""
        except Exception as e:
            return "fail", "%s: %s" % (type(e).__name__, e)


def mdkim_verify(path, zone):
    """{index: (result, detail)} from Mail::DKIM, or None when it cannot run."""
    if not os.path.exists(MDKIM):
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
        for name, recs in zone.items():
            for strings in recs:
                f.write("\t".join([name] + strings) + "\n")
    try:
        out = subprocess.run(["perl", MDKIM, f.name, str(EVAL_T), path], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, check=True).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        return None
    finally:
        os.unlink(f.name)
    res = {}
    for line in out.splitlines():
        _, idx, result, detail, _, _ = line.split("\t")
        res[idx] = (result, detail)
    return res


def main():
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(HERE, "expected.tsv"), encoding="utf-8")]
    head, rows = rows[0], rows[1:]
    col = {n: i for i, n in enumerate(head)}
    bad = 0
    for r in rows:
        file, idx, result = r[col["file"]], r[col["sig_index"]], r[col["result"]]
        path = os.path.join(HERE, file)
        zone = parse_zone(os.path.join(HERE, r[col["zone"]]))
        want = result in ("pass", "policy")
        py, py_detail = dkimpy_verify(path, zone, int(idx))
        md = mdkim_verify(path, zone)
        md_res, md_detail = (md or {}).get(idx, ("not-run", ""))
        line = ["%-27s %s expect %-4s" % (file, idx, result)]
        ok_py = (py == "pass") == want
        bad += not ok_py
        line.append("dkimpy=%s%s" % (py, "" if ok_py else "  <-- UNEXPECTED"))
        if py_detail:
            line.append("[%s]" % py_detail[:90])
        if "unsupported algorithm ed25519" in md_detail:
            line.append("Mail::DKIM=n/a (no ed25519 in this version)")
        elif md_res != "not-run":
            ok_md = (md_res == "pass") == want
            bad += not ok_md
            line.append("Mail::DKIM=%s%s" % (md_res, "" if ok_md else "  <-- UNEXPECTED"))
            if md_detail and md_res != "pass":
                line.append("[%s]" % md_detail)
        print("  ".join(line))
    print("%d unexpected verdicts" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
