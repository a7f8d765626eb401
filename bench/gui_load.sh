#!/usr/bin/env bash
# The window on a large archive: time until the first rows show, until every message is in, the
# longest stall of the event loop meanwhile (10 ms heartbeat: how long the window could not react),
# and the peak memory. Uses the 20,000-message mbox of bench/archive.sh (and its 1 GiB copy when
# BENCH_BIG=1), offscreen, offline, with an empty settings folder (the user's key store is not used).
#
# usage: bench/gui_load.sh [N]    env: DKIMI_GUI_BENCH=path (default build/release/bench/gui_load/bench_gui_load)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
N=${1:-20000}
BIN=${DKIMI_GUI_BENCH:-$ROOT/build/release/bench/gui_load/bench_gui_load}
DIR=$HERE/.cache/mbox-$N
if [[ ! -f $DIR/.complete ]]; then
    echo "no mbox in $DIR: run bench/archive.sh $N first (it builds and caches it)" >&2
    exit 2
fi
[[ -x $BIN ]] || { echo "build it first: cmake --preset release && cmake --build --preset release --target bench_gui_load" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); nproc $(nproc)"
run() {
    local f=$1
    cat "$f" > /dev/null # warm the page cache
    mkdir -p "$TMP/home"
    local line
    line=$(env HOME="$TMP/home" XDG_DATA_HOME="$TMP/home/data" XDG_CONFIG_HOME="$TMP/home/config" \
        XDG_RUNTIME_DIR="$TMP" QT_QPA_PLATFORM=offscreen \
        /usr/bin/time -f "peak_rss_mb=%M" "$BIN" --keys "$DIR/keys.zone" "$f" 2>&1 | grep -E "^(first_rows|peak_rss)" | tr '\n' ' ')
    echo "$(basename "$f") ($(( $(stat -c %s "$f") / 1048576 )) MB): ${line/peak_rss_mb=/peak_rss_kb=}"
    rm -rf "$TMP/home"
}
run "$DIR/corpus.mbox"
if [[ -n ${BENCH_BIG:-} ]]; then
    big=$(ls "$HERE"/.cache/big-"$N"-x*.mbox 2>/dev/null | head -1)
    [[ -n $big ]] && run "$big" || echo "no 1 GiB mbox: run BENCH_BIG=1 bench/archive.sh $N first" >&2
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
