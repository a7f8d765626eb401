#!/bin/sh
# Installs what is missing (Debian 12, as root), builds with warnings as errors and ASan/UBSan,
# runs the whole test suite, then runs each fuzz target briefly. Exit status is non-zero on any failure.
set -eu
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then
    ./scripts/install-deps.sh
else
    echo "test.sh: not root, assuming dependencies are installed (run scripts/install-deps.sh as root)"
fi

JOBS=$(nproc 2>/dev/null || echo 2)
export QT_QPA_PLATFORM=offscreen
# LeakSanitizer reports GLib/fontconfig one-time allocations as leaks; the sanitizers still catch
# memory errors and undefined behaviour.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

cmake --preset dev
cmake --build --preset dev -j "$JOBS"
ctest --preset dev 2>&1 | tee build/dev/ctest.log
# tee hides ctest's status: read it back from the summary line.
total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' build/dev/ctest.log | tail -1)
failed=$(sed -n 's/.* \([0-9]*\) tests failed out of.*/\1/p' build/dev/ctest.log | tail -1)
if [ -z "$total" ] || [ "$failed" != 0 ]; then
    echo "test.sh: ctest reported failures"
    exit 1
fi

# Fuzz the parsers for a short while (libFuzzer, clang). A crash or hang fails the run and leaves
# the input in build/fuzz/artifacts/.
cmake --preset fuzz
cmake --build --preset fuzz -j "$JOBS"
mkdir -p build/fuzz/artifacts build/fuzz/work-message build/fuzz/work-tags
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
for t in message tags; do
    bin=build/fuzz/fuzz/fuzz_message
    [ "$t" = tags ] && bin=build/fuzz/fuzz/fuzz_tag_list
    echo "fuzzing $bin for ${FUZZ_SECONDS}s"
    ASAN_OPTIONS=detect_leaks=1 "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix=build/fuzz/artifacts/ build/fuzz/work-$t fuzz/corpus tests/data/regressions 2>&1 |
        grep -E "^(Done|==|SUMMARY|ERROR)" || true
    if ls build/fuzz/artifacts/* >/dev/null 2>&1; then
        echo "fuzzing found a crash or hang: see build/fuzz/artifacts/"
        exit 1
    fi
done
# The plain closing line CI reads.
echo "tests: $((total - failed)) passed, $failed failed"
