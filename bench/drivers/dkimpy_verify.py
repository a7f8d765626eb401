#!/usr/bin/python3
"""Benchmark driver: verify every DKIM signature of FILE... with dkimpy (single process).

usage: dkimpy_verify.py ZONE FILE...
Uses the same code as tests/differential/dkimpy_verdicts.py (zone-file dnsfunc,
minkey=0). Prints one summary line: pass=N fail=N permerror=N temperror=N none=N
"""
import os
import sys
from collections import Counter

sys.dont_write_bytecode = True  # do not leave __pycache__ in tests/differential

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "tests", "differential"))
import dkimpy_verdicts as V  # noqa: E402


def main():
    zone, files = sys.argv[1], sys.argv[2:]
    dns = V.ZoneDNS(V.load_zones([zone]))
    logger, handler = V.make_logger()
    counts = Counter()
    for path in files:
        with open(path, "rb") as f:
            raw = f.read()
        for row in V.verdicts_for_message(raw, dns, handler, logger):
            counts[row["dkimpy"]] += 1
    print(" ".join("%s=%d" % (k, counts[k]) for k in
                   ("pass", "fail", "permerror", "temperror", "none")))


if __name__ == "__main__":
    main()
