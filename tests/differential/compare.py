#!/usr/bin/python3
"""Differential test: our CLI against dkimpy, signature by signature.

usage: compare.py --cli PATH [--keys ZONE]... [--at RFC3339]
                  [--known tests/differential/known_differences.tsv] [-v] FILE|DIR...

Runs `PATH verify --offline --no-key-store --format json --keys ZONE... --at RFC3339 FILE...` and
dkimpy_verdicts.py over the same files (directories are searched for *.eml), then
compares the verdict of every DKIM-Signature (and "none" for unsigned messages).

Mapping ours -> dkimpy: pass and policy -> pass (dkimpy has no RFC 8301 / expiry
policy result), fail -> fail, permerror -> permerror, temperror -> temperror,
none -> none.

Every disagreement must be listed in the known-differences file (tab-separated:
file, index, ours, dkimpy, why; file = basename or a path suffix such as
rfc/x.eml, shell wildcards allowed; index may be *; ours may be given as our raw result or its mapped
value; lines starting with # are comments). Exit status 1 when a disagreement is
not listed, or a listed one no longer occurs for a file that was compared (so the
list stays honest), or when either side could not be run. Exit 0 otherwise.

If dkimpy cannot be imported: exit 1, or exit 0 with a message when
DKIMI_ALLOW_NO_DKIMPY=1 is set.
Environment: DKIMI_PYTHON = interpreter with dkimpy (default /usr/bin/python3).
"""

import argparse
import fnmatch
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VERDICTS = os.path.join(HERE, "dkimpy_verdicts.py")
MAP_OURS = {"pass": "pass", "policy": "pass", "fail": "fail", "permerror": "permerror",
            "temperror": "temperror", "none": "none"}


def die(msg):
    print("compare.py: " + msg, file=sys.stderr)
    sys.exit(1)


def python_with_dkimpy():
    if os.environ.get("DKIMI_PYTHON"):
        candidates = [os.environ["DKIMI_PYTHON"]]
    else:
        candidates = ["/usr/bin/python3", sys.executable]
    for py in candidates:
        if py and os.path.exists(py):
            r = subprocess.run([py, "-c", "import dkim"], capture_output=True)
            if r.returncode == 0:
                return py
    return None


def expand(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                out += [os.path.join(root, f) for f in sorted(files) if f.endswith(".eml")]
        else:
            out.append(p)
    return out


def jsonl(text, what):
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except ValueError as e:
            die("%s printed a line that is not JSON (line %d: %s): %.200s" % (what, n, e, line))
    return rows


def run(cmd, what, ok_codes):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        die("cannot run %s (%s): %s" % (what, cmd[0], e))
    if r.returncode not in ok_codes:
        sys.stderr.write(r.stderr[-4000:])
        die("%s exited with status %d" % (what, r.returncode))
    return jsonl(r.stdout, what)


def key(path):
    return os.path.realpath(path)


class Known:
    def __init__(self, path):
        self.entries = []
        if not path:
            return
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\r\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                cols = line.split("\t")
                if cols[0] == "file" and n == 1 or cols[:2] == ["file", "index"]:
                    continue  # header
                if len(cols) < 5 or not cols[4].strip():
                    die("%s:%d: need 5 tab-separated columns (file index ours dkimpy why)"
                        % (path, n))
                fname, idx, ours, dk, why = [c.strip() for c in cols[:4]] + ["\t".join(cols[4:]).strip()]
                if idx != "*":
                    try:
                        idx = int(idx)
                    except ValueError:
                        die("%s:%d: index must be an integer or *" % (path, n))
                self.entries.append({"line": n, "file": fname, "index": idx, "ours": ours,
                                     "dkimpy": dk, "why": why, "used": 0})

    @staticmethod
    def file_matches(entry_file, path):
        p = path.replace(os.sep, "/")
        if os.path.basename(p) == entry_file or p == entry_file or p.endswith("/" + entry_file):
            return True
        if any(c in entry_file for c in "*?["):
            return (fnmatch.fnmatchcase(os.path.basename(p), entry_file)
                    or fnmatch.fnmatchcase(p, entry_file) or fnmatch.fnmatchcase(p, "*/" + entry_file))
        return False

    def match(self, path, index, ours_raw, ours_mapped, dk):
        for e in self.entries:
            if (self.file_matches(e["file"], path) and e["index"] in ("*", index)
                    and e["ours"] in (ours_raw, ours_mapped) and e["dkimpy"] == dk):
                e["used"] += 1
                return e
        return None


def shorten(s, n):
    s = "" if s is None else str(s).replace("\n", " ").replace("\r", "")
    return s if len(s) <= n else s[:n - 1] + "…"


def table(rows, headers):
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n", 2)[2])
    ap.add_argument("--cli", required=True, help="path to dkim-inspector-cli")
    ap.add_argument("--keys", action="append", default=[], metavar="ZONE")
    ap.add_argument("--at", metavar="RFC3339", help="evaluation time, passed to both sides")
    ap.add_argument("--known", default=os.path.join(HERE, "known_differences.tsv"))
    ap.add_argument("-v", "--verbose", action="store_true", help="print every comparison")
    ap.add_argument("files", nargs="+", metavar="FILE|DIR")
    args = ap.parse_args()

    py = python_with_dkimpy()
    if py is None:
        msg = ("differential: dkimpy is not importable (install Debian python3-dkim, or set "
               "DKIMI_PYTHON to an interpreter that has it)")
        if os.environ.get("DKIMI_ALLOW_NO_DKIMPY") == "1":
            print(msg + "; skipped because DKIMI_ALLOW_NO_DKIMPY=1")
            return 0
        print(msg, file=sys.stderr)
        return 1

    files = expand(args.files)
    if not files:
        die("no input files")
    known = Known(args.known)

    keyopts = []
    for z in args.keys:
        keyopts += ["--keys", z]
    atopt = ["--at", args.at] if args.at else []

    ours_rows = run([args.cli, "verify", "--offline", "--no-key-store", "--format", "json"] + keyopts + atopt + files,
                    "our CLI", (0, 1))
    dk_rows = run([py, VERDICTS] + keyopts + atopt + files, "dkimpy_verdicts.py", (0,))

    ours = {}
    for msg in ours_rows:
        if "file" not in msg:
            die("our CLI printed an object without \"file\": %.200s" % json.dumps(msg))
        sigs = msg.get("signatures") or []
        per = {}
        if not sigs:
            per[-1] = {"result": msg.get("result", "?"), "reason": None, "detail": None}
        for s in sigs:
            per[s.get("index")] = s
        ours[key(msg["file"])] = per
    dk = {}
    for r in dk_rows:
        dk.setdefault(key(r["file"]), {})[r["index"]] = r

    agree = known_n = 0
    unexplained, known_hits, allrows = [], [], []
    for path in files:
        k = key(path)
        o, d = ours.get(k), dk.get(k)
        if o is None:
            o = {-2: {"result": "missing", "reason": None, "detail": "no output for this file"}}
        if d is None:
            d = {-2: {"dkimpy": "missing", "error": "no output for this file"}}
        for idx in sorted(set(o) | set(d)):
            os_ = o.get(idx, {"result": "missing", "reason": None, "detail": "no such signature"})
            ds = d.get(idx, {"dkimpy": "missing", "error": "no such signature"})
            oraw = os_.get("result", "?")
            omap = MAP_OURS.get(oraw, oraw)
            dres = ds.get("dkimpy", "?")
            label = os_.get("reason") or ""
            ours_txt = oraw + (" (%s)" % label if label else "")
            ds_d = os_.get("d") or ds.get("d") or ""
            ds_s = os_.get("s") or ds.get("s") or ""
            row = [path, str(idx), shorten("%s/%s" % (ds_d, ds_s) if ds_d or ds_s else "", 30),
                   ours_txt, dres]
            if omap == dres:
                agree += 1
                allrows.append(row + ["agree", ""])
                continue
            e = known.match(path, idx, oraw, omap, dres)
            if e:
                known_n += 1
                known_hits.append((row, e))
                allrows.append(row + ["known", shorten(e["why"], 70)])
            else:
                unexplained.append(row + [shorten(os_.get("detail"), 60), shorten(ds.get("error"), 70)])
                allrows.append(row + ["UNEXPLAINED", ""])

    compared_files = [f.replace(os.sep, "/") for f in files]
    stale = [e for e in known.entries if e["used"] == 0
             and any(Known.file_matches(e["file"], p) for p in compared_files)]
    total = agree + known_n + len(unexplained)

    if args.verbose:
        print(table(allrows, ["file", "idx", "d/s", "ours", "dkimpy", "status", "why"]))
        print()
    if unexplained:
        print("Unexplained differences (add them to %s with a reason, or fix the code):"
              % os.path.relpath(args.known))
        print(table(unexplained, ["file", "idx", "d/s", "ours", "dkimpy", "our detail", "dkimpy error"]))
        print()
        print("Lines to paste after review (fill in the reason):")
        for r in unexplained:
            ours_raw = r[3].split(" ")[0]
            print("%s\t%s\t%s\t%s\tTODO" % (os.path.basename(r[0]), r[1], ours_raw, r[4]))
        print()
    if stale:
        print("Known differences that no longer occur (remove them from %s):"
              % os.path.relpath(args.known))
        print(table([[str(e["line"]), e["file"], str(e["index"]), e["ours"], e["dkimpy"],
                      shorten(e["why"], 60)] for e in stale],
                    ["line", "file", "idx", "ours", "dkimpy", "why"]))
        print()
    print("differential: %d signatures compared, %d agree, %d known differences, %d unexplained"
          % (total, agree, known_n, len(unexplained))
          + (", %d stale known-difference entries" % len(stale) if stale else ""))
    return 1 if unexplained or stale else 0


if __name__ == "__main__":
    sys.exit(main())
