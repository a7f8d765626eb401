#!/usr/bin/python3
"""Benchmark driver: verify every DKIM signature of FILE... with dkimpy.

usage: dkimpy_verify.py [--mbox] [--jobs N] ZONE FILE...
Uses the same code as tests/differential/dkimpy_verdicts.py (zone-file dnsfunc,
minkey=0). Prints one summary line: pass=N fail=N permerror=N temperror=N none=N

--mbox   every FILE is an mboxrd archive: it is split here (separator lines
         "From ..." at the start of the file or after a blank line), the blank line
         before each separator is dropped and ">From " quoting is undone
         (^>(>*From ) -> \\1), so dkimpy verifies the bytes that were signed.
         Splitting is part of the timed run.
--jobs N verify in N worker processes (multiprocessing, fork); the parent reads
         and splits, the workers get index ranges and return counts.
"""
import os
import re
import sys
from collections import Counter

sys.dont_write_bytecode = True  # do not leave __pycache__ in tests/differential

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "tests", "differential"))
import dkimpy_verdicts as V  # noqa: E402

SEPARATOR = re.compile(rb"(?:\A|(?<=\n))From [^\n]*\n")
QUOTED_FROM = re.compile(rb"^>(>*From )", re.M)
KEYS = ("pass", "fail", "permerror", "temperror", "none")

MESSAGES = []  # (path, start, end) or (path, None, None) for a whole file
DATA = {}      # path -> bytes of an mbox


def split_mbox(path):
    with open(path, "rb") as f:
        data = f.read()
    DATA[path] = data
    seps = list(SEPARATOR.finditer(data))
    # mboxrd: a separator only counts at the start or after an empty line
    seps = [m for m in seps if m.start() == 0 or data[m.start() - 2:m.start()] == b"\n\n"]
    for k, m in enumerate(seps):
        end = seps[k + 1].start() - 1 if k + 1 < len(seps) else len(data)
        MESSAGES.append((path, m.end(), end))


def message_bytes(item):
    path, start, end = item
    if start is None:
        with open(path, "rb") as f:
            return f.read()
    return QUOTED_FROM.sub(rb"\1", DATA[path][start:end])


def verify_range(bounds):
    lo, hi = bounds
    dns = V.ZoneDNS(V.load_zones([ZONE]))
    logger, handler = V.make_logger()
    counts = Counter()
    for item in MESSAGES[lo:hi]:
        for row in V.verdicts_for_message(message_bytes(item), dns, handler, logger):
            counts[row["dkimpy"]] += 1
    return counts


def main():
    global ZONE
    args = sys.argv[1:]
    mbox, jobs = False, 1
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--mbox":
            mbox = True
        elif opt == "--jobs":
            jobs = int(args.pop(0))
        else:
            sys.exit("dkimpy_verify.py: unknown option " + opt)
    ZONE, files = args[0], args[1:]
    for path in files:
        if mbox:
            split_mbox(path)
        else:
            MESSAGES.append((path, None, None))
    n = len(MESSAGES)
    if jobs <= 1:
        counts = verify_range((0, n))
    else:
        import multiprocessing as mp
        step = 64
        ranges = [(i, min(i + step, n)) for i in range(0, n, step)]
        counts = Counter()
        with mp.get_context("fork").Pool(jobs) as pool:
            for c in pool.imap_unordered(verify_range, ranges):
                counts.update(c)
    print(" ".join("%s=%d" % (k, counts[k]) for k in KEYS))


if __name__ == "__main__":
    main()
