#!/usr/bin/python3
"""Conformance test over ../shared/peer-corpus (read in place, never copied).

For every DKIM-Signature row of expected.tsv, compares our CLI's result with the peers' verdict.
Unanimous rows must match, except where docs/conformance.md documents a deliberate difference
(listed in deviations.tsv beside this script, each with its reason). Disputed rows must get the
result our rules give; deviations.tsv records which one and why. A listed deviation that no longer
happens is an error too, so the list stays honest.

Usage: peer_corpus.py --cli PATH --corpus DIR [--deviations FILE]
Exit 0 when everything conforms, 1 otherwise.
"""
import argparse
import csv
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load_tsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t"))


def check_flags(key, row, sig):
    """The corpus lists facts an inspector must report; check we report each one we could know."""
    if sig is None:
        return []
    out = []
    flags = set(sig["flags"])
    have_key = sig["key_bits"] is not None
    headers_done = sig["signature_valid"] is not None or sig.get("header_hash")
    for f in filter(None, row["flags"].split(",")):
        want = None
        if f == "sha1":
            want = "sha1"
        elif f in ("weak_key_512", "weak_key_768"):
            want = "key_under_1024" if have_key else None
        elif f == "weak_key_1024":
            want = "key_under_2048" if have_key else None
        elif f == "testing":
            want = "testing" if have_key else None
        elif f == "expired":
            want = "expired"
        elif f == "future_t":
            want = "future_timestamp"
        elif f == "lf_only":
            want = "lf_line_endings"
        elif f == "mixed_eol":
            want = "mixed_line_endings"
        elif f == "key_pkcs1_not_spki":
            want = "key_pkcs1"
        elif f == "dup_from":
            want = "duplicate_from"
        elif f == "l_tag":
            want = "partial_body"
        elif f == "l_appended":
            want = "unsigned_body_bytes"
        elif f == "mbox_from_line":
            want = "mbox_from_line"
        elif f in ("from_not_signed", "subject_not_signed"):
            want = f
        elif f.startswith("oversigned_"):
            if headers_done and f[len("oversigned_"):] not in sig["oversigned_headers"]:
                out.append(f"{key[0]}#{key[1]}: corpus says {f}, we list over-signed {sig['oversigned_headers']}")
            continue
        else:
            out.append(f"{key[0]}#{key[1]}: unknown corpus flag {f}")
            continue
        if want and want not in flags:
            out.append(f"{key[0]}#{key[1]}: corpus flag {f} but our flags are {sorted(flags)}")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--deviations", default=os.path.join(HERE, "deviations.tsv"))
    ap.add_argument("--at", default="2026-01-01T00:00:00Z")
    args = ap.parse_args()

    if not os.path.isdir(args.corpus):
        print(f"peer corpus not found at {args.corpus}", file=sys.stderr)
        return 1
    expected = load_tsv(os.path.join(args.corpus, "expected.tsv"))
    deviations = {}
    for row in load_tsv(args.deviations):
        deviations[(row["file"], row["sig_index"])] = row

    files = sorted({r["file"] for r in expected})
    paths = [os.path.join(args.corpus, "messages", f) for f in files]
    proc = subprocess.run([args.cli, "verify", "--offline", "--no-key-store", "--keys", os.path.join(args.corpus, "keys.zone"),
                           "--at", args.at, "--format", "json"] + paths, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        print(f"CLI failed with exit {proc.returncode}:\n{proc.stderr}", file=sys.stderr)
        return 1
    ours = {}
    details = {}
    for line in proc.stdout.splitlines():
        obj = json.loads(line)
        name = os.path.basename(obj["file"])
        if not obj["signatures"]:
            ours[(name, "-")] = (obj["result"], "", [])
        for s in obj["signatures"]:
            ours[(name, str(s["index"]))] = (s["result"], s["reason"], s["flags"])
            details[(name, str(s["index"]))] = s

    problems = []
    agree = differ_documented = disputed = 0
    used_devs = set()
    for row in expected:
        key = (row["file"], row["sig_index"])
        got = ours.get(key)
        if got is None:
            problems.append(f"{key[0]}#{key[1]}: no result from our CLI")
            continue
        result, reason, flags = got
        problems.extend(check_flags(key, row, details.get(key)))
        want = row["expected"]
        dev = deviations.get(key)
        if dev is not None:
            used_devs.add(key)
            if dev["ours"] != result or (dev.get("reason") and dev["reason"] != reason):
                problems.append(f"{key[0]}#{key[1]}: deviations.tsv says we answer {dev['ours']}"
                                f"({dev.get('reason')}), we answered {result}({reason}); peers: {want}")
            elif want == "disputed":
                disputed += 1
            else:
                differ_documented += 1
            continue
        if want == "disputed":
            problems.append(f"{key[0]}#{key[1]}: disputed row without an entry in deviations.tsv "
                            f"(we answer {result}({reason}); {row['notes']})")
            continue
        if result == want:
            agree += 1
        else:
            problems.append(f"{key[0]}#{key[1]}: peers unanimously say {want}, we say {result}({reason}) "
                            f"flags={','.join(flags)}")
    for key in deviations:
        if key not in used_devs:
            problems.append(f"{key[0]}#{key[1]}: listed in deviations.tsv but not in the corpus")

    total = len(expected)
    print(f"conformance: {total} rows, {agree} agree with the peers' unanimous verdict, "
          f"{differ_documented} differ as documented, {disputed} disputed rows resolved by our rules, "
          f"{len(problems)} problems")
    for p in problems:
        print("  " + p)
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
