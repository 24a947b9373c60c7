#!/bin/sh
# Builds the benchmarks (Release, preset "bench") and runs the domain-core benchmark, then the
# booking server's (cherha_server_bench: raw SQLite bookings vs the real server over HTTP).
#   tests/bench/run.sh [BUILD_DIR] [extra Google Benchmark options...]
# CHERHA_BENCH_ONLY=core, =server or =desk runs just one of them; the server benchmark's
# table is also written to tests/bench/results/server.txt, the desk's (cherha_desk_bench:
# scan -> verdict, QR photo decoding, a 5,000-booking day; real windows, under xvfb-run when
# there is no display, then again with --only-day-memory: that day's memory in a process of its
# own) to tests/bench/results/desk.txt.
# BUILD_DIR defaults to build/bench (the preset's). Prints the table on the terminal and
# writes the JSON to tests/bench/results/core.json (git-ignored). See docs/performance.md.
# CHERHA_BENCH_CMAKE_ARGS adds configure options to the preset's (word-split), e.g.
# CHERHA_BENCH_CMAKE_ARGS=-DCHERHA_WERROR=OFF when a compiler warning stops the build;
# CHERHA_BENCH_JOBS sets the build parallelism (default 2).
# The figures are for reading, not pass/fail thresholds: this script fails only when the
# build or the benchmark itself fails.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${1:-"$root/build/bench"}
[ $# -gt 0 ] && shift
case $build_dir in
    /*) ;;
    *) build_dir="$(pwd)/$build_dir" ;;
esac
jobs=${CHERHA_BENCH_JOBS:-2}

cd "$root"
# shellcheck disable=SC2086 # word splitting of the extra options is intended
cmake --preset bench -B "$build_dir" ${CHERHA_BENCH_CMAKE_ARGS:-}
only=${CHERHA_BENCH_ONLY:-all}
mkdir -p "$root/tests/bench/results"

# Runs the desk bench with the given options, on the display or under xvfb-run.
desk_bench() {
    if [ -n "${DISPLAY:-}" ]; then
        "$build_dir/tests/bench/cherha_desk_bench" "$@"
    else
        xvfb-run -a -s "-screen 0 1600x1000x24" "$build_dir/tests/bench/cherha_desk_bench" "$@"
    fi 2>/dev/null
}
run_desk() {
    cmake --build "$build_dir" --target cherha_desk_bench -j "$jobs"
    desk_bench | tee "$root/tests/bench/results/desk.txt"
    # The 5,000-booking day's memory in a process of its own (the first run's process has
    # already done the scans, the decoding and a first window).
    desk_bench --only-day-memory | tee -a "$root/tests/bench/results/desk.txt"
}
if [ "$only" = desk ]; then
    run_desk
    exit 0
fi
if [ "$only" != core ]; then
    cmake --build "$build_dir" --target cherha_server_bench -j "$jobs"
fi
if [ "$only" = server ]; then
    "$build_dir/tests/bench/cherha_server_bench" | tee "$root/tests/bench/results/server.txt"
    exit 0
fi

cmake --build "$build_dir" --target cherha_core_bench -j "$jobs"
"$build_dir/tests/bench/cherha_core_bench" \
    --benchmark_min_time=0.2 \
    --benchmark_counters_tabular=false \
    --benchmark_out="$root/tests/bench/results/core.json" \
    --benchmark_out_format=json \
    "$@"
echo "JSON written to tests/bench/results/core.json"
if [ "$only" != core ]; then
    "$build_dir/tests/bench/cherha_server_bench" | tee "$root/tests/bench/results/server.txt"
fi
if [ "$only" != core ]; then
    run_desk
fi
