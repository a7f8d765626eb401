#!/usr/bin/env bash
# Throughput benchmark: our CLI vs dkimpy vs Mail::DKIM vs mailauth vs sha256sum.
#
# usage: bench/run.sh [N]          (N messages, default 3000)
# env:   DKIMI_CLI=path            our CLI (default build/release/app/dkim-inspector-cli)
#        BENCH_REPEAT=R            run every verifier R times, report the fastest (default 1)
#        BENCH_SKIP="mailauth maildkim ..."  verifiers to leave out
#        BENCH_NO_NPM=1            never run npm (mailauth is skipped if not yet installed)
#
# The corpus is generated once per N into bench/.cache/corpus-N (bench/make_corpus.py).
# mailauth is installed into bench/node_modules on first use (npm, pinned version).
# Everything runs single-process, one after the other, on a warm page cache.
set -euo pipefail

N=${1:-3000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PY=/usr/bin/python3
CLI=${DKIMI_CLI:-$ROOT/build/release/app/dkim-inspector-cli}
REPEAT=${BENCH_REPEAT:-1}
SKIP=" ${BENCH_SKIP:-} "
MAILAUTH_VERSION=7.1.0
CORPUS=$HERE/.cache/corpus-$N
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [[ ! -f $CORPUS/.complete ]]; then
    echo "building corpus of $N messages in $CORPUS ..." >&2
    rm -rf "$CORPUS"
    "$PY" "$HERE/make_corpus.py" "$CORPUS" "$N"
    touch "$CORPUS/.complete"
fi
ZONE=$CORPUS/keys.zone
FILES=("$CORPUS"/msg-*.eml)
NFILES=${#FILES[@]}
BYTES=$(cat "${FILES[@]}" | wc -c)          # also warms the page cache
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1048576 }')

# expected verdicts from the manifest
EXPECTED=$(awk -F'\t' 'NR > 1 { c[$7]++ } END { printf "pass=%d fail=%d permerror=%d", c["pass"], c["fail"], c["permerror"] }' "$CORPUS/manifest.tsv")

ROWS=()
declare -A RATE

# measure NAME VERSION COUNTS_CMD -- COMMAND...
#   runs COMMAND (stdout to $TMP/NAME.out) REPEAT times; COUNTS_CMD turns that output
#   into "pass=.. fail=.. permerror=.." (e.g. "tail -n1" for the drivers).
measure() {
    local name=$1 version=$2 counts_cmd=$3
    shift 4
    local best="" rss="" t0 t1 dt rc
    for ((r = 0; r < REPEAT; r++)); do
        t0=$(date +%s%N)
        rc=0
        /usr/bin/time -f '%M' -o "$TMP/$name.rss" "$@" > "$TMP/$name.out" 2> "$TMP/$name.err" || rc=$?
        t1=$(date +%s%N)
        if [[ $rc -ne 0 && ! ( $name == ours && $rc -eq 1 ) ]]; then
            echo "$name failed (exit $rc):" >&2
            tail -n 20 "$TMP/$name.err" >&2
            ROWS+=("| $name | $version | $NFILES | failed (exit $rc) | | | | |")
            return 0
        fi
        dt=$((t1 - t0))
        if [[ -z $best || $dt -lt $best ]]; then best=$dt; rss=$(tail -n1 "$TMP/$name.rss"); fi
    done
    local secs rate mbs counts
    secs=$(awk -v n="$best" 'BEGIN { printf "%.3f", n / 1e9 }')
    rate=$(awk -v n="$best" -v f="$NFILES" 'BEGIN { printf "%.0f", f / (n / 1e9) }')
    mbs=$(awk -v n="$best" -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1048576 / (n / 1e9) }')
    counts=$(eval "$counts_cmd" < "$TMP/$name.out" | tr -d '\n')
    RATE[$name]=$rate
    ROWS+=("| $name | $version | $NFILES | $secs | $rate | $mbs | $((rss / 1024)) MB | $counts |")
    echo "  $name: $secs s, $rate messages/s" >&2
}

skip() { [[ $SKIP == *" $1 "* ]]; }

echo "running (N=$NFILES, $MB MB, repeat=$REPEAT) ..." >&2

# --- hashing bound
measure sha256sum "$(sha256sum --version | head -n1 | awk '{print $NF}')" "echo '-'" -- \
    sha256sum "${FILES[@]}"

# --- ours
if ! skip ours; then
    if [[ -x $CLI ]]; then
        OURS_VERSION=$("$CLI" --version 2>/dev/null | head -n1 || true)
        measure ours "${OURS_VERSION:-?}" \
            "$PY -c 'import sys, json, collections
c = collections.Counter()
for l in sys.stdin:
    m = json.loads(l)
    sigs = m.get(\"signatures\") or []
    if not sigs: c[\"none\"] += 1
    for s in sigs: c[s[\"result\"]] += 1
keys = [\"pass\", \"policy\", \"fail\", \"permerror\", \"temperror\", \"none\"]
print(\" \".join(\"%s=%d\" % (k, c[k]) for k in keys + sorted(set(c) - set(keys)) if k != \"policy\" or c[k]))'" -- \
            "$CLI" verify --offline --no-key-store --keys "$ZONE" --format json "${FILES[@]}"
    else
        echo "ours: $CLI not found or not executable (build it, or set DKIMI_CLI); skipped" >&2
        ROWS+=("| ours | - | - | skipped: $CLI not built | | | | |")
    fi
fi

# --- dkimpy
if ! skip dkimpy; then
    if "$PY" -c 'import dkim' 2>/dev/null; then
        measure dkimpy "$("$PY" -c 'import importlib.metadata as m; print(m.version("dkimpy"))')" "tail -n1" -- \
            "$PY" "$HERE/drivers/dkimpy_verify.py" "$ZONE" "${FILES[@]}"
    else
        echo "dkimpy: not importable by $PY; skipped" >&2
    fi
fi

# --- Mail::DKIM
if ! skip maildkim; then
    if perl -MMail::DKIM::Verifier -e 1 2>/dev/null; then
        measure Mail::DKIM "$(perl -MMail::DKIM -e 'print $Mail::DKIM::VERSION')" "tail -n1" -- \
            perl "$HERE/drivers/maildkim_verify.pl" "$ZONE" "${FILES[@]}"
    else
        echo "Mail::DKIM: not installed; skipped" >&2
    fi
fi

# --- mailauth
if ! skip mailauth; then
    if command -v node > /dev/null; then
        if [[ ! -f $HERE/node_modules/mailauth/package.json && -z ${BENCH_NO_NPM:-} ]]; then
            echo "installing mailauth@$MAILAUTH_VERSION into $HERE/node_modules ..." >&2
            npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
                --prefix "$HERE" "mailauth@$MAILAUTH_VERSION" >&2 || true
        fi
        if [[ -f $HERE/node_modules/mailauth/package.json ]]; then
            MA_VERSION=$(node -p "require('$HERE/node_modules/mailauth/package.json').version")
            measure mailauth "$MA_VERSION (node $(node --version))" "tail -n1" -- \
                node "$HERE/drivers/mailauth_verify.js" "$ZONE" "${FILES[@]}"
        else
            echo "mailauth: not installed; skipped" >&2
        fi
    else
        echo "mailauth: node not found; skipped" >&2
    fi
fi

echo
echo "DKIM verification throughput, $NFILES messages ($MB MB), $(nproc) CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), best of $REPEAT"
echo
echo "| verifier | version | messages | seconds | messages/s | MB/s | max RSS | signature verdicts |"
echo "|---|---|---:|---:|---:|---:|---:|---|"
for r in "${ROWS[@]}"; do echo "$r"; done
echo "| (expected) | | | | | | | $EXPECTED |"
echo
if [[ -n ${RATE[ours]:-} && -n ${RATE[dkimpy]:-} ]]; then
    awk -v a="${RATE[ours]}" -v b="${RATE[dkimpy]}" 'BEGIN { printf "ours/dkimpy: %.1fx\n", a / b }'
else
    echo "ours/dkimpy: n/a (ours not run)"
fi
for other in Mail::DKIM mailauth; do
    if [[ -n ${RATE[ours]:-} && -n ${RATE[$other]:-} ]]; then
        awk -v a="${RATE[ours]}" -v b="${RATE[$other]}" -v n="$other" 'BEGIN { printf "ours/%s: %.1fx\n", n, a / b }'
    fi
done
echo
echo "Notes: dkimpy runs with minkey=0; mailauth 'neutral' is counted as fail when it means a body hash mismatch, else permerror (no key)."
if ! skip maildkim && perl -MMail::DKIM::Verifier -e 1 2>/dev/null \
        && ! perl -MMail::DKIM::Algorithm::ed25519_sha256 -e 1 2>/dev/null; then
    echo "Mail::DKIM $(perl -MMail::DKIM -e 'print $Mail::DKIM::VERSION') has no ed25519-sha256 support: it reports those signatures as invalid (permerror) without checking them, which flatters its rate."
fi
