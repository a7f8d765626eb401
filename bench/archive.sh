#!/usr/bin/env bash
# Archive benchmark: one mbox of N signed messages, verified by our CLI (--jobs 1, 2 and
# default), dkimpy (1 and 2 processes), Mail::DKIM, mailauth and libopendkim (1 and 2
# processes each), with sha256sum over the same file as the hashing bound.
#
# usage: bench/archive.sh [N]        (N messages, default 20000)
# env:   DKIMI_CLI=path              our CLI (default build/release/app/dkim-inspector-cli)
#        BENCH_REPEAT=R              run everything R times, keep the fastest (default 3)
#        BENCH_SKIP="mailauth maildkim opendkim dkimpy ours"   verifiers to leave out
#        BENCH_NO_NPM=1              never run npm (mailauth is skipped if not installed)
#        BENCH_BIG=1                 also the memory check: a >= 1 GiB mbox made of copies
#                                    of the N-message one (cached), our peak RSS over it
#
# The mbox is generated once per N into bench/.cache/mbox-N/ (make_corpus.py --mbox;
# mboxrd, LF line endings). Every peer's driver reads that same mbox and splits it
# itself, inside the timed run (drivers/*: --mbox). The "2 proc" rows run two worker
# processes (dkimpy: multiprocessing; the others: two copies, each taking every second
# message, --shard K/2). Timings are wall clock on a warm page cache, one verifier at a
# time; max RSS is /usr/bin/time %M (for the 2-process rows: the largest process).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)

# --- internal: run N copies of a driver side by side and add up their count lines
#     archive.sh --run-shards N PREFIXLEN PROGRAM... -- inserts --shard K/N after the
#     first PREFIXLEN words of the command
if [[ ${1:-} == --run-shards ]]; then
    n=$2 np=$3
    shift 3
    prefix=("${@:1:np}")
    rest=("${@:np+1}")
    out=$(mktemp -d)
    pids=()
    for ((k = 0; k < n; k++)); do
        "${prefix[@]}" --shard "$k/$n" "${rest[@]}" > "$out/$k" &
        pids+=($!)
    done
    rc=0
    for p in "${pids[@]}"; do wait "$p" || rc=$?; done
    if [[ $rc -eq 0 ]]; then
        cat "$out"/* | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); s[kv[1]] += kv[2] } }
            END { printf "pass=%d fail=%d permerror=%d temperror=%d none=%d\n",
                  s["pass"], s["fail"], s["permerror"], s["temperror"], s["none"] }'
    fi
    rm -rf "$out"
    exit "$rc"
fi

N=${1:-20000}
ROOT=$(dirname "$HERE")
PY=/usr/bin/python3
CLI=${DKIMI_CLI:-$ROOT/build/release/app/dkim-inspector-cli}
REPEAT=${BENCH_REPEAT:-3}
SKIP=" ${BENCH_SKIP:-} "
MAILAUTH_VERSION=7.1.0
DIR=$HERE/.cache/mbox-$N
MBOX=$DIR/corpus.mbox
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

skip() { [[ $SKIP == *" $1 "* ]]; }

if [[ ! -f $DIR/.complete ]]; then
    echo "building an mbox of $N messages in $DIR ..." >&2
    rm -rf "$DIR"
    "$PY" "$HERE/make_corpus.py" "$DIR" "$N" --mbox corpus.mbox
    touch "$DIR/.complete"
fi
ZONE=$DIR/keys.zone
BYTES=$(stat -c %s "$MBOX")
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1048576 }')
cat "$MBOX" > /dev/null   # warm the page cache

# expected verdicts from the manifest, per signature and per message (a message passes
# when one of its signatures does, else fails when one fails, else permerror)
EXPECTED=$(awk -F'\t' 'NR > 1 { c[$7]++ } END { printf "pass=%d fail=%d permerror=%d", c["pass"], c["fail"], c["permerror"] }' "$DIR/manifest.tsv")
EXPECTED_MSG=$(awk -F'\t' 'NR > 1 { r = m[$1]; v = $7
        if (r == "" || v == "pass" || (v == "fail" && r != "pass")) m[$1] = v }
    END { for (k in m) c[m[k]]++; printf "pass=%d fail=%d permerror=%d", c["pass"], c["fail"], c["permerror"] }' "$DIR/manifest.tsv")

ROWS=()
declare -A SECS RATE RSS

# measure KEY LABEL VERSION COUNTS_CMD MESSAGES BYTES -- COMMAND...
#   runs COMMAND (stdout to $TMP/KEY.out, stderr to $TMP/KEY.err) REPEAT times and keeps
#   the fastest; COUNTS_CMD turns "$TMP/KEY.out" / .err into verdict counts.
measure() {
    local key=$1 label=$2 version=$3 counts_cmd=$4 nmsg=$5 nbytes=$6
    shift 7
    local best="" rss="" t0 t1 dt rc
    for ((r = 0; r < REPEAT; r++)); do
        t0=$(date +%s%N)
        rc=0
        /usr/bin/time -f '%M' -o "$TMP/$key.rss" "$@" > "$TMP/$key.out" 2> "$TMP/$key.err" || rc=$?
        t1=$(date +%s%N)
        # our CLI exits 1 when some signature does not verify
        if [[ $rc -ne 0 && ! ( $key == ours* && $rc -eq 1 ) ]]; then
            echo "$label failed (exit $rc):" >&2
            tail -n 20 "$TMP/$key.err" >&2
            ROWS+=("| $label | $version | $nmsg | failed (exit $rc) | | | | |")
            return 0
        fi
        dt=$((t1 - t0))
        echo "  $label: run $((r + 1))/$REPEAT $(awk -v n="$dt" 'BEGIN { printf "%.2f", n / 1e9 }') s" >&2
        if [[ -z $best || $dt -lt $best ]]; then best=$dt; rss=$(tail -n1 "$TMP/$key.rss"); fi
    done
    local secs rate mbs counts
    secs=$(awk -v n="$best" 'BEGIN { printf "%.2f", n / 1e9 }')
    rate=$(awk -v n="$best" -v f="$nmsg" 'BEGIN { printf "%.0f", f / (n / 1e9) }')
    mbs=$(awk -v n="$best" -v b="$nbytes" 'BEGIN { printf "%.1f", b / 1048576 / (n / 1e9) }')
    counts=$(KEY=$key eval "$counts_cmd" | tr -d '\n')
    SECS[$key]=$best
    RATE[$key]=$rate
    RSS[$key]=$rss
    ROWS+=("| $label | $version | $nmsg | $secs | $rate | $mbs | $((rss / 1024)) MB | $counts |")
}

# per-signature counts from our CSV (one row per signature)
OURS_CSV_COUNTS="$PY -c 'import csv, sys, collections
c = collections.Counter(); q = 0
for r in csv.DictReader(open(sys.argv[1], newline=\"\")):
    c[r[\"result\"] or \"none\"] += 1
    q += \"mbox_from_unquoted\" in r[\"flags\"].split()
keys = [\"pass\", \"policy\", \"fail\", \"permerror\", \"temperror\", \"none\"]
print(\" \".join(\"%s=%d\" % (k, c[k]) for k in keys + sorted(set(c) - set(keys)) if k != \"policy\" or c[k]))
open(sys.argv[2], \"w\").write(str(q))' \$TMP/\$KEY.out \$TMP/\$KEY.unquoted"
# per-message counts from the text summary (By result: block)
OURS_SUMMARY_COUNTS="awk '/^By result:/ { on = 1; next } on && NF == 0 { on = 0 }
    on && \$1 ~ /^(pass|fail|permerror|temperror|policy)\$/ && (\$1 != \"policy\" || \$2 != 0) { printf \"%s=%s \", \$1, \$2 }
    END { printf \"(messages)\" }' \$TMP/\$KEY.out"
DRIVER_COUNTS="tail -n1 \$TMP/\$KEY.out"

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "running (N=$N, $MB MB, repeat=$REPEAT, load average $LOAD_START) ..." >&2

# --- hashing bound
measure sha256sum "sha256sum (whole mbox)" "$(sha256sum --version | head -n1 | awk '{print $NF}')" \
    "echo -" "$N" "$BYTES" -- sha256sum "$MBOX"

# --- ours
OURS_VERSION=""
if ! skip ours; then
    if [[ -x $CLI ]]; then
        OURS_VERSION=$("$CLI" --version 2>/dev/null | head -n1 | awk '{print $NF}' || true)
        for j in 1 2; do
            measure "ours_j$j" "ours --jobs $j --format csv" "$OURS_VERSION" "$OURS_CSV_COUNTS" "$N" "$BYTES" -- \
                "$CLI" verify --offline --no-key-store --keys "$ZONE" --jobs "$j" --format csv "$MBOX"
        done
        measure ours "ours (default jobs) --format csv" "$OURS_VERSION" "$OURS_CSV_COUNTS" "$N" "$BYTES" -- \
            "$CLI" verify --offline --no-key-store --keys "$ZONE" --format csv "$MBOX"
        measure ours_json "ours (default jobs) --format json" "$OURS_VERSION" \
            "$PY -c 'import sys, json, collections
c = collections.Counter()
for l in open(sys.argv[1]):
    for s in json.loads(l).get(\"signatures\") or [{\"result\": \"none\"}]: c[s[\"result\"]] += 1
print(\" \".join(\"%s=%d\" % kv for kv in sorted(c.items())))' \$TMP/\$KEY.out" "$N" "$BYTES" -- \
            "$CLI" verify --offline --no-key-store --keys "$ZONE" --format json "$MBOX"
        measure ours_quiet "ours (default jobs) --quiet --summary" "$OURS_VERSION" "$OURS_SUMMARY_COUNTS" "$N" "$BYTES" -- \
            "$CLI" verify --offline --no-key-store --keys "$ZONE" --quiet --summary "$MBOX"
    else
        echo "ours: $CLI not found or not executable (build it, or set DKIMI_CLI); skipped" >&2
        ROWS+=("| ours | - | - | skipped: $CLI not built | | | | |")
    fi
fi

# --- dkimpy
if ! skip dkimpy; then
    if "$PY" -c 'import dkim' 2>/dev/null; then
        V=$("$PY" -c 'import importlib.metadata as m; print(m.version("dkimpy"))')
        measure dkimpy "dkimpy, 1 process" "$V" "$DRIVER_COUNTS" "$N" "$BYTES" -- \
            "$PY" "$HERE/drivers/dkimpy_verify.py" --mbox "$ZONE" "$MBOX"
        measure dkimpy_2 "dkimpy, 2 processes (multiprocessing)" "$V" "$DRIVER_COUNTS" "$N" "$BYTES" -- \
            "$PY" "$HERE/drivers/dkimpy_verify.py" --mbox --jobs 2 "$ZONE" "$MBOX"
    else
        echo "dkimpy: not importable by $PY; skipped" >&2
    fi
fi

# --- Mail::DKIM
MAILDKIM_NO_ED25519=""
if ! skip maildkim; then
    if perl -MMail::DKIM::Verifier -e 1 2>/dev/null; then
        V=$(perl -MMail::DKIM -e 'print $Mail::DKIM::VERSION')
        perl -MMail::DKIM::Algorithm::ed25519_sha256 -e 1 2>/dev/null || MAILDKIM_NO_ED25519=$V
        measure maildkim "Mail::DKIM, 1 process" "$V" "$DRIVER_COUNTS" "$N" "$BYTES" -- \
            perl "$HERE/drivers/maildkim_verify.pl" --mbox "$ZONE" "$MBOX"
        measure maildkim_2 "Mail::DKIM, 2 processes (--shard)" "$V" "$DRIVER_COUNTS" "$N" "$BYTES" -- \
            bash "$HERE/archive.sh" --run-shards 2 2 perl "$HERE/drivers/maildkim_verify.pl" --mbox "$ZONE" "$MBOX"
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
            V="$(node -p "require('$HERE/node_modules/mailauth/package.json').version") (node $(node --version))"
            measure mailauth "mailauth, 1 process" "$V" "$DRIVER_COUNTS" "$N" "$BYTES" -- \
                node "$HERE/drivers/mailauth_verify.js" --mbox "$ZONE" "$MBOX"
            measure mailauth_2 "mailauth, 2 processes (--shard)" "$V" "$DRIVER_COUNTS" "$N" "$BYTES" -- \
                bash "$HERE/archive.sh" --run-shards 2 2 node "$HERE/drivers/mailauth_verify.js" --mbox "$ZONE" "$MBOX"
        else
            echo "mailauth: not installed; skipped" >&2
        fi
    else
        echo "mailauth: node not found; skipped" >&2
    fi
fi

# --- OpenDKIM (libopendkim, the library under the opendkim milter)
# opendkim-testmsg cannot be used: it verifies one message per process and only against
# DNS (its -k is for signing). drivers/opendkim_verify.c drives the same library with
# its DKIM_QUERY_FILE key source instead; it needs libopendkim-dev to build.
if ! skip opendkim; then
    ODK=$HERE/.cache/opendkim_verify
    if [[ -f /usr/include/opendkim/dkim.h ]] && command -v cc > /dev/null; then
        if [[ ! -x $ODK || $HERE/drivers/opendkim_verify.c -nt $ODK ]]; then
            cc -O2 -Wall -o "$ODK" "$HERE/drivers/opendkim_verify.c" -lopendkim
        fi
        "$PY" -c 'import sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
import dkimpy_verdicts as V
for name, recs in V.load_zones([sys.argv[2]]).items():
    print(name, recs[0].decode())' "$ROOT/tests/differential" "$ZONE" > "$DIR/keys.opendkim"
        V=$(dpkg-query -W -f '${Version}' libopendkim11 2>/dev/null || echo '?')
        measure opendkim "libopendkim, 1 process" "$V" "$DRIVER_COUNTS" "$N" "$BYTES" -- \
            "$ODK" --mbox "$DIR/keys.opendkim" "$MBOX"
        measure opendkim_2 "libopendkim, 2 processes (--shard)" "$V" "$DRIVER_COUNTS" "$N" "$BYTES" -- \
            bash "$HERE/archive.sh" --run-shards 2 1 "$ODK" --mbox "$DIR/keys.opendkim" "$MBOX"
    else
        echo "OpenDKIM: libopendkim-dev (/usr/include/opendkim/dkim.h) or cc missing; skipped" >&2
    fi
fi

# --- memory check on a >= 1 GiB mbox
BIGROWS=()
if [[ -n ${BENCH_BIG:-} && -n $OURS_VERSION ]]; then
    COPIES=$(( (1073741824 + BYTES - 1) / BYTES ))
    BIG=$HERE/.cache/big-$N-x$COPIES.mbox
    if [[ ! -f $BIG ]]; then
        echo "building $BIG ($COPIES copies of the $N-message mbox) ..." >&2
        for ((c = 0; c < COPIES; c++)); do cat "$MBOX"; done > "$BIG.tmp"
        mv "$BIG.tmp" "$BIG"
    fi
    BIGBYTES=$(stat -c %s "$BIG")
    BIGN=$((N * COPIES))
    cat "$BIG" > /dev/null
    SAVED=("${ROWS[@]}")
    ROWS=()
    measure big_sha256sum "sha256sum (whole mbox)" "" "echo -" "$BIGN" "$BIGBYTES" -- sha256sum "$BIG"
    measure ours_big "ours (default jobs) --quiet --summary" "$OURS_VERSION" "$OURS_SUMMARY_COUNTS" "$BIGN" "$BIGBYTES" -- \
        "$CLI" verify --offline --no-key-store --keys "$ZONE" --quiet --summary "$BIG"
    BIGROWS=("${ROWS[@]}")
    ROWS=("${SAVED[@]}")
fi

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report
ratio() { # ratio A B -> A/B of the rates, "n/a" when one is missing
    if [[ -n ${RATE[$1]:-} && -n ${RATE[$2]:-} ]]; then
        awk -v a="${RATE[$1]}" -v b="${RATE[$2]}" 'BEGIN { printf "%.1fx", a / b }'
    else echo "n/a"; fi
}
tratio() { # wall time A / wall time B
    if [[ -n ${SECS[$1]:-} && -n ${SECS[$2]:-} ]]; then
        awk -v a="${SECS[$1]}" -v b="${SECS[$2]}" 'BEGIN { printf "%.2fx", a / b }'
    else echo "n/a"; fi
}

echo
echo "DKIM verification of one mbox: $N messages, $MB MB ($BYTES bytes, mboxrd, LF)"
echo "machine: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(openssl version | awk '{print $1, $2}'); best of $REPEAT runs"
echo "load average (1/5/15 min) at start: $LOAD_START, at end: $LOAD_END"
echo
echo "| verifier | version | messages | seconds | messages/s | MB/s | max RSS | verdicts (per signature unless noted) |"
echo "|---|---|---:|---:|---:|---:|---:|---|"
for r in "${ROWS[@]}"; do echo "$r"; done
echo "| (expected, manifest) | | $N | | | | | $EXPECTED; messages: $EXPECTED_MSG |"
echo
echo "ratios of messages/s (ours = default jobs, --format csv; ours quiet = --quiet --summary):"
echo "  ours / dkimpy 1 process:        $(ratio ours dkimpy)   (quiet: $(ratio ours_quiet dkimpy))"
echo "  ours / dkimpy 2 processes:      $(ratio ours dkimpy_2)   (quiet: $(ratio ours_quiet dkimpy_2))"
echo "  ours / libopendkim 1 process:   $(ratio ours opendkim)   (quiet: $(ratio ours_quiet opendkim))"
echo "  ours / libopendkim 2 processes: $(ratio ours opendkim_2)   (quiet: $(ratio ours_quiet opendkim_2))"
echo "  ours / Mail::DKIM 1 | 2 proc:   $(ratio ours maildkim) | $(ratio ours maildkim_2)"
echo "  ours / mailauth 1 | 2 proc:     $(ratio ours mailauth) | $(ratio ours mailauth_2)"
echo "  ours --jobs 2 / --jobs 1:       $(ratio ours_j2 ours_j1)"
echo "wall time / sha256sum wall time: ours $(tratio ours sha256sum), ours quiet $(tratio ours_quiet sha256sum), ours --jobs 1 $(tratio ours_j1 sha256sum)"
if [[ -f $TMP/ours.unquoted ]]; then
    echo "signatures that our CLI verified only after undoing >From quoting (flag mbox_from_unquoted): $(cat "$TMP/ours.unquoted")"
fi
if [[ ${#BIGROWS[@]} -gt 0 ]]; then
    echo
    echo "Memory check: $(basename "$BIG"), $BIGN messages, $(awk -v b="$BIGBYTES" 'BEGIN { printf "%.1f", b / 1048576 }') MB; best of $REPEAT"
    echo
    echo "| run | version | messages | seconds | messages/s | MB/s | max RSS | verdicts |"
    echo "|---|---|---:|---:|---:|---:|---:|---|"
    for r in "${BIGROWS[@]}"; do echo "$r"; done
    echo
    echo "ours peak RSS over the big mbox: $((RSS[ours_big] / 1024)) MB; wall time / sha256sum: $(tratio ours_big big_sha256sum)"
fi
echo
echo "Notes: every peer driver reads the same mbox file and splits it itself inside the timed run"
echo "(mboxrd: separator after a blank line, >From un-quoted; Mail::DKIM and libopendkim also get LF -> CRLF)."
echo "dkimpy runs with minkey=0; mailauth 'neutral' is counted as fail when it means a body hash mismatch, else permerror."
echo "The 2-process rows of Mail::DKIM, mailauth and libopendkim are two copies each taking every second message;"
echo "their max RSS is that of the larger copy. libopendkim is driven by drivers/opendkim_verify.c (DKIM_QUERY_FILE keys)."
if [[ -n $MAILDKIM_NO_ED25519 ]]; then
    echo "Mail::DKIM $MAILDKIM_NO_ED25519 has no ed25519-sha256 support: it reports those signatures as invalid (permerror) without checking them, which flatters its rate."
fi
